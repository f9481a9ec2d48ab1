/**
 * The content hash a QC evaluation and a release signature are bound to: SHA-256 over the canonical JSON
 * (keys sorted, no whitespace) of the batch record — its data and protocol, its raw files (with their
 * SHA-256), its measurements, its valid and invalidated QC results — and, for a signature, the evaluation
 * outcomes and deviations signed. Any later change to one of these changes the hash, so a stored signature
 * whose hash no longer matches is shown as broken.
 */
import { createHash } from 'node:crypto';
import type { Batch } from '../../domain/batch.ts';
import type { Deviation, QcEvaluation } from '../../domain/qc/release.ts';
import type { EvlabStore } from '../../store/evlab-store.ts';

/** JSON with object keys sorted at every level; undefined members dropped, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The batch's data record (what an evaluation judged). */
export async function batchRecord(store: EvlabStore, batch: Batch): Promise<unknown> {
  const { status: _status, updatedAt: _updatedAt, ...data } = batch;
  const files = await store.listRawFiles({ batchId: batch.id, limit: 1000 });
  const measurements = await store.listMeasurements({ batchId: batch.id, limit: 1000 });
  const results = await store.qc.listResults(batch.id);
  return {
    batch: data,
    rawFiles: files.items.map((f) => ({ id: f.id, sha256: f.sha256, name: f.originalName })),
    measurements: measurements.items.map((m) => ({
      id: m.id,
      kind: m.kind,
      status: m.status,
      rawFileId: m.rawFileId,
    })),
    results: results.map((r) => ({
      id: r.id,
      metric: r.metric,
      value: r.value,
      unit: r.unit,
      invalidated: r.invalidated,
    })),
  };
}

export async function dataHash(store: EvlabStore, batch: Batch): Promise<string> {
  return sha256Hex(canonicalJson(await batchRecord(store, batch)));
}

/** Hash a release or rejection signs: the data hash, the evaluation's outcomes and the deviations. */
export function signedRecordHash(
  data: string,
  evaluation: QcEvaluation | null,
  deviations: readonly Deviation[],
): string {
  return sha256Hex(canonicalJson(signedRecordContent(data, evaluation, deviations)));
}

/** The content a release or rejection signs (the shared signature store hashes it as record 'qc-release'). */
export function signedRecordContent(
  data: string,
  evaluation: QcEvaluation | null,
  deviations: readonly Deviation[],
): unknown {
  return {
    data,
    evaluation: evaluation && {
      id: evaluation.id,
      specificationId: evaluation.specificationId,
      specificationVersion: evaluation.specificationVersion,
      results: evaluation.results.map((r) => ({
        criterionId: r.criterionId,
        outcome: r.outcome,
        value: r.value,
      })),
    },
    deviations: deviations
      .filter((d) => evaluation !== null && d.evaluationId === evaluation.id)
      .map((d) => ({ id: d.id, criterionId: d.criterionId, decision: d.decision, reason: d.reason })),
  };
}
