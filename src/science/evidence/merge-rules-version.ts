/**
 * Version of the evidence merge and classification rules (effective-trial.ts, classify-msc-source.ts,
 * classify-neurological.ts, the search documents). The store fingerprints stored records with it: bump it
 * when a rule changes what is stored, and the curated trials are re-merged on next use (imported CT.gov
 * trials are re-merged when imported again).
 */
export const MERGE_RULES_VERSION = '1';
