/**
 * Which measurement gives the dose its concentration (issue 9 item 10): the batch's NanoSight, ZetaView and
 * protein-assay (one row per plate sample) measurements with file, sample, capture date, the stock
 * concentration and its unit, the dilution (from the file: read-only and said so; entered, or "not recorded"
 * with a field to enter it) and the QC status. Nothing is picked until the user picks; retracted
 * and unreadable measurements cannot be picked; QC errors are listed so the form can ask for acceptance.
 */
import {
  DOSE_SOURCE_UNIT_LABELS,
  type DoseConcentrationSource,
} from '../../../../src/science/pk/dosing/dose-concentration-source.ts';
import { DASH, formatDateTime, formatSci } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';
import { Link } from '../../router.tsx';
import { DilutionFactorField } from '../measurement-curation.tsx';

const QC_TEXT: Record<DoseConcentrationSource['qc']['status'], string> = {
  pass: 'pass',
  warning: 'warnings',
  error: 'errors',
  'not-assessed': 'not assessed',
};

function dilutionText(s: DoseConcentrationSource): string {
  if (s.dilution.origin === 'file')
    return `×${s.dilution.factor} (${s.unit === 'ug-protein' ? 'from the plate layout' : 'from the file'}; not editable)`;
  return s.dilution.origin === 'entered' ? 'entered' : 'not recorded';
}

/** One row per source: a plate gives several sources of one measurement. */
export function doseSourceKey(s: Pick<DoseConcentrationSource, 'measurementId' | 'sampleId'>): string {
  return s.sampleId === null ? s.measurementId : `${s.measurementId}#${s.sampleId}`;
}

export function DoseSourcePicker({
  sources,
  selected,
  onSelect,
  onDilutionChanged,
}: {
  sources: DoseConcentrationSource[];
  selected: string | null;
  onSelect: (source: DoseConcentrationSource) => void;
  onDilutionChanged: () => void;
}) {
  if (sources.length === 0)
    return (
      <p className="muted small">
        This batch has no NanoSight, ZetaView or protein-assay measurement: upload one on the batch page, or
        enter the concentration.
      </p>
    );
  return (
    <div className="table-scroll" {...SCROLLABLE}>
      <table className="table" aria-label="Concentration sources">
        <thead>
          <tr>
            <th>Use</th>
            <th>Measurement</th>
            <th>Recorded</th>
            <th className="num">Stock concentration</th>
            <th>Dilution</th>
            <th>QC</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => {
            const label = `${s.fileName ?? s.measurementId}${s.sampleId ? ` · ${s.sampleId}` : ''}`;
            const blocked = s.unusable[0];
            const key = doseSourceKey(s);
            return (
              <tr
                key={key}
                data-measurement={s.measurementId}
                data-sample={s.sampleId ?? undefined}
                data-kind={s.kind}
                className={blocked ? 'muted' : undefined}
              >
                <td>
                  <input
                    type="radio"
                    name="dose-concentration-source"
                    aria-label={`Use ${label}`}
                    checked={selected === key}
                    disabled={blocked !== undefined}
                    onChange={() => onSelect(s)}
                  />
                </td>
                <td className="wrap-name">
                  <Link to={`/measurements/${s.measurementId}`}>{s.fileName ?? s.measurementId}</Link>
                  <div className="muted small">
                    {s.instrument}
                    {s.sample ? ` · sample ${s.sample}` : ''}
                  </div>
                  {blocked ? (
                    <div className="small text-error">
                      {blocked.code === 'measurement-retracted' ? 'Retracted: ' : 'Cannot be used: '}
                      {blocked.message}
                    </div>
                  ) : null}
                </td>
                <td className="nowrap">{formatDateTime(s.capturedAt ?? s.recordedAt)}</td>
                <td className="num">
                  {s.concentrationPerMl === null ? DASH : formatSci(s.concentrationPerMl, 3)}
                  <div className="muted small">{DOSE_SOURCE_UNIT_LABELS[s.unit]}</div>
                </td>
                <td>
                  {s.dilution.editable && !s.retraction ? (
                    <>
                      <DilutionFactorField
                        m={{ id: s.measurementId, dilutionFactor: s.dilution.factor }}
                        onChanged={onDilutionChanged}
                        label={`Dilution factor of ${label}`}
                      />{' '}
                      <span className="muted small">{dilutionText(s)}</span>
                    </>
                  ) : (
                    <span data-dilution-origin={s.dilution.origin}>{dilutionText(s)}</span>
                  )}
                  <div className="muted small">{s.dilutionRule}</div>
                </td>
                <td>
                  <span className={`qc-status qc-${s.qc.status}`} data-qc={s.qc.status}>
                    {QC_TEXT[s.qc.status]}
                  </span>
                  {s.qc.errors.length > 0 ? (
                    <ul className="small dose-source-flags">
                      {s.qc.errors.map((f) => (
                        <li key={f.code + f.message} className={f.level}>
                          {f.message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {s.qc.warnings.length > 0 ? (
                    <details className="small">
                      <summary>
                        {s.qc.warnings.length} warning{s.qc.warnings.length === 1 ? '' : 's'}
                      </summary>
                      <ul className="dose-source-flags">
                        {s.qc.warnings.map((f) => (
                          <li key={f.code + f.message}>{f.message}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
