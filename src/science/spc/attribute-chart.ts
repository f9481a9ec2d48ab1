import { type ChartType, type ControlChart, commonLimit, SpcInputError } from './control-chart.ts';
import { nelsonRules } from './nelson-rules.ts';

/** One sample of an attribute chart: a count and the size it was counted in. */
export interface CountSample {
  count: number;
  /** Units inspected (p, np) or inspection units (u); 1 for a c chart. */
  size: number;
  label?: string;
}

export function checkCounts(
  samples: readonly CountSample[],
  chart: ChartType,
  countsAreWhole: boolean,
): void {
  if (samples.length < 2) throw new SpcInputError(`a ${chart} chart needs at least 2 samples`);
  samples.forEach((s, i) => {
    if (!Number.isFinite(s.count) || s.count < 0 || (countsAreWhole && !Number.isInteger(s.count)))
      throw new SpcInputError(`count ${i + 1} must be a whole number ≥ 0, got ${s.count}`);
    if (!Number.isFinite(s.size) || s.size <= 0)
      throw new SpcInputError(`size ${i + 1} must be a number > 0, got ${s.size}`);
  });
}

/** Builds an attribute chart from per-point statistics, centre and σ of the statistic; LCL clamped at 0. */
export function attributeChart(
  chart: ChartType,
  samples: readonly CountSample[],
  values: readonly number[],
  centers: readonly number[],
  sigmas: readonly number[],
  processSigma: number,
  upperBound = Number.POSITIVE_INFINITY,
): ControlChart {
  const rules = nelsonRules({ values, centers, sigmas });
  const points = values.map((value, index) => {
    const c = centers[index] as number;
    const s = sigmas[index] as number;
    const sample = samples[index] as CountSample;
    return {
      index,
      value,
      center: c,
      lcl: Math.max(0, c - 3 * s),
      ucl: Math.min(upperBound, c + 3 * s),
      sigma: s,
      size: sample.size,
      rules: rules[index] as number[],
      ...(sample.label !== undefined ? { label: sample.label } : {}),
    };
  });
  return {
    chart,
    center: commonLimit(centers) ?? (centers[0] as number),
    sigma: processSigma,
    lcl: commonLimit(points.map((p) => p.lcl)),
    ucl: commonLimit(points.map((p) => p.ucl)),
    mrCenter: null,
    mrUcl: null,
    points,
    dispersion: null,
  };
}
