import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ChainInputError } from '../../science/isolation-chain/chain-types.ts';
import type { SimulationResult, StepReport } from '../../science/isolation-chain/simulate-protocol.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, formatScientific, renderTable } from '../output.ts';

export function registerProtocolCommand(program: Command, app: CliApp): void {
  const protocol = program
    .command('protocol')
    .summary('isolation protocols: simulate a chain of steps (no database needed)');
  protocol
    .command('simulate')
    .summary('predict recovery, size, protein, lipoproteins and purity after each isolation step')
    .description(
      'Reads FILE.json — a chain { "input"?: population, "protocol": { "steps": [...] } } or a bare isolation protocol document ' +
        '{ "version": 1, "name", "steps": [{ "method", "parameters", "notes" }] } — and applies every step to the input population ' +
        '(default: serum-free MSC conditioned medium, 100 mL). Prints a per-step table, or with --json the full result: ' +
        '{ binsNm, input, steps: [{ index, step, method, particles, recoveryPercent, proteinUg, purityParticlesPerUg, lipoproteins, ' +
        'sizeDistribution, particlesByBin, cutoffs, fractions, warnings, assumptions, … }], final, assumptions, warnings }.\n' +
        'Exit code 2 for unusable input (empty chain, unknown method, bad parameter, malformed JSON) with the step and parameter named.',
    )
    .argument('<file>', 'chain or protocol JSON file')
    .option('--no-bins', 'leave the per-bin size distributions (binsNm, particlesByBin) out of --json')
    .option('--fractions', 'print the fraction tables of gradient and column steps')
    .action(app.action<[string]>(simulateCommand));
}

