import type { Command } from 'commander';
import { ZodError } from 'zod';
import { ISOLATION_METHOD_CATALOGUE } from '../../science/isolation-methods/method-catalogue.ts';
import {
  EQUIPMENT,
  type Equipment,
  type Metric,
} from '../../science/isolation-methods/method-catalogue-schema.ts';
import { formatHours, formatMl } from '../../science/isolation-methods/quantity-format.ts';
import {
  formatPurity,
  type Recommendation,
  recommendIsolation,
} from '../../science/isolation-methods/recommend-isolation.ts';
import {
  BUDGETS,
  DOWNSTREAM_USES,
  PURITY_REQUIREMENTS,
  type RecommendationInputDraft,
  SAMPLE_MATRICES,
} from '../../science/isolation-methods/recommendation-input.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { renderTable } from '../output.ts';

interface RecommendOptions {
  matrix?: string;
  volumeMl?: string;
  use?: string;
  without?: string[];
  purity?: string;
  maxHours?: string;
  budget?: string;
  top?: string;
  listMethods?: boolean;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

export function registerRecommendCommand(program: Command, app: CliApp): void {
  program
    .command('recommend')
    .summary('rank EV isolation methods and two-step chains for a sample (no database needed)')
    .description(
      'Ranks single isolation methods and two-step chains (TFF→SEC, UF→AEC, dUC→density gradient, …) for a sample, ' +
        'scoring recovery, purity, co-isolates, integrity, GMP/scalability, time and cost from the cited method catalogue ' +
        'with weights that depend on the downstream use. Hard constraints (equipment, volume, GMP for therapy, purity, ' +
        'budget, time) exclude options, each with its reason.\n' +
        'With --json: { input, catalogueVersion, weights, ranked: [{ rank, methods, label, score, criteria: [{ name, score, ' +
        'weight, reason }], reasons, confidence, caveats, scales, citations, figures }], excluded: [{ methods, label, constraint, reason, violations }] }.\n' +
        '--list-methods prints the method catalogue instead (with --json: the whole versioned catalogue, the same ' +
        'document as GET /api/isolation/methods).',
    )
    .option('--matrix <matrix>', `sample matrix: ${SAMPLE_MATRICES.join(', ')}`)
    .option('--volume-ml <mL>', 'starting volume in mL (> 0)')
    .option('--use <use>', `downstream use: ${DOWNSTREAM_USES.join(', ')}`)
    .option(
      '--without <equipment>',
      `equipment the lab does not have (repeat or comma-separate): ${EQUIPMENT.join(', ')}`,
      collect,
    )
    .option('--purity <level>', `required purity: ${PURITY_REQUIREMENTS.join(', ')} (default any)`)
    .option('--max-hours <h>', 'longest acceptable processing time in hours')
    .option('--budget <class>', `budget: ${BUDGETS.join(', ')} (default high = no limit)`)
    .option('--top <n>', 'number of ranked options to show (default 5)')
    .option('--list-methods', 'print the isolation method catalogue instead of a recommendation')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  evlab recommend --matrix conditioned-medium --volume-ml 500 --use therapy --without ultracentrifuge\n' +
        '  evlab recommend --matrix plasma --volume-ml 0.5 --use omics --purity high --json\n' +
        '  evlab recommend --list-methods',
    )
    .action(app.action<[]>(recommendCommand));
}

async function recommendCommand(ctx: CommandContext): Promise<number> {
  const opts = ctx.command.opts<RecommendOptions>();
  if (opts.listMethods) {
    if (ctx.globals.json) ctx.out.result(ISOLATION_METHOD_CATALOGUE);
    else ctx.out.print(renderCatalogue());
    return EXIT_OK;
  }
  let recommendation: Recommendation;
  try {
    recommendation = recommendIsolation(parseInput(opts));
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      throw usage(`${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? 'invalid value'}`);
    }
    throw error;
  }
  if (ctx.globals.json) ctx.out.result(recommendation);
  else ctx.out.print(renderRecommendation(recommendation));
  return EXIT_OK;
}

function usage(message: string): CliError {
  return new CliError(message, 'invalid-argument', EXIT_USAGE);
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  valid: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((valid as readonly string[]).includes(value)) return value as T;
  throw usage(`${flag}: unknown value "${value}"; valid values: ${valid.join(', ')}`);
}

function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw usage(`${flag}: "${value}" is not a number > 0`);
  }
  return n;
}

