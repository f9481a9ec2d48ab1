/**
 * The biodistribution analysis of a stored study, computed in the browser with the pure
 * `analyseBiodistribution` (the function behind POST /api/pk/biodistribution) from the study's organ rows,
 * label, species and body weight: the per-organ exposure table, warnings and the label's caveats.
 */
import { useMemo, useState } from 'react';
import type { PkStudy } from '../../../../src/domain/pk-study.ts';
import {
  isRadioLabel,
  RADIONUCLIDE_HALF_LIVES,
} from '../../../../src/science/pk/biodistribution/radionuclide-half-lives.ts';
import { BiodistCaveats } from './biodist-caveats.tsx';
import { BiodistOrganTable } from './biodist-organ-table.tsx';
import { studyBiodistribution } from './pk-study-observations.ts';

export function PkStudyBiodistribution({ study }: { study: PkStudy }) {
  const [decayCorrect, setDecayCorrect] = useState(false);
  const radio = isRadioLabel(study.label) ? study.label : null;
  const analysis = useMemo(
    () => studyBiodistribution(study, { decayCorrect: decayCorrect && radio !== null }),
    [study, decayCorrect, radio],
  );
  if (study.observations.biodistribution.length === 0) {
    return (
      <p className="muted">No biodistribution data. Edit the study to paste or upload an organ table.</p>
    );
  }
  if (!analysis.ok) {
    return (
      <p className="text-error" role="alert">
        The organ data cannot be analysed: {analysis.error}
      </p>
    );
  }
  const report = analysis.value;
  return (
    <div className="stack">
      <div className="pk-facts">
        <span>
          {report.rowCount} values · {report.organs.length} organs · times {report.timesH.join(', ')} h
        </span>
        {report.bodyWeightKg !== null ? (
          <span>
            {report.species}, {Number((report.bodyWeightKg * 1000).toPrecision(6))} g
            {report.bodyWeightSource === 'reference' ? ' (reference weight)' : ''}
          </span>
        ) : null}
        {radio ? (
          <label className="pk-check">
            <input
              type="checkbox"
              checked={decayCorrect}
              onChange={(e) => setDecayCorrect(e.target.checked)}
            />
            Decay-correct ({radio}, T½ {RADIONUCLIDE_HALF_LIVES[radio].stated.value}{' '}
            {RADIONUCLIDE_HALF_LIVES[radio].stated.unit}, ENSDF)
          </label>
        ) : null}
      </div>
      {report.warnings.length > 0 ? (
        <ul className="pk-notes" aria-label="Biodistribution warnings">
          {report.warnings.map((w) => (
            <li key={w.code + w.message} className="warning">
              {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      <BiodistOrganTable report={report} />
      {report.unitKind !== 'relative' ? (
        <p className="muted small">
          <sup>ref</sup> reference organ mass scaled to body weight: {report.referenceMasses.authors}{' '}
          {report.referenceMasses.year}, {report.referenceMasses.journal}. Measured masses (organ_mass_g) take
          precedence.
        </p>
      ) : null}
      {report.flags.length > 0 ? (
        <div>
          <h4 className="pk-subhead">Label caveats</h4>
          <BiodistCaveats flags={report.flags} />
        </div>
      ) : null}
    </div>
  );
}
