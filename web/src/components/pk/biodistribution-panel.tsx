/**
 * Biodistribution: paste or upload an organ table (long or wide CSV/TSV), pick the label, toggle decay
 * correction; the server analyses it (POST /api/pk/biodistribution) and the panel shows an organ × time
 * heatmap, the fraction of the dose per organ over time, the per-organ table and the label's caveats.
 */
import { useState } from 'react';
import { EV_LABELS, type EvLabel } from '../../../../src/domain/ev-label.ts';
import { labelModalityProfile } from '../../../../src/domain/evidence/accessors.ts';
import {
  type BiodistributionUnit,
  PK_SPECIES,
  PK_SPECIES_LABELS,
  type PkSpecies,
} from '../../../../src/domain/pk-study.ts';
import type { BiodistributionReport } from '../../../../src/science/pk/biodistribution/analyse-biodistribution.ts';
import {
  isRadioLabel,
  RADIONUCLIDE_HALF_LIVES,
} from '../../../../src/science/pk/biodistribution/radionuclide-half-lives.ts';
import { type ApiError, toApiError } from '../../api/client.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { BiodistributionHeatmap } from '../../plots/biodistribution-heatmap.tsx';
import { OrganFractionBars } from '../../plots/organ-fraction-bars.tsx';
import { Field } from '../field.tsx';
import { ErrorPanel } from '../states.tsx';
import { VocabularySelect } from '../vocabulary-select.tsx';
import { BiodistCaveats } from './biodist-caveats.tsx';
import { BiodistOrganTable } from './biodist-organ-table.tsx';
import { BiodistFacts, BiodistWarnings } from './biodist-summary.tsx';
import { BiodistUnitField } from './biodist-unit-field.tsx';
import { DecimalInput } from './decimal-input.tsx';
import { ORGAN_TABLE_HINT, TableInput } from './table-input.tsx';
import './pk.css';

/** A made-up example in the wide layout, to try the panel (not data from a study). */
const EXAMPLE = [
  'organ (%ID/g)\t1 h\t4 h\t24 h',
  'blood\t12\t6\t1.5',
  'liver\t18\t24\t16',
  'spleen\t22\t35\t20',
  'lungs\t9\t5\t2',
  'kidneys\t6\t7\t4',
  'brain\t0.3\t0.4\t0.2',
].join('\n');

const LABELS = Object.keys(EV_LABELS) as EvLabel[];

type Metric = 'percentIdPerG' | 'percentId' | 'signal';

