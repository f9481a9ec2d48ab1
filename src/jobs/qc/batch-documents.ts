/** Gathers what the certificate of analysis and the batch report show, from the store. */
import type { Measurement } from '../../domain/measurement.ts';
import { batchReportPdf } from '../../report/batch-report.ts';
import { certificateOfAnalysisPdf } from '../../report/certificate-of-analysis.ts';
import type { EvlabStore } from '../../store/evlab-store.ts';
import { qcOverview } from './release.ts';

export async function certificateOfAnalysis(store: EvlabStore, batchId: string): Promise<Buffer> {
  const overview = await qcOverview(store, batchId);
  return certificateOfAnalysisPdf(overview, await store.getProject(overview.batch.projectId));
}

export async function batchReport(store: EvlabStore, batchId: string): Promise<Buffer> {
  const overview = await qcOverview(store, batchId);
  const summaries = await store.listMeasurements({ batchId, limit: 1000 });
  const measurements: Measurement[] = [];
  for (const s of summaries.items) {
    const m = await store.getMeasurement(s.id);
    if (m) measurements.push(m);
  }
  const rawFiles = (await store.listRawFiles({ batchId, limit: 1000 })).items;
  const audit = (await store.listAuditEvents({ batchId, limit: 1000 })).items.reverse();
  return batchReportPdf({
    overview,
    product: await store.getProject(overview.batch.projectId),
    measurements,
    rawFiles,
    audit,
  });
}
