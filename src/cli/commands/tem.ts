import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { TemReport } from '../../science/tem/analyse-tem-particles.ts';
import type { DryVsHydrodynamic } from '../../science/tem/dry-vs-hydrodynamic.ts';
import type { TableUnit } from '../../science/tem/tem-particle.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import { CliError } from '../errors.ts';
import { EXIT_USAGE } from '../exit-codes.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, renderTable } from '../output.ts';
import { type FileError, fileEntry, isFileError, positiveNumber } from './file-entries.ts';

interface TemOptions {
  nmPerPx?: number;
  tableUnit: TableUnit;
  nta?: string;
  binWidthNm?: number;
}

export type TemEntry = (TemReport & { comparison?: DryVsHydrodynamic & { ntaFile: string } }) | FileError;

function tableUnit(value: string): TableUnit {
  if (value === 'px' || value === 'nm' || value === 'um') return value;
  if (value === 'µm') return 'um';
  throw new InvalidArgumentError(`"${value}" is not px, nm or um`);
}

export function registerTemCommand(program: Command, app: CliApp): void {
  program
    .command('tem')
    .summary(
      'TEM/SEM particle sizes from ImageJ/Fiji Analyze Particles tables (ECD, mean Feret, morphology flags)',
    )
    .description(
      'Reads ImageJ/Fiji "Analyze Particles" Results tables (Area, Perim., Major, Minor, Feret, MinFeret, Circ., AR, Round, Solidity; any subset with Area or Feret) and reports the equivalent circular diameter and mean Feret distributions, with aggregate / non-round / out-of-range flags per particle. With --nta, the dry (TEM) sizes are set beside the hydrodynamic (NTA) distribution of a NanoSight or ZetaView export.\n' +
        'With --json: one TemReport for one file, an array for several ({ file, error } for a file that could not be read; exit code 1).',
    )
    .argument('<file...>', 'ImageJ Results tables (.csv, .xls, .txt)')
    .option(
      '--nm-per-px <n>',
      'image scale, nm per pixel (required when the table is in pixels)',
      positiveNumber,
    )
    .option(
      '--table-unit <unit>',
      'unit of the table: px (default; converted with --nm-per-px), nm or um (calibrated with Set Scale)',
      tableUnit,
      'px',
    )
    .option(
      '--nta <file>',
      'a NanoSight ExperimentSummary.csv or ZetaView .txt to compare with (dry vs hydrodynamic size)',
    )
    .option('--bin-width-nm <n>', 'histogram bin width, nm (default 10)', positiveNumber)
    .action(app.action<[string[]]>(temCommand));
}

async function ntaBins(
  ctx: CommandContext,
  file: string,
): Promise<{ centresNm: number[]; weights: number[] }> {
  const bytes = new Uint8Array(await readFile(resolve(ctx.io.cwd, file)));
  const { sniffZetaView, readZetaViewTxt } = await import('../../formats/zetaview/read-zetaview-txt.ts');
  if (sniffZetaView(bytes)) {
    const record = readZetaViewTxt(bytes, file);
    return {
      centresNm: record.linearBins.map((b) => b.sizeNm),
      weights: record.linearBins.map((b) => b.number),
    };
  }
  const { readNtaReport } = await import('../../formats/nanosight/read-nta-report.ts');
  const { report } = readNtaReport(bytes, file);
  return { centresNm: report.distribution.binCentersNm, weights: report.distribution.concentrationPerMl };
}

async function temCommand(ctx: CommandContext, files: string[]): Promise<number> {
  const opts = ctx.command.opts<TemOptions>();
  if (opts.tableUnit === 'px' && opts.nmPerPx === undefined)
    throw new CliError(
      'a table in pixels needs --nm-per-px (or --table-unit nm|um for a calibrated table)',
      'missing-option',
      EXIT_USAGE,
    );
  const { readImageJResults } = await import('../../formats/imagej-results/read-imagej-results.ts');
  const { analyseTemParticles } = await import('../../science/tem/analyse-tem-particles.ts');
  const { compareDryVsHydrodynamic } = await import('../../science/tem/dry-vs-hydrodynamic.ts');
  let nta: { centresNm: number[]; weights: number[] } | null = null;
  if (opts.nta !== undefined) {
    try {
      nta = await ntaBins(ctx, opts.nta);
    } catch (error) {
      throw new CliError(`--nta ${opts.nta}: ${(error as Error).message}`, 'nta-unreadable', EXIT_FAILURE);
    }
  }
  const entries: TemEntry[] = [];
  for (const file of files) {
    entries.push(
      await fileEntry(ctx, file, (bytes, name) => {
        const table = readImageJResults(bytes, name);
        const report = analyseTemParticles(table.particles, {
          file: name,
          tableUnit: opts.tableUnit,
          nmPerPx: opts.nmPerPx ?? null,
          binWidthNm: opts.binWidthNm,
        });
        if (nta === null) return report;
        const ecd = report.perParticle
          .filter((p) => !p.flags.includes('aggregate') && !p.flags.includes('out-of-range'))
          .map((p) => p.ecdNm ?? p.meanFeretNm)
          .filter((v): v is number => v !== null);
        return {
          ...report,
          comparison: { ...compareDryVsHydrodynamic(ecd, nta), ntaFile: opts.nta as string },
        };
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
        `${e.file} — ${e.particles} particles, ${e.kept} kept (aggregates ${e.flagged.aggregate}, non-round ${e.flagged.nonRound}, out of range ${e.flagged.outOfRange})`,
      );
      const row = (label: string, s: TemReport['ecd']) => [
        label,
        String(s.n),
        formatFixed(s.meanNm, 1),
        formatFixed(s.sdNm, 1),
        formatFixed(s.d10Nm, 1),
        formatFixed(s.d50Nm, 1),
        formatFixed(s.d90Nm, 1),
      ];
      ctx.out.print(
        renderTable(
          ['size', 'n', 'mean nm', 'SD nm', 'D10 nm', 'D50 nm', 'D90 nm'],
          [row('ECD', e.ecd), row('mean Feret', e.meanFeret)],
          { indent: '  ' },
        ),
      );
      if (e.comparison)
        ctx.out.print(
          `  vs NTA ${e.comparison.ntaFile}: D50 ${formatFixed(e.comparison.temD50Nm, 1)} nm dry vs ${formatFixed(e.comparison.ntaD50Nm, 1)} nm hydrodynamic (ratio ${formatFixed(e.comparison.ratio, 2)}), W1 ${formatFixed(e.comparison.wassersteinNm, 1)} nm`,
        );
      for (const f of e.flags) ctx.out.print(`  ${f.level} ${f.code}: ${f.message}`);
    }
  }
  return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
}
