import { z } from 'zod';
import { canonicalMetricName } from './batch-metric.ts';

/**
 * Release specifications for MSC-EV products: criteria with an operator, a unit, the test method and a
 * reference. Versioned per product (project): a new version is a new record, an evaluated batch names the
 * exact version it was judged against.
 */
export const CRITERION_OPERATORS = [
  '<',
  '<=',
  '>',
  '>=',
  'range',
  'pct-of-label',
  'present',
  'absent',
] as const;
export type CriterionOperator = (typeof CRITERION_OPERATORS)[number];

export const CRITERION_CATEGORIES = [
  'identity',
  'size',
  'concentration',
  'purity',
  'safety',
  'potency',
  'other',
] as const;
export type CriterionCategory = (typeof CRITERION_CATEGORIES)[number];

const finite = z.number().finite();

export const criterionSchema = z
  .object({
    id: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    category: z.enum(CRITERION_CATEGORIES),
    name: z.string().trim().min(1).max(200),
    /** Batch metric the criterion reads (src/domain/qc/batch-metric.ts), e.g. 'nta.percentIn50To400Nm'. */
    /** An old alias (DEPRECATED_METRIC_ALIASES) is accepted and stored under its canonical name. */
    metric: z.string().trim().min(1).max(100).transform(canonicalMetricName),
    operator: z.enum(CRITERION_OPERATORS),
    /** Limit for <, ≤, >, ≥. */
    limit: finite.nullable().default(null),
    /** Bounds for range (inclusive). */
    low: finite.nullable().default(null),
    high: finite.nullable().default(null),
    /** Label claim and tolerance for ± % of label. */
    labelValue: finite.positive().nullable().default(null),
    tolerancePct: finite.positive().max(1000).nullable().default(null),
    unit: z.string().max(40).default(''),
    method: z.string().max(200).default(''),
    reference: z.string().max(300).default(''),
  })
  .superRefine((c, ctx) => {
    const need = (field: 'limit' | 'low' | 'high' | 'labelValue' | 'tolerancePct') => {
      if (c[field] === null)
        ctx.addIssue({ code: 'custom', path: [field], message: `operator ${c.operator} needs ${field}` });
    };
    if (['<', '<=', '>', '>='].includes(c.operator)) need('limit');
    if (c.operator === 'range') {
      need('low');
      need('high');
      if (c.low !== null && c.high !== null && !(c.high >= c.low))
        ctx.addIssue({ code: 'custom', path: ['high'], message: 'high must be ≥ low' });
    }
    if (c.operator === 'pct-of-label') {
      need('labelValue');
      need('tolerancePct');
    }
  });
export type CriterionInput = z.input<typeof criterionSchema>;
export type Criterion = z.output<typeof criterionSchema>;

export const specificationInputSchema = z
  .object({
    /** The product: an evlab project. */
    productId: z.string().min(1),
    name: z.string().trim().min(1).max(200),
    notes: z.string().max(5000).default(''),
    criteria: z.array(criterionSchema).min(1).max(200),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.criteria.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'id'],
          message: `criterion id "${c.id}" appears twice`,
        });
      seen.add(c.id);
    });
  });
export type SpecificationInput = z.input<typeof specificationInputSchema>;
export type SpecificationData = z.output<typeof specificationInputSchema>;

export interface Specification extends SpecificationData {
  id: string;
  /** 1, 2, … per product and name. */
  version: number;
  createdBy: string;
  createdAt: string;
}

/** A criterion's requirement as a reader writes it: "≥ 90 %", "50–400 nm", "1.0×10¹¹ ± 20 %", "absent". */
const num = (n: number | null): string =>
  n === null ? '?' : Math.abs(n) >= 1e5 ? n.toExponential(2).replace('e+', '×10^') : String(n);

export function requirementText(c: Criterion): string {
  const u = c.unit ? ` ${c.unit}` : '';
  switch (c.operator) {
    case '<':
      return `< ${num(c.limit)}${u}`;
    case '<=':
      return `≤ ${num(c.limit)}${u}`;
    case '>':
      return `> ${num(c.limit)}${u}`;
    case '>=':
      return `≥ ${num(c.limit)}${u}`;
    case 'range':
      return `${num(c.low)}–${num(c.high)}${u}`;
    case 'pct-of-label':
      return `${num(c.labelValue)}${u} ± ${c.tolerancePct} % of label`;
    case 'present':
      return 'present';
    case 'absent':
      return 'absent';
  }
}
