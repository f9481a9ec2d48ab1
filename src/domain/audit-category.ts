/**
 * Audit categories (issue 10): a coarse grouping of the audit trail's entity types for QA review.
 * `access` is the sign-in history and account administration (21 CFR 11.10(d) "limiting system access to
 * authorized individuals" and 11.300 controls for identification codes/passwords: attempts at unauthorized
 * use are detected and reported); `records` the lab data; `qc` specifications, results, evaluations and
 * deviations; `signatures` the electronic signatures (11.50, 11.70).
 */
import type { AuditEvent } from './measurement.ts';

export const AUDIT_CATEGORIES = ['access', 'records', 'qc', 'signatures'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

const CATEGORY_OF: Record<AuditEvent['entityType'], AuditCategory> = {
  'sign-in': 'access',
  user: 'access',
  'api-token': 'access',
  project: 'records',
  source: 'records',
  batch: 'records',
  'raw-file': 'records',
  measurement: 'records',
  'pk-study': 'records',
  trial: 'records',
  specification: 'qc',
  'qc-result': 'qc',
  'qc-evaluation': 'qc',
  deviation: 'qc',
  signature: 'signatures',
  // A job's cancellation or the expiry of its result file (a report PDF) concerns lab records.
  job: 'records',
};

export function auditCategoryOf(entityType: AuditEvent['entityType']): AuditCategory {
  return CATEGORY_OF[entityType];
}

/** The entity types of a category, in a stable order. */
export function entityTypesOf(category: AuditCategory): AuditEvent['entityType'][] {
  return (Object.keys(CATEGORY_OF) as AuditEvent['entityType'][]).filter((t) => CATEGORY_OF[t] === category);
}
