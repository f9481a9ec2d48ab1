import { type BatchMetric, canonicalMetricName, latestMetrics } from './batch-metric.ts';
import { type Criterion, requirementText, type Specification } from './specification.ts';

/**
 * Evaluates a batch against one specification version: pass, fail or missing per criterion, with the metric
 * (value, unit, source record, QC flags) behind each outcome. A value from an unreliable record (an error
 * flag) is never a pass: if it would pass it counts as missing ("no reliable result"); if it fails, it fails.
 * Pure: the caller gives the metrics and the time.
 */
export type CriterionOutcome = 'pass' | 'fail' | 'missing';

export interface CriterionResult {
  criterionId: string;
  name: string;
  category: Criterion['category'];
  metric: string;
  requirement: string;
  outcome: CriterionOutcome;
  /** The value judged (null when missing), with its unit. */
  value: number | string | null;
  unit: string;
  /** Why: which comparison, or what is missing, or which flags made it unreliable. */
  reason: string;
  evidence: BatchMetric | null;
}

export type EvaluationOutcome = 'pass' | 'fail' | 'incomplete';

export interface EvaluationResult {
  specificationId: string;
  specificationVersion: number;
  evaluatedAt: string;
  results: CriterionResult[];
  /** pass: every criterion passes; fail: at least one fails; incomplete: none fails, some missing. */
  outcome: EvaluationOutcome;
  counts: Record<CriterionOutcome, number>;
}

/** Whether a value meets a criterion; null when the value's type does not fit the operator. */
export function meets(c: Criterion, value: number | string): boolean | null {
  if (c.operator === 'present' || c.operator === 'absent') {
    if (typeof value !== 'string') return null;
    const v = value.trim().toLowerCase();
    if (v !== 'present' && v !== 'absent') return null;
    return v === c.operator;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  switch (c.operator) {
    case '<':
      return value < (c.limit as number);
    case '<=':
      return value <= (c.limit as number);
    case '>':
      return value > (c.limit as number);
    case '>=':
      return value >= (c.limit as number);
    case 'range':
      return value >= (c.low as number) && value <= (c.high as number);
    case 'pct-of-label': {
      const label = c.labelValue as number;
      return Math.abs(value - label) <= (label * (c.tolerancePct as number)) / 100;
    }
  }
}

function formatValue(value: number | string, unit: string): string {
  if (typeof value === 'string') return value;
  const text =
    Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-3 && value !== 0)
      ? value.toExponential(3)
      : String(Number(value.toPrecision(4)));
  return unit ? `${text} ${unit}` : text;
}

export function evaluateCriterion(c: Criterion, metric: BatchMetric | undefined): CriterionResult {
  const base = {
    criterionId: c.id,
    name: c.name,
    category: c.category,
    metric: canonicalMetricName(c.metric), // a criterion stored before migration 0013 may hold an old alias
    requirement: requirementText(c),
    unit: c.unit,
  };
  if (!metric)
    return {
      ...base,
      outcome: 'missing',
      value: null,
      reason: `no ${canonicalMetricName(c.metric)} result for this batch`,
      evidence: null,
    };
  if (c.unit && metric.unit && c.unit !== metric.unit)
    return {
      ...base,
      outcome: 'missing',
      value: metric.value,
      reason: `the result is in ${metric.unit}, the criterion in ${c.unit}`,
      evidence: metric,
    };
  const ok = meets(c, metric.value);
  if (ok === null)
    return {
      ...base,
      outcome: 'missing',
      value: metric.value,
      reason: `the result "${String(metric.value)}" cannot be compared with "${base.requirement}"`,
      evidence: metric,
    };
  const shown = formatValue(metric.value, metric.unit);
  if (!metric.reliable) {
    const flags = metric.flags
      .filter((f) => f.level === 'error')
      .map((f) => f.code)
      .join(', ');
    return ok
      ? {
          ...base,
          outcome: 'missing',
          value: metric.value,
          reason: `${shown} comes from an unreliable record (${flags}): not a pass; repeat the test`,
          evidence: metric,
        }
      : {
          ...base,
          outcome: 'fail',
          value: metric.value,
          reason: `${shown} does not meet ${base.requirement} (record also flagged: ${flags})`,
          evidence: metric,
        };
  }
  return {
    ...base,
    outcome: ok ? 'pass' : 'fail',
    value: metric.value,
    reason: ok ? `${shown} meets ${base.requirement}` : `${shown} does not meet ${base.requirement}`,
    evidence: metric,
  };
}

export function evaluateSpecification(
  spec: Specification,
  metrics: readonly BatchMetric[],
  evaluatedAt: string,
): EvaluationResult {
  const latest = latestMetrics(metrics);
  const results = spec.criteria.map((c) => evaluateCriterion(c, latest.get(canonicalMetricName(c.metric))));
  const counts = { pass: 0, fail: 0, missing: 0 };
  for (const r of results) counts[r.outcome]++;
  return {
    specificationId: spec.id,
    specificationVersion: spec.version,
    evaluatedAt,
    results,
    outcome: counts.fail > 0 ? 'fail' : counts.missing > 0 ? 'incomplete' : 'pass',
    counts,
  };
}
