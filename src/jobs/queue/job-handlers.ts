/**
 * The built-in job types. Each handler is idempotent: a retry after a killed worker gives the same result
 * and adds no duplicate rows (PK fits write nothing; the CT.gov import upserts studies by NCT id and keeps
 * raw documents content-addressed).
 */
import { z } from 'zod';
import { type FitSubjectsRequest, fitSubjects } from '../../science/pk/fitting/fit-subjects.ts';
import { CTGOV_API_BASE, classifySource, importCtgovSources } from '../evidence-import-ctgov.ts';
import { registerAnalysisJobHandlers } from './analysis-job-handlers.ts';
import { registerJobHandler } from './job-types.ts';

/** Longest diagnostic sleep (the job exists to check that workers run and report progress). */
export const MAX_SLEEP_MS = 60_000;

const fitSubjectsInput = z.object({
  subjects: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        observations: z
          .array(z.object({ timeH: z.number(), conc: z.number() }))
          .min(1)
          .max(10_000),
      }),
    )
    .min(1)
    .max(2000),
  models: z.array(z.string().min(1)).min(1).max(10),
  doses: z.array(z.record(z.string(), z.unknown())).min(1).max(1000),
  weighting: z.enum(['1', '1/y', '1/y2', '1/yhat2']).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  units: z.record(z.string(), z.unknown()).optional(),
});

const ctgovInput = z.object({
  /** NCT ids or CT.gov API v2 URLs (no server files: the job runs on the server). */
  sources: z.array(z.string().min(1).max(2000)).min(1).max(100),
  maxPages: z.number().int().min(1).max(20).optional(),
});

const sleepInput = z.object({
  ms: z.number().int().min(0).max(MAX_SLEEP_MS),
  steps: z.number().int().min(1).max(100).optional(),
});

function checkCtgovSources(sources: readonly string[]): void {
  for (const source of sources) {
    const target = classifySource(source);
    if (target.kind === 'file') throw new Error(`"${source}" is neither an NCT id nor a URL`);
    if (target.kind === 'url' && !target.value.startsWith(CTGOV_API_BASE))
      throw new Error(`"${source}" is not a ClinicalTrials.gov API v2 URL (${CTGOV_API_BASE}…)`);
  }
}

let registered = false;

/** Registers the built-in handlers (idempotent). */
export function registerBuiltInJobHandlers(): void {
  if (registered) return;
  registered = true;
  registerAnalysisJobHandlers();

  registerJobHandler(
    'pk.fit-subjects',
    async (raw, { reportProgress }) => {
      const input = fitSubjectsInput.parse(raw) as unknown as FitSubjectsRequest;
      const fits: ReturnType<typeof fitSubjects>['fits'] = [];
      const comparisons: ReturnType<typeof fitSubjects>['comparisons'] = [];
      for (const [i, subject] of input.subjects.entries()) {
        await reportProgress(
          i / input.subjects.length,
          `fitting subject ${subject.id} (${i + 1} of ${input.subjects.length})`,
        );
        const one = fitSubjects({ ...input, subjects: [subject] });
        fits.push(...one.fits);
        comparisons.push(...one.comparisons);
        // Let the event loop breathe between subjects (heartbeats, HTTP requests of the same process).
        await new Promise((r) => setImmediate(r));
      }
      return { fits, comparisons };
    },
    {
      summary: 'fit PK compartment models to each subject (src/science/pk/fitting)',
      check: (i) => fitSubjectsInput.parse(i),
    },
  );

  registerJobHandler(
    'evidence.ctgov-import',
    async (raw, { reportProgress, wb, jobId }) => {
      const input = ctgovInput.parse(raw);
      checkCtgovSources(input.sources);
      let documents = 0;
      // onDocument cannot wait: a cancellation (or a failed progress write) is kept and rethrown once the
      // import returns (the studies read so far stay: the import upserts, like a retry).
      let stopped: unknown = null;
      const summary = await importCtgovSources(wb, input.sources, {
        actor: `job:${jobId}`,
        maxPages: input.maxPages,
        onDocument: (label) => {
          documents += 1;
          reportProgress(
            Math.min(0.99, documents / (input.sources.length * (input.maxPages ?? 1))),
            `read ${label}`,
          ).catch((error: unknown) => {
            stopped ??= error;
          });
        },
      });
      await new Promise((r) => setImmediate(r));
      if (stopped !== null) throw stopped;
      return summary;
    },
    {
      summary: 'import ClinicalTrials.gov studies by NCT id or API v2 search URL (upsert by NCT id)',
      check: (i) => checkCtgovSources(ctgovInput.parse(i).sources),
    },
  );

  registerJobHandler(
    'diagnostic.sleep',
    async (raw, { reportProgress }) => {
      const input = sleepInput.parse(raw);
      const steps = input.steps ?? 10;
      for (let i = 0; i < steps; i += 1) {
        await reportProgress(i / steps, `step ${i + 1} of ${steps}`);
        await new Promise((r) => setTimeout(r, input.ms / steps));
      }
      return { sleptMs: input.ms, pid: process.pid };
    },
    {
      summary: 'diagnostic: wait ms milliseconds reporting progress (checks that workers run)',
      check: (i) => sleepInput.parse(i),
    },
  );
}
