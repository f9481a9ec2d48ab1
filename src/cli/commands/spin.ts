import { type Command, InvalidArgumentError, Option } from 'commander';
import type { RcfRadius, Rotor } from '../../science/centrifugation/centrifugation-types.ts';
import type { MediumKind } from '../../science/centrifugation/medium-viscosity.ts';
import {
  closestRotorNames,
  findRotor,
  unknownRotorMessage,
} from '../../science/centrifugation/rotor-library.ts';
import {
  CURVE_POINTS,
  CURVE_RANGE_NM,
  computeSpin,
  DEFAULT_TEMPERATURE_C,
  LIVSHITS_DEFAULTS,
  logSpacedDiametersNm,
  pelletingCurve,
  runOfSpin,
  type SpinField,
  SpinInputError,
  type SpinResult,
} from '../../science/centrifugation/spin-calculation.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatCount, formatFixed, renderTable } from '../output.ts';
import { loadRotorFile } from './rotors.ts';

/** The option each computation field comes from, for error messages. */
const OPTION_OF: Record<SpinField, string> = {
  rotor: '--rotor',
  rcf: '--rcf',
  at: '--at',
  rpm: '--rpm',
  minutes: '--minutes',
  kAdjustFrom: '--k-adjust-from',
  diameters: '--diameters',
  viscosityCp: '--viscosity-cp',
  temperature: '--temperature',
  medium: '--medium',
  evDensity: '--ev-density',
  mediumDensity: '--medium-density',
  result: 'result',
};

function parseNumber(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError(`"${value}" is not a number`);
  return n;
}

function parseDiameters(value: string): number[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    throw new InvalidArgumentError('expected comma-separated diameters in nm, e.g. 70,100,150');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`"${p}" is not a positive diameter in nm`);
    return n;
  });
}

interface SpinOptions {
  rotor: string;
  rcf?: number;
  at: RcfRadius;
  rpm?: number;
  minutes?: number;
  kAdjustFrom?: string;
  diameters?: number[];
  viscosityCp?: number;
  temperature?: number;
  medium?: MediumKind;
  evDensity?: number;
  mediumDensity?: number;
  rotorFile?: string;
  curve?: boolean;
}

