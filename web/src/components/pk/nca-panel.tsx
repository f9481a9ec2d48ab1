/**
 * Non-compartmental analysis on the PK page of the table in the data box (pk-data-panel.tsx: columns, route,
 * dose and units are given there, once, for NCA and the model fits); choose the AUC method and read the NCA
 * parameters per subject (CDISC codes, NCI names, units). The semi-log plot highlights the λz points; a click
 * on a point (or its checkbox) puts it in or out of the λz regression and everything is recomputed at once in
 * the browser with the same pure code the CLI and API use. "Automatic λz" returns to WinNonlin's best fit.
 */

import { useCallback, useId, useMemo, useState } from 'react';
import { AUC_METHODS, cdiscParameter, TIME_UNITS } from '../../../../src/science/pk/nca/index.ts';
import { ApiError } from '../../api/client.ts';
import {
  DASH,
  formatDecimals,
  formatInputNumber,
  formatInteger,
  formatSignificant,
} from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';
import { ConcentrationTimePlot } from '../../plots/concentration-time-plot.tsx';
import { Field } from '../field.tsx';
import { Empty, ErrorPanel } from '../states.tsx';
import {
  analyseSubjects,
  DEFAULT_SETTINGS,
  type LambdaZOverride,
  type NcaSettings,
  reportTimeUnitOf,
  resultsToCsv,
  settingsErrors,
  toggleLambdaZPoint,
} from './nca-panel-model.ts';
import './nca-panel.css';
import { NcaSummaryTable } from './nca-summary-table.tsx';
import { usePkData } from './pk-data-context.tsx';
import { ROUTE_LABELS } from './pk-data-panel.tsx';

const AUC_LABELS = { linear: 'Linear trapezoidal', 'linear-log': 'Linear-up / log-down' } as const;

/** Five significant digits in the UI's number format (×10ⁿ outside 0.01…10 000); R² and correlation with six decimals. */
export function formatNcaValue(code: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (code === 'LAMZNPT') return formatInteger(value);
  if (code === 'R2' || code === 'R2ADJ' || code === 'CORRXY') return formatDecimals(value, 6);
  return formatSignificant(value, 5);
}

