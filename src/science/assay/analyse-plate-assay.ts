/**
 * The analysis of a plate assay: blank subtraction, the standard curve fit, back-calculated standards
 * with their bias, LLOQ/ULOQ (ICH M10), and each sample's concentration with a delta-method confidence
 * interval, its dilution-corrected value, replicate CV and flags. The result (`AssayReport`) is the
 * contract of `evlab assay fit --json`, the API and the web view.
 */
import { studentTQuantile } from '../pk/fitting/student-t.ts';
import type { CurveModelName } from './curve-model.ts';
import { CURVE_MODELS } from './curve-models.ts';
import { type CurveWeighting, curveWeights, weightAt } from './curve-weights.ts';
import { type CurveFit, fitCurve } from './fit-curve.ts';
import type { PlateAssayRecord, PlateWell } from './plate-assay-record.ts';
import { type CalibrationLevel, calibrationLevel, quantificationLimits } from './quantification-limits.ts';

/**
 * Replicate CV above which a sample is flagged: the ±20 % precision criterion of ICH M10 §4.1 for
 * ligand-binding assays, applied to the replicate responses.
 */
export const REPLICATE_CV_LIMIT_PCT = 20;

export type AssayFlagCode =
  | 'below-lloq'
  | 'above-uloq'
  | 'outside-curve'
  | 'below-standards'
  | 'above-standards'
  | 'high-replicate-cv'
  | 'all-masked';

export interface AssayStandard {
  id: string;
  well: string | null;
  concentration: number;
  response: number;
  backCalculated: number | null;
  biasPct: number | null;
}

export interface AssaySample {
  id: string;
  wells: string[];
  replicates: number;
  /** Mean blank-corrected response of the unmasked replicates. */
  response: number | null;
  responseCvPct: number | null;
  /** Concentration in the well (before dilution correction). */
  measuredConcentration: number | null;
  /** Back-calculated concentration of each unmasked replicate, dilution-corrected (null off the curve). */
  wellConcentrations: (number | null)[];
  /** Dilution-corrected concentration (measured × dilution). */
  concentration: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  dilution: number;
  flags: AssayFlagCode[];
}

export interface AssayReport {
  file?: string;
  format: PlateAssayRecord['format'];
  model: CurveModelName;
  weights: CurveWeighting;
  fitTo: 'replicates' | 'means';
  concentrationUnit: string | null;
  responseLabel: string | null;
  /** drc names (b, c, d, e[, f]) for the log-logistic models; intercept/slope… for the polynomials. */
  parameters: Record<string, number>;
  standardErrors: Record<string, number | null>;
  rse: number | null;
  df: number;
  converged: boolean;
  blank: { wells: number; meanResponse: number } | null;
  standards: AssayStandard[];
  levels: CalibrationLevel[];
  samples: AssaySample[];
  lloq: number | null;
  uloq: number | null;
  calibration: { passingFraction: number | null; accepted: boolean; reasons: string[] };
  /** The curve on a grid for plots: concentration, response. */
  curve: { concentration: number; response: number }[];
  /** The instrument's own back-calculations beside evlab's (SoftMax Pro exports). */
  instrumentComparison: {
    id: string;
    well: string | null;
    instrument: number;
    evlab: number | null;
    differencePct: number | null;
  }[];
  confidenceLevel: number;
  flags: { code: string; level: 'info' | 'warning'; message: string }[];
}

export interface AnalyseOptions {
  model: CurveModelName;
  weights?: CurveWeighting;
  /** Two-sided confidence level of the intervals, default 0.95. */
  confidenceLevel?: number;
  /**
   * Fit the curve to every standard well ('replicates', R drc's way) or to each level's mean response
   * ('means', SoftMax Pro's way: its standard curve plots Concentration against MeanValue). Default:
   * 'means' for SoftMax Pro exports (so BackCalcConc is reproduced), 'replicates' otherwise.
   */
  fitTo?: 'replicates' | 'means';
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function cvPct(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values);
  if (m === 0) return null;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
  return (sd / Math.abs(m)) * 100;
}

