/**
 * The PK page's one data box (issue 9 item 9): paste, upload or load a concentration–time table, map its
 * columns, give the route, the dose and the units once. NCA and the compartment-model fits below both read
 * it (pk-data-context.tsx). "Analyse on PK page" of a stored study opens the page with `?analyse=<study id>`,
 * which loads the study's rows here.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ConcentrationColumns } from '../../../../src/formats/pk-csv/read-concentration-table.ts';
import { NCA_ROUTES, type NcaRoute, TIME_UNITS } from '../../../../src/science/pk/nca/index.ts';
import { ApiError, toApiError } from '../../api/client.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { useLocation } from '../../router.tsx';
import { Field } from '../field.tsx';
import { ErrorPanel, Loading } from '../states.tsx';
import { EXAMPLE_TABLE } from './nca-panel-model.ts';
import { usePkData } from './pk-data-context.tsx';
import { EMPTY_SHARED_DATA, type PkSharedData, studyToSharedData } from './pk-shared-data.ts';
import './nca-panel.css';

export const ROUTE_LABELS: Record<NcaRoute, string> = {
  extravascular: 'Extravascular (oral, s.c., i.p., …)',
  'iv-bolus': 'IV bolus',
  'iv-infusion': 'IV infusion',
};

/**
 * The synthetic example (nca-panel-model.ts EXAMPLE_TABLE): IV bolus in mouse plasma, times in minutes,
 * the dose in the table's Dose column.
 */
const SYNTHETIC: PkSharedData = {
  ...EMPTY_SHARED_DATA,
  text: EXAMPLE_TABLE,
  fileName: 'example.tsv',
  columns: { id: 'Mouse', time: 'Time (min)', conc: 'Particles per mL', dose: 'Dose' },
  route: 'iv-bolus',
  timeUnit: 'min',
  concUnit: 'particles/mL',
  doseUnit: 'particles',
};

/**
 * Theophylline, subject 1, 320 mg oral (R datasets::Theoph; Boeckmann, Sheiner & Beal 1994, NONMEM Users
 * Guide V).
 */
const THEOPHYLLINE: PkSharedData = {
  ...EMPTY_SHARED_DATA,
  text: [
    'id,time,conc',
    '1,0,0.74',
    '1,0.25,2.84',
    '1,0.57,6.57',
    '1,1.12,10.5',
    '1,2.02,9.66',
    '1,3.82,8.58',
    '1,5.1,8.36',
    '1,7.03,7.47',
    '1,9.05,6.89',
    '1,12.12,5.94',
    '1,24.37,3.28',
  ].join('\n'),
  fileName: 'theophylline-subject-1.csv',
  columns: { id: 'id', time: 'time', conc: 'conc' },
  route: 'extravascular',
  dose: '320',
  timeUnit: 'h',
  concUnit: 'mg/L',
  doseUnit: 'mg',
};

/** Loads the stored study named by `?analyse=` into the data box, once per id. */
function useAnalyseStudy(): { loading: boolean; error: ApiError | null } {
  const { replace } = usePkData();
  const studyId = useLocation().search.get('analyse');
  const loaded = useRef<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!studyId || loaded.current === studyId) return;
    loaded.current = studyId;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    pkApi
      .getPkStudy(studyId, controller.signal)
      .then((study) => {
        if (study.observations.concentrationTime.length === 0) {
          setError(
            new ApiError({
              status: 0,
              title: 'No concentration–time data',
              detail: `The PK study "${study.title || study.id}" has no concentration–time rows to analyse.`,
            }),
          );
          return;
        }
        replace(studyToSharedData(study));
      })
      .catch((e) => {
        if (!controller.signal.aborted) setError(toApiError(e));
      })
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [studyId, replace]);
  return { loading, error };
}

export function PkDataPanel() {
  const ids = useId();
  const { data, parsed, loadText, replace, update } = usePkData();
  const study = useAnalyseStudy();
  const columns = data.columns;
  const columnSelect = (key: keyof ConcentrationColumns, label: string, optional: string | null) => (
    <Field
      label={label}
      error={!optional && parsed.table && !columns[key] ? `Choose the ${label.toLowerCase()}` : null}
    >
      <select
        aria-label={label}
        value={columns[key] ?? ''}
        onChange={(e) => update({ columns: { ...columns, [key]: e.target.value || undefined } })}
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
  const doseNumber = Number(data.dose.replace(',', '.'));
  const doseError = data.dose.trim() !== '' && !(doseNumber > 0) ? 'A positive number' : null;

  return (
    <section className="panel pk-data-panel" aria-labelledby={`${ids}-title`}>
      <div className="panel-head">
        <h2 id={`${ids}-title`}>Concentration–time data</h2>
        <span className="muted small">one table, one dose: NCA and the compartment models both use it</span>
      </div>
      {study.loading ? <Loading what="PK study" /> : null}
      {study.error ? <ErrorPanel error={study.error} compact /> : null}
      {data.origin ? (
        <p className="pk-data-origin" role="status">
          From PK study <strong>{data.origin.title}</strong>: its concentration–time rows, route and dose.
          {data.origin.note ? <span className="muted"> {data.origin.note}</span> : null}
        </p>
      ) : null}
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
            value={data.text}
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
              aria-label="Upload concentration–time CSV"
              className="nca-file"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) loadText(await file.text(), file.name);
                e.target.value = '';
              }}
            />
          </label>
          <button type="button" className="button" onClick={() => replace(SYNTHETIC)}>
            Load synthetic example
          </button>
          <button type="button" className="button" onClick={() => replace(THEOPHYLLINE)}>
            Load theophylline example
          </button>
          {data.text ? (
            <button type="button" className="button" onClick={() => replace(EMPTY_SHARED_DATA)}>
              Clear
            </button>
          ) : null}
        </div>
      </div>

      {parsed.error && data.text.trim() !== '' ? (
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
              aria-label="PK route"
              value={data.route}
              onChange={(e) => update({ route: e.target.value as NcaRoute })}
            >
              {NCA_ROUTES.map((r) => (
                <option key={r} value={r}>
                  {ROUTE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Dose"
            unit={data.doseUnit || undefined}
            error={doseError}
            hint={
              columns.dose
                ? 'NCA: for subjects without a dose cell; model fits: per administration'
                : 'per administration, for NCA and the model fits'
            }
          >
            <input
              aria-label="PK dose"
              inputMode="decimal"
              value={data.dose}
              onChange={(e) => update({ dose: e.target.value })}
            />
          </Field>
          {data.route === 'iv-infusion' ? (
            <Field label="Infusion duration" unit={data.timeUnit || undefined}>
              <input
                aria-label="PK infusion duration"
                inputMode="decimal"
                value={data.duration}
                onChange={(e) => update({ duration: e.target.value })}
              />
            </Field>
          ) : null}
          <Field label="Time unit" hint="of the time column">
            <select
              aria-label="PK time unit"
              value={data.timeUnit}
              onChange={(e) => update({ timeUnit: e.target.value as PkSharedData['timeUnit'] })}
            >
              <option value="">— none —</option>
              {TIME_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Concentration unit" hint="ng/mL, particles/mL, %ID/mL…">
            <input
              aria-label="PK concentration unit"
              value={data.concUnit}
              onChange={(e) => update({ concUnit: e.target.value })}
            />
          </Field>
          <Field label="Dose unit" hint="mg, mg/kg, particles, µg protein…">
            <input
              aria-label="PK dose unit"
              value={data.doseUnit}
              onChange={(e) => update({ doseUnit: e.target.value })}
            />
          </Field>
        </div>
      ) : null}
    </section>
  );
}
