import { type Command, InvalidArgumentError, Option } from 'commander';
import { ADMINISTRATION_ROUTE_LABELS, ADMINISTRATION_ROUTES } from '../../domain/administration-route.ts';
import { citationLabel } from '../../domain/citation.ts';
import { DOSE_UNITS, type DoseUnit, PK_SPECIES } from '../../domain/pk-study.ts';
import type { DoseConcentrationSource } from '../../science/pk/dosing/dose-concentration-source.ts';
import { DoseSourceError } from '../../science/pk/dosing/dose-concentration-source.ts';
import { type DosePreparation, prepareDose } from '../../science/pk/dosing/dose-preparation.ts';
import {
  DosingInputError,
  type DosingNote,
  HED_METHODS,
  type HedMethod,
  type HedResult,
  humanEquivalentDose,
} from '../../science/pk/dosing/human-equivalent-dose.ts';
import { KM_SPECIES, type KmSpecies } from '../../science/pk/dosing/km-factors.ts';
import { routeProfiles } from '../../science/pk/dosing/route-library.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatScientific, renderTable } from '../output.ts';
import { withWorkbench } from '../workbench.ts';

function parseNumber(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError(`"${value}" is not a number`);
  return n;
}

function parsePositive(value: string): number {
  const n = parseNumber(value);
  if (n <= 0) throw new InvalidArgumentError(`"${value}" must be greater than 0`);
  return n;
}

function parseCount(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" must be a whole number ≥ 1`);
  return n;
}

/** Option names of the fields a DosingInputError can name. */
const OPTION_OF: Record<string, string> = {
  dosePerKg: '--dose-per-kg',
  exponent: '--exponent',
  animalWeightKg: '--animal-weight-kg',
  humanWeightKg: '--human-weight-kg',
  stockConcentrationPerMl: '--batch-concentration',
  dose: '--dose',
  bodyWeightKg: '--weight-kg',
  injectionVolumeUl: '--volume-ul',
  maxVolumeUl: '--max-volume-ul',
  animals: '--animals',
  overagePercent: '--overage',
  minPipetteUl: '--min-pipette-ul',
  dilutionStep: '--dilution-step',
};

function usage(error: unknown): never {
  if (error instanceof DoseSourceError) {
    const hint =
      error.code === 'qc-errors-not-accepted'
        ? ' (--accept-qc-errors --override-reason "…" to use it anyway)'
        : error.code === 'override-reason-required'
          ? ' (--override-reason "…")'
          : '';
    throw new CliError(`${error.message}${hint}`, error.code, EXIT_FAILURE);
  }
  if (error instanceof DosingInputError) {
    throw new CliError(
      `${OPTION_OF[error.field] ?? error.field}: ${error.message}`,
      'invalid-input',
      EXIT_USAGE,
    );
  }
  throw error;
}

const UNIT_TEXT: Record<DoseUnit, string> = { particles: 'particles', 'ug-protein': 'µg protein', mg: 'mg' };

function sci(value: number): string {
  return Math.abs(value) >= 0.01 && Math.abs(value) < 1e4
    ? String(Number(value.toPrecision(4)))
    : formatScientific(value, { significant: 3 });
}

function renderNotes(notes: DosingNote[]): string[] {
  return notes.map(
    (n) =>
      `  ${n.level === 'warning' ? 'warning' : 'note'}: ${n.message}${n.citation ? ` [${citationLabel(n.citation)}]` : ''}`,
  );
}