export function analysePlateAssay(record: PlateAssayRecord, options: AnalyseOptions): AssayReport {
  const model = CURVE_MODELS[options.model];
  const weighting = options.weights ?? '1';
  const level = options.confidenceLevel ?? 0.95;
  const usable = (w: PlateWell) => !w.masked && w.response !== null && Number.isFinite(w.response);

  const blanks = record.wells.filter((w) => w.role === 'blank' && usable(w));
  const blankMean = blanks.length > 0 ? mean(blanks.map((w) => w.response as number)) : 0;
  const corrected = (w: PlateWell) => (w.response as number) - blankMean;

  const standardWells = record.wells.filter(
    (w) => w.role === 'standard' && usable(w) && w.concentration !== null && w.concentration >= 0,
  );
  const x = standardWells.map((w) => w.concentration as number);
  const y = standardWells.map(corrected);
  const fitTo = options.fitTo ?? (record.format === 'softmax-pro' ? 'means' : 'replicates');
  let fitX = x;
  let fitY = y;
  if (fitTo === 'means') {
    const sums = new Map<number, { sum: number; n: number }>();
    x.forEach((c, i) => {
      const acc = sums.get(c) ?? { sum: 0, n: 0 };
      acc.sum += y[i] as number;
      acc.n++;
      sums.set(c, acc);
    });
    fitX = [...sums.keys()];
    fitY = [...sums.values()].map((a) => a.sum / a.n);
  }
  const fit: CurveFit = fitCurve(model, fitX, fitY, curveWeights(fitY, weighting));
  const p = fit.parameters;
  const positiveX = x.filter((v) => v > 0);
  const range = { minX: Math.min(...x), maxX: Math.max(...x) };
  const backCalc = (response: number) => model.inverse(response, p, range);

  const standards: AssayStandard[] = standardWells.map((w, i) => {
    const bc = backCalc(y[i] as number);
    const c = w.concentration as number;
    return {
      id: w.id,
      well: w.well,
      concentration: c,
      response: y[i] as number,
      backCalculated: bc,
      biasPct: bc !== null && c > 0 ? ((bc - c) / c) * 100 : null,
    };
  });
  const byLevel = new Map<number, (number | null)[]>();
  for (const s of standards)
    byLevel.set(s.concentration, [...(byLevel.get(s.concentration) ?? []), s.backCalculated]);
  const levels = [...byLevel.entries()].map(([c, bcs]) => calibrationLevel(c, bcs));
  const limits = quantificationLimits(levels);

  const t = fit.df > 0 ? studentTQuantile(1 - (1 - level) / 2, fit.df) : Number.NaN;
  const minStdResponse = Math.min(...y);
  const maxStdResponse = Math.max(...y);

  const groups = new Map<string, PlateWell[]>();
  for (const w of record.wells.filter((w) => w.role === 'sample' || w.role === 'control'))
    groups.set(w.id, [...(groups.get(w.id) ?? []), w]);

  const samples: AssaySample[] = [...groups.entries()].map(([id, wells]) => {
    const ok = wells.filter(usable);
    const dilution = wells[0]?.dilution ?? 1;
    const base = {
      id,
      wells: wells.map((w) => w.well ?? '').filter((s) => s !== ''),
      replicates: ok.length,
      dilution,
    };
    if (ok.length === 0)
      return {
        ...base,
        response: null,
        responseCvPct: null,
        measuredConcentration: null,
        concentration: null,
        wellConcentrations: [],
        ciLow: null,
        ciHigh: null,
        flags: ['all-masked' as const],
      };
    const responses = ok.map(corrected);
    const response = mean(responses);
    const flags: AssayFlagCode[] = [];
    const rcv = cvPct(responses);
    if (rcv !== null && rcv > REPLICATE_CV_LIMIT_PCT) flags.push('high-replicate-cv');
    if (response < minStdResponse) flags.push('below-standards');
    if (response > maxStdResponse) flags.push('above-standards');
    const measured = backCalc(response);
    let ciLow: number | null = null;
    let ciHigh: number | null = null;
    if (measured === null) flags.push('outside-curve');
    else {
      if (limits.lloq !== null && measured < limits.lloq) flags.push('below-lloq');
      if (limits.uloq !== null && measured > limits.uloq) flags.push('above-uloq');
      const se = inversePredictionSe(fit, response, ok.length, weighting, fitY, range);
      if (se !== null && Number.isFinite(t)) {
        ciLow = Math.max(0, measured - t * se) * dilution;
        ciHigh = (measured + t * se) * dilution;
      }
    }
    return {
      ...base,
      response,
      responseCvPct: rcv,
      measuredConcentration: measured,
      concentration: measured === null ? null : measured * dilution,
      wellConcentrations: responses.map((r) => {
        const c = backCalc(r);
        return c === null ? null : c * dilution;
      }),
      ciLow,
      ciHigh,
      flags,
    };
  });

  const reportFlags: AssayReport['flags'] = [];
  if (!fit.converged)
    reportFlags.push({
      code: 'fit-not-converged',
      level: 'warning',
      message: 'the curve fit did not converge',
    });
  for (const reason of limits.reasons)
    reportFlags.push({ code: 'calibration-not-accepted', level: 'warning', message: reason });
  if (blanks.length === 0 && record.wells.some((w) => w.role === 'blank'))
    reportFlags.push({
      code: 'blanks-masked',
      level: 'info',
      message: 'every blank well is masked; no blank subtracted',
    });
  const outOfRange = samples.filter((s) => s.flags.some((f) => f !== 'high-replicate-cv')).length;
  if (outOfRange > 0)
    reportFlags.push({
      code: 'samples-out-of-range',
      level: 'warning',
      message: `${outOfRange} sample(s) outside the quantification range or the curve`,
    });

  const instrumentComparison: AssayReport['instrumentComparison'] = [];
  for (const ref of record.instrument?.backCalculated ?? []) {
    if (ref.concentration === null) continue;
    const mine = standards.find((s) => s.well !== null && s.well === ref.well);
    const evlab = mine?.backCalculated ?? null;
    instrumentComparison.push({
      id: ref.id,
      well: ref.well,
      instrument: ref.concentration,
      evlab,
      differencePct:
        evlab !== null && ref.concentration !== 0
          ? ((evlab - ref.concentration) / ref.concentration) * 100
          : null,
    });
  }

  return {
    format: record.format,
    model: model.name,
    weights: weighting,
    fitTo,
    concentrationUnit: record.concentrationUnit,
    responseLabel: record.responseLabel,
    parameters: Object.fromEntries(model.parameterNames.map((n, j) => [n, p[j] as number])),
    standardErrors: Object.fromEntries(
      model.parameterNames.map((n, j) => [n, fit.standardErrors[j] ?? null]),
    ),
    rse: fit.rse,
    df: fit.df,
    converged: fit.converged,
    blank: blanks.length > 0 ? { wells: blanks.length, meanResponse: blankMean } : null,
    standards,
    levels: limits.levels,
    samples,
    lloq: limits.lloq,
    uloq: limits.uloq,
    calibration: {
      passingFraction: limits.passingFraction,
      accepted: limits.accepted,
      reasons: limits.reasons,
    },
    curve: curveGrid(fit, positiveX, range),
    instrumentComparison,
    confidenceLevel: level,
    flags: reportFlags,
  };
}