/** A sample time as typed, or, once converted (5 min → 0.0833333 h), to six significant digits. */
function shortTime(t: number): string {
  return formatInputNumber(t, 6);
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function NcaPanel() {
  const ids = useId();
  // The subject is the page's one selection, shared with the model fits (issue 9 item 9).
  const { data, parsed, tableVersion, subjectId, setSubjectId } = usePkData();
  const columns = data.columns;
  const [aucMethod, setAucMethod] = useState<NcaSettings['aucMethod']>(DEFAULT_SETTINGS.aucMethod);
  const [reportTimeUnit, setReportTimeUnit] = useState<NcaSettings['reportTimeUnit']>('');
  const [overrides, setOverrides] = useState<Map<string, LambdaZOverride>>(new Map());
  const [clickMessage, setClickMessage] = useState<string | null>(null);
  // A new table (or column mapping) starts again with automatic λz for every subject.
  const [seenVersion, setSeenVersion] = useState(tableVersion);
  if (seenVersion !== tableVersion) {
    setSeenVersion(tableVersion);
    setOverrides(new Map());
    setClickMessage(null);
  }
  const settings = useMemo<NcaSettings>(
    () => ({
      route: data.route,
      aucMethod,
      dose: data.dose,
      duration: data.duration,
      timeUnit: data.timeUnit,
      reportTimeUnit: data.timeUnit ? reportTimeUnit : '',
      concUnit: data.concUnit,
      doseUnit: data.doseUnit,
    }),
    [data, aucMethod, reportTimeUnit],
  );
  const text = data.text;

  const errors = settingsErrors(settings, columns);
  const ready = parsed.table !== null && Object.keys(errors).length === 0;
  const analysis = useMemo(() => {
    if (!ready || !parsed.table || !columns.time || !columns.conc) return null;
    // The same reader as `evlab nca` and the API (read-concentration-table.ts), on the box's text.
    return analyseSubjects(
      { text: data.text, fileName: data.fileName },
      {
        ...(columns.id ? { id: columns.id } : {}),
        time: columns.time,
        conc: columns.conc,
        ...(columns.dose ? { dose: columns.dose } : {}),
      },
      settings,
      overrides,
    );
  }, [ready, parsed.table, data.text, data.fileName, columns, settings, overrides]);

  const subjects = analysis?.subjects ?? [];
  const current = subjects.find((s) => s.id === subjectId) ?? subjects[0] ?? null;
  const result = current?.result ?? null;
  const p = result?.parameters;
  const intercept =
    p?.LAMZ != null && p.CLSTP != null && p.TLST != null && p.CLSTP > 0
      ? Math.log(p.CLSTP) + p.LAMZ * p.TLST
      : null;
  // Results (plot, λz range, parameters) are in the report time unit; inputs (duration) in the data's.
  const timeLabel = reportTimeUnitOf(settings) || 'time';
  const missingDose = subjects.some((s) => s.dose === null);

  const onPointClick = useCallback(
    (time: number) => {
      if (!result) return;
      const toggled = toggleLambdaZPoint(result, time, settings);
      if (!toggled.override) {
        setClickMessage(toggled.reason);
        return;
      }
      setClickMessage(null);
      setOverrides((old) => new Map(old).set(result.id, toggled.override));
    },
    [result, settings],
  );
  const resetLambdaZ = () => {
    if (!result) return;
    setClickMessage(null);
    setOverrides((old) => {
      const next = new Map(old);
      next.delete(result.id);
      return next;
    });
  };
  const dataErrors = [errors.time, errors.conc, errors.dose, errors.duration].filter(Boolean);

  return (
    <section className="panel nca-panel" aria-labelledby={`${ids}-title`}>
      <div className="panel-head">
        <h2 id={`${ids}-title`}>Non-compartmental analysis</h2>
        <span className="muted small">
          Phoenix WinNonlin rules · CDISC PPTESTCD codes · computed in your browser
        </span>
      </div>

      {parsed.table ? (
        <div className="form-grid nca-settings">
          <Field label="AUC method">
            <select
              aria-label="NCA AUC method"
              value={aucMethod}
              onChange={(e) => setAucMethod(e.target.value as NcaSettings['aucMethod'])}
            >
              {AUC_METHODS.map((m) => (
                <option key={m} value={m}>
                  {AUC_LABELS[m]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Report time in"
            error={errors.reportTimeUnit ?? null}
            hint={
              settings.timeUnit
                ? 'converts Tmax, t½, λz, AUC, AUMC, MRT, CL'
                : 'give the time unit in the data box first'
            }
          >
            <select
              aria-label="Report time in"
              value={settings.reportTimeUnit}
              disabled={!settings.timeUnit}
              onChange={(e) => setReportTimeUnit(e.target.value as NcaSettings['reportTimeUnit'])}
            >
              <option value="">
                {settings.timeUnit ? `same as data (${settings.timeUnit})` : '— same as data —'}
              </option>
              {TIME_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </Field>
          <p className="muted small nca-shared-note">
            Route {ROUTE_LABELS[settings.route]} · dose{' '}
            {settings.dose.trim() ? `${settings.dose} ${settings.doseUnit}`.trim() : 'not given'} — from the
            data box above.
          </p>
        </div>
      ) : null}
      {parsed.table && dataErrors.length > 0 ? (
        <p className="text-error small" role="alert">
          In the data box: {dataErrors.join('; ')}.
        </p>
      ) : null}

      {analysis?.error ? (
        <ErrorPanel
          error={new ApiError({ status: 0, title: 'Cannot analyse the table', detail: analysis.error })}
          compact
        />
      ) : null}

      {!text.trim() ? (
        <Empty title="No data yet">
          Paste a table, upload a CSV or load an example in the concentration–time data box above.
        </Empty>
      ) : null}

      {subjects.length > 0 ? (
        <div className="nca-results">
          <div className="nca-toolbar">
            <Field label="Subject">
              <select
                aria-label="NCA subject"
                value={current?.id ?? ''}
                onChange={(e) => {
                  setSubjectId(e.target.value);
                  setClickMessage(null);
                }}
              >
                {subjects.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.id}
                    {s.error ? ' (error)' : ''}
                  </option>
                ))}
              </select>
            </Field>
            <span className="muted small">
              {subjects.length} subject{subjects.length === 1 ? '' : 's'}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => download('nca-results.csv', resultsToCsv(subjects))}
              disabled={!subjects.some((s) => s.result)}
            >
              Export CSV
            </button>
          </div>
          {missingDose ? (
            <p className="muted small">Without a dose, CL, V and dose-normalised values stay empty.</p>
          ) : null}

          {current?.error ? (
            <ErrorPanel
              error={
                new ApiError({
                  status: 0,
                  title: `Subject ${current.id} cannot be analysed`,
                  detail: current.error,
                })
              }
            />
          ) : null}

          {result ? (
            <div className="nca-layout">
              <div className="nca-plot-col">
                <ConcentrationTimePlot
                  points={result.lambdaZPoints}
                  lambdaZ={p?.LAMZ ?? null}
                  intercept={intercept}
                  timeLabel={reportTimeUnitOf(settings) || 'no unit given'}
                  concLabel={settings.concUnit.trim() || 'no unit given'}
                  onPointClick={onPointClick}
                />
                <div className="nca-lz-head">
                  <span>
                    λz:{' '}
                    <strong>
                      {result.lambdaZMode === 'auto' ? 'automatic (best adjusted R²)' : 'manual'}
                    </strong>
                    {p?.LAMZNPT != null
                      ? ` · ${p.LAMZNPT} points, ${shortTime(p.LAMZLL ?? 0)}–${shortTime(p.LAMZUL ?? 0)} ${timeLabel}`
                      : ''}
                  </span>
                  <button
                    type="button"
                    className="button small"
                    onClick={resetLambdaZ}
                    disabled={result.lambdaZMode === 'auto'}
                  >
                    Reset to automatic
                  </button>
                </div>
                {clickMessage ? (
                  <p className="text-error small" role="alert">
                    {clickMessage}
                  </p>
                ) : null}
                <fieldset className="nca-points">
                  <legend className="small muted">
                    Points in the λz regression (click a point on the plot or tick it here)
                  </legend>
                  {result.lambdaZPoints.map((pt) => (
                    <label
                      key={pt.time}
                      className={`nca-point${pt.used ? ' used' : ''}${pt.excluded ? ' excluded' : ''}`}
                    >
                      <input
                        type="checkbox"
                        checked={pt.used}
                        disabled={!(pt.conc > 0)}
                        aria-label={`Use time ${shortTime(pt.time)} in λz`}
                        onChange={() => onPointClick(pt.time)}
                      />
                      {shortTime(pt.time)}
                    </label>
                  ))}
                </fieldset>
              </div>
              <div className="nca-table-col">
                <div className="table-scroll" {...SCROLLABLE}>
                  <table className="table nca-table" aria-label={`NCA parameters of subject ${result.id}`}>
                    <thead>
                      <tr>
                        <th>Code</th>
                        <th>Parameter</th>
                        <th className="num">Value</th>
                        <th>Unit</th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(result.parameters).map(([code, value]) => (
                        <tr key={code}>
                          <td className="mono">{code}</td>
                          <td>{cdiscParameter(code)?.name ?? code}</td>
                          <td className="num">{formatNcaValue(code, value)}</td>
                          <td className="muted">{result.units?.[code as keyof typeof result.units] ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {result.notes.length > 0 ? (
                  <ul className="nca-notes small" aria-label="Notes">
                    {result.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </div>
          ) : null}
          <NcaSummaryTable subjects={subjects} />
        </div>
      ) : null}
    </section>
  );
}