export function BiodistributionPanel() {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('pasted table');
  const [label, setLabel] = useState<EvLabel | ''>('');
  const [decayCorrect, setDecayCorrect] = useState(false);
  const [species, setSpecies] = useState<PkSpecies>('mouse');
  const [bodyWeightG, setBodyWeightG] = useState('25');
  const [unit, setUnit] = useState<BiodistributionUnit | ''>('');
  const [report, setReport] = useState<BiodistributionReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [metric, setMetric] = useState<Metric>('percentIdPerG');

  const canDecay = label !== '' && isRadioLabel(label);

  const analyse = async () => {
    if (csv.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      const weight = Number(bodyWeightG);
      const r = await pkApi.analyseBiodistribution({
        csv,
        fileName,
        label: label === '' ? null : label,
        decayCorrect: decayCorrect && canDecay,
        species,
        bodyWeightKg: bodyWeightG.trim() !== '' && weight > 0 ? weight / 1000 : null,
        ...(unit ? { defaultUnit: unit } : {}),
      });
      setReport(r);
      setMetric(r.unitKind === 'relative' ? 'signal' : 'percentIdPerG');
    } catch (e) {
      setError(toApiError(e));
      setReport(null);
    } finally {
      setBusy(false);
    }
  };

  const profile = label === '' ? undefined : labelModalityProfile(EV_LABELS[label]);

  return (
    <section className="panel" aria-labelledby="biodist-title">
      <div className="panel-head">
        <h2 id="biodist-title">Biodistribution</h2>
        <span className="muted small">
          organ × time → AUC, Cmax/Tmax, tissue:blood, fraction of dose, label caveats
        </span>
      </div>
      <TableInput
        label="Organ data (CSV/TSV)"
        hint={ORGAN_TABLE_HINT}
        name="Organ data"
        uploadName="Upload organ table"
        value={csv}
        placeholder={EXAMPLE}
        onText={setCsv}
        onUpload={(file) => {
          setFileName(file.name);
          setCsv(file.text);
        }}
      >
        <Field label="Label">
          <select
            aria-label="Biodistribution label"
            value={label}
            onChange={(e) => setLabel(e.target.value as EvLabel | '')}
          >
            <option value="">— not given —</option>
            {LABELS.map((l) => (
              <option key={l} value={l}>
                {l} ({EV_LABELS[l]})
              </option>
            ))}
          </select>
        </Field>
        <label className="pk-check">
          <input
            type="checkbox"
            checked={decayCorrect && canDecay}
            disabled={!canDecay}
            onChange={(e) => setDecayCorrect(e.target.checked)}
          />
          Decay-correct
          {canDecay ? (
            <span className="muted small">
              T½ {RADIONUCLIDE_HALF_LIVES[label as keyof typeof RADIONUCLIDE_HALF_LIVES].stated.value}{' '}
              {RADIONUCLIDE_HALF_LIVES[label as keyof typeof RADIONUCLIDE_HALF_LIVES].stated.unit} (ENSDF)
            </span>
          ) : null}
        </label>
        <Field label="Species">
          <VocabularySelect
            name="Biodistribution species"
            values={PK_SPECIES}
            labels={PK_SPECIES_LABELS}
            value={species}
            onChange={setSpecies}
          />
        </Field>
        <Field label="Body weight" unit="g">
          <DecimalInput
            name="Biodistribution body weight (g)"
            value={bodyWeightG}
            onChange={setBodyWeightG}
          />
        </Field>
        <BiodistUnitField name="Biodistribution default unit" value={unit} onChange={setUnit} />
        <div className="form-actions">
          <button
            type="button"
            className="button primary"
            disabled={busy || csv.trim() === ''}
            onClick={analyse}
          >
            {busy ? 'Analysing…' : 'Analyse'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setCsv(EXAMPLE);
              setFileName('example (made-up values)');
            }}
          >
            Load example
          </button>
        </div>
      </TableInput>
      {decayCorrect && canDecay ? (
        <p className="muted small">
          Decay correction multiplies each value by 2^(t/T½). Leave it off for %ID computed against a dose
          standard counted together with the tissues: those values are already corrected.
        </p>
      ) : null}
      {error ? <ErrorPanel error={error} /> : null}
      {report ? <BiodistResults report={report} metric={metric} onMetric={setMetric} /> : null}
      {profile ? (
        <div className="pk-review">
          <strong>{profile.name}</strong> (review, Li et al. 2025): {profile.principle}
          {profile.caveats.length > 0 ? (
            <ul className="pk-notes">
              {profile.caveats.map((c) => (
                <li key={c.id}>{c.text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function BiodistResults({
  report,
  metric,
  onMetric,
}: {
  report: BiodistributionReport;
  metric: Metric;
  onMetric: (m: Metric) => void;
}) {
  const relative = report.unitKind === 'relative';
  const unitLabel =
    metric === 'signal' ? (report.signalUnit ?? '') : metric === 'percentId' ? '%ID per organ' : '%ID/g';
  const cells = report.organs.flatMap((o) =>
    o.points.flatMap((p) => {
      const s = p[metric];
      return s ? [{ organ: o.name, timeH: p.timeH, value: s.mean }] : [];
    }),
  );
  const organNames = report.organs.filter((o) => o.points.some((p) => p[metric])).map((o) => o.name);
  const nameOf = new Map(report.organs.map((o) => [o.organ, o.name]));
  const bars = report.fractions.rows.flatMap((row) =>
    Object.entries(row.byOrgan).flatMap(([organ, v]) =>
      v === null ? [] : [{ timeH: row.timeH, organ: nameOf.get(organ) ?? organ, percent: v }],
    ),
  );
  const barOrgans = [...new Set(bars.map((b) => b.organ))];
  return (
    <section className="pk-results" aria-label="Biodistribution results">
      <BiodistFacts report={report}>
        <span>
          {report.decayCorrection.applied
            ? `decay-corrected (T½ ${report.decayCorrection.halfLifeH} h)`
            : 'not decay-corrected'}
        </span>
      </BiodistFacts>
      <BiodistWarnings warnings={report.warnings} name="Warnings" />
      <div className="pk-two">
        <div>
          <div className="panel-head">
            <h3 className="pk-subhead">Organ × time</h3>
            {!relative ? (
              <select
                aria-label="Heatmap value"
                value={metric}
                onChange={(e) => onMetric(e.target.value as Metric)}
              >
                <option value="percentIdPerG">%ID/g</option>
                <option value="percentId">%ID per organ</option>
              </select>
            ) : null}
          </div>
          <BiodistributionHeatmap cells={cells} organs={organNames} unit={unitLabel} />
        </div>
        <div>
          <h3 className="pk-subhead">
            {report.fractions.basis === 'percent-of-dose'
              ? 'Percent of injected dose per organ'
              : 'Share of measured signal'}
          </h3>
          {bars.length > 0 ? (
            <OrganFractionBars
              bars={bars}
              organs={barOrgans}
              yLabel={
                report.fractions.basis === 'percent-of-dose' ? '% of injected dose' : '% of measured signal'
              }
            />
          ) : (
            <p className="muted small">
              No organ masses to convert %ID/g to %ID: give measured organ masses.
            </p>
          )}
        </div>
      </div>
      <BiodistOrganTable report={report} />
      <div>
        <h3 className="pk-subhead">Label caveats</h3>
        <BiodistCaveats flags={report.flags} />
      </div>
    </section>
  );
}
