import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FormatError } from '../../formats/format-error.ts';
import type { NtaReport, NtaSizeStats } from '../../science/nta/nta-report.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import { describeError, stackOf } from '../errors.ts';
import type { CliApp } from '../main.ts';
import {
  formatCount,
  formatFixed,
  formatScientific,
  MISSING,
  plural,
  renderTable,
  sparkline,
} from '../output.ts';
import { startProgress } from '../progress.ts';

/** What `evlab nta --json` prints for a file it could not read (missing, unreadable, malformed). */
export interface NtaFileError {
  file: string;
  error: { code: string; message: string; line: number | null; byteOffset: number | null };
}

/** One entry of the `evlab nta --json` array: the report, or the reason there is none. */
export type NtaEntry = NtaReport | NtaFileError;

export function isNtaFileError(entry: NtaEntry): entry is NtaFileError {
  return 'error' in entry;
}

export function registerNtaCommand(program: Command, app: CliApp): void {
  program
    .command('nta')
    .summary('read NanoSight NTA exports and report size statistics (no database needed)')
    .description(
      "Reads NanoSight NTA ExperimentSummary.csv exports and prints, per video, the instrument's size statistics next to the ones evlab recomputes from the 1 nm bins, the concentration and the QC flags.\n" +
        'With --json: a JSON array with one NtaReport per file, in the order given ({ file, error } for a file that could not be read; the exit code is then 1).',
    )
    .argument('<file...>', 'NTA export files (ExperimentSummary.csv)')
    .action(app.action<[string[]]>(ntaCommand));
}

