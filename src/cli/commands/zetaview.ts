import type { Command } from 'commander';
import type { ZetaViewReport } from '../../science/zetaview/analyse-zetaview.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, plural, renderTable } from '../output.ts';
import { type FileError, fileEntry, isFileError } from './file-entries.ts';

export type ZetaViewEntry = ZetaViewReport | FileError;

export function registerZetaViewCommand(program: Command, app: CliApp): void {
  program
    .command('zetaview')
    .summary('read Particle Metrix ZetaView .txt exports: X10/X50/X90, concentration (no database needed)')
    .description(
      'Reads ZetaView 8.05/8.06 .txt exports (size distributions, _11pos position tables, _prof_ zeta-potential files) and reports, per file, the number- and volume-weighted X10/X50/X90, mean and SD recomputed from the linear bins, the measured concentration (Σ Concentration column) and the original one (× dilution).\n' +
        'With --json: an array of { file, kind: "size"|"positions"|"zeta", sample, dilution, temperatureC, tracedParticles, concentrationPerMl, originalConcentrationPerMl, number: {d10Nm, d50Nm, d90Nm, meanNm, sdNm}, volume: {d10Nm, d50Nm, d90Nm, meanNm}, bins, flags } ({ file, error } for a file that could not be read; exit code 1).',
    )
    .argument('<file...>', 'ZetaView .txt exports')
    .action(app.action<[string[]]>(zetaViewCommand));
}

async function zetaViewCommand(ctx: CommandContext, files: string[]): Promise<number> {
  const { readZetaViewTxt } = await import('../../formats/zetaview/read-zetaview-txt.ts');
  const { analyseZetaView } = await import('../../science/zetaview/analyse-zetaview.ts');
  const entries: ZetaViewEntry[] = [];
  for (const file of files)
    entries.push(
      await fileEntry(ctx, file, (bytes, name) => analyseZetaView(readZetaViewTxt(bytes, name), name)),
    );
  const failed = entries.filter(isFileError);
  if (ctx.globals.json) {
    ctx.out.result(entries);
  } else {
    const rows: string[][] = [];
    for (const e of entries) {
      if (isFileError(e)) {
        ctx.out.error(e.error.message);
        continue;
      }
      rows.push([
        e.file,
        e.kind,
        e.sample ?? '–',
        e.dilution === null ? '–' : `×${e.dilution}`,
        e.concentrationText ?? '–',
        e.originalConcentrationText ?? '–',
        formatFixed(e.number.d10Nm, 1),
        formatFixed(e.number.d50Nm, 1),
        formatFixed(e.number.d90Nm, 1),
        formatFixed(e.volume.d50Nm, 1),
        e.flags.map((f) => f.code).join(', ') || 'none',
      ]);
    }
    if (rows.length > 0)
      ctx.out.print(
        renderTable(
          [
            'file',
            'kind',
            'sample',
            'dilution',
            'particles/mL',
            'original/mL',
            'X10 nm',
            'X50 nm',
            'X90 nm',
            'vol X50 nm',
            'flags',
          ],
          rows,
        ),
      );
    if (entries.length > 1)
      ctx.out.info(
        `\n${plural(entries.length, 'file')}: ${entries.length - failed.length} read, ${failed.length} failed`,
      );
  }
  return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
}
