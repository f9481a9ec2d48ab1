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
import { BiodistFacts, BiodistWarnings } from './biodist-summary.tsx';
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
      <BiodistFacts report={report}>
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
      </BiodistFacts>
      <BiodistWarnings warnings={report.warnings} name="Biodistribution warnings" />
      <BiodistOrganTable report={report} />
      {report.flags.length > 0 ? (
        <div>
          <h4 className="pk-subhead">Label caveats</h4>
          <BiodistCaveats flags={report.flags} />
        </div>
      ) : null}
    </div>
  );
}
