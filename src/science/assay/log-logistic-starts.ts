/**
 * Starting values for log-logistic fits, the way drc's self-starter does it in spirit (Ritz et al. 2015,
 * PLoS ONE 10:e0146021): asymptotes just beyond the observed extremes, then b and e from the linear
 * regression of logit((d − y)/(y − c)) on ln x over the standards with x > 0. Both
 * slope signs are offered; the fit keeps whichever start ends with the lowest weighted RSS.
 */
export interface LogLogisticStart {
  b: number;
  c: number;
  d: number;
  e: number;
}

export function logLogisticStarts(x: readonly number[], y: readonly number[]): LogLogisticStart[] {
  const yMin = Math.min(...y);
  const yMax = Math.max(...y);
  const span = yMax - yMin || Math.abs(yMax) || 1;
  const positive = x.filter((v) => v > 0);
  const xMid =
    positive.length > 0 ? Math.exp(positive.reduce((s, v) => s + Math.log(v), 0) / positive.length) : 1;
  // drc's convention: c the lower and d the upper asymptote; b > 0 for a falling, b < 0 for a rising curve.
  const d = yMax + 0.05 * span;
  const c = yMin - 0.05 * span;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    if (!(xi > 0)) continue;
    const ratio = (d - yi) / (yi - c);
    if (!(ratio > 0) || !Number.isFinite(ratio)) continue;
    const lx = Math.log(xi);
    const ly = Math.log(ratio);
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
    n++;
  }
  let b = 1;
  let e = xMid;
  if (n >= 2 && sxx * n - sx * sx > 0) {
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const intercept = (sy - slope * sx) / n;
    if (Number.isFinite(slope) && slope !== 0) {
      b = slope;
      const lnE = -intercept / slope;
      if (Number.isFinite(lnE) && Math.abs(lnE) < 700) e = Math.exp(lnE);
    }
  }
  const out: LogLogisticStart[] = [{ b, c, d, e }];
  out.push({ b: Math.sign(b) || 1, c, d, e: xMid });
  out.push({ b: -(Math.sign(b) || 1), c, d, e: xMid });
  return out;
}
