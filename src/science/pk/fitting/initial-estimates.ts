/**
 * Starting values for the Levenberg–Marquardt fit of each model family, from curve stripping of the first
 * dosing interval (curve-stripping.ts) converted macro → micro (mammillary-disposition.ts). When the data
 * do not support as many phases as the model has compartments, fewer phases are stripped and the missing
 * peripheral compartments are added with rate constants of the same order (the fit then refines them).
 */
import { type MicroConstants, macroToMicro } from '../models/mammillary-disposition.ts';
import type { CompartmentModel, DoseEvent, ModelOptions } from '../models/model-types.ts';
import { logLinearRegression, stripExponentials, terminalPhase } from './curve-stripping.ts';
import type { Observation } from './fit-types.ts';

type Values = Record<string, number>;

/** Observations of the first dosing interval, times relative to the first dose, conc > 0, sorted. */
function firstInterval(observations: readonly Observation[], doses: readonly DoseEvent[]): Observation[] {
  const first = doses[0]?.timeH ?? 0;
  const second = doses[1]?.timeH ?? Number.POSITIVE_INFINITY;
  const inInterval = observations
    .filter((o) => o.timeH > first && o.timeH < second && o.conc > 0)
    .map((o) => ({ timeH: o.timeH - first, conc: o.conc }))
    .sort((a, b) => a.timeH - b.timeH);
  if (inInterval.length >= 3) return inInterval;
  return observations
    .filter((o) => o.timeH > first && o.conc > 0)
    .map((o) => ({ timeH: o.timeH - first, conc: o.conc }))
    .sort((a, b) => a.timeH - b.timeH);
}

/** Adds peripheral compartments to a micro set with fewer (keeps CL, splits the volume). */
function expandMicro(micro: MicroConstants, from: number, to: 1 | 2 | 3): MicroConstants {
  let m = { ...micro };
  if (from < 2 && to >= 2) {
    const cl = m.k10 * m.V1;
    const V1 = m.V1 / 2;
    m = { ...m, V1, k10: cl / V1, k12: m.k10, k21: m.k10 };
  }
  if (from < 3 && to >= 3) {
    const cl = m.k10 * m.V1;
    const V1 = m.V1 * 0.7;
    m = { ...m, V1, k10: cl / V1, k13: 0.3 * m.k12, k31: 0.2 * m.k21 };
  }
  return m;
}

function microValues(micro: MicroConstants, compartments: 1 | 2 | 3): Values {
  const v: Values = { k10: micro.k10, V1: micro.V1 };
  if (compartments >= 2) Object.assign(v, { k12: micro.k12, k21: micro.k21 });
  if (compartments >= 3) Object.assign(v, { k13: micro.k13, k31: micro.k31 });
  return v;
}

function fallbackMicro(points: readonly Observation[], dose: number): MicroConstants {
  const cmax = Math.max(...points.map((p) => p.conc), 1e-12);
  const tLast = points[points.length - 1]?.timeH ?? 24;
  const k = 3 / Math.max(tLast, 1e-6);
  return { k10: k, V1: dose / cmax, k12: 0, k21: 0, k13: 0, k31: 0 };
}

/** IV bolus / infusion: strip the (post-infusion) decline into as many phases as compartments. */
function intravenousMicro(
  points: readonly Observation[],
  dose: DoseEvent,
  compartments: 1 | 2 | 3,
): MicroConstants {
  const duration = dose.durationH ?? 0;
  const after = points.filter((p) => p.timeH > duration);
  const t = after.map((p) => p.timeH - duration);
  const c = after.map((p) => p.conc);
  for (let phases = compartments; phases >= 1; phases--) {
    const macro = stripExponentials(t, c, phases);
    if (!macro) continue;
    // Post-infusion coefficients A′ᵢ = (D/T)·aᵢ(1 − e^(−λᵢT))/λᵢ → bolus coefficients D·aᵢ.
    const bolusCoefficients = macro.coefficients.map((a, i) => {
      const lambda = macro.exponents[i] ?? 0;
      return duration > 0 ? (a * lambda * duration) / -Math.expm1(-lambda * duration) : a;
    });
    const micro = macroToMicro({ coefficients: bolusCoefficients, exponents: macro.exponents }, dose.amount);
    if (micro) return expandMicro(micro, macro.coefficients.length, compartments);
  }
  return expandMicro(fallbackMicro(points, dose.amount), 1, compartments);
}

