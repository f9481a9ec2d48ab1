import type { Command } from 'commander';
import { Complex } from '../../science/mie/complex.ts';
import {
  coatedSphereCoefficients,
  efficiencies,
  sphereCoefficients,
} from '../../science/mie/mie-coefficients.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';

interface MieOptions {
  mReal: string;
  mImag?: string;
  x: string;
  coreMReal?: string;
  coreMImag?: string;
  xCore?: string;
}

function number(flag: string, text: string | undefined, check: (n: number) => boolean, what: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new CliError(`${flag} "${text ?? ''}": ${what}`, 'bad-option', EXIT_USAGE);
  }
  return n;
}

export function registerMieCommand(program: Command, app: CliApp): void {
  program
    .command('mie')
    .summary('Mie efficiencies of a homogeneous or coated sphere (BHMIE / BHCOAT; no database needed)')
    .description(
      'Computes Qext, Qsca, Qback and the asymmetry parameter g of a sphere (Bohren & Huffman BHMIE) or, with the --core-… options, of a coated sphere (BHCOAT).\n' +
        "m = n + ik relative to the medium (k ≥ 0 absorbs); x = 2π·r·n_medium/λ is the outer size parameter; --x-core the core's.\n" +
        'With --json: {qext, qsca, qback, g, model}.',
    )
    .requiredOption('--m-real <n>', 'real part of the (shell) refractive index relative to the medium')
    .option('--m-imag <k>', 'imaginary part (≥ 0)', '0')
    .requiredOption('--x <x>', 'outer size parameter 2πr·n_medium/λ')
    .option('--core-m-real <n>', 'core: real part of the relative refractive index')
    .option('--core-m-imag <k>', 'core: imaginary part', '0')
    .option('--x-core <x>', 'core size parameter (≤ x)')
    .action(app.action<[]>(mieCommand));
}

async function mieCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<MieOptions>();
  const positive = (n: number) => n > 0;
  const nonNegative = (n: number) => n >= 0;
  const m = new Complex(
    number('--m-real', o.mReal, positive, 'must be a positive number'),
    number('--m-imag', o.mImag, nonNegative, 'must be ≥ 0 (m = n + ik)'),
  );
  const x = number('--x', o.x, (n) => n > 0 && n <= 1e5, 'must be a positive number up to 1e5');
  const coated = o.coreMReal !== undefined || o.xCore !== undefined;
  let r: ReturnType<typeof efficiencies>;
  if (coated) {
    const core = new Complex(
      number('--core-m-real', o.coreMReal, positive, 'must be a positive number'),
      number('--core-m-imag', o.coreMImag, nonNegative, 'must be ≥ 0'),
    );
    const xCore = number(
      '--x-core',
      o.xCore,
      (n) => n > 0 && n <= x,
      'must be positive and not larger than --x',
    );
    r = efficiencies(coatedSphereCoefficients(core, m, xCore, x));
  } else {
    r = efficiencies(sphereCoefficients(m, x));
  }
  const out = { ...r, model: coated ? 'coated sphere (BHCOAT)' : 'homogeneous sphere (BHMIE)' };
  if (ctx.globals.json) ctx.out.result(out);
  else {
    ctx.out.print(`${out.model}, m = ${m.re} + ${m.im}i, x = ${x}`);
    ctx.out.print(
      `Qext  ${r.qext.toPrecision(7)}\nQsca  ${r.qsca.toPrecision(7)}\nQback ${r.qback.toPrecision(7)}\ng     ${r.g.toPrecision(7)}`,
    );
  }
  return EXIT_OK;
}
