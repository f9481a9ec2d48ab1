/**
 * Fits a compartment model to one subject's concentration–time data by weighted least squares:
 * Levenberg–Marquardt in log-parameter space from curve-stripping starting values (plus a few scaled
 * restarts), 1/ŷ² weights by iterative reweighting, asymptotic SEs from the Jacobian at the optimum
 * (Cov = s²·(JᵀWJ)⁻¹, s² = WRSS/(n − p); Bates & Watts 1988, Nonlinear Regression Analysis and Its
 * Applications, Wiley, §2.3), t-based 95 % intervals, AIC/BIC as in Yamaoka et al. 1978 (J Pharmacokinet
 * Biopharm 6:165–175) and residuals.
 */
import { inverse, Matrix } from 'ml-matrix';
import {
  DEFAULT_UNITS,
  findModel,
  MODEL_IDS,
  type UnitSystem,
  unitString,
} from '../models/model-registry.ts';
import {
  type CompartmentModel,
  type DoseEvent,
  type ModelOptions,
  modelParameters,
  type ParameterSpec,
} from '../models/model-types.ts';
import {
  FitInputError,
  type FitParameter,
  type FitResidual,
  type ModelFitResult,
  type Observation,
  type WeightingScheme,
} from './fit-types.ts';
import { initialEstimates } from './initial-estimates.ts';
import { studentTQuantile } from './student-t.ts';
import { type LeastSquaresResult, levenbergMarquardt } from './weighted-levenberg-marquardt.ts';

export interface FitRequest {
  /** Subject id (echoed in the result). */
  id?: string;
  model: string;
  observations: readonly Observation[];
  doses: readonly DoseEvent[];
  weighting?: WeightingScheme;
  options?: ModelOptions;
  units?: UnitSystem;
  /** Starting values overriding the curve-stripping estimates. */
  initial?: Readonly<Record<string, number>>;
}

/** %RSE above which a parameter is flagged as poorly estimated (a common rule of thumb in PK modelling). */
const HIGH_RSE_PERCENT = 50;
/** Maximum reweighting cycles for 1/ŷ². */
const MAX_REWEIGHTING = 30;

export function resolveModel(id: string): CompartmentModel {
  const model = findModel(id);
  if (!model)
    throw new FitInputError(
      `unknown model "${id}"; valid models: ${MODEL_IDS.join(', ')}`,
      'unknown-model',
      'model',
    );
  return model;
}

export function validateDoses(model: CompartmentModel, doses: readonly DoseEvent[]): void {
  if (doses.length === 0) throw new FitInputError('at least one dose is needed', 'missing-dose', 'dose');
  for (const d of doses) {
    if (!(Number.isFinite(d.amount) && d.amount > 0))
      throw new FitInputError(`dose must be a positive number, got ${d.amount}`, 'invalid-dose', 'dose');
    if (model.input === 'iv-infusion' && !(d.durationH !== undefined && d.durationH > 0))
      throw new FitInputError(
        `model ${model.id} needs a positive infusion duration`,
        'missing-duration',
        'duration',
      );
  }
}

interface PreparedData {
  observations: Observation[];
  notes: string[];
}

function prepare(
  model: CompartmentModel,
  observations: readonly Observation[],
  doses: readonly DoseEvent[],
  weighting: WeightingScheme,
): PreparedData {
  const notes: string[] = [];
  const firstDose = Math.min(...doses.map((d) => d.timeH));
  let preDose = 0;
  let bolusZero = 0;
  let nonPositive = 0;
  let missing = 0;
  const kept: Observation[] = [];
  for (const o of observations) {
    if (!Number.isFinite(o.timeH) || !Number.isFinite(o.conc)) {
      missing++;
      continue;
    }
    if (o.timeH < firstDose) {
      preDose++;
      continue;
    }
    if (model.input === 'iv-bolus' && o.timeH === firstDose) {
      bolusZero++;
      continue;
    }
    if ((weighting === '1/y' || weighting === '1/y2') && !(o.conc > 0)) {
      nonPositive++;
      continue;
    }
    kept.push(o);
  }
  if (missing) notes.push(`${missing} observation(s) without a numeric time or concentration were skipped`);
  if (preDose) notes.push(`${preDose} pre-dose observation(s) excluded`);
  if (bolusZero)
    notes.push(
      `${bolusZero} observation(s) at the time of the IV bolus excluded (the model jumps to D/V1 there)`,
    );
  if (nonPositive)
    notes.push(`${nonPositive} observation(s) ≤ 0 excluded: ${weighting} weighting needs positive values`);
  kept.sort((a, b) => a.timeH - b.timeH);
  return { observations: kept, notes };
}

