/**
 * PDF reports as jobs (issue 10, scale-out): the certificate of analysis and the batch report of a batch,
 * and the comparability report of two processes. Each job renders the PDF and stores it under
 * `<dataDir>/jobs/results/<jobId>/` (job-files.ts); its result is `{ file: { fileName, mediaType,
 * sizeBytes, sha256 }, ... }` and GET /api/jobs/:id/file serves the bytes.
 *
 * Idempotent on retry: rendering reads the store and writes nothing there; a rerun replaces the same job's
 * file atomically (temp file + rename), so a killed worker leaves either no file or a whole one.
 * Enqueued only by their own routes after the project-membership checks (`enqueueViaApi: false`).
 * Registered here, not in src/jobs, because rendering lives in this layer (report → jobs, never back):
 * `evlab serve` (api/routes/jobs.ts) and `evlab worker` call registerReportJobHandlers.
 */
import { z } from 'zod';
import { batchReport, certificateOfAnalysis } from '../jobs/qc/batch-documents.ts';
import { compareProcesses, MAX_BATCHES_PER_GROUP } from '../jobs/qc/comparability.ts';
import { putJobResultFile } from '../jobs/queue/job-files.ts';
import { registerJobHandler } from '../jobs/queue/job-types.ts';
import { comparabilityReportPdf } from './comparability-report-pdf.ts';

const PDF = 'application/pdf';

export const batchDocumentJobInput = z.object({ batchId: z.string().min(1).max(200) });

/** Same limits as the body of POST /api/qc/comparability (src/api/routes/qc.ts). */
export const comparabilityJobInput = z.object({
  a: z.array(z.string().min(1).max(200)).min(1).max(MAX_BATCHES_PER_GROUP),
  b: z.array(z.string().min(1).max(200)).min(1).max(MAX_BATCHES_PER_GROUP),
  metrics: z.array(z.string().min(1).max(100)).max(200).optional(),
  marginPct: z.number().finite().positive().max(1000).optional(),
  alpha: z.number().finite().gt(0).lt(0.5).optional(),
});

function fileStem(code: string): string {
  return code.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'batch';
}

let registered = false;

export function registerReportJobHandlers(): void {
  if (registered) return;
  registered = true;

  for (const [type, render, stem, summary] of [
    [
      'report.certificate-of-analysis',
      certificateOfAnalysis,
      'coa',
      'certificate of analysis of a batch (PDF)',
    ],
    [
      'report.batch-report',
      batchReport,
      'batch-report',
      'batch report (PDF): QC, measurements, raw files, audit trail',
    ],
  ] as const) {
    registerJobHandler(
      type,
      async (raw, { wb, jobId, reportProgress }) => {
        const { batchId } = batchDocumentJobInput.parse(raw);
        const batch = await wb.store.getBatch(batchId);
        if (!batch) throw new Error(`batch ${batchId} not found`);
        await reportProgress(0.1, `gathering the records of batch ${batch.code}`);
        const pdf = await render(wb.store, batchId);
        await reportProgress(0.9, 'storing the PDF');
        const file = await putJobResultFile(
          wb.dataDir,
          jobId,
          `${stem}-${fileStem(batch.code)}.pdf`,
          PDF,
          pdf,
        );
        return { file, batchId, batchCode: batch.code };
      },
      { summary, check: (i) => batchDocumentJobInput.parse(i), enqueueViaApi: false },
    );
  }

  registerJobHandler(
    'report.comparability',
    async (raw, { wb, jobId, reportProgress }) => {
      const input = comparabilityJobInput.parse(raw);
      await reportProgress(0.1, `comparing ${input.a.length} vs ${input.b.length} batches`);
      const report = await compareProcesses(wb.store, input);
      await reportProgress(0.5, `rendering ${report.metrics.length} metrics`);
      const pdf = await comparabilityReportPdf(report);
      await reportProgress(0.9, 'storing the PDF');
      const file = await putJobResultFile(wb.dataDir, jobId, 'comparability-report.pdf', PDF, pdf);
      return { file, metrics: report.metrics.length };
    },
    {
      summary: 'comparability report of two processes (PDF; same input as POST /api/qc/comparability)',
      check: (i) => comparabilityJobInput.parse(i),
      enqueueViaApi: false,
    },
  );
}
