/** Gathers a batch's checklist inputs from the store (src/domain/qc/misev-checklist.ts does the judging). */
import { type Checklist, evTrackFields, misevChecklist } from '../../domain/qc/misev-checklist.ts';
import { type EvlabStore, StoreError } from '../../store/evlab-store.ts';
import { releaseMetrics } from '../batch-metrics/release-metrics.ts';

export async function batchChecklist(
  store: EvlabStore,
  batchId: string,
): Promise<Checklist & { evTrack: Record<string, string | number | null> }> {
  const batch = await store.getBatch(batchId);
  if (!batch) throw new StoreError('not-found', `batch ${batchId} does not exist`);
  const source = batch.sourceId !== null ? await store.getSource(batch.sourceId) : null;
  const metrics = await releaseMetrics(store, batch.id);
  const files = await store.listRawFiles({ batchId, limit: 1000 });
  const nameOf = new Map(files.items.map((f) => [f.id, f.originalName]));
  const measurements = (await store.listMeasurements({ batchId, limit: 1000 })).items
    .filter((m) => m.status === 'parsed')
    .map((m) => ({ id: m.id, kind: m.kind, label: nameOf.get(m.rawFileId) ?? m.instrument }));
  const input = { batch, source, metrics, measurements };
  const checklist = misevChecklist(input);
  return { ...checklist, evTrack: evTrackFields(input, checklist) };
}