export function registerSpinCommand(program: Command, app: CliApp): void {
  program
    .command('spin')
    .summary('simulate a centrifugation run: cut-off diameter and % of EVs pelleted (no database needed)')
    .description(
      'Predicts which vesicles a centrifugation run pellets, with the sedimentation model of Livshits et al. 2015 (Sci Rep 5:17319): ' +
        'swinging-bucket and fixed-angle formulas, the cut-off diameter d* (smallest diameter pelleted completely) and the fraction pelleted per diameter.\n' +
        'Speed: --rcf G (RCF at Rav by default, the convention of the paper; --at rmax|rmin to state it elsewhere) or --rpm N. ' +
        'Time: --minutes M, or --k-adjust-from ROTOR --minutes M to run the k-factor equivalent (at the same RCF at Rav) of M minutes on ROTOR.\n' +
        `Defaults (Livshits et al. 2015): viscosity ${LIVSHITS_DEFAULTS.viscosityCp} cP, EV density ${LIVSHITS_DEFAULTS.evDensityGPerMl} g/mL, medium density ${LIVSHITS_DEFAULTS.mediumDensityGPerMl} g/mL. ` +
        `With --temperature and/or --medium (and no --viscosity-cp) the viscosity is derived: water from IAPWS 2008 (Huber et al. 2009), PBS and culture medium as water × a measured ratio; temperature defaults to ${DEFAULT_TEMPERATURE_C} °C.\n` +
        'With --json: { rotor, type, rpm, rcfAvg, minutes, kFactor, cutoffDiameterNm, pelleted: [{ diameterNm, fraction }], ... }.',
    )
    .requiredOption(
      '--rotor <name>',
      'rotor name, matched loosely ("SW 40 Ti" = "sw40ti"); see `evlab rotors`',
    )
    .option('--rcf <g>', 'relative centrifugal force, ×g', parseNumber)
    .addOption(
      new Option('--at <radius>', 'radius at which --rcf applies')
        .choices(['rav', 'rmax', 'rmin'])
        .default('rav'),
    )
    .option('--rpm <n>', 'rotor speed, rpm (instead of --rcf)', parseNumber)
    .option(
      '--minutes <m>',
      'run time in minutes (with --k-adjust-from: the time on that rotor)',
      parseNumber,
    )
    .option(
      '--k-adjust-from <name>',
      'convert --minutes on this rotor to the k-factor-equivalent time on --rotor',
    )
    .option('--diameters <list>', 'diameters to report, nm (default 70,100,120,150)', parseDiameters)
    .option(
      '--viscosity-cp <cP>',
      `medium viscosity, cP (default ${LIVSHITS_DEFAULTS.viscosityCp})`,
      parseNumber,
    )
    .option(
      '--temperature <C>',
      'run temperature, °C (derives the viscosity unless --viscosity-cp is given)',
      parseNumber,
    )
    .addOption(
      new Option(
        '--medium <kind>',
        'suspending medium (derives the viscosity unless --viscosity-cp is given)',
      ).choices(['water', 'pbs', 'culture-medium']),
    )
    .option(
      '--ev-density <g/mL>',
      `vesicle density (default ${LIVSHITS_DEFAULTS.evDensityGPerMl})`,
      parseNumber,
    )
    .option(
      '--medium-density <g/mL>',
      `medium density (default ${LIVSHITS_DEFAULTS.mediumDensityGPerMl})`,
      parseNumber,
    )
    .option('--rotor-file <file>', 'JSON array of user-defined rotors (see `evlab rotors --help`)')
    .option('--curve', 'with --json: add the pelleted fraction over 20–500 nm (`curve`)')
    .action(app.action(spinCommand));
}

function lookupRotor(name: string, user: readonly Rotor[], option: string): Rotor {
  const rotor = findRotor(name, user);
  if (rotor) return rotor;
  const closest = closestRotorNames(name, 3, user);
  throw new CliError(
    `${option}: ${unknownRotorMessage(name, closest)} (run \`evlab rotors\` for the list)`,
    'unknown-rotor',
    EXIT_USAGE,
  );
}

async function spinCommand(ctx: CommandContext): Promise<number> {
  const opts = ctx.command.opts<SpinOptions>();
  const user = await loadRotorFile(ctx, opts.rotorFile);
  const rotor = lookupRotor(opts.rotor, user, '--rotor');
  const source =
    opts.kAdjustFrom === undefined ? null : lookupRotor(opts.kAdjustFrom, user, '--k-adjust-from');
  if (opts.minutes === undefined)
    throw new CliError(
      '--minutes is required (the run time, or the time on --k-adjust-from)',
      'missing-option',
      EXIT_USAGE,
    );
  let result: SpinResult;
  try {
    result = computeSpin({
      rotor,
      rcfG: opts.rcf,
      rcfAt: opts.at,
      rpm: opts.rpm,
      minutes: opts.minutes,
      kAdjustFrom: source,
      diametersNm: opts.diameters,
      viscosityCp: opts.viscosityCp,
      temperatureC: opts.temperature,
      medium: opts.medium,
      evDensityGPerMl: opts.evDensity,
      mediumDensityGPerMl: opts.mediumDensity,
      curvePoints: opts.curve ? CURVE_POINTS : undefined,
    });
  } catch (error) {
    if (error instanceof SpinInputError)
      throw new CliError(`${OPTION_OF[error.field]}: ${error.message}`, error.code, EXIT_USAGE);
    throw error;
  }
  for (const warning of result.warnings) ctx.out.warn(warning);
  if (ctx.globals.json) {
    ctx.out.result(result);
    return EXIT_OK;
  }
  ctx.out.print(renderSpin(rotor, result));
  return EXIT_OK;
}