export function registerDoseCommand(program: Command, app: CliApp): void {
  const dose = program
    .command('dose')
    .summary(
      'dose calculations: human-equivalent dose, dose preparation (from a stored NTA measurement with --measurement), route library',
    )
    .description(
      'Dose calculations for EV studies. No database is opened, except by `dose prepare --measurement`.',
    );

  dose
    .command('hed')
    .summary('human-equivalent dose from an animal dose per kg (FDA 2005 Km factors or allometry)')
    .description(
      'HED = dose/kg × Km(animal)/Km(human) (FDA 2005 guidance, Table 1; method bsa), or dose/kg × (Wa/Wh)^(1−b) ' +
        '(method allometry, b = 0.67 by default), or 1:1 per kg (method per-kg).\n' +
        'With --json: { species, method, animalDosePerKg, unit, km: {animal, human}, hedPerKg, hedFor60Kg, citation, … }.',
    )
    .addOption(new Option('--species <species>', 'animal species').choices(KM_SPECIES).makeOptionMandatory())
    .requiredOption('--dose-per-kg <n>', 'animal dose per kg body weight', parsePositive)
    .addOption(new Option('--unit <unit>', 'dose unit').choices(DOSE_UNITS).default('particles'))
    .addOption(new Option('--method <method>', 'scaling method').choices(HED_METHODS).default('bsa'))
    .option('--exponent <b>', 'allometric exponent b (0.67 FDA, 0.75 Kleiber)', parseNumber)
    .option(
      '--animal-weight-kg <kg>',
      'animal body weight (default: Table 1 reference weight)',
      parsePositive,
    )
    .option('--human-weight-kg <kg>', 'human body weight', parsePositive, 60)
    .addOption(
      new Option('--route <route>', 'administration route (notes the guidance exceptions)').choices(
        ADMINISTRATION_ROUTES,
      ),
    )
    .action(app.action<[]>(hedCommand));

  dose
    .command('prepare')
    .summary('volume to draw from a batch, dilution plan and injection-volume warnings')
    .description(
      'Volume of a batch of known concentration that holds the dose, the diluent to reach the injection volume, ' +
        "intermediate dilutions when the stock volume is too small to pipette, and warnings against the route's " +
        'maximum injection volume (Diehl et al. 2001) or --max-volume-ul.\n' +
        'The stock concentration is --batch-concentration, or the stored measurement --measurement ID: NanoSight ' +
        'NTA or ZetaView (particles/mL; × the dilution factor the file records, or the one entered when the file ' +
        'says "not recorded") or a protein plate assay (µg/mL, --sample names the plate sample; use --unit ' +
        'ug-protein). A retracted measurement is refused; one with QC errors needs --accept-qc-errors and ' +
        '--override-reason (written to the audit trail). With --json: the plan plus `source`.',
    )
    .option(
      '--batch-concentration <perMl>',
      'batch concentration per mL (particles/mL from NTA, µg/mL); or --measurement',
      parsePositive,
    )
    .option(
      '--measurement <id>',
      'stored NTA, ZetaView or protein-assay measurement that gives the batch concentration (opens the store)',
    )
    .option('--sample <id>', 'the sample of a protein-assay plate (--measurement)')
    .option(
      '--accept-qc-errors',
      'use the --measurement even when it has QC errors (needs --override-reason)',
      false,
    )
    .option('--override-reason <text>', 'why a measurement with QC errors is used (audited)')
    .requiredOption('--dose <n>', 'dose per animal, or per kg with --per-kg', parsePositive)
    .addOption(new Option('--unit <unit>', 'dose unit').choices(DOSE_UNITS).default('particles'))
    .option('--per-kg', 'the dose is per kg body weight (needs --weight-kg)', false)
    .option('--weight-kg <kg>', 'animal body weight', parsePositive)
    .option(
      '--volume-ul <ul>',
      'injection volume per animal (default: the undiluted stock volume)',
      parsePositive,
    )
    .option('--max-volume-ul <ul>', 'maximum injection volume (overrides the route library)', parsePositive)
    .addOption(new Option('--route <route>', 'administration route').choices(ADMINISTRATION_ROUTES))
    .addOption(new Option('--species <species>', 'species (route volume limits)').choices(PK_SPECIES))
    .option('--animals <n>', 'animals dosed from one preparation', parseCount, 1)
    .option('--overage <percent>', 'extra volume for dead volume, percent', parseNumber, 0)
    .option('--min-pipette-ul <ul>', 'smallest volume to pipette (default 2 µL)', parsePositive)
    .option('--dilution-step <fold>', 'fold of each intermediate dilution (default 10)', parsePositive)
    .action(app.action<[]>(prepareCommand));

  dose
    .command('routes')
    .summary('route library: absorption assumption and injection volumes per species, with citations')
    .action(app.action<[]>(routesCommand));
}

interface HedOptions {
  species: KmSpecies;
  dosePerKg: number;
  unit: DoseUnit;
  method: HedMethod;
  exponent?: number;
  animalWeightKg?: number;
  humanWeightKg: number;
  route?: (typeof ADMINISTRATION_ROUTES)[number];
}

