import type { Command } from 'commander';
import type { ProteomicsReport } from '../../science/proteomics/analyse-proteomics.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, renderTable } from '../output.ts';
import { type FileErrorEntry, isFileError, readFileEntry } from './read-file-entry.ts';

export function registerProteomicsCommand(program: Command, app: CliApp): void {
  program
    .command('proteomics')
    .summary(
      'MaxQuant proteinGroups.txt / FragPipe combined_protein.tsv: EV markers, purity, EV vs lysate (no database needed)',
    )
    .description(
      'Reads protein tables, drops reverse, contaminant and only-by-site rows, and reports per sample the proteins, the MISEV marker categories and ISCT MSC markers detected, the coverage of a top-EV-protein list, the serum/lipoprotein, flagged-contaminant and bovine shares of the intensity, and with a lysate sample the EV-vs-lysate log2 ratios.\n' +
        'With --json: one ProteomicsReport for one file, an array for several ({ file, error } for a file that could not be read; exit code 1).',
    )
    .argument('<file...>', 'proteinGroups.txt or combined_protein.tsv')
    .option(
      '--lysate <sample...>',
      'samples that are producing-cell lysates (default: names containing lysate, cell or WCL)',
    )
    .action(app.action<[string[]]>(proteomicsCommand));
}

async function proteomicsCommand(ctx: CommandContext, files: string[]): Promise<number> {
  const opts = ctx.command.opts<{ lysate?: string[] }>();
  const { readProteinTable } = await import('../../formats/proteomics/read-protein-table.ts');
  const { analyseProteomics } = await import('../../science/proteomics/analyse-proteomics.ts');
  const entries: ((ProteomicsReport & { file: string }) | FileErrorEntry)[] = [];
  for (const file of files)
    entries.push(
      await readFileEntry(ctx, file, (bytes, name) =>
        analyseProteomics(readProteinTable(bytes, name), opts.lysate ? { lysateSamples: opts.lysate } : {}),
      ),
    );
  if (ctx.globals.json) ctx.out.result(entries.length === 1 ? entries[0] : entries);
  else
    for (const e of entries) {
      if (isFileError(e)) ctx.out.error(e.error.message);
      else ctx.out.print(renderProteomics(e));
    }
  return entries.some(isFileError) ? EXIT_FAILURE : EXIT_OK;
}

function renderProteomics(r: ProteomicsReport & { file: string }): string {
  const lines = [
    `${r.file}  (${r.software}; quantity ${r.quantity})`,
    `  rows ${r.rows.total}: ${r.rows.reverse} reverse, ${r.rows.contaminant} contaminant, ${r.rows.onlyBySite} only-by-site → ${r.rows.kept} kept`,
    ...r.checks.map((c) => `  check ${c.name}: ${c.passed ? 'ok' : 'FAILED'} (${c.detail})`),
    '',
    renderTable(
      [
        'sample',
        'role',
        'proteins',
        'cat.1',
        'cat.2',
        'cat.3',
        'cat.4',
        'top-EV',
        'serum %',
        'contam. %',
        'bovine %',
      ],
      r.perSample.map((s) => {
        const n = (c: string) => String(s.categories.find((x) => x.category === c)?.detected.length ?? 0);
        return [
          s.sample,
          s.role,
          String(s.proteins),
          n('transmembrane'),
          n('cytosolic'),
          n('co-isolate'),
          n('other-compartment'),
          `${s.topEvDetected}/${s.topEvTotal}`,
          formatFixed(s.serumProteinSharePct, 2),
          formatFixed(s.flaggedContaminantSharePct, 2),
          formatFixed(s.bovineSharePct, 2),
        ];
      }),
      { indent: '  ' },
    ),
    '',
    ...r.evCategories.map((c) => `  ${c.category}: ${c.detected.join(', ') || '–'}`),
  ];
  if (r.volcano) lines.push(`  EV vs lysate: ${r.volcano.points.length} proteins with ratios`);
  for (const f of r.flags) lines.push(`  ${f.level}: ${f.message}`);
  return lines.join('\n');
}
