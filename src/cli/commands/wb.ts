import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FormatError } from '../../formats/format-error.ts';
import type { WesternBlotReport } from '../../science/western-blot/call-blot-markers.ts';
import type { BlotLane } from '../../science/western-blot/western-blot-record.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, renderTable } from '../output.ts';
import { finiteNumber } from './file-entries.ts';
import { type FileErrorEntry, isFileError, readFileEntry } from './read-file-entry.ts';

export function registerWbCommand(program: Command, app: CliApp): void {
  program
    .command('wb')
    .summary('Western blot densitometry → marker calls vs lysate (no database needed)')
    .description(
      'Reads ImageJ densitometry (Gel Analyzer Area/Percent, or Measure with IntDen/RawIntDen, or marker,lane,signal) with a lane map and calls each marker present or absent per EV lane, and enriched, similar or depleted against the parent-cell lysate at equal protein; markers are placed in their MISEV / ISCT category.\n' +
        '--lanes is a CSV file (lane,sample,role,loading_ug) or inline "EV-1:ev:10,MSC:lysate:10" in lane order.\n' +
        'With --json: one WesternBlotReport for one file, an array for several ({ file, error } for a file that could not be read; exit code 1).',
    )
    .argument('<file...>', 'densitometry tables')
    .requiredOption('--lanes <lanes>', 'lane map: CSV file or inline sample:role:µg,…')
    .option('--marker <name>', 'marker of every band when the table has no Marker column')
    .option(
      '--present-fraction <f>',
      "present above this fraction of the marker's strongest band (default 0.05, evlab convention)",
      finiteNumber,
    )
    .option(
      '--blank-multiple <k>',
      'present above k × the blank lane (default 3: S/N 3:1 detection limit, ICH Q2(R1))',
      finiteNumber,
    )
    .option(
      '--enriched-ratio <r>',
      'EV/lysate per µg at or above r: enriched (default 2, two-fold)',
      finiteNumber,
    )
    .option(
      '--depleted-ratio <r>',
      'EV/lysate per µg at or below r: depleted (default 0.5, two-fold)',
      finiteNumber,
    )
    .action(app.action<[string[]]>(wbCommand));
}

async function wbCommand(ctx: CommandContext, files: string[]): Promise<number> {
  const opts = ctx.command.opts<{
    lanes: string;
    marker?: string;
    presentFraction?: number;
    blankMultiple?: number;
    enrichedRatio?: number;
    depletedRatio?: number;
  }>();
  const { readDensitometry } = await import('../../formats/western-blot/read-densitometry.ts');
  const { parseInlineLanes, readLaneMap } = await import('../../formats/western-blot/read-lane-map.ts');
  const { callBlotMarkers, blotThresholds } = await import('../../science/western-blot/call-blot-markers.ts');
  let thresholds: ReturnType<typeof blotThresholds>;
  try {
    thresholds = blotThresholds({
      ...(opts.presentFraction !== undefined ? { presentFractionOfMax: opts.presentFraction } : {}),
      ...(opts.blankMultiple !== undefined ? { blankMultiple: opts.blankMultiple } : {}),
      ...(opts.enrichedRatio !== undefined ? { enrichedRatio: opts.enrichedRatio } : {}),
      ...(opts.depletedRatio !== undefined ? { depletedRatio: opts.depletedRatio } : {}),
    });
  } catch (error) {
    ctx.out.error(`thresholds: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
  let lanes: BlotLane[];
  try {
    const path = resolve(ctx.io.cwd, opts.lanes);
    lanes = existsSync(path) ? readLaneMap(readFileSync(path), opts.lanes) : parseInlineLanes(opts.lanes);
  } catch (error) {
    ctx.out.error(`--lanes: ${error instanceof FormatError ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
  const entries: ((WesternBlotReport & { file: string }) | FileErrorEntry)[] = [];
  for (const file of files)
    entries.push(
      await readFileEntry(ctx, file, (bytes, name) =>
        callBlotMarkers(readDensitometry(bytes, name, opts.marker), lanes, thresholds),
      ),
    );
  if (ctx.globals.json) ctx.out.result(entries.length === 1 ? entries[0] : entries);
  else
    for (const e of entries) {
      if (isFileError(e)) ctx.out.error(e.error.message);
      else ctx.out.print(renderWb(e));
    }
  return entries.some(isFileError) ? EXIT_FAILURE : EXIT_OK;
}

function renderWb(r: WesternBlotReport & { file: string }): string {
  const rows = r.markers.flatMap((m) =>
    m.lanes.map((l) => [
      m.marker,
      m.category ?? '–',
      l.sample,
      l.call,
      l.vsLysate ?? '–',
      formatFixed(l.ratioToLysate, 2),
      l.asExpected === null ? '–' : l.asExpected ? 'yes' : 'NO',
    ]),
  );
  return [
    `${r.file}  (signal: ${r.signalColumn})`,
    renderTable(['marker', 'category', 'EV sample', 'call', 'vs lysate', 'ratio/µg', 'as expected'], rows, {
      indent: '  ',
    }),
    ...r.flags.map((f) => `  ${f.level}: ${f.message}`),
    ...(r.thresholds ? [`  convention: ${r.thresholds.convention}`] : []),
  ].join('\n');
}