/** "line 3, column 14" of a JSON.parse error, from V8's "at position N" (or the end of the text). */
export function jsonErrorLocation(text: string, error: Error): { line: number; column: number } {
  const match = /position (\d+)/.exec(error.message);
  const offset = match ? Number(match[1]) : /end of JSON/i.test(error.message) ? text.length : 0;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

async function simulateCommand(ctx: CommandContext, file: string): Promise<number> {
  const { simulateProtocol, parseChainDocument, describePath } = await import(
    '../../science/isolation-chain/simulate-protocol.ts'
  );
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (error as Error).message}`,
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      EXIT_FAILURE,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorLocation(text, error as Error);
    const reason = (error as Error).message.replace(/\s*in JSON at position \d+.*$/s, '');
    throw new CliError(
      `${file}: malformed JSON at line ${line}, column ${column}: ${reason}`,
      'malformed-json',
      EXIT_USAGE,
    );
  }
  let result: SimulationResult;
  try {
    result = simulateProtocol(parseChainDocument(document));
  } catch (error) {
    if (error instanceof ChainInputError) {
      const lines = error.issues.map((i) =>
        i.message.includes(':') ? i.message : `${describePath(i.path)}: ${i.message}`,
      );
      throw new CliError(`${file}: ${lines.join('\n  ')}`, 'invalid-protocol', EXIT_USAGE);
    }
    throw error;
  }
  const opts = ctx.command.opts<{ bins?: boolean; fractions?: boolean }>();
  if (ctx.globals.json) {
    ctx.out.result(opts.bins === false ? withoutBins(result) : result);
    return EXIT_OK;
  }
  ctx.out.print(renderSimulation(result, { fractions: opts.fractions === true }));
  return EXIT_OK;
}

function withoutBins(result: SimulationResult): unknown {
  const { binsNm: _bins, ...rest } = result;
  const strip = <T extends { particlesByBin: number[] }>(s: T) => {
    const { particlesByBin: _p, ...others } = s;
    return others;
  };
  return { ...rest, input: strip(result.input), final: strip(result.final), steps: result.steps.map(strip) };
}

function formatCutoff(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1e4) return formatScientific(value);
  return formatFixed(value, Math.abs(value) < 10 ? 2 : 0);
}

const PURITY_LABEL: Record<string, string> = {
  high: 'high',
  intermediate: 'interm.',
  low: 'low',
  impure: 'impure',
};

/** The human report: a per-step table, then cut-offs, warnings and the assumptions to check. */
export function renderSimulation(result: SimulationResult, options: { fractions?: boolean } = {}): string {
  const lines: string[] = [];
  const row = (
    label: string,
    method: string,
    s: Omit<
      StepReport,
      | 'index'
      | 'step'
      | 'method'
      | 'label'
      | 'model'
      | 'stepRecoveryPercent'
      | 'parameters'
      | 'cutoffs'
      | 'fractions'
      | 'timeMinutes'
      | 'warnings'
      | 'assumptions'
    >,
    stepPercent: string,
  ) => [
    label,
    method,
    formatScientific(s.particles),
    formatFixed(s.recoveryPercent, 1),
    stepPercent,
    formatFixed(s.sizeDistribution.modeNm, 0),
    formatFixed(s.sizeDistribution.d50Nm, 0),
    formatScientific(s.totalProteinUg),
    formatScientific(s.lipoproteins.total),
    formatScientific(s.purityParticlesPerUg),
    s.purityClass ? (PURITY_LABEL[s.purityClass] ?? s.purityClass) : '–',
    formatScientific(s.volumeMl),
  ];
  const rows = [row('in', 'input', result.input, '')];
  for (const s of result.steps)
    rows.push(
      row(
        String(s.step),
        s.method + (s.model === 'assumed' ? '*' : ''),
        s,
        formatFixed(s.stepRecoveryPercent, 1),
      ),
    );
  lines.push(
    renderTable(
      [
        '#',
        'method',
        'EVs',
        'recov %',
        'step %',
        'mode nm',
        'D50 nm',
        'protein µg',
        'lipoprot.',
        'EVs/µg',
        'purity',
        'vol mL',
      ],
      rows,
      {
        align: [
          'right',
          'left',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
          'left',
          'right',
        ],
      },
    ),
  );
  if (result.steps.some((s) => s.model === 'assumed'))
    lines.push('* no physical model: typical recoveries (see assumptions)');
  lines.push('');
  for (const s of result.steps) {
    const cut = s.cutoffs
      .filter((c) => c.value !== null)
      .map(
        (c) =>
          `${c.name} ${formatCutoff(c.value as number)}${c.unit && c.unit !== 'fraction' && c.unit !== 'fractions' ? ` ${c.unit}` : ''}`,
      );
    const time = s.timeMinutes !== null ? ` · ${formatFixed(s.timeMinutes, 0)} min` : '';
    lines.push(`step ${s.step} ${s.label}${time}${cut.length ? `: ${cut.join(', ')}` : ''}`);
    if (options.fractions && s.fractions) {
      lines.push(
        renderTable(
          ['fraction', 'mL', 'g/mL', 'EVs', 'protein µg', 'HDL', 'LDL', 'VLDL', 'kept'],
          s.fractions.map((f) => [
            String(f.number),
            `${formatFixed(f.startMl, 1)}–${formatFixed(f.endMl, 1)}`,
            f.densityGPerMl === null ? '' : formatFixed(f.densityGPerMl, 3),
            formatScientific(f.particles),
            formatScientific(f.proteinUg),
            formatScientific(f.lipoproteins.hdl),
            formatScientific(f.lipoproteins.ldl),
            formatScientific(f.lipoproteins.vldl),
            f.collected ? 'yes' : '',
          ]),
          {
            align: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
            indent: '  ',
          },
        ),
      );
    }
  }
  if (result.warnings.length > 0) {
    lines.push('', 'warnings:');
    for (const w of result.warnings) lines.push(`  ${w}`);
  }
  const assumed = result.assumptions.filter((a) => a.assumption);
  if (assumed.length > 0) {
    lines.push('', 'assumptions (typical values — set them in the chain file to use your own):');
    for (const a of assumed)
      lines.push(`  ${a.where} ${a.key} = ${a.value}${a.unit ? ` ${a.unit}` : ''} — ${a.source}`);
  }
  return lines.join('\n');
}