async function hedCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<HedOptions>();
  if (o.exponent !== undefined && o.method !== 'allometry') {
    throw new CliError('--exponent applies to --method allometry only', 'invalid-option', EXIT_USAGE);
  }
  let result: HedResult;
  try {
    result = humanEquivalentDose({
      species: o.species,
      dosePerKg: o.dosePerKg,
      unit: o.unit,
      method: o.method,
      exponent: o.exponent,
      animalWeightKg: o.animalWeightKg ?? null,
      humanWeightKg: o.humanWeightKg,
      route: o.route ?? null,
    });
  } catch (error) {
    usage(error);
  }
  if (ctx.globals.json) {
    ctx.out.result(result);
    return EXIT_OK;
  }
  const unit = UNIT_TEXT[result.unit];
  const rows: string[][] = [
    ['species', `${result.species} (${result.animalWeightKg} kg)`],
    ['method', result.method + (result.exponent !== null ? ` (b = ${result.exponent})` : '')],
    ['Km animal / human', `${result.km.animal} / ${result.km.human}`],
    ['animal dose', `${sci(result.animalDosePerKg)} ${unit}/kg`],
    ['conversion factor', sci(result.factor)],
    ['HED', `${sci(result.hedPerKg)} ${unit}/kg`],
    ['HED, 60 kg adult', `${sci(result.hedFor60Kg)} ${unit}`],
  ];
  if (result.humanWeightKg !== 60)
    rows.push([`HED, ${result.humanWeightKg} kg`, `${sci(result.hedTotal)} ${unit}`]);
  ctx.out.print(renderTable(['', ''], rows, { indent: '  ' }).split('\n').slice(2).join('\n'));
  ctx.out.print(`  ${result.formula}`);
  ctx.out.print(`  source: ${citationLabel(result.citation)}, ${result.citation.location ?? ''}`.trimEnd());
  for (const line of renderNotes(result.notes)) ctx.out.print(line);
  return EXIT_OK;
}

interface PrepareOptions {
  batchConcentration?: number;
  measurement?: string;
  sample?: string;
  acceptQcErrors: boolean;
  overrideReason?: string;
  dose: number;
  unit: DoseUnit;
  perKg: boolean;
  weightKg?: number;
  volumeUl?: number;
  maxVolumeUl?: number;
  route?: (typeof ADMINISTRATION_ROUTES)[number];
  species?: (typeof PK_SPECIES)[number];
  animals: number;
  overage: number;
  minPipetteUl?: number;
  dilutionStep?: number;
}