function weightsFor(
  scheme: WeightingScheme,
  observed: readonly number[],
  predicted: readonly number[] | null,
): number[] {
  const scale = Math.max(...observed.map(Math.abs), 1e-300);
  const floor = 1e-6 * scale;
  switch (scheme) {
    case '1':
      return observed.map(() => 1);
    case '1/y':
      return observed.map((y) => 1 / y);
    case '1/y2':
      return observed.map((y) => 1 / (y * y));
    case '1/yhat2':
      return (predicted ?? observed).map((y) => 1 / Math.max(y * y, floor * floor));
  }
}

interface Run {
  lm: LeastSquaresResult;
  weights: number[];
  iterations: number;
}

export function fitCompartmentModel(request: FitRequest): ModelFitResult {
  const model = resolveModel(request.model);
  const options = request.options ?? {};
  const weighting = request.weighting ?? '1';
  const units = request.units ?? DEFAULT_UNITS;
  const doses = [...request.doses].sort((a, b) => a.timeH - b.timeH);
  validateDoses(model, doses);
  if (model.elimination === 'accelerated-clearance' && doses.length < 2)
    throw new FitInputError(
      `model ${model.id} estimates the clearance change on repeat dosing and needs at least 2 doses (use --doses and --tau)`,
      'needs-repeat-doses',
      'doses',
    );
  const specs = modelParameters(model, options);
  const { observations, notes } = prepare(model, request.observations, doses, weighting);
  const n = observations.length;
  const p = specs.length;
  const subject = request.id ?? '1';
  if (n < p)
    throw new FitInputError(
      `subject ${subject}: ${n} usable observation(s) but model ${model.id} has ${p} parameters (${specs.map((s) => s.name).join(', ')})`,
      'too-few-points',
      'observations',
    );

  const times = observations.map((o) => o.timeH);
  const observed = observations.map((o) => o.conc);
  const toParams = (theta: readonly number[]) =>
    Object.fromEntries(specs.map((s, j) => [s.name, Math.exp(theta[j] ?? 0)]));
  const predict = (theta: readonly number[]): number[] => {
    try {
      return model.predict(toParams(theta), doses, times, options);
    } catch {
      return times.map(() => Number.NaN);
    }
  };

  const start = { ...initialEstimates(model, observations, doses, options), ...(request.initial ?? {}) };
  const theta0 = specs.map((s) => Math.log(positive(start[s.name], 1)));
  const runs: Run[] = [];
  for (const scale of restartScales(model)) {
    const theta = specs.map((s, j) => (isRate(s) ? (theta0[j] ?? 0) + Math.log(scale) : (theta0[j] ?? 0)));
    runs.push(runFrom(theta, predict, observed, weighting));
  }
  const best = runs.reduce((a, b) => (objectiveOf(b) < objectiveOf(a) ? b : a));
  const { lm, weights } = best;
  const params = toParams(lm.theta);

  // Covariance on the natural scale: ∂ŷ/∂p = ∂ŷ/∂θ / p for θ = ln p.
  const df = n - p;
  const sigma2 = df > 0 ? lm.wrss / df : Number.NaN;
  const covariance = covarianceMatrix(
    lm.jacobian,
    weights,
    specs.map((s) => params[s.name] ?? 1),
    sigma2,
  );
  const t975 = df > 0 ? studentTQuantile(0.975, df) : Number.NaN;
  const parameters: FitParameter[] = specs.map((spec, j) => {
    const estimate = params[spec.name] ?? Number.NaN;
    const variance = covariance?.[j]?.[j];
    const se =
      variance !== undefined && Number.isFinite(variance) && variance >= 0 ? Math.sqrt(variance) : null;
    return {
      name: spec.name,
      estimate,
      se,
      rsePercent: se === null ? null : (100 * se) / Math.abs(estimate),
      ci95: se === null || !Number.isFinite(t975) ? null : [estimate - t975 * se, estimate + t975 * se],
      unit: unitString(spec.unitKind, units),
    };
  });

  const residuals: FitResidual[] = observations.map((o, i) => {
    const predicted = lm.predicted[i] ?? Number.NaN;
    const residual = o.conc - predicted;
    return {
      time: o.timeH,
      observed: o.conc,
      predicted,
      residual,
      weightedResidual: Math.sqrt(weights[i] ?? 0) * residual,
    };
  });

  const derived: ModelFitResult['derived'] = {};
  for (const d of model.derived(params, doses[0]?.amount ?? Number.NaN, options)) {
    derived[d.name] = { value: d.value, unit: unitString(d.unitKind, units), description: d.description };
  }

  if (!lm.converged)
    notes.push('the fit did not converge within the iteration limit; estimates may be unreliable');
  if (covariance === null)
    notes.push(
      'standard errors unavailable: the information matrix is singular (parameters not identifiable from these data)',
    );
  if (df === 0)
    notes.push('as many observations as parameters: no degrees of freedom left for standard errors');
  for (const par of parameters) {
    if (par.rsePercent !== null && par.rsePercent > HIGH_RSE_PERCENT)
      notes.push(`${par.name} is poorly estimated (%RSE ${par.rsePercent.toFixed(0)} > ${HIGH_RSE_PERCENT})`);
  }
  if (model.input === 'first-order' && (options.bioavailability ?? 1) === 1)
    notes.push('first-order input with F = 1 assumed: V1 and CL are apparent values (V1/F, CL/F)');
  if (weighting === '1/yhat2')
    notes.push('1/ŷ² weights by iterative reweighting (weights from the previous predictions)');

  const wrss = lm.wrss;
  const logWrss = Math.log(Math.max(wrss, Number.MIN_VALUE));
  return {
    id: subject,
    model: model.id,
    parameters,
    derived,
    objective: {
      wrss,
      aic: n * logWrss + 2 * p,
      bic: n * logWrss + p * Math.log(n),
      n,
      parameterCount: p,
      sigma: df > 0 ? Math.sqrt(sigma2) : null,
      weighting,
    },
    residuals,
    converged: lm.converged,
    iterations: best.iterations,
    notes: [...notes],
  };
}