/** Command-line options → recommender input; every mistake is a usage error (exit 2) naming valid values. */
export function parseInput(opts: RecommendOptions): RecommendationInputDraft {
  const missing = [
    opts.matrix === undefined ? `--matrix (${SAMPLE_MATRICES.join(', ')})` : null,
    opts.volumeMl === undefined ? '--volume-ml (mL > 0)' : null,
    opts.use === undefined ? `--use (${DOWNSTREAM_USES.join(', ')})` : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) throw usage(`missing ${missing.join(', ')}; or use --list-methods`);

  const matrix = oneOf('--matrix', opts.matrix, SAMPLE_MATRICES);
  const use = oneOf('--use', opts.use, DOWNSTREAM_USES);
  const volumeMl = positiveNumber('--volume-ml', opts.volumeMl);
  const without = (opts.without ?? []).map((e) => oneOf('--without', e, EQUIPMENT) as Equipment);
  const purity = oneOf('--purity', opts.purity, PURITY_REQUIREMENTS);
  const budget = oneOf('--budget', opts.budget, BUDGETS);
  const maxHours = positiveNumber('--max-hours', opts.maxHours);
  let top: number | undefined;
  if (opts.top !== undefined) {
    top = Number(opts.top);
    if (!Number.isInteger(top) || top < 1 || top > 50)
      throw usage(`--top: "${opts.top}" is not an integer 1–50`);
  }
  const draft: RecommendationInputDraft = {
    matrix: matrix as RecommendationInputDraft['matrix'],
    volumeMl: volumeMl as number,
    use: use as RecommendationInputDraft['use'],
    equipment: EQUIPMENT.filter((e) => !without.includes(e)),
    ...(purity ? { purity } : {}),
    ...(budget ? { budget } : {}),
    ...(maxHours !== undefined ? { maxHours } : {}),
    ...(top !== undefined ? { top } : {}),
  };
  if ((volumeMl as number) > 1e6)
    throw usage(`--volume-ml: ${opts.volumeMl} mL is above the 1,000 L the catalogue covers`);
  return draft;
}

// ---------- human rendering ----------

export function renderRecommendation(r: Recommendation): string {
  const lines: string[] = [];
  const i = r.input;
  lines.push(
    `${formatMl(i.volumeMl)} ${i.matrix} for ${i.use}` +
      ` · purity ${i.purity} · budget ${i.budget}` +
      (i.maxHours !== null ? ` · ≤ ${formatHours(i.maxHours)}` : '') +
      (i.equipment.length < EQUIPMENT.length
        ? ` · without ${EQUIPMENT.filter((e) => !i.equipment.includes(e)).join(', ')}`
        : ''),
  );
  lines.push(
    `catalogue ${r.catalogueVersion}; weights ${Object.entries(r.weights)
      .map(([k, w]) => `${k} ${w}`)
      .join(', ')}`,
  );
  lines.push('');
  if (r.ranked.length === 0) {
    lines.push('No method fits every constraint. Relax one of them (see the exclusions below).');
  } else {
    const rows = r.ranked.map((o) => [
      String(o.rank),
      o.label,
      o.score.toFixed(2),
      o.criteria.map((c) => `${abbreviation(c.name)} ${c.score.toFixed(2)}`).join(' '),
    ]);
    lines.push(
      renderTable(['#', 'option', 'score', 'criteria (0–1)'], rows, {
        align: ['right', 'left', 'right', 'left'],
      }),
    );
    lines.push('');
    for (const o of r.ranked) {
      lines.push(`${o.rank}. ${o.label} (${o.confidence} confidence)`);
      for (const reason of o.reasons) lines.push(`   - ${reason}`);
      if (o.scales.length > 0) lines.push(`   - scored at: ${o.scales.join('; ')}`);
      for (const caveat of o.caveats) lines.push(`   ! caveat: ${caveat}`);
    }
  }
  if (r.excluded.length > 0) {
    lines.push('');
    lines.push('Excluded:');
    const rows = r.excluded.map((e) => [e.label, e.constraint, e.reason]);
    lines.push(renderTable(['option', 'constraint', 'reason'], rows, { indent: '  ' }));
  }
  return lines.join('\n');
}

const ABBREVIATIONS: Record<string, string> = {
  recovery: 'rec',
  purity: 'pur',
  'co-isolates': 'coi',
  integrity: 'int',
  'gmp-scalability': 'gmp',
  time: 'time',
  cost: 'cost',
};
const abbreviation = (name: string) => ABBREVIATIONS[name] ?? name;

function metricText(metric: Metric, format: (x: number) => string): string {
  if (metric.values.length === 0) return '–';
  return metric.values
    .map(
      (r) =>
        (r.min === r.max ? format(r.min) : `${format(r.min)}–${format(r.max)}`) +
        (r.confidence === 'approximate' ? '~' : ''),
    )
    .join(' | ');
}

export function renderCatalogue(): string {
  const c = ISOLATION_METHOD_CATALOGUE;
  const rows = c.methods.map((m) => [
    m.slug,
    metricText(m.recoveryPercent, (x) => `${x}`),
    metricText(m.purityParticlesPerUgProtein, (x) => formatPurity(x).replace(' particles/µg', '')),
    metricText(m.processingTimeH, formatHours),
    metricText(m.sampleVolumeMl, formatMl),
    m.cost.class,
    m.scalability.gmp,
  ]);
  return [
    `Isolation method catalogue ${c.catalogueVersion} (reviewed ${c.reviewedOn})`,
    '',
    renderTable(['method', 'recovery %', 'particles/µg', 'time', 'volume', 'cost', 'GMP'], rows),
    '',
    '~ approximate (order of magnitude from the cited comparison); | separates values from sources that disagree.',
    'Citations per value: evlab recommend --list-methods --json',
  ].join('\n');
}
