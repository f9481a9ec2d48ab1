/**
 * Initial estimates by curve stripping (the method of residuals / "feathering"; Gibaldi & Perrier 1982,
 * Pharmacokinetics 2nd ed., ch. 1–2 and Appendix C): the terminal phase is a log-linear regression on the
 * last points, chosen like WinNonlin's λz (≥ 3 points, best adjusted R², ties within 1e-4 to more points);
 * subtracting it leaves the faster phases, stripped the same way.
 */
import type { MacroConstants } from '../models/mammillary-disposition.ts';
import { logLinearRegression as lnConcOnTime } from '../nca/lambda-z-selection.ts';

export interface LogLinearFit {
  slope: number;
  intercept: number;
  adjustedR2: number;
  count: number;
}

/**
 * Least-squares line through (t, ln c); null for < 2 points or non-positive c. The regression itself is
 * the NCA λz one (lambda-z-selection.ts), so both share one implementation; with two points the adjusted
 * R² is taken as R².
 */
export function logLinearRegression(times: readonly number[], conc: readonly number[]): LogLinearFit | null {
  if (conc.some((c) => !(c > 0))) return null;
  const fit = lnConcOnTime(
    times,
    conc,
    times.map((_, i) => i),
  );
  if (!fit) return null;
  return {
    slope: -fit.lambdaZ,
    intercept: fit.intercept,
    adjustedR2: fit.adjustedR2 ?? fit.r2,
    count: fit.indices.length,
  };
}

/** Terminal phase from the last ≥ 3 points (best adjusted R², ties within 1e-4 → more points). */
export function terminalPhase(
  times: readonly number[],
  conc: readonly number[],
  maxPoints = times.length,
): LogLinearFit | null {
  let best: LogLinearFit | null = null;
  const n = times.length;
  for (let k = 3; k <= Math.min(n, maxPoints); k++) {
    const fit = logLinearRegression(times.slice(n - k), conc.slice(n - k));
    if (!fit || !(fit.slope < 0)) continue;
    if (!best || fit.adjustedR2 > best.adjustedR2 - 1e-4) best = fit;
  }
  if (!best && n >= 2) {
    const fit = logLinearRegression(times.slice(n - 2), conc.slice(n - 2));
    if (fit && fit.slope < 0) best = fit;
  }
  return best;
}

/**
 * Strips up to `phases` exponentials from a declining profile (times relative to the dose, all conc > 0).
 * Returns the macro constants (coefficients at t = 0, exponents) of as many phases as the data support.
 */
export function stripExponentials(
  times: readonly number[],
  conc: readonly number[],
  phases: number,
): MacroConstants | null {
  const coefficients: number[] = [];
  const exponents: number[] = [];
  let t = [...times];
  let c = [...conc];
  for (let phase = 0; phase < phases; phase++) {
    const remaining = phases - phase - 1;
    // Leave at least 2 points for each faster phase still to strip.
    const fit = terminalPhase(t, c, Math.max(2, t.length - 2 * remaining));
    if (!fit) break;
    const lambda = -fit.slope;
    const coefficient = Math.exp(fit.intercept);
    coefficients.push(coefficient);
    exponents.push(lambda);
    if (remaining === 0) break;
    // Residuals of the earlier points after subtracting this phase.
    const earlier = t.length - fit.count;
    const nextT: number[] = [];
    const nextC: number[] = [];
    for (let i = 0; i < earlier; i++) {
      const residual = (c[i] ?? 0) - coefficient * Math.exp(-lambda * (t[i] ?? 0));
      if (residual > 0) {
        nextT.push(t[i] ?? 0);
        nextC.push(residual);
      }
    }
    if (nextT.length < 2) break;
    t = nextT;
    c = nextC;
  }
  if (coefficients.length === 0) return null;
  // Faster phases must be faster: drop a stripped phase that is not.
  const order = exponents.map((_, i) => i).sort((i, j) => (exponents[j] ?? 0) - (exponents[i] ?? 0));
  return {
    coefficients: order.map((i) => coefficients[i] ?? 0),
    exponents: order.map((i) => exponents[i] ?? 0),
  };
}
