/**
 * Non-compartmental analysis on the PK page: paste a concentration–time table (CSV/TSV copied from Excel,
 * with a header) or upload a CSV, map its columns, choose route, AUC method and dose, and read the NCA
 * parameters per subject (CDISC codes, NCI names, units). The semi-log plot highlights the λz points; a click
 * on a point (or its checkbox) puts it in or out of the λz regression and everything is recomputed at once in
 * the browser with the same pure code the CLI and API use. "Automatic λz" returns to WinNonlin's best fit.
 */

import { useCallback, useId, useMemo, useState } from 'react';
import type { ConcentrationColumns } from '../../../../src/formats/pk-csv/read-concentration-table.ts';
import {
  AUC_METHODS,
  cdiscParameter,
  NCA_ROUTES,
  type NcaRoute,
  TIME_UNITS,
} from '../../../../src/science/pk/nca/index.ts';
import { ApiError } from '../../api/client.ts';
import { formatSci } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';
import { ConcentrationTimePlot } from '../../plots/concentration-time-plot.tsx';
import { Field } from '../field.tsx';
import { Empty, ErrorPanel } from '../states.tsx';
import {
  analyseSubjects,
  DEFAULT_SETTINGS,
  EXAMPLE_TABLE,
  initialColumns,
  type LambdaZOverride,
  type NcaSettings,
  parseTable,
  reportTimeUnitOf,
  resultsToCsv,
  settingsErrors,
  toggleLambdaZPoint,
} from './nca-panel-model.ts';
import './nca-panel.css';
import { NcaSummaryTable } from './nca-summary-table.tsx';

const ROUTE_LABELS: Record<NcaRoute, string> = {
  extravascular: 'Extravascular (oral, s.c., i.p., …)',
  'iv-bolus': 'IV bolus',
  'iv-infusion': 'IV infusion',
};
const AUC_LABELS = { linear: 'Linear trapezoidal', 'linear-log': 'Linear-up / log-down' } as const;

/** Five significant digits, exponent outside 1e-4…1e6; R² and correlation with six decimals. */
export function formatNcaValue(code: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (code === 'LAMZNPT') return String(value);
  if (code === 'R2' || code === 'R2ADJ' || code === 'CORRXY') return value.toFixed(6);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e6) return String(Number(value.toPrecision(5)));
  return formatSci(Number(value.toPrecision(5)), 5, { trim: true });
}

