import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Batch } from '../../domain/batch.ts';
import { MEASUREMENT_KINDS, type MeasurementSummary, type RawFile } from '../../domain/measurement.ts';
import type { AcquisitionParameters } from '../../jobs/track-readers.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError, describeError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { plural, renderTable } from '../output.ts';
import { startProgress } from '../progress.ts';
import { withWorkbench } from '../workbench.ts';
import { finiteNumber, positiveNumber } from './file-entries.ts';

/** One file's outcome in `evlab import --json`. */
export interface ImportFileResult {
  file: string;
  status: 'parsed' | 'unparsed' | 'failed';
  rawFile: RawFile | null;
  /** The measurement without its (large) parsed record and metrics: `evlab nta FILE --json` prints those. */
  measurement: MeasurementSummary | null;
  /** Why the file did not parse (unparsed) or could not be imported at all (failed). */
  error: { code: string; message: string; line: number | null; byteOffset: number | null } | null;
}

export function registerImportCommand(program: Command, app: CliApp): void {
  program
    .command('import')
    .summary('import instrument files into a batch')
    .description(
      'Stores each file in the batch (the original bytes are always kept) and parses it into a measurement. ' +
        'Exit code 1 when any file did not parse; the files that parsed are imported all the same.',
    )
    .argument('<batch>', 'batch id or batch code')
    .argument('<file...>', 'instrument files, e.g. NanoSight ExperimentSummary.csv')
    .option(
      '--kind <kind>',
      `measurement kind (${MEASUREMENT_KINDS.join(', ')}); detected from the file when absent`,
    )
    .option(
      '--um-per-px <n>',
      'track tables (nta-tracks): pixel size in the sample plane, µm/px, unless the file says',
      positiveNumber,
    )
    .option('--fps <n>', 'track tables: frame rate, frames per second, unless the file says', positiveNumber)
    .option('--temperature-c <n>', 'track tables: sample temperature, °C, unless the file says', finiteNumber)
    .option(
      '--viscosity-cp <n>',
      'track tables: diluent viscosity, cP (default: water at the temperature, NTA 3.x correlation)',
      positiveNumber,
    )
    .action(app.action<[string, string[]]>(importCommand));
}

/** Media type stored with the raw file, from its extension (the content decides how it is read). */
export function mediaTypeOf(fileName: string): string {
  switch (extname(fileName).toLowerCase()) {
    case '.csv':
      return 'text/csv';
    case '.txt':
      return 'text/plain';
    case '.json':
      return 'application/json';
    case '.xml':
      return 'application/xml';
    default:
      return 'application/octet-stream';
  }
}

async function importCommand(ctx: CommandContext, batchRef: string, files: string[]): Promise<number> {
  const opts = ctx.command.opts<{
    kind?: string;
    umPerPx?: number;
    fps?: number;
    temperatureC?: number;
    viscosityCp?: number;
  }>();
  const kind = opts.kind;
  const acquisition = {
    ...(opts.umPerPx !== undefined ? { umPerPx: opts.umPerPx } : {}),
    ...(opts.fps !== undefined ? { fps: opts.fps } : {}),
    ...(opts.temperatureC !== undefined ? { temperatureC: opts.temperatureC } : {}),
    ...(opts.viscosityCp !== undefined ? { viscosityCp: opts.viscosityCp } : {}),
  };
  if (kind !== undefined && !(MEASUREMENT_KINDS as readonly string[]).includes(kind)) {
    throw new CliError(
      `unknown measurement kind "${kind}" (known: ${MEASUREMENT_KINDS.join(', ')})`,
      'invalid-kind',
      EXIT_USAGE,
    );
  }
  const ingest = await import('../../jobs/ingest-raw-file.ts');

  const { batch, results } = await withWorkbench(ctx, async (wb) => {
    const batch = await findBatch(wb, batchRef);
    const progress = startProgress({
      stream: ctx.io.stderr,
      json: ctx.globals.json,
      total: files.length,
      title: 'Importing',
    });
    const results: ImportFileResult[] = [];
    try {
      for (const file of files) {
        results.push(await importOne(ctx, wb, ingest, batch, file, kind, acquisition));
        progress.tick(file);
      }
    } finally {
      progress.stop();
    }
    return { batch, results };
  });

  const parsed = results.filter((r) => r.status === 'parsed').length;
  const failed = results.length - parsed;
  if (ctx.globals.json) {
    ctx.out.result({ batch: { id: batch.id, code: batch.code }, results });
  } else {
    ctx.out.print(`Batch ${batch.code} (${batch.id})`);
    ctx.out.print(
      renderTable(
        ['file', 'status', 'measurement', 'detail'],
        results.map((r) => [
          basename(r.file),
          r.status,
          r.measurement?.id ?? '–',
          r.error
            ? `${r.error.line !== null ? `line ${r.error.line}: ` : ''}${r.error.message}`
            : (r.measurement?.instrument ?? ''),
        ]),
        { indent: '  ' },
      ),
    );
    ctx.out.info(`${plural(results.length, 'file')}: ${parsed} parsed, ${failed} not parsed`);
  }
  return failed > 0 ? EXIT_FAILURE : EXIT_OK;
}

