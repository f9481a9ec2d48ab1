import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { FcsDataset, FcsFile } from '../../formats/fcs/fcs-file.ts';
import { FormatError } from '../../formats/format-error.ts';
import { writeChunk } from '../broken-pipe.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { renderTable } from '../output.ts';

/** What the flow commands print with --json for a file they could not read. */
export interface FcsFileError {
  file: string;
  error: { code: string; message: string; line: number | null; byteOffset: number | null };
}

/** Reads and parses an FCS file; a missing or malformed file becomes `{ file, error }`. */
export async function loadFcsFile(ctx: CommandContext, file: string): Promise<FcsFile | FcsFileError> {
  const { readFcs } = await import('../../formats/fcs/read-fcs.ts');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(ctx.io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return {
      file,
      error: {
        code: code === 'ENOENT' ? 'not-found' : 'unreadable',
        message: `${file}: ${reason}`,
        line: null,
        byteOffset: null,
      },
    };
  }
  try {
    // The bytes were read only to be parsed: DATA is decoded over them (no second block of its size).
    return readFcs(bytes, file, { inPlace: true });
  } catch (error) {
    if (error instanceof FormatError) {
      return {
        file,
        error: { code: error.code, message: error.message, line: error.line, byteOffset: error.byteOffset },
      };
    }
    throw error;
  }
}

export function isFcsFileError(x: FcsFile | FcsFileError): x is FcsFileError {
  return 'error' in x;
}

/** Reports a file error in the command's output mode and returns exit code 1. */
export function reportFcsFileError(ctx: CommandContext, failure: FcsFileError): number {
  if (ctx.globals.json) ctx.out.result(failure);
  else ctx.out.error(failure.error.message);
  return EXIT_FAILURE;
}

/** 1-based --dataset N → the data set, or a usage error. */
export function pickDataset(file: FcsFile, dataset: string | undefined): FcsDataset {
  const n = dataset === undefined ? 1 : Number(dataset);
  const d = Number.isInteger(n) ? file.datasets[n - 1] : undefined;
  if (!d) {
    throw new CliError(
      `--dataset ${dataset}: the file has ${file.datasets.length} data set(s) (1…${file.datasets.length})`,
      'bad-dataset',
      EXIT_USAGE,
    );
  }
  return d;
}

/** The `evlab fcs info --json` contract. */
export interface FcsInfo {
  file: string;
  version: string;
  datasets: number;
  events: number;
  parameters: {
    index: number;
    name: string;
    label: string | null;
    bits: number;
    range: number;
    amplification: [number, number];
    gain: number;
  }[];
  keywords: Record<string, string>;
  spillover: { keyword: string; parameters: string[]; matrix: number[][] } | null;
  warnings: string[];
}

export function fcsInfo(file: string, fcs: FcsFile, d: FcsDataset): FcsInfo {
  return {
    file,
    version: fcs.version,
    datasets: fcs.datasets.length,
    events: d.eventCount,
    parameters: d.parameters.map((p) => ({
      index: p.index,
      name: p.name,
      label: p.label,
      bits: p.bits,
      range: p.range,
      amplification: p.amplification,
      gain: p.gain,
    })),
    keywords: d.keywords,
    spillover: d.spillover,
    warnings: d.warnings,
  };
}

export function registerFcsCommand(program: Command, app: CliApp): void {
  const fcs = program
    .command('fcs')
    .summary('read FCS 2.0/3.0/3.1 flow cytometry files: keywords, parameters, events (no database needed)');
  fcs
    .command('info')
    .summary('FCS version, data sets, events, parameters, keywords and spillover matrix')
    .description(
      'Prints the FCS version, the number of data sets and events, each parameter ($PnN, $PnS, $PnB, $PnR, $PnE, $PnG), the TEXT keywords and the spillover matrix ($SPILLOVER/SPILL/$COMP).\n' +
        'With --json: {file, version, datasets, events, parameters: [{index, name, label, bits, range, amplification: [f1, f2], gain}], keywords, spillover, warnings}; a file that cannot be read gives {file, error} and exit code 1.',
    )
    .argument('<file>', 'FCS file')
    .option('--dataset <n>', 'which data set (1-based) for files with several ($NEXTDATA)', '1')
    .action(app.action<[string]>(infoCommand));
  fcs
    .command('export')
    .summary('events as CSV: a header of $PnN names, then one row per event')
    .argument('<file>', 'FCS file')
    .addOption(
      new Option(
        '--values <view>',
        'raw: stored values; scaled: gain, log amplification and $TIMESTEP applied',
      )
        .choices(['raw', 'scaled'])
        .default('scaled'),
    )
    .option('--dataset <n>', 'which data set (1-based)', '1')
    .addOption(new Option('--format <format>', 'output format').choices(['csv']).default('csv'))
    .action(app.action<[string]>(exportCommand));
}

async function infoCommand(ctx: CommandContext, file: string): Promise<number> {
  const opts = ctx.command.opts<{ dataset?: string }>();
  const fcs = await loadFcsFile(ctx, file);
  if (isFcsFileError(fcs)) return reportFcsFileError(ctx, fcs);
  const d = pickDataset(fcs, opts.dataset);
  const info = fcsInfo(file, fcs, d);
  if (ctx.globals.json) {
    ctx.out.result(info);
    return EXIT_OK;
  }
  ctx.out.print(
    `${file}: FCS ${info.version}, ${info.datasets} data set(s), ${info.events} events, ${d.dataType} ${d.byteOrder}`,
  );
  ctx.out.print(
    renderTable(
      ['#', 'name', 'label', 'bits', 'range', 'amplification', 'gain'],
      info.parameters.map((p) => [
        String(p.index),
        p.name,
        p.label ?? '',
        String(p.bits),
        String(p.range),
        p.amplification[0] > 0 ? `log ${p.amplification[0]} decades, ${p.amplification[1]}` : 'linear',
        String(p.gain),
      ]),
    ),
  );
  if (info.spillover)
    ctx.out.print(`spillover (${info.spillover.keyword}): ${info.spillover.parameters.join(', ')}`);
  for (const w of info.warnings) ctx.out.warn(w);
  return EXIT_OK;
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

async function exportCommand(ctx: CommandContext, file: string): Promise<number> {
  const opts = ctx.command.opts<{ dataset?: string; values: 'raw' | 'scaled' }>();
  const fcs = await loadFcsFile(ctx, file);
  if (isFcsFileError(fcs)) return reportFcsFileError(ctx, fcs);
  const d = pickDataset(fcs, opts.dataset);
  const { fcsColumnsValues } = await import('../../formats/fcs/fcs-scaled-values.ts');
  const cols = fcsColumnsValues(d, opts.values);
  const lines: string[] = [d.parameters.map((p) => csvCell(p.name)).join(',')];
  const row: string[] = new Array(cols.length);
  // Written in chunks of 10,000 rows; a reader that goes away (`| head`) ends the export quietly, exit 0.
  for (let e = 0; e < d.eventCount; e++) {
    for (let i = 0; i < cols.length; i++) row[i] = String((cols[i] as Float64Array)[e]);
    lines.push(row.join(','));
    if (lines.length >= 10_000) {
      if (!(await writeChunk(ctx.io.stdout, `${lines.join('\n')}\n`))) return EXIT_OK;
      lines.length = 0;
    }
  }
  if (lines.length > 0) await writeChunk(ctx.io.stdout, `${lines.join('\n')}\n`);
  return EXIT_OK;
}
