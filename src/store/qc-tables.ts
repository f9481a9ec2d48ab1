/** Tables of the QC module (migration 0010-qc). Same conventions as database-schema.ts. */
export interface QcSpecificationsTable {
  id: string;
  product_id: string;
  name: string;
  version: number;
  notes: string;
  /** Criterion[] as JSON text. */
  criteria_json: string;
  created_by: string;
  created_at: string;
}
export interface QcResultsTable {
  id: string;
  batch_id: string;
  metric: string;
  /** number or 'present'/'absent' as JSON text. */
  value_json: string;
  unit: string;
  method: string;
  reference: string;
  note: string;
  entered_by: string;
  entered_at: string;
  invalidated: string | null;
}
export interface QcEvaluationsTable {
  id: string;
  batch_id: string;
  specification_id: string;
  outcome: 'pass' | 'fail' | 'incomplete';
  /** EvaluationResult as JSON text. */
  result_json: string;
  record_hash: string;
  evaluated_by: string;
  evaluated_at: string;
}
export interface QcDeviationsTable {
  id: string;
  batch_id: string;
  evaluation_id: string;
  criterion_id: string;
  reason: string;
  decision: 'accepted' | 'rejected';
  justification: string;
  decided_by: string;
  decided_at: string;
}
/** Dropped by migration 0012 (QC signatures live in the shared `signatures` table); kept for 0012's types. */
export interface QcSignaturesTable {
  id: string;
  batch_id: string;
  meaning: 'released' | 'rejected' | 'amended';
  signer: string;
  printed_name: string;
  signed_at: string;
  record_hash: string;
  evaluation_id: string | null;
  reason: string;
  authentication: string;
  superseded_at: string | null;
  superseded_by: string | null;
}
export interface QcTables {
  qc_specifications: QcSpecificationsTable;
  qc_results: QcResultsTable;
  qc_evaluations: QcEvaluationsTable;
  qc_deviations: QcDeviationsTable;
}