/** First-order input: terminal phase after the peak, absorption by the method of residuals. */
function firstOrderEstimates(
  points: readonly Observation[],
  dose: DoseEvent,
  compartments: 1 | 2 | 3,
  options: ModelOptions,
): Values {
  const f = options.bioavailability ?? 1;
  const peak = points.reduce((best, p, i) => (p.conc > (points[best]?.conc ?? -1) ? i : best), 0);
  const post = points.slice(peak + 1);
  const terminal = terminalPhase(
    post.map((p) => p.timeH),
    post.map((p) => p.conc),
  );
  let k = terminal ? -terminal.slope : 3 / Math.max(points[points.length - 1]?.timeH ?? 24, 1e-6);
  let intercept = terminal ? Math.exp(terminal.intercept) : (points[peak]?.conc ?? 1) * 2;
  // Residuals B·e^(−k t) − C(t) of the rising points give ka.
  const rising = points.slice(0, peak + 1);
  const rt: number[] = [];
  const rc: number[] = [];
  for (const p of rising) {
    const r = intercept * Math.exp(-k * p.timeH) - p.conc;
    if (r > 0) {
      rt.push(p.timeH);
      rc.push(r);
    }
  }
  const absorption = logLinearRegression(rt, rc);
  let ka = absorption && absorption.slope < 0 ? -absorption.slope : 0;
  const tmax = points[peak]?.timeH ?? 1;
  if (!(ka > k * 1.05)) ka = Math.max(k * 3, 2 / Math.max(tmax, 1e-6));
  if (!(k > 0)) k = ka / 10;
  if (!(intercept > 0)) intercept = points[peak]?.conc ?? 1;
  const V = (f * dose.amount * ka) / (intercept * (ka - k));
  const micro = expandMicro(
    { k10: k, V1: V > 0 && Number.isFinite(V) ? V : dose.amount / intercept, k12: 0, k21: 0, k13: 0, k31: 0 },
    1,
    compartments,
  );
  const values: Values = { ka, ...microValues(micro, compartments) };
  if (options.lag) {
    const firstPositive = points[0]?.timeH ?? 0;
    values.tlag = Math.max(1e-3, 0.5 * firstPositive);
  }
  return values;
}

/** Linear-model starting values for the compartment count and input of `model`. */
export function linearInitialEstimates(
  model: CompartmentModel,
  observations: readonly Observation[],
  doses: readonly DoseEvent[],
  options: ModelOptions,
): Values {
  const points = firstInterval(observations, doses);
  const dose = doses[0] ?? { timeH: 0, amount: 1 };
  if (model.input === 'first-order') return firstOrderEstimates(points, dose, model.compartments, options);
  return microValues(intravenousMicro(points, dose, model.compartments), model.compartments);
}

/** Starting values for any registered model. */
export function initialEstimates(
  model: CompartmentModel,
  observations: readonly Observation[],
  doses: readonly DoseEvent[],
  options: ModelOptions,
): Values {
  const linear = linearInitialEstimates(model, observations, doses, options);
  if (model.elimination === 'linear') return linear;
  if (model.elimination === 'accelerated-clearance') return { ...linear, factor: 1.5 };
  // Michaelis–Menten: Km near the highest concentration, Vmax so that Vmax/Km ≈ 2 × the linear CL.
  const { k10 = 0.1, V1 = 1, ...rest } = linear;
  const cmax = Math.max(...observations.map((o) => o.conc), 1e-12);
  const km = cmax;
  return { ...rest, V1, Km: km, Vmax: 2 * k10 * V1 * km };
}
