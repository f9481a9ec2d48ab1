import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FormatError } from '../../formats/format-error.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import type { CliApp } from '../main.ts';
import { renderTable } from '../output.ts';
import { isFcsFileError, loadFcsFile, pickDataset, reportFcsFileError } from './fcs.ts';

/** The `evlab gate --json` contract. */
export interface GateResult {
  file: string;
  gatingml: string;
  events: number;
  gates: { id: string; count: number; membership?: number[] }[];
}

export function registerGateCommand(program: Command, app: CliApp): void {
  program
    .command('gate')
    .summary('apply Gating-ML 2.0 gates to an FCS file and count the events in each (no database needed)')
    .description(
      'Reads FILE (FCS) and GATES.xml (Gating-ML 2.0: rectangle/range, polygon, ellipse/ellipsoid, quadrant and boolean gates, parent gates, spectrum matrices, flin/flog/fasinh/logicle/hyperlog/ratio transforms) and counts the events in every gate (quadrant gates: every quadrant). Channel values are the scaled ones (gain, log amplification and $TIMESTEP applied), as the Gating-ML compliance set expects.\n' +
        "With --json: {file, gatingml, events, gates: [{id, count}]}; --membership adds each gate's 0/1 per event.",
    )
    .argument('<file>', 'FCS file')
    .requiredOption('--gatingml <xml>', 'Gating-ML 2.0 file')
    .option('--membership', "add each gate's 0/1 per event")
    .option('--dataset <n>', 'which data set (1-based)', '1')
    .action(app.action<[string]>(gateCommand));
}

async function gateCommand(ctx: CommandContext, file: string): Promise<number> {
  const opts = ctx.command.opts<{ gatingml: string; membership?: boolean; dataset?: string }>();
  const fcs = await loadFcsFile(ctx, file);
  if (isFcsFileError(fcs)) return reportFcsFileError(ctx, fcs);
  const d = pickDataset(fcs, opts.dataset);
  const [{ readGatingMl }, { evaluateGating, GatingError }, { fcsEventTable }] = await Promise.all([
    import('../../formats/gating-ml/read-gating-ml.ts'),
    import('../../science/flow/evaluate-gating.ts'),
    import('../../formats/fcs/fcs-event-table.ts'),
  ]);
  const fail = (code: string, message: string) =>
    reportFcsFileError(ctx, { file: opts.gatingml, error: { code, message, line: null, byteOffset: null } });
  let xml: string;
  try {
    xml = await readFile(resolve(ctx.io.cwd, opts.gatingml), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      `${opts.gatingml}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  let result: Map<string, Uint8Array>;
  try {
    const doc = readGatingMl(xml, opts.gatingml);
    result = evaluateGating(doc, fcsEventTable(d));
  } catch (error) {
    if (error instanceof FormatError) {
      return reportFcsFileError(ctx, {
        file: opts.gatingml,
        error: { code: error.code, message: error.message, line: error.line, byteOffset: error.byteOffset },
      });
    }
    if (error instanceof GatingError) return fail('gating-error', `${opts.gatingml}: ${error.message}`);
    throw error;
  }
  const out: GateResult = { file, gatingml: opts.gatingml, events: d.eventCount, gates: [] };
  for (const [id, members] of result) {
    let count = 0;
    for (let e = 0; e < members.length; e++) count += members[e] as number;
    out.gates.push(opts.membership ? { id, count, membership: Array.from(members) } : { id, count });
  }
  if (ctx.globals.json) {
    ctx.out.result(out);
    return EXIT_OK;
  }
  ctx.out.print(`${file}: ${d.eventCount} events, ${out.gates.length} gates from ${opts.gatingml}`);
  ctx.out.print(
    renderTable(
      ['gate', 'events', '% of total'],
      out.gates.map((g) => [
        g.id,
        String(g.count),
        d.eventCount ? ((100 * g.count) / d.eventCount).toFixed(2) : '–',
      ]),
      { align: ['left', 'right', 'right'] },
    ),
  );
  return out.gates.length > 0 ? EXIT_OK : EXIT_FAILURE;
}