const percent = (fraction: number) => `${formatFixed(fraction * 100, 1)} %`;

/** Human output: the run, the pelleted fractions and a small text pelleting curve. */
export function renderSpin(rotor: Rotor, r: SpinResult): string {
  const lines: string[] = [];
  lines.push(`${r.rotor} (${r.type}, ${rotor.manufacturer})`);
  const facts: string[][] = [
    ['speed', `${formatCount(r.rpm)} rpm`],
    [
      'RCF',
      `${formatCount(r.rcfAvg)} ×g at Rav (${formatCount(r.rcfMin)} at Rmin, ${formatCount(r.rcfMax)} at Rmax)`,
    ],
    [
      'time',
      `${formatFixed(r.minutes, 1)} min${r.kAdjustedFrom ? ` (k-equivalent of ${formatFixed(r.kAdjustedFrom.minutes, 1)} min on ${r.kAdjustedFrom.rotor} at ${formatCount(r.kAdjustedFrom.rpm)} rpm, k ${formatFixed(r.kAdjustedFrom.kFactor, 1)})` : ''}`,
    ],
    ['k-factor', `${formatFixed(r.kFactor, 1)} at this speed`],
    ['viscosity', `${formatFixed(r.viscosityCp, 3)} cP (${r.viscositySource})`],
    ['densities', `EV ${r.evDensity} g/mL, medium ${r.mediumDensity} g/mL`],
    ['cut-off d*', `${formatFixed(r.cutoffDiameterNm, 0)} nm (smallest diameter pelleted completely)`],
  ];
  if (r.rotorNote) facts.push(['note', r.rotorNote]);
  for (const [k, v] of facts) lines.push(`  ${(k ?? '').padEnd(11)}${v}`);
  lines.push('');
  lines.push(
    renderTable(
      ['Diameter nm', 'Pelleted', 'Time to pellet all', 'k-factor: pelleted', 'k-factor: time'],
      r.pelleted.map((p, i) => [
        formatFixed(p.diameterNm, 0),
        percent(p.fraction),
        `${formatFixed(r.minutesToPellet[i]?.minutes, 1)} min`,
        percent(r.kFactorEstimate.pelleted[i]?.fraction ?? 0),
        `${formatFixed(r.kFactorEstimate.minutesToPellet[i]?.minutes, 1)} min`,
      ]),
      { align: ['right', 'right', 'right', 'right', 'right'], indent: '  ' },
    ),
  );
  lines.push(
    `  k-factor (Stokes, Rmin → Rmax) estimate: d* ${formatFixed(r.kFactorEstimate.cutoffDiameterNm, 0)} nm (Livshits et al. 2015: ${formatFixed(r.cutoffDiameterNm, 0)} nm).`,
  );
  lines.push(`  ${r.kFactorEstimate.explanation}`);
  lines.push('');
  lines.push('  Pelleting curve (fraction pelleted by diameter; | marks d*)');
  const run = runOfSpin(rotor, r);
  const width = 40;
  const diameters = logSpacedDiametersNm(CURVE_RANGE_NM.from, CURVE_RANGE_NM.to, 11).map((d) =>
    Math.round(d),
  );
  let markerDrawn = false;
  for (const p of pelletingCurve(run, diameters)) {
    const filled = Math.round(p.fraction * width);
    const bar = '█'.repeat(filled) + '·'.repeat(width - filled);
    let mark = '';
    if (!markerDrawn && p.diameterNm >= r.cutoffDiameterNm) {
      mark = '  | d*';
      markerDrawn = true;
    }
    lines.push(`  ${String(p.diameterNm).padStart(4)} nm ${bar} ${percent(p.fraction).padStart(7)}${mark}`);
  }
  return lines.join('\n');
}
