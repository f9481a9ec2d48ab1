/**
 * Lower and upper limits of quantification from the calibration standards, by the acceptance criteria of
 * ICH M10 (Bioanalytical Method Validation and Study Sample Analysis, 2022), ligand-binding assays §4.1.3
 * and §4.1.4: back-calculated concentrations of the standards within ±20 % of nominal (±25 % at the LLOQ
 * and ULOQ), at least 75 % of the standards (and at least 6 levels) meeting it; precision CV ≤ 20 %
 * (≤ 25 % at the limits). Anchor points (concentration 0, or outside the range) are not judged.
 */
export const M10_BIAS_LIMIT_PCT = 20;
export const M10_BIAS_LIMIT_AT_LIMITS_PCT = 25;
export const M10_MIN_PASSING_FRACTION = 0.75;
export const M10_MIN_LEVELS = 6;

export interface CalibrationLevel {
  concentration: number;
  replicates: number;
  meanBackCalculated: number | null;
  biasPct: number | null;
  cvPct: number | null;
  /** Meets the ±20 % / CV 20 % criterion (inner standard). */
  passInner: boolean;
  /** Meets the ±25 % / CV 25 % criterion (as a limit). */
  passAtLimit: boolean;
}

export interface QuantificationLimits {
  lloq: number | null;
  uloq: number | null;
  levels: CalibrationLevel[];
  /** Fraction of the levels between LLOQ and ULOQ that meet their criterion. */
  passingFraction: number | null;
  /** ≥ 75 % passing and ≥ 6 levels in range. */
  accepted: boolean;
  reasons: string[];
}

export function calibrationLevel(
  concentration: number,
  backCalculated: readonly (number | null)[],
): CalibrationLevel {
  const values = backCalculated.filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0 || !(concentration > 0))
    return {
      concentration,
      replicates: backCalculated.length,
      meanBackCalculated: null,
      biasPct: null,
      cvPct: null,
      passInner: false,
      passAtLimit: false,
    };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const biasPct = ((mean - concentration) / concentration) * 100;
  let cvPct: number | null = null;
  if (values.length > 1 && mean !== 0) {
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
    cvPct = (Math.sqrt(variance) / Math.abs(mean)) * 100;
  }
  // A level with a replicate off the curve (null) fails.
  const complete = values.length === backCalculated.length;
  const within = (limit: number) =>
    complete && Math.abs(biasPct) <= limit && (cvPct === null || cvPct <= limit);
  return {
    concentration,
    replicates: backCalculated.length,
    meanBackCalculated: mean,
    biasPct,
    cvPct,
    passInner: within(M10_BIAS_LIMIT_PCT),
    passAtLimit: within(M10_BIAS_LIMIT_AT_LIMITS_PCT),
  };
}

/** LLOQ/ULOQ: the lowest and highest non-zero levels meeting the ±25 % criterion, then the 75 % rule between them. */
export function quantificationLimits(levels: readonly CalibrationLevel[]): QuantificationLimits {
  const judged = [...levels]
    .filter((l) => l.concentration > 0)
    .sort((a, b) => a.concentration - b.concentration);
  const reasons: string[] = [];
  const lo = judged.findIndex((l) => l.passAtLimit);
  let hi = -1;
  for (let i = judged.length - 1; i >= 0; i--)
    if (judged[i]?.passAtLimit) {
      hi = i;
      break;
    }
  if (lo < 0 || hi < lo) {
    reasons.push('no calibration standard is back-calculated within ±25 % of nominal');
    return { lloq: null, uloq: null, levels: judged, passingFraction: null, accepted: false, reasons };
  }
  const inRange = judged.slice(lo, hi + 1);
  const passing = inRange.filter((l, i) =>
    i === 0 || i === inRange.length - 1 ? l.passAtLimit : l.passInner,
  );
  const passingFraction = passing.length / inRange.length;
  if (passingFraction < M10_MIN_PASSING_FRACTION)
    reasons.push(
      `${passing.length} of ${inRange.length} standards between LLOQ and ULOQ meet ±20 % (±25 % at the limits); ICH M10 asks for ≥ 75 %`,
    );
  if (inRange.length < M10_MIN_LEVELS)
    reasons.push(
      `${inRange.length} calibration levels between LLOQ and ULOQ; ICH M10 asks for at least ${M10_MIN_LEVELS}`,
    );
  return {
    lloq: judged[lo]?.concentration ?? null,
    uloq: judged[hi]?.concentration ?? null,
    levels: judged,
    passingFraction,
    accepted: reasons.length === 0,
    reasons,
  };
}
