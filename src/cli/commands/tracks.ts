import type { Command } from 'commander';
import type { TrackSizingReport } from '../../science/nta-tracks/size-tracks.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import { CliError } from '../errors.ts';
import { EXIT_USAGE } from '../exit-codes.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, renderTable, sparkline } from '../output.ts';
import { type FileError, fileEntry, finiteNumber, isFileError, positiveNumber } from './file-entries.ts';

interface TracksOptions {
  umPerPx?: number;
  fps?: number;
  temperatureC?: number;
  viscosityCp?: number;
  localisationNoiseNm?: number;
}

export type TracksEntry =
  | (TrackSizingReport & { file: string; source: 'positions' | 'per-track' })
  | FileError;

export function registerTracksCommand(program: Command, app: CliApp): void {
  program
    .command('tracks')
    .summary(
      'size NTA particles from their tracks: naive per-track vs maximum likelihood (finite track length)',
    )
    .description(
      "Reads NanoSight AllTracks.csv / ParticleData.csv exports or generic track tables (id, frame, x, y in px), computes each track's diffusion coefficient (MSD at lag 1, drift removed), its Stokes–Einstein diameter (water viscosity at the temperature), and the maximum-likelihood size distribution that corrects for finite track length (Walker 2012, Meas Sci Technol 23:065605).\n" +
        'With --json: { file, tracks, naive: {modeNm, d50Nm, sdNm, bins}, ml: {modeNm, d50Nm, sdNm, bins, iterations, converged}, trackLengths } for one file, an array for several ({ file, error } for a file that could not be read; exit code 1).',
    )
    .argument('<file...>', 'track tables (CSV/TSV)')
    .option(
      '--um-per-px <n>',
      'pixel size in the sample plane, µm/px (required for position tables unless the file says)',
      positiveNumber,
    )
    .option('--fps <n>', 'frame rate, frames per second (required unless the file says)', positiveNumber)
    .option('--temperature-c <n>', 'sample temperature, °C (required unless the file says)', finiteNumber)
    .option(
      '--viscosity-cp <n>',
      'diluent viscosity, cP (default: water at the temperature, NTA 3.x correlation)',
      positiveNumber,
    )
    .option(
      '--localisation-noise-nm <n>',
      'localisation uncertainty per coordinate, nm (default 0)',
      finiteNumber,
    )
    .action(app.action<[string[]]>(tracksCommand));
}

async function tracksCommand(ctx: CommandContext, files: string[]): Promise<number> {
  const opts = ctx.command.opts<TracksOptions>();
  const { readTrackTable, perTrackSummaries } = await import(
    '../../formats/nanosight-tracks/read-track-table.ts'
  );
  const { summariseTracks } = await import('../../science/nta-tracks/track-diffusion.ts');
  const { sizeTracks } = await import('../../science/nta-tracks/size-tracks.ts');
  const entries: TracksEntry[] = [];
  let usage: string | null = null;
  for (const file of files) {
    entries.push(
      await fileEntry(ctx, file, (bytes, name) => {
        const read = readTrackTable(bytes, name);
        const fps = opts.fps ?? read.metadata.fps;
        const temperatureC = opts.temperatureC ?? read.metadata.temperatureC;
        const umPerPx = opts.umPerPx ?? read.metadata.umPerPx;
        const missing = [
          fps === null ? '--fps' : null,
          temperatureC === null ? '--temperature-c' : null,
          read.kind === 'positions' && umPerPx === null ? '--um-per-px' : null,
        ].filter((m): m is string => m !== null);
        if (missing.length > 0) {
          usage = `${name}: the file does not give ${missing.join(', ')}; pass ${missing.length > 1 ? 'them' : 'it'} on the command line`;
          throw new CliError(usage, 'missing-option', EXIT_USAGE);
        }
        const summaries =
          read.kind === 'positions'
            ? summariseTracks(read.table, umPerPx as number, fps as number)
            : perTrackSummaries(read.tracks, fps as number);
        const report = sizeTracks(summaries, {
          temperatureC: temperatureC as number,
          viscosityCp: opts.viscosityCp,
          localisationNoiseNm: opts.localisationNoiseNm,
          fps: fps as number,
          umPerPx: umPerPx ?? undefined,
        });
        return { ...report, source: read.kind };
      }),
    );
  }
  const failed = entries.filter(isFileError);
  if (ctx.globals.json) {
    ctx.out.result(entries.length === 1 ? entries[0] : entries);
  } else {
    for (const e of entries) {
      if (isFileError(e)) {
        ctx.out.error(e.error.message);
        continue;
      }
      ctx.out.print(
        `${e.file} — ${e.tracks} tracks (${e.source}), ${formatFixed(e.conditions.temperatureC, 1)} °C, η ${formatFixed(e.conditions.viscosityCp, 4)} cP`,
      );
      ctx.out.print(
        renderTable(
          ['sizing', 'mode nm', 'D50 nm', 'SD nm', 'distribution 20–400 nm'],
          [
            [
              'naive per track',
              formatFixed(e.naive.modeNm, 1),
              formatFixed(e.naive.d50Nm, 1),
              formatFixed(e.naive.sdNm, 1),
              sparkline(
                e.naive.bins.filter((b) => b.diameterNm <= 400).map((b) => b.densityPerNm),
                50,
              ),
            ],
            [
              'maximum likelihood',
              formatFixed(e.ml.modeNm, 1),
              formatFixed(e.ml.d50Nm, 1),
              formatFixed(e.ml.sdNm, 1),
              sparkline(
                e.ml.bins.filter((b) => b.diameterNm <= 400).map((b) => b.densityPerNm),
                50,
              ),
            ],
          ],
          { indent: '  ' },
        ),
      );
    }
  }
  if (usage !== null && failed.length === entries.length) return EXIT_USAGE;
  return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
}