async function ntaCommand(ctx: CommandContext, files: string[]): Promise<number> {
  const { readNtaReport } = await import('../../formats/nanosight/read-nta-report.ts');
  const progress = startProgress({
    stream: ctx.io.stderr,
    json: ctx.globals.json,
    total: files.length,
    title: 'Reading',
  });
  const entries: NtaEntry[] = [];
  for (const file of files) {
    entries.push(await readEntry(ctx, file, readNtaReport));
    progress.tick(file);
  }
  progress.stop();

  const failed = entries.filter(isNtaFileError);
  if (ctx.globals.json) {
    ctx.out.result(entries);
  } else {
    let printed = 0;
    for (const entry of entries) {
      if (isNtaFileError(entry)) {
        ctx.out.error(entry.error.message);
        continue;
      }
      if (printed++ > 0) ctx.out.print('');
      ctx.out.print(renderNtaReport(entry));
    }
    if (entries.length > 1) {
      ctx.out.info(
        `\n${plural(entries.length, 'file')}: ${entries.length - failed.length} read, ${failed.length} failed`,
      );
    }
  }
  return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

type ReadNtaReport = (bytes: Uint8Array, fileName: string) => { report: NtaReport };

async function readEntry(ctx: CommandContext, file: string, read: ReadNtaReport): Promise<NtaEntry> {
  let bytes: Uint8Array;
  try {
    // Relative paths are relative to the CLI's working directory (injectable in tests).
    bytes = await readFile(resolve(ctx.io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (error as Error).message;
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
    const { report } = read(bytes, file);
    // The contract: `file` is the path exactly as the user gave it.
    return { ...report, file };
  } catch (error) {
    if (error instanceof FormatError) {
      return {
        file,
        error: { code: error.code, message: error.message, line: error.line, byteOffset: error.byteOffset },
      };
    }
    // A reader bug: report it for this file and go on with the others.
    const described = describeError(error);
    const stack = stackOf(error);
    if (ctx.globals.debug && stack) ctx.out.info(stack);
    return {
      file,
      error: { code: described.code, message: `${file}: ${described.message}`, line: null, byteOffset: null },
    };
  }
}

// ---------- human rendering ----------

const STAT_KEYS: (keyof NtaSizeStats)[] = ['meanNm', 'modeNm', 'sdNm', 'd10Nm', 'd50Nm', 'd90Nm'];

/** A readable block for one report: header, videos × (instrument, evlab) statistics, average, flags, histogram. */
export function renderNtaReport(report: NtaReport): string {
  const lines: string[] = [];
  lines.push(`${report.file}`);
  const facts = [
    report.sample ? `sample ${report.sample}` : null,
    report.operator ? `operator ${report.operator}` : null,
    report.capturedAt ? `captured ${report.capturedAt}` : null,
    report.software ? `software ${report.software}` : null,
    report.dilutionFactor !== null && report.dilutionFactor !== undefined
      ? `dilution ×${report.dilutionFactor}`
      : null,
  ].filter((f): f is string => f !== null);
  if (facts.length > 0) lines.push(`  ${facts.join(' · ')}`);
  lines.push('');

  const rows: string[][] = [];
  for (const video of report.videos) {
    const stats = (s: NtaSizeStats) => STAT_KEYS.map((k) => formatFixed(s[k], 1));
    rows.push([
      video.name,
      formatFixed(video.temperatureC, 1),
      formatScientific(video.concentrationPerMl),
      formatFixed(video.particlesPerFrame, 1),
      formatCount(video.validTracks),
      'instrument',
      ...stats(video.reported),
    ]);
    rows.push(['', '', '', '', '', 'evlab', ...stats(video.computed)]);
  }
  if (rows.length > 0) {
    lines.push(
      renderTable(
        [
          'video',
          'T °C',
          'particles/mL',
          'per frame',
          'tracks',
          'stats',
          'mean nm',
          'mode nm',
          'SD nm',
          'D10 nm',
          'D50 nm',
          'D90 nm',
        ],
        rows,
        {
          align: [
            'left',
            'right',
            'right',
            'right',
            'right',
            'left',
            'right',
            'right',
            'right',
            'right',
            'right',
            'right',
          ],
          indent: '  ',
        },
      ),
    );
  } else {
    lines.push('  no videos');
  }
  lines.push('');

  const { concentrationPerMl, concentrationSE } = report.average;
  if (concentrationPerMl === null) {
    lines.push('  concentration –');
  } else {
    const withSe = concentrationSE !== null && concentrationSE !== undefined;
    const se = withSe ? ` ± ${formatScientific(concentrationSE)}` : '';
    lines.push(
      `  concentration ${formatScientific(concentrationPerMl)}${se} particles/mL` +
        ` (mean${withSe ? ' ± SE' : ''} of ${plural(report.videos.length, 'video')})`,
    );
  }

  const histogram = renderHistogram(report.distribution.binCentersNm, report.distribution.concentrationPerMl);
  if (histogram) lines.push(`  distribution ${histogram}`);

  if (report.flags.length === 0) {
    lines.push('  flags: none');
  } else {
    lines.push('  flags:');
    const width = Math.max(...report.flags.map((f) => f.level.length));
    for (const flag of report.flags)
      lines.push(`    ${flag.level.padEnd(width)}  ${flag.code}: ${flag.message}`);
  }
  return lines.join('\n');
}

/**
 * Sparkline of the number-weighted distribution between the first bin with particles and the bin where
 * 99.5 % of them are reached (the long empty tail of a 1 nm export would flatten the chart).
 */
export function renderHistogram(binCentersNm: readonly number[], perMl: readonly number[]): string | null {
  const n = Math.min(binCentersNm.length, perMl.length);
  if (n === 0) return null;
  const total = perMl.slice(0, n).reduce((sum, v) => sum + (Number.isFinite(v) && v > 0 ? v : 0), 0);
  if (total <= 0) return null;
  let first = 0;
  while (first < n && !((perMl[first] ?? 0) > 0)) first++;
  let last = first;
  let cumulative = 0;
  for (let i = first; i < n; i++) {
    cumulative += Math.max(0, perMl[i] ?? 0);
    last = i;
    if (cumulative >= 0.995 * total) break;
  }
  const from = binCentersNm[first];
  const to = binCentersNm[last];
  const chart = sparkline(perMl.slice(first, last + 1), 60);
  return `${from === undefined ? MISSING : formatFixed(from, 0)} nm ${chart} ${to === undefined ? MISSING : formatFixed(to, 0)} nm`;
}