type IngestModule = typeof import('../../jobs/ingest-raw-file.ts');

async function importOne(
  ctx: CommandContext,
  wb: Workbench,
  { ingestRawFile, isUploadTooLarge }: IngestModule,
  batch: Batch,
  file: string,
  kind: string | undefined,
  acquisition: AcquisitionParameters = {},
): Promise<ImportFileResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(ctx.io.cwd, file));
  } catch (error) {
    const described = describeError(error);
    const reason = described.code === 'ENOENT' ? 'no such file' : described.message;
    return failed(file, described.code === 'ENOENT' ? 'not-found' : 'unreadable', `${file}: ${reason}`);
  }
  try {
    const { rawFile, measurement } = await ingestRawFile(wb, {
      batchId: batch.id,
      fileName: basename(file),
      bytes,
      mediaType: mediaTypeOf(file),
      actor: ctx.globals.user,
      ...(kind !== undefined ? { kind } : {}),
      ...(Object.keys(acquisition).length > 0 ? { acquisition } : {}),
    });
    const { parsed: _parsed, metrics: _metrics, ...summary } = measurement;
    return {
      file,
      status: measurement.status,
      rawFile,
      measurement: summary,
      error: measurement.error
        ? {
            code: measurement.error.code,
            message: measurement.error.message,
            line: measurement.error.line,
            byteOffset: measurement.error.byteOffset,
          }
        : null,
    };
  } catch (error) {
    // A store refusal for this file (e.g. the batch is closed) or an I/O error: report it, go on.
    if (isUploadTooLarge(error)) return failed(file, 'too-large', `${file}: ${(error as Error).message}`);
    if (error instanceof Error && (error as { code?: unknown }).code === 'missing-acquisition-parameters')
      return failed(file, 'missing-acquisition-parameters', error.message);
    const described = describeError(error);
    if (!described.expected) throw error;
    return failed(file, described.code, described.message);
  }
}

function failed(file: string, code: string, message: string): ImportFileResult {
  return {
    file,
    status: 'failed',
    rawFile: null,
    measurement: null,
    error: { code, message, line: null, byteOffset: null },
  };
}

/** A batch by id, else by exact code (case-sensitive first, then case-insensitive); ambiguity is an error. */
export async function findBatch(wb: Workbench, ref: string): Promise<Batch> {
  const byId = await wb.store.getBatch(ref);
  if (byId) return byId;
  const candidates = (await wb.store.listBatches({ q: ref, limit: 1000 })).items;
  let matches = candidates.filter((b) => b.code === ref);
  if (matches.length === 0) matches = candidates.filter((b) => b.code.toLowerCase() === ref.toLowerCase());
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new CliError(
      `batch code "${ref}" is used by ${matches.length} batches (${matches.map((b) => b.id).join(', ')}); give the batch id`,
      'ambiguous-batch',
    );
  }
  throw new CliError(`no batch with id or code "${ref}"`, 'not-found');
}
