/**
 * Compartment models: fit one or several models with a weighting to the table and dose of the data box
 * (pk-data-panel.tsx, shared with NCA)
 * (POST /api/pk/fit), see the observed points with fitted curves on a semi-log plot, residual plots, the
 * parameter table (SE, %RSE, 95 % CI) and a side-by-side comparison (AIC, BIC, ΔAIC). The simulate mode
 * redraws a curve live while parameter sliders move, computed in the browser with the pure model code.
 */
import { useMemo, useState } from 'react';
import {
  WEIGHTING_LABELS,
  WEIGHTING_SCHEMES,
  type WeightingScheme,
} from '../../../../src/science/pk/fitting/fit-types.ts';
import { COMPARTMENT_MODELS, findModel } from '../../../../src/science/pk/models/model-registry.ts';
import { repeatedDoses } from '../../../../src/science/pk/models/superposition.ts';
import { type ApiError, toApiError } from '../../api/client.ts';
import { followJob, isJobAnswer, type Job } from '../../api/jobs-client.ts';
import { type PkFitResponse, pkModelsApi } from '../../api/pk-models-client.ts';
import { ModelFitPlot } from '../../plots/model-fit-plot.tsx';
import { ResidualPlot } from '../../plots/residual-plot.tsx';
import { JobProgress } from '../job-progress.tsx';
import { Empty, ErrorPanel, Loading } from '../states.tsx';
import { ModelComparisonTable, ModelParameterTable } from './model-fit-tables.tsx';
import { NumberField } from './model-number-field.tsx';
import { ModelSimulator } from './model-simulator.tsx';
import { usePkData } from './pk-data-context.tsx';
import { fitSubjectsFromTable, sharedDoseValue } from './pk-shared-data.ts';
import './model-fit.css';

const FITTABLE = COMPARTMENT_MODELS.map((m) => m.id);

export function ModelFitPanel() {
  const [mode, setMode] = useState<'fit' | 'simulate'>('fit');
  return (
    <section className="panel" aria-labelledby="model-fit-title">
      <div className="panel-head">
        <h2 id="model-fit-title">Compartment models</h2>
        <div className="segmented model-fit-modes" role="tablist" aria-label="Compartment model mode">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'fit'}
            className={mode === 'fit' ? 'active' : ''}
            onClick={() => setMode('fit')}
          >
            Fit data
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'simulate'}
            className={mode === 'simulate' ? 'active' : ''}
            onClick={() => setMode('simulate')}
          >
            Simulate
          </button>
        </div>
      </div>
      {mode === 'fit' ? <ModelFitter /> : <ModelSimulator />}
    </section>
  );
}