function positive(x: number | undefined, fallback: number): number {
  return x !== undefined && Number.isFinite(x) && x > 0 ? x : fallback;
}

/** Rate-like parameters are rescaled in restarts; volumes, Km and the factor keep their start. */
function isRate(spec: ParameterSpec): boolean {
  return spec.unitKind === 'per-time' || spec.unitKind === 'amount-per-time';
}

function restartScales(model: CompartmentModel): number[] {
  // ODE models cost ~1000× more per evaluation: fewer restarts.
  return model.solution === 'ode' ? [1, 0.4] : [1, 0.4, 2.5, 0.15, 6];
}

function objectiveOf(run: Run): number {
  return Number.isFinite(run.lm.wrss) ? run.lm.wrss : Number.POSITIVE_INFINITY;
}

function runFrom(
  theta0: number[],
  predict: (theta: readonly number[]) => number[],
  observed: number[],
  weighting: WeightingScheme,
): Run {
  let weights = weightsFor(weighting, observed, weighting === '1/yhat2' ? predict(theta0) : null);
  if (!weights.every(Number.isFinite)) weights = weightsFor(weighting, observed, null);
  let lm = levenbergMarquardt({ predict, observed, weights }, theta0);
  let iterations = lm.iterations;
  if (weighting === '1/yhat2') {
    for (let cycle = 0; cycle < MAX_REWEIGHTING; cycle++) {
      const nextWeights = weightsFor(weighting, observed, lm.predicted);
      const next = levenbergMarquardt({ predict, observed, weights: nextWeights }, lm.theta);
      iterations += next.iterations;
      const change = Math.max(...next.theta.map((t, j) => Math.abs(t - (lm.theta[j] ?? 0))));
      lm = next;
      weights = nextWeights;
      if (change < 1e-9) break;
    }
    // Report the objective with weights from the final predictions.
    weights = weightsFor(weighting, observed, lm.predicted);
    let wrss = 0;
    observed.forEach((y, i) => {
      const r = y - (lm.predicted[i] ?? Number.NaN);
      wrss += (weights[i] ?? 0) * r * r;
    });
    lm = { ...lm, wrss };
  }
  return { lm, weights, iterations };
}

function covarianceMatrix(
  jacobianTheta: readonly number[][],
  weights: readonly number[],
  params: readonly number[],
  sigma2: number,
): number[][] | null {
  if (!Number.isFinite(sigma2)) return null;
  const p = params.length;
  const info = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  jacobianTheta.forEach((row, i) => {
    const w = weights[i] ?? 0;
    for (let j = 0; j < p; j++) {
      const dj = (row[j] ?? 0) / (params[j] ?? 1);
      for (let k = 0; k < p; k++) {
        const infoJ = info[j];
        if (infoJ) infoJ[k] = (infoJ[k] ?? 0) + w * dj * ((row[k] ?? 0) / (params[k] ?? 1));
      }
    }
  });
  if (!info.flat().every(Number.isFinite)) return null;
  try {
    const inv = inverse(new Matrix(info)).to2DArray();
    const cov = inv.map((row) => row.map((v) => v * sigma2));
    if (!cov.every((row, j) => Number.isFinite(row[j]) && (row[j] ?? -1) >= 0)) return null;
    return cov;
  } catch {
    return null;
  }
}