/** A sample time as typed, or, once converted (5 min → 0.0833333 h), to six significant digits. */
function shortTime(t: number): string {
  return String(Number(t.toPrecision(6)));
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
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [columns, setColumns] = useState<Partial<ConcentrationColumns>>({});
  const [settings, setSettings] = useState<NcaSettings>(DEFAULT_SETTINGS);
  const [overrides, setOverrides] = useState<Map<string, LambdaZOverride>>(new Map());
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [clickMessage, setClickMessage] = useState<string | null>(null);

  const parsed = useMemo(() => parseTable(text, fileName), [text, fileName]);

  const loadText = (next: string, name?: string) => {
    setText(next);
    setFileName(name);
    const p = parseTable(next, name);
    setColumns(p.table ? initialColumns(p.table) : {});
    setOverrides(new Map());
    setSubjectId(null);
    setClickMessage(null);
  };

  const errors = settingsErrors(settings, columns);
  const ready = parsed.table !== null && Object.keys(errors).length === 0;
  const analysis = useMemo(() => {
    if (!ready || !parsed.table || !columns.time || !columns.conc) return null;
    return analyseSubjects(
      parsed.table,
      {
        ...(columns.id ? { id: columns.id } : {}),
        time: columns.time,
        conc: columns.conc,
        ...(columns.dose ? { dose: columns.dose } : {}),
      },
      settings,
      overrides,
    );
  }, [ready, parsed.table, columns, settings, overrides]);

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
  const _concLabel = settings.concUnit.trim() || 'conc';
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
  const set = <K extends keyof NcaSettings>(key: K, value: NcaSettings[K]) =>
    setSettings((s) => ({ ...s, [key]: value }));
  const columnSelect = (key: keyof ConcentrationColumns, label: string, optional: string | null) => (
    <Field label={label} error={errors[key] ?? null}>
      <select
        aria-label={label}
        value={columns[key] ?? ''}
        onChange={(e) => {
          setColumns((c) => ({ ...c, [key]: e.target.value || undefined }));
          setOverrides(new Map());
        }}
      >
        <option value="">{optional ?? '— choose —'}</option>
        {parsed.table?.columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <section className="panel nca-panel" aria-labelledby={`${ids}-title`}>
      <div className="panel-head">
        <h2 id={`${ids}-title`}>Non-compartmental analysis</h2>
        <span className="muted small">
          Phoenix WinNonlin rules · CDISC PPTESTCD codes · computed in your browser
        </span>
      </div>

      <div className="nca-input">
        <Field
          label="Concentration–time table"
          wide
          hint="Paste cells from Excel (with the header row) or CSV text."
        >
          <textarea
            aria-label="Concentration–time table"
            rows={7}
            spellCheck={false}
            className="nca-textarea mono"
            value={text}
            placeholder={'Subject\tTime\tConc\n1\t0\t0\n1\t0.5\t4.2\n…'}
            onChange={(e) => loadText(e.target.value)}
          />
        </Field>
        <div className="nca-input-actions">
          <label className="button">
            Upload CSV
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
              aria-label="Upload CSV for NCA"
              className="nca-file"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) loadText(await file.text(), file.name);
                e.target.value = '';
              }}
            />
          </label>
          <button
            type="button"
            className="button"
            onClick={() => {
              loadText(EXAMPLE_TABLE, 'example.tsv');
              setSettings({
                ...DEFAULT_SETTINGS,
                route: 'iv-bolus',
                aucMethod: 'linear-log',
                timeUnit: 'min',
                concUnit: 'particles/mL',
                doseUnit: 'particles',
              });
            }}
          >
            Load synthetic example
          </button>
          {text ? (
            <button type="button" className="button" onClick={() => loadText('')}>
              Clear
            </button>
          ) : null}
        </div>
      </div>

      {parsed.error && text.trim() !== '' ? (
        <ErrorPanel
          error={new ApiError({ status: 0, title: 'Cannot read the table', detail: parsed.error })}
          compact
        />
      ) : null}

      {parsed.table ? (
        <div className="form-grid nca-settings">
          {columnSelect('id', 'Subject column', '— one profile —')}
          {columnSelect('time', 'Time column', null)}
          {columnSelect('conc', 'Concentration column', null)}
          {columnSelect('dose', 'Dose column', '— same dose for all —')}
          <Field label="Route">
            <select
              aria-label="NCA route"
              value={settings.route}
              onChange={(e) => set('route', e.target.value as NcaRoute)}
            >
              {NCA_ROUTES.map((r) => (
                <option key={r} value={r}>
                  {ROUTE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="AUC method">
            <select
              aria-label="NCA AUC method"
              value={settings.aucMethod}
              onChange={(e) => set('aucMethod', e.target.value as NcaSettings['aucMethod'])}
            >
              {AUC_METHODS.map((m) => (
                <option key={m} value={m}>
                  {AUC_LABELS[m]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Dose"
            unit={settings.doseUnit || undefined}
            error={errors.dose ?? null}
            hint={columns.dose ? 'for subjects without a dose cell' : undefined}
          >
            <input
              aria-label="NCA dose"
              inputMode="decimal"
              value={settings.dose}
              onChange={(e) => set('dose', e.target.value)}
            />
          </Field>
          {settings.route === 'iv-infusion' ? (
            <Field
              label="Infusion duration"
              unit={settings.timeUnit || undefined}
              error={errors.duration ?? null}
            >
              <input
                aria-label="NCA infusion duration"
                inputMode="decimal"
                value={settings.duration}
                onChange={(e) => set('duration', e.target.value)}
              />
            </Field>
          ) : null}
          <Field label="Time unit" hint="of the time column">
            <select
              aria-label="NCA time unit"
              value={settings.timeUnit}
              onChange={(e) => set('timeUnit', e.target.value as NcaSettings['timeUnit'])}
            >
              <option value="">— none —</option>
              {TIME_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
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
                : 'choose the data time unit first'
            }
          >
            <select
              aria-label="Report time in"
              value={settings.reportTimeUnit}
              disabled={!settings.timeUnit && !settings.reportTimeUnit}
              onChange={(e) => set('reportTimeUnit', e.target.value as NcaSettings['reportTimeUnit'])}
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
          <Field label="Concentration unit" hint="ng/mL, particles/mL, %ID/mL…">
            <input
              aria-label="NCA concentration unit"
              value={settings.concUnit}
              onChange={(e) => set('concUnit', e.target.value)}
            />
          </Field>
          <Field label="Dose unit" hint="mg, mg/kg, particles, µg protein…">
            <input
              aria-label="NCA dose unit"
              value={settings.doseUnit}
              onChange={(e) => set('doseUnit', e.target.value)}
            />
          </Field>
        </div>
      ) : null}

      {analysis?.error ? (
        <ErrorPanel
          error={new ApiError({ status: 0, title: 'Cannot analyse the table', detail: analysis.error })}
          compact
        />
      ) : null}

      {!text.trim() ? (
        <Empty title="No data yet">Paste a table, upload a CSV or load the synthetic example.</Empty>
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
