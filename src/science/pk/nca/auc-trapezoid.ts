/**
 * Areas under the concentration–time curve (AUC) and its first moment (AUMC) between two samples, by the
 * linear trapezoidal rule or the linear-up/log-down rule, and interpolation inside a segment.
 *
 * Formulas: Gabrielsson J, Weiner D (2016) Pharmacokinetic and Pharmacodynamic Data Analysis, 5th ed.,
 * Swedish Pharmaceutical Press, ch. 2.8 (log trapezoid); Phoenix WinNonlin User's Guide (Certara), "NCA
 * computation formulas": the log rule is used only for a declining segment with both concentrations > 0,
 * the linear rule otherwise (rising, flat, or touching zero).
 */

export type AucMethod = 'linear' | 'linear-log';

export const AUC_METHODS: readonly AucMethod[] = ['linear', 'linear-log'];

/** True when the log-down rule applies to the segment (c1 → c2) under `method`. */
export function usesLogRule(method: AucMethod, c1: number, c2: number): boolean {
  return method === 'linear-log' && c2 < c1 && c2 > 0 && c1 > 0;
}

/** AUC of one segment from (t1, c1) to (t2, c2). */
export function segmentAuc(method: AucMethod, t1: number, c1: number, t2: number, c2: number): number {
  const dt = t2 - t1;
  if (usesLogRule(method, c1, c2)) return (dt * (c1 - c2)) / Math.log(c1 / c2);
  return (dt * (c1 + c2)) / 2;
}

/**
 * AUMC of one segment. Linear: Δt·(t1·c1 + t2·c2)/2. Log-down:
 * Δt·(t1·c1 − t2·c2)/ln(c1/c2) − Δt²·(c2 − c1)/ln(c1/c2)² (WinNonlin User's Guide, AUMC log trapezoid).
 */
export function segmentAumc(method: AucMethod, t1: number, c1: number, t2: number, c2: number): number {
  const dt = t2 - t1;
  if (usesLogRule(method, c1, c2)) {
    const l = Math.log(c1 / c2);
    return (dt * (t1 * c1 - t2 * c2)) / l - (dt * dt * (c2 - c1)) / (l * l);
  }
  return (dt * (t1 * c1 + t2 * c2)) / 2;
}

/** AUC and AUMC from the first sample to sample `lastIndex` (inclusive). */
export function areasTo(
  method: AucMethod,
  time: readonly number[],
  conc: readonly number[],
  lastIndex: number,
): { auc: number; aumc: number } {
  let auc = 0;
  let aumc = 0;
  for (let i = 0; i < lastIndex; i++) {
    const t1 = time[i] as number;
    const t2 = time[i + 1] as number;
    const c1 = conc[i] as number;
    const c2 = conc[i + 1] as number;
    auc += segmentAuc(method, t1, c1, t2, c2);
    aumc += segmentAumc(method, t1, c1, t2, c2);
  }
  return { auc, aumc };
}

/**
 * Concentration at time t inside the segment (t1, c1)–(t2, c2): linear interpolation, or log-linear
 * where the log rule applies (WinNonlin: partial-area end points are interpolated with the AUC method).
 */
export function interpolateConc(
  method: AucMethod,
  t1: number,
  c1: number,
  t2: number,
  c2: number,
  t: number,
): number {
  if (t2 === t1) return c1;
  const f = (t - t1) / (t2 - t1);
  if (usesLogRule(method, c1, c2)) return Math.exp(Math.log(c1) + f * Math.log(c2 / c1));
  return c1 + f * (c2 - c1);
}