function ModelFitter() {
  const { data, parsed: table, subjectId: sharedSubjectId, setSubjectId: setSharedSubjectId } = usePkData();
  const [doses, setDoses] = useState('1');
  const [tau, setTau] = useState('');
  const [lag, setLag] = useState(false);
  const [weighting, setWeighting] = useState<WeightingScheme>('1');
  const [models, setModels] = useState<string[]>(['1cmt-oral', '2cmt-oral']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [result, setResult] = useState<PkFitResponse | null>(null);
  const [fitJob, setFitJob] = useState<Job | null>(null);
  const [logScale, setLogScale] = useState(true);

  const parsed = useMemo(
    () => fitSubjectsFromTable(table.table, data.columns, data.fileName),
    [table.table, data.columns, data.fileName],
  );
  const dose = data.dose;
  const duration = data.route === 'iv-infusion' ? data.duration : '';
  const timeUnit = data.timeUnit;
  const doseUnit = data.doseUnit.trim();
  const concUnit = data.concUnit.trim();

  const toggleModel = (id: string) =>
    setModels((current) => (current.includes(id) ? current.filter((m) => m !== id) : [...current, id]));

  const fit = async () => {
    setInputError(null);
    setError(null);
    if (parsed.error) return setInputError(parsed.error);
    if (models.length === 0) return setInputError('Pick at least one model.');
    const doseValue = sharedDoseValue(data);
    if (doseValue === null) return setInputError('Give the dose (a positive number) in the data box above.');
    setBusy(true);
    try {
      setFitJob(null);
      const answer = await pkModelsApi.fit({
        models,
        subjects: parsed.subjects,
        dose: doseValue,
        doses: Number(doses) || 1,
        ...(tau ? { tau: Number(tau) } : {}),
        ...(duration ? { duration: Number(duration) } : {}),
        lag,
        weighting,
        // Units only name the parameters' units; a missing one is named as missing, never assumed.
        units: {
          amount: doseUnit || 'dose unit',
          concentration: concUnit || 'conc. unit',
          time: timeUnit || 'time unit',
        },
      });
      let response: PkFitResponse;
      if (isJobAnswer(answer)) {
        // Many subjects: fitted by a background job; its progress shows until the fits arrive.
        setFitJob(answer.job);
        const done = await followJob(answer.job.id, setFitJob);
        if (done.state === 'failed') throw new Error(done.error ?? 'the fitting job failed');
        if (done.state === 'cancelled') throw new Error('the fitting job was cancelled');
        response = done.result as PkFitResponse;
      } else response = answer;
      setResult(response);
    } catch (e) {
      setResult(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  // The subject shown is the page's one selection (shared with NCA); the first fitted one when it has none.
  const fitIds = result ? [...new Set(result.fits.map((f) => f.id))] : [];
  const subject =
    sharedSubjectId !== null && fitIds.includes(sharedSubjectId) ? sharedSubjectId : (fitIds[0] ?? null);
  const setSubject = setSharedSubjectId;
  const fits = result?.fits.filter((f) => f.id === subject) ?? [];
  const comparison = result?.comparisons.find((c) => c.id === subject) ?? null;
  const observed = parsed.subjects.find((s) => s.id === subject)?.observations ?? [];
  const curves = useMemo(() => {
    if (!result) return [];
    const regimen = (() => {
      try {
        return repeatedDoses(
          sharedDoseValue(data) ?? Number.NaN,
          Number(doses) || 1,
          Number(tau) || 0,
          duration ? Number(duration) : undefined,
        );
      } catch {
        return null;
      }
    })();
    if (!regimen) return [];
    const tMax = Math.max(...observed.map((o) => o.time), 1);
    const grid = Array.from({ length: 301 }, (_, i) => (tMax * i) / 300);
    return fits.flatMap((f) => {
      const model = findModel(f.model);
      if (!model) return [];
      const params = Object.fromEntries(f.parameters.map((p) => [p.name, p.estimate]));
      try {
        return [{ label: f.model, times: grid, conc: model.predict(params, regimen, grid, { lag }) }];
      } catch {
        return [];
      }
    });
  }, [result, fits, observed, data, doses, tau, duration, lag]);

  return (
    <div>
      <p className="muted small model-fit-source" role="status">
        Data from the box above:{' '}
        {parsed.error
          ? parsed.error
          : `${parsed.subjects.length} subject(s), ${parsed.rows} samples${
              parsed.blqSkipped > 0 ? ` (${parsed.blqSkipped} BLQ not fitted)` : ''
            }`}{' '}
        · dose per administration {dose.trim() ? `${dose} ${doseUnit}`.trim() : 'not given'}
        {duration ? ` · infusion ${duration} ${timeUnit}`.trimEnd() : ''}
        {timeUnit ? '' : ' · time unit not given: rate constants are per time unit of the data'}
      </p>
      <div className="form-grid">
        <NumberField
          label="Number of doses"
          name="Model fit number of doses"
          value={doses}
          onChange={setDoses}
        />
        <NumberField
          label="Dosing interval τ"
          name="Model fit dosing interval τ"
          {...(timeUnit ? { unit: timeUnit } : {})}
          value={tau}
          onChange={setTau}
        />
        <label className="field">
          <span className="field-label">Weighting</span>
          <span className="field-control">
            <select
              value={weighting}
              onChange={(e) => setWeighting(e.target.value as WeightingScheme)}
              aria-label="Model fit weighting"
            >
              {WEIGHTING_SCHEMES.map((w) => (
                <option key={w} value={w}>
                  {WEIGHTING_LABELS[w]}
                </option>
              ))}
            </select>
          </span>
        </label>
        <label className="field">
          <span className="field-label">Absorption lag</span>
          <span className="field-control">
            <input
              type="checkbox"
              checked={lag}
              onChange={(e) => setLag(e.target.checked)}
              aria-label="Estimate absorption lag time"
            />
          </span>
        </label>
      </div>
      <fieldset className="model-fit-models">
        <legend>Models to fit (several = side-by-side comparison)</legend>
        {FITTABLE.map((id) => (
          <label key={id}>
            <input type="checkbox" checked={models.includes(id)} onChange={() => toggleModel(id)} />
            {id}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={fit} disabled={busy}>
          {busy ? 'Fitting…' : 'Fit'}
        </button>
        {inputError ? (
          <span className="field-error" role="alert">
            {inputError}
          </span>
        ) : null}
      </div>
      {busy && fitJob ? (
        <JobProgress job={fitJob} label="Model fits" />
      ) : busy ? (
        <Loading what="model fits" />
      ) : null}
      {error ? <ErrorPanel error={error} compact /> : null}
      {!busy && !error && !result ? (
        <Empty title="No fit yet">
          Give data and a dose in the box above (try the theophylline example: subject 1, 320 mg oral), pick
          models and press Fit.
        </Empty>
      ) : null}
      {result && !busy ? (
        <div className="model-fit-results">
          <div className="form-actions">
            {result.comparisons.length + result.fits.length > 0 &&
            new Set(result.fits.map((f) => f.id)).size > 1 ? (
              <label className="field">
                <span className="field-label">Subject</span>
                <select
                  value={subject ?? ''}
                  onChange={(e) => setSubject(e.target.value)}
                  aria-label="Model fit subject"
                >
                  {[...new Set(result.fits.map((f) => f.id))].map((id) => (
                    <option key={id} value={id}>
                      {id}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label>
              <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />{' '}
              semi-log axis
            </label>
          </div>
          <ModelFitPlot
            observed={observed}
            curves={curves}
            logScale={logScale}
            timeUnit={timeUnit || 'no unit given'}
            concUnit={concUnit}
          />
          <div className="model-fit-residuals">
            <ResidualPlot
              series={fits.map((f) => ({ label: f.model, points: f.residuals }))}
              against="time"
              xLabel={`Time (${timeUnit || 'no unit given'})`}
            />
            <ResidualPlot
              series={fits.map((f) => ({ label: f.model, points: f.residuals }))}
              against="predicted"
              xLabel={`Predicted (${concUnit || 'no unit given'})`}
            />
          </div>
          {comparison ? <ModelComparisonTable comparison={comparison} /> : null}
          {fits.map((f) => (
            <ModelParameterTable key={f.model} fit={f} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