async function prepareCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<PrepareOptions>();
  if ((o.batchConcentration === undefined) === (o.measurement === undefined)) {
    throw new CliError(
      'give either --batch-concentration or --measurement (exactly one)',
      'invalid-option',
      EXIT_USAGE,
    );
  }
  const input = {
    dose: o.dose,
    unit: o.unit,
    perKg: o.perKg,
    bodyWeightKg: o.weightKg ?? null,
    injectionVolumeUl: o.volumeUl ?? null,
    maxVolumeUl: o.maxVolumeUl ?? null,
    route: o.route ?? null,
    species: o.species ?? null,
    animals: o.animals,
    overagePercent: o.overage,
    minPipetteUl: o.minPipetteUl,
    dilutionStep: o.dilutionStep,
  };
  let plan: DosePreparation & { source: (DoseConcentrationSource & { batchId: string }) | null };
  try {
    const measurementId = o.measurement;
    if (measurementId !== undefined) {
      const { prepareDoseFromMeasurement } = await import('../../jobs/dose-concentration-sources.ts');
      plan = await withWorkbench(ctx, (wb) =>
        prepareDoseFromMeasurement(
          wb,
          {
            ...input,
            measurementId,
            sampleId: o.sample ?? null,
            acceptQcErrors: o.acceptQcErrors,
            overrideReason: o.overrideReason ?? null,
          },
          ctx.globals.user,
        ),
      );
    } else {
      plan = {
        ...prepareDose({ ...input, stockConcentrationPerMl: o.batchConcentration as number }),
        source: null,
      };
    }
  } catch (error) {
    usage(error);
  }
  if (ctx.globals.json) {
    ctx.out.result(plan);
    return EXIT_OK;
  }
  const unit = UNIT_TEXT[plan.unit];
  if (plan.source) {
    const s = plan.source;
    const dilution =
      s.dilution.origin === 'not-recorded'
        ? 'dilution not recorded'
        : `dilution ${s.dilution.factor}× (${s.dilution.origin === 'file' ? 'from the file' : 'entered'})`;
    const sample = s.sampleId ? ` sample ${s.sampleId}` : '';
    ctx.out.print(
      `  concentration from  ${s.instrument} measurement ${s.measurementId}${sample} (${s.fileName ?? 'no file name'}; QC ${s.qc.status}; ${dilution})`,
    );
    ctx.out.print(`                      ${s.dilutionRule}`);
  }
  const ul = (v: number) => `${sci(v)} µL`;
  ctx.out.print(`  dose per animal     ${sci(plan.dosePerAnimal)} ${unit}`);
  ctx.out.print(
    `  stock per animal    ${ul(plan.stockVolumePerAnimalUl)} of ${sci(plan.stockConcentrationPerMl)} ${unit}/mL`,
  );
  ctx.out.print(
    `  injection volume    ${ul(plan.injectionVolumeUl)} (1:${sci(plan.dilutionFactor)}, ${sci(plan.finalConcentrationPerMl)} ${unit}/mL)`,
  );
  if (plan.maxVolume) {
    const max = plan.maxVolume;
    ctx.out.print(
      `  maximum volume      ${max.goodPracticeUl === null ? '–' : ul(max.goodPracticeUl)}${max.possibleMaxUl !== null ? ` (possible max ${ul(max.possibleMaxUl)})` : ''} — ${max.basis}${max.citation ? ` [${citationLabel(max.citation)}]` : ''}`,
    );
  }
  const steps = plan.intermediateSteps.map((s) => [
    `${s.step}`,
    s.from === 'stock' ? 'stock' : `step ${s.from}`,
    ul(s.transferUl),
    ul(s.diluentUl),
    ul(s.totalUl),
    `${sci(s.concentrationPerMl)}/mL`,
  ]);
  const mix = plan.finalMix;
  steps.push([
    'final',
    mix.from === 'stock' ? 'stock' : `step ${mix.from}`,
    ul(mix.transferUl),
    ul(mix.diluentUl),
    ul(mix.totalUl),
    `${sci(plan.finalConcentrationPerMl)}/mL`,
  ]);
  ctx.out.print('');
  ctx.out.print(
    `  preparation for ${mix.animals} animal${mix.animals === 1 ? '' : 's'}${mix.overagePercent ? ` + ${mix.overagePercent} %` : ''}:`,
  );
  ctx.out.print(
    renderTable(['step', 'from', 'transfer', 'diluent', 'total', 'concentration'], steps, {
      align: ['left', 'left', 'right', 'right', 'right', 'right'],
      indent: '  ',
    }),
  );
  for (const line of renderNotes(plan.notes)) ctx.out.print(line);
  return EXIT_OK;
}

async function routesCommand(ctx: CommandContext): Promise<number> {
  const profiles = routeProfiles();
  if (ctx.globals.json) {
    ctx.out.result({ routes: profiles });
    return EXIT_OK;
  }
  const rows = profiles.map((p) => [
    ADMINISTRATION_ROUTE_LABELS[p.route],
    p.absorption,
    p.bioavailability === null ? '–' : String(p.bioavailability),
    p.volumes
      .map((v) =>
        v.fixedMaxUl !== null
          ? `${v.species} ${v.fixedMaxUl} µL/${v.fixedPer}`
          : `${v.species} ${v.goodPracticeMlPerKg}${v.possibleMaxMlPerKg !== null ? ` (${v.possibleMaxMlPerKg})` : ''} mL/kg`,
      )
      .join('; ') || '–',
  ]);
  ctx.out.print(
    renderTable(['route', 'absorption', 'F', 'volume limits (good practice, possible max)'], rows, {
      indent: '  ',
    }),
  );
  ctx.out.print(
    '  volumes: Diehl et al. 2001 (J Appl Toxicol 21:15), intranasal: Southam et al. 2002, intrathecal: Hylden & Wilcox 1980',
  );
  return EXIT_OK;
}