/**
 * Standard error of an inverse prediction x̂ = f⁻¹(ȳ; θ) by the delta method: the parameter part
 * ∇θx̂ᵀ Σ ∇θx̂ plus the response part (∂x̂/∂y)² s² / (w(ȳ) m) for the mean of m replicates
 * (Draper & Smith 1998, Applied Regression Analysis, 3rd ed., §3.2 "inverse regression"; the same
 * construction as drc's ED()/backfit with delta-method intervals). Gradients by central differences.
 */
export function inversePredictionSe(
  fit: CurveFit,
  response: number,
  replicates: number,
  weighting: CurveWeighting,
  referenceY: readonly number[],
  range: { minX: number; maxX: number },
): number | null {
  if (fit.covariance === null || fit.rse === null) return null;
  const { model, parameters: p } = fit;
  const x0 = model.inverse(response, p, range);
  if (x0 === null) return null;
  const grad: number[] = [];
  for (let j = 0; j < p.length; j++) {
    const h = 1e-6 * Math.max(1e-8, Math.abs(p[j] ?? 0));
    const up = [...p];
    const down = [...p];
    up[j] = (up[j] ?? 0) + h;
    down[j] = (down[j] ?? 0) - h;
    const xu = model.inverse(response, up, range);
    const xd = model.inverse(response, down, range);
    if (xu === null || xd === null) return null;
    grad.push((xu - xd) / (2 * h));
  }
  let varParams = 0;
  for (let j = 0; j < p.length; j++)
    for (let k = 0; k < p.length; k++)
      varParams += (grad[j] ?? 0) * (fit.covariance[j]?.[k] ?? 0) * (grad[k] ?? 0);
  const hy = 1e-6 * Math.max(1e-8, Math.abs(response));
  const xu = model.inverse(response + hy, p, range);
  const xd = model.inverse(response - hy, p, range);
  if (xu === null || xd === null) return null;
  const dxdy = (xu - xd) / (2 * hy);
  const w = weightAt(response, weighting, referenceY);
  const varResponse = (dxdy * dxdy * fit.rse * fit.rse) / (w * Math.max(1, replicates));
  const v = varParams + varResponse;
  return Number.isFinite(v) && v >= 0 ? Math.sqrt(v) : null;
}

/** 100 points of the fitted curve, log-spaced over the positive standards (linear when none). */
function curveGrid(fit: CurveFit, positiveX: readonly number[], range: { minX: number; maxX: number }) {
  const out: { concentration: number; response: number }[] = [];
  const n = 100;
  const lo = positiveX.length > 0 ? Math.min(...positiveX) : range.minX;
  const hi = Math.max(range.maxX, lo);
  const logScale = fit.model.name === '4pl' || fit.model.name === '5pl';
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    const x = logScale && lo > 0 ? lo * (hi / lo) ** f : range.minX + (hi - range.minX) * f;
    const r = fit.model.predict(x, fit.parameters);
    if (Number.isFinite(r)) out.push({ concentration: x, response: r });
  }
  return out;
}
