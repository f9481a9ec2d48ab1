/**
 * Terminal elimination rate constant λz: unweighted least-squares regression of ln(concentration) on time
 * over the terminal points, chosen automatically by WinNonlin's "best fit" rule or given by the user.
 *
 * Best fit (Phoenix WinNonlin User's Guide, Certara, "Lambda z calculation"): regressions over the last 3,
 * 4, … positive concentrations after Cmax (from Cmax on for an IV bolus); among those with a negative slope
 * the largest adjusted R² wins, and any regression within 1e-4 of it with more points is preferred.
 * Adjusted R² = 1 − (1 − R²)(n − 1)/(n − 2).
 */

/** WinNonlin: regressions within this much of the best adjusted R² count as ties; more points win. */
export const ADJUSTED_R2_TOLERANCE = 1e-4;
/** WinNonlin: the automatic rule uses at least three points. */
export const MIN_LAMBDA_Z_POINTS = 3;

export interface LambdaZFit {
  /** First-order terminal rate constant, 1/time (−slope). */
  lambdaZ: number;
  /** Intercept of ln(C) = intercept − λz·t. */
  intercept: number;
  r2: number;
  /** Null with two points (undefined). */
  adjustedR2: number | null;
  /** Correlation between time and ln(C) (negative for a declining phase). */
  corrXY: number;
  /** Indices (into the profile's arrays) of the points used, ascending. */
  indices: number[];
  lowerTime: number;
  upperTime: number;
  halfLife: number;
}

/** ln(C) on t over the given indices; null if fewer than two points or the times do not vary. */
export function logLinearRegression(
  time: readonly number[],
  conc: readonly number[],
  indices: readonly number[],
): LambdaZFit | null {
  const n = indices.length;
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (const i of indices) {
    sx += time[i] as number;
    sy += Math.log(conc[i] as number);
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const i of indices) {
    const dx = (time[i] as number) - mx;
    const dy = Math.log(conc[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  // R² = SSreg/SStot = sxy²/(sxx·syy); a flat line (syy = 0) explains nothing.
  const r2 = syy > 0 ? Math.min(1, (sxy * sxy) / (sxx * syy)) : 0;
  const adjustedR2 = n > 2 ? 1 - ((1 - r2) * (n - 1)) / (n - 2) : null;
  const corrXY = (slope < 0 ? -1 : 1) * Math.sqrt(r2);
  const first = indices[0] as number;
  const last = indices[n - 1] as number;
  const lambdaZ = -slope;
  return {
    lambdaZ,
    intercept,
    r2,
    adjustedR2,
    corrXY,
    indices: [...indices],
    lowerTime: time[first] as number,
    upperTime: time[last] as number,
    halfLife: Math.LN2 / lambdaZ,
  };
}

export interface AutoLambdaZInput {
  time: readonly number[];
  conc: readonly number[];
  /** First index that may be used (after Cmax, or Cmax itself for an IV bolus). */
  firstIndex: number;
  /** Index of Tlast (last positive concentration). */
  lastIndex: number;
  /** Indices the user excluded from the regression. */
  excluded?: ReadonlySet<number>;
}

export type LambdaZSelection =
  | { fit: LambdaZFit; reason?: undefined }
  | { fit: null; reason: string; candidates: number };

/** Indices of the positive, non-excluded points between firstIndex and lastIndex. */
export function lambdaZCandidates(input: AutoLambdaZInput): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, input.firstIndex); i <= input.lastIndex; i++) {
    if ((input.conc[i] as number) > 0 && !input.excluded?.has(i)) out.push(i);
  }
  return out;
}

/** WinNonlin best fit: see the module comment. */
export function selectLambdaZAuto(input: AutoLambdaZInput): LambdaZSelection {
  const candidates = lambdaZCandidates(input);
  if (candidates.length < MIN_LAMBDA_Z_POINTS) {
    return {
      fit: null,
      reason: `only ${candidates.length} usable point${candidates.length === 1 ? '' : 's'} after Cmax (at least ${MIN_LAMBDA_Z_POINTS} needed)`,
      candidates: candidates.length,
    };
  }
  const fits: LambdaZFit[] = [];
  for (let n = MIN_LAMBDA_Z_POINTS; n <= candidates.length; n++) {
    const fit = logLinearRegression(input.time, input.conc, candidates.slice(candidates.length - n));
    if (fit && fit.lambdaZ > 0 && fit.adjustedR2 !== null) fits.push(fit);
  }
  if (fits.length === 0) {
    return {
      fit: null,
      reason: 'no terminal regression has a declining slope',
      candidates: candidates.length,
    };
  }
  let best = -Infinity;
  for (const f of fits) best = Math.max(best, f.adjustedR2 as number);
  let chosen: LambdaZFit | null = null;
  for (const f of fits) {
    if ((f.adjustedR2 as number) >= best - ADJUSTED_R2_TOLERANCE) {
      if (!chosen || f.indices.length > chosen.indices.length) chosen = f;
    }
  }
  return { fit: chosen as LambdaZFit };
}

/** The user's range [startTime, endTime] (inclusive), minus exclusions and non-positive concentrations. */
export function selectLambdaZManual(
  time: readonly number[],
  conc: readonly number[],
  startTime: number,
  endTime: number,
  excluded?: ReadonlySet<number>,
): LambdaZSelection {
  const indices: number[] = [];
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    if (t >= startTime && t <= endTime && (conc[i] as number) > 0 && !excluded?.has(i)) indices.push(i);
  }
  if (indices.length < 2) {
    return {
      fit: null,
      reason: `the chosen range ${startTime}–${endTime} holds ${indices.length} positive point${indices.length === 1 ? '' : 's'} (at least 2 needed)`,
      candidates: indices.length,
    };
  }
  const fit = logLinearRegression(time, conc, indices);
  if (!fit) return { fit: null, reason: 'the chosen points share one time', candidates: indices.length };
  if (!(fit.lambdaZ > 0)) {
    return {
      fit: null,
      reason: `the chosen points do not decline (slope ${(-fit.lambdaZ).toPrecision(3)})`,
      candidates: indices.length,
    };
  }
  return { fit };
}
