/**
 * Which measurement gives the dose its concentration (issue 9 item 10): the batch's NTA measurements with
 * file, sample, capture date, the stock concentration, the dilution (from the file, entered, or "not
 * recorded" with a field to enter it) and the QC status. Nothing is picked until the user picks; retracted
 * and unreadable measurements cannot be picked; QC errors are listed so the form can ask for acceptance.
 */
import type { DoseConcentrationSource } from '../../../../src/science/pk/dosing/dose-concentration-source.ts';
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
  if (s.dilution.origin === 'file') return `×${s.dilution.factor} (from the file)`;
  return s.dilution.origin === 'entered' ? 'entered' : 'not recorded';
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
        This batch has no NTA measurement: upload one on the batch page, or enter the concentration.
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
            <th className="num">Stock (particles/mL)</th>
            <th>Dilution</th>
            <th>QC</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => {
            const label = s.fileName ?? s.measurementId;
            const blocked = s.unusable[0];
            return (
              <tr
                key={s.measurementId}
                data-measurement={s.measurementId}
                className={blocked ? 'muted' : undefined}
              >
                <td>
                  <input
                    type="radio"
                    name="dose-concentration-source"
                    aria-label={`Use ${label}`}
                    checked={selected === s.measurementId}
                    disabled={blocked !== undefined}
                    onChange={() => onSelect(s)}
                  />
                </td>
                <td className="wrap-name">
                  <Link to={`/measurements/${s.measurementId}`}>{label}</Link>
                  {s.sample ? <div className="muted small">sample {s.sample}</div> : null}
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
                    dilutionText(s)
                  )}
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
