import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { EVIDENCE_SOURCES } from '../../domain/evidence-source.ts';
import type { ExportDataset, ExportFormat } from '../../jobs/evidence-views.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import {
  TRIAL_RELEVANCE,
  TRIAL_RELEVANCE_RULE,
  type TrialRelevance,
} from '../../science/evidence/trial-relevance.ts';
import type {
  EvidenceFinding,
  EvidenceTrial,
  FindingFilter,
  TrialFilter,
} from '../../store/evidence-store.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { MISSING, plural, renderTable } from '../output.ts';
import { startProgress } from '../progress.ts';
import { withWorkbench } from '../workbench.ts';

/**
 * `evlab evidence …`: the curated MSC-EV evidence (Li et al. 2025, Front Cell Dev Biol 13:1626996) and
 * registered trials, with ClinicalTrials.gov import. `trials --json` and `import-ctgov --json` are
 * contracts scripts rely on (src/cli/CONTEXT.md).
 */
export function registerEvidenceCommand(program: Command, app: CliApp): void {
  const evidence = program
    .command('evidence')
    .summary('curated MSC-EV evidence and registered trials (search, import from ClinicalTrials.gov)')
    .description(
      'The evidence base of Li et al. 2025 (Front Cell Dev Biol 13:1626996): the 28 registered MSC-EV trials of ' +
        'Table 5 (synced into the store on first use), the neurological findings of section 6, MSC source profiles ' +
        'with their markers, plus trials imported from ClinicalTrials.gov. Every fact carries its citation.',
    );

  evidence
    .command('trials')
    .summary('list registered trials (filters combine)')
    .option('--condition <text>', 'substring of a condition (case-insensitive)')
    .option('--source <slug>', `MSC source (${EVIDENCE_SOURCES.join(', ')})`, sourceSlug)
    .option('--phase <phase>', 'phase: PHASE1, PHASE2, EARLY_PHASE1, NA (also "phase 1", "1")')
    .option('--status <status>', 'overall status: RECRUITING, COMPLETED, … (also "not yet recruiting")')
    .option('--country <name>', 'country of a site')
    .option('--year <yyyy>', 'first-posted year', positiveInt)
    .option('--disorder <text>', 'disorder slug or name (e.g. als, "Alzheimer\'s disease", stroke)')
    .option('--neuro', 'only trials in neurological conditions')
    .option('--q <text>', 'full-text search (words, "phrases", -exclusions, OR)')
    .option('--limit <n>', 'at most this many trials (default all)', positiveInt)
    .option(
      '--relevance <which>',
      'relevant (default), pending (imported, not naming MSCs and EVs), set-aside, or all',
      relevanceOption,
    )
    .action(app.action(trialsCommand));

  evidence
    .command('relevance')
    .summary('confirm a trial as an MSC-EV trial, or set it aside')
    .description(TRIAL_RELEVANCE_RULE)
    .argument('<nct-id>', 'NCT number')
    .argument('<relevance>', 'relevant | set-aside | pending')
    .action(app.action<[string, string]>(relevanceCommand));

  evidence
    .command('show')
    .summary('one trial in full: rules, status history, citations')
    .argument('<nct-id>', 'NCT number')
    .action(app.action<[string]>(showCommand));

  evidence
    .command('import-ctgov')
    .summary('import ClinicalTrials.gov API v2 JSON (files, URLs or NCT ids)')
    .description(
      'Reads CT.gov API v2 JSON — a single study (GET /api/v2/studies/{nctId}) or search pages (GET /api/v2/studies?…) — ' +
        'from files, from URLs (following nextPageToken up to --max-pages) or by NCT id, and upserts the studies by NCT id. ' +
        'Re-importing the same data changes nothing. A malformed study is reported with its JSON path; the others are imported. ' +
        'Exit code 1 when anything could not be read.',
    )
    .argument('<file-or-url...>', 'JSON files, https:// URLs of the CT.gov API, or NCT ids')
    .option('--max-pages <n>', 'search pages to follow per URL (default 20)', positiveInt)
    .option('--timeout <seconds>', 'seconds to wait for each CT.gov response (default 30)', positiveInt)
    .action(app.action<[string[]]>(importCommand));

  evidence
    .command('findings')
    .summary('neurological findings of MSC-EVs (Li et al. 2025, section 6)')
    .option('--disorder <text>', 'disorder slug or name')
    .option('--source <slug>', `MSC source (${EVIDENCE_SOURCES.join(', ')})`, sourceSlug)
    .option('--route <route>', 'administration route slug (intranasal, intravenous, …)')
    .option('--q <text>', 'full-text search')
    .action(app.action(findingsCommand));

  evidence
    .command('sources')
    .summary('MSC source profiles with their markers (Li et al. 2025, Table 6) and evidence counts')
    .action(app.action(sourcesCommand));

  evidence
    .command('search')
    .summary('search trials, findings, sources, routes and labels')
    .argument('<text...>', 'search words')
    .option('--limit <n>', 'at most this many trial/finding hits (default 20)', positiveInt)
    .action(app.action<[string[]]>(searchCommand));

  evidence
    .command('matrix')
    .summary('source × disorder evidence matrix (findings / trials per cell)')
    .action(app.action(matrixCommand));

  evidence
    .command('timeline')
    .summary('registered trials by first-posted year')
    .action(app.action(timelineCommand));

  evidence
    .command('export')
    .summary('export trials or findings as CSV or JSON (with citations)')
    .requiredOption('--dataset <name>', 'trials or findings', choice(['trials', 'findings']))
    .option('--format <format>', 'csv or json (default csv)', choice(['csv', 'json']))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(app.action(exportCommand));

  evidence
    .command('sync')
    .summary('sync the curated evidence into the store now (also done automatically; idempotent)')
    .action(app.action(syncCommand));
}

// ---------------------------------------------------------------- option parsers

function sourceSlug(value: string): string {
  const v = value.trim().toLowerCase();
  if (!(EVIDENCE_SOURCES as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`unknown MSC source "${value}" (known: ${EVIDENCE_SOURCES.join(', ')})`);
  }
  return v;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

function choice(values: readonly string[]) {
  return (value: string): string => {
    if (!values.includes(value)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return value;
  };
}

async function resolveDisorderOption(text: string | undefined): Promise<string | undefined> {
  if (text === undefined) return undefined;
  const { resolveDisorder } = await import('../../science/evidence/resolve-disorder.ts');
  const slug = resolveDisorder(text);
  if (slug === null) {
    const { NEUROLOGICAL_DISORDER_SLUGS } = await import('../../domain/neurological-disorder.ts');
    throw new CliError(
      `--disorder: "${text}" names no known disorder (known: ${NEUROLOGICAL_DISORDER_SLUGS.join(', ')})`,
      'invalid-disorder',
      EXIT_USAGE,
    );
  }
  return slug;
}

// ---------------------------------------------------------------- trials

/** What `evidence trials --json` prints per trial: the contract fields first, then the rest. */
function trialJson(t: EvidenceTrial) {
  const {
    nctId,
    title,
    status,
    conditions,
    phases,
    firstPosted,
    mscSource,
    locations,
    hasResults,
    neurological,
    ...rest
  } = t;
  return {
    nctId,
    title,
    status,
    conditions,
    phases,
    firstPosted,
    mscSource,
    locations,
    hasResults,
    neurological,
    ...rest,
  };
}

async function allPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>,
  max: number | undefined,
): Promise<T[]> {
  const out: T[] = [];
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await fetchPage(offset, Math.min(pageSize, (max ?? Number.POSITIVE_INFINITY) - out.length));
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total || (max !== undefined && out.length >= max))
      return out;
  }
}

async function trialsCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<{
    condition?: string;
    source?: string;
    phase?: string;
    status?: string;
    country?: string;
    year?: number;
    disorder?: string;
    neuro?: boolean;
    q?: string;
    limit?: number;
    relevance?: TrialRelevance | 'all';
  }>();
  const disorder = await resolveDisorderOption(o.disorder);
  const filter: TrialFilter = {
    ...(o.condition !== undefined ? { condition: o.condition } : {}),
    ...(o.source !== undefined ? { source: o.source } : {}),
    ...(o.phase !== undefined ? { phase: o.phase } : {}),
    ...(o.status !== undefined ? { status: o.status } : {}),
    ...(o.country !== undefined ? { country: o.country } : {}),
    ...(o.year !== undefined ? { year: o.year } : {}),
    ...(disorder !== undefined ? { disorder } : {}),
    ...(o.neuro ? { neurological: true } : {}),
    ...(o.q !== undefined ? { q: o.q } : {}),
    ...(o.relevance !== undefined ? { relevance: o.relevance } : {}),
  };
  const trials = await withWorkbench(ctx, (wb) =>
    allPages((offset, limit) => wb.store.evidence.listTrials({ ...filter, offset, limit }), o.limit),
  );
  if (ctx.globals.json) {
    ctx.out.result(trials.map(trialJson));
    return EXIT_OK;
  }
  if (trials.length === 0) {
    ctx.out.print('No trials match.');
    return EXIT_OK;
  }
  ctx.out.print(
    renderTable(
      ['NCT id', 'posted', 'status', 'phase', 'source', 'neuro', 'title'],
      trials.map((t) => [
        t.nctId,
        t.firstPosted ?? MISSING,
        t.status.toLowerCase().replace(/_/g, ' '),
        t.phases.join('/') || MISSING,
        t.mscSource,
        t.neurological ? (t.disorder ?? 'yes') : '',
        truncate(t.title, 70),
      ]),
    ),
  );
  ctx.out.info(
    `${plural(trials.length, 'trial')}. Source: Li et al. 2025 Table 5 and ClinicalTrials.gov records.`,
  );
  return EXIT_OK;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function relevanceOption(value: string): TrialRelevance | 'all' {
  const v = value.trim().toLowerCase();
  if (v === 'all' || (TRIAL_RELEVANCE as readonly string[]).includes(v)) return v as TrialRelevance | 'all';
  throw new InvalidArgumentError(`expected one of ${[...TRIAL_RELEVANCE, 'all'].join(', ')}`);
}

async function relevanceCommand(ctx: CommandContext, nctId: string, relevance: string): Promise<number> {
  const value = relevanceOption(relevance);
  if (value === 'all') throw new CliError('relevance is relevant, pending or set-aside', 'usage', EXIT_USAGE);
  const trial = await withWorkbench(ctx, (wb) =>
    wb.store.evidence.setTrialRelevance(nctId, value, ctx.globals.user),
  );
  if (ctx.globals.json) ctx.out.result(trialJson(trial));
  else ctx.out.print(`${trial.nctId}: ${trial.relevance}`);
  return EXIT_OK;
}

async function showCommand(ctx: CommandContext, nctId: string): Promise<number> {
  const trial = await withWorkbench(ctx, (wb) => wb.store.evidence.getTrial(nctId));
  if (!trial) throw new CliError(`no trial ${nctId} in the evidence store`, 'not-found');
  if (ctx.globals.json) {
    ctx.out.result(trialJson(trial));
    return EXIT_OK;
  }
  const { citationText } = await import('../../science/evidence/curated-evidence.ts');
  const lines = [
    `${trial.nctId}  ${trial.title}`,
    trial.officialTitle ? `official    ${trial.officialTitle}` : '',
    `status      ${trial.status}  (history: ${trial.statusHistory.map((h) => `${h.status} @ ${h.at ?? '?'}`).join(' → ')})`,
    `phases      ${trial.phases.join(', ') || MISSING}`,
    `posted      ${trial.firstPosted ?? MISSING}`,
    `conditions  ${trial.conditions.join('; ')}`,
    `source      ${trial.mscSource}  — ${trial.mscSourceRule}`,
    `neuro       ${trial.neurological ? (trial.disorder ?? 'yes') : 'no'}  — ${trial.neurologicalRule}`,
    `locations   ${trial.locations.join('; ') || MISSING}`,
    `results     ${trial.hasResults ? 'yes' : 'no'}`,
    `origin      ${trial.origin}`,
    `relevance   ${trial.relevance}`,
    ...trial.citations.map((c, i) => `${i === 0 ? 'cited      ' : '           '} ${citationText(c)}`),
  ];
  ctx.out.print(lines.filter(Boolean).join('\n'));
  return EXIT_OK;
}

// ---------------------------------------------------------------- import

async function importCommand(ctx: CommandContext, sources: string[]): Promise<number> {
  const o = ctx.command.opts<{ maxPages?: number; timeout?: number }>();
  const { importCtgovSources } = await import('../../jobs/evidence-import-ctgov.ts');
  const summary = await withWorkbench(ctx, async (wb) => {
    const progress = startProgress({
      stream: ctx.io.stderr,
      json: ctx.globals.json,
      total: sources.length,
      title: 'Importing',
    });
    try {
      return await importCtgovSources(wb, sources, {
        actor: ctx.globals.user,
        cwd: ctx.io.cwd,
        ...(o.maxPages !== undefined ? { maxPages: o.maxPages } : {}),
        ...(o.timeout !== undefined ? { timeoutMs: o.timeout * 1000 } : {}),
        onDocument: (label) => progress.tick(label),
      });
    } finally {
      progress.stop();
    }
  });
  if (ctx.globals.json) {
    ctx.out.result(summary);
  } else {
    ctx.out.print(
      `${summary.imported} imported, ${summary.updated} updated, ${summary.unchanged} unchanged (${plural(summary.documents, 'document')})`,
    );
    for (const e of summary.errors) {
      ctx.out.error(`${e.source}${e.path ? ` ${e.path}` : ''}: ${e.message.replace(`${e.source}: `, '')}`);
    }
  }
  return summary.errors.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

// ---------------------------------------------------------------- findings, sources

async function findingsCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<{ disorder?: string; source?: string; route?: string; q?: string }>();
  const disorder = await resolveDisorderOption(o.disorder);
  const filter: FindingFilter = {
    ...(disorder !== undefined ? { disorder } : {}),
    ...(o.source !== undefined ? { sources: [o.source] } : {}),
    ...(o.route !== undefined ? { route: o.route } : {}),
    ...(o.q !== undefined ? { q: o.q } : {}),
  };
  const findings: EvidenceFinding[] = await withWorkbench(ctx, (wb) =>
    allPages((offset, limit) => wb.store.evidence.listFindings({ ...filter, offset, limit }), undefined),
  );
  if (ctx.globals.json) {
    ctx.out.result(findings);
    return EXIT_OK;
  }
  if (findings.length === 0) {
    ctx.out.print('No findings match.');
    return EXIT_OK;
  }
  const { citationLabel } = await import('../../domain/citation.ts');
  ctx.out.print(
    renderTable(
      ['source', 'disorder', 'level', 'route', 'outcome', 'reference'],
      findings.map((f) => [
        f.mscSource,
        f.disorder,
        f.evidenceLevel,
        f.route ?? MISSING,
        truncate(f.outcome, 60),
        `${citationLabel(f.reference)} (Li et al. 2025, ${f.reviewLocation})`,
      ]),
    ),
  );
  return EXIT_OK;
}

async function sourcesCommand(ctx: CommandContext): Promise<number> {
  const { sourceProfilesWithCounts } = await import('../../jobs/evidence-views.ts');
  const profiles = await withWorkbench(ctx, sourceProfilesWithCounts);
  if (ctx.globals.json) {
    ctx.out.result(profiles);
    return EXIT_OK;
  }
  for (const p of profiles) {
    ctx.out.print(`${p.name} [${p.slug}] — ${plural(p.findings, 'finding')}, ${plural(p.trials, 'trial')}`);
    ctx.out.print(`  positive  ${p.positiveMarkers.join(', ') || MISSING}`);
    ctx.out.print(`  negative  ${p.negativeMarkers.join(', ') || MISSING}`);
    for (const c of p.conflictingMarkers) ctx.out.print(`  conflict  ${c.marker}: ${c.note}`);
  }
  ctx.out.info('Markers: Li et al. 2025, Table 6.');
  return EXIT_OK;
}

// ---------------------------------------------------------------- search, matrix, timeline, export, sync

async function searchCommand(ctx: CommandContext, words: string[]): Promise<number> {
  const o = ctx.command.opts<{ limit?: number }>();
  const { searchEvidence } = await import('../../jobs/evidence-views.ts');
  const q = words.join(' ');
  const hits = await withWorkbench(ctx, (wb) => searchEvidence(wb, q, o.limit ?? 20));
  if (ctx.globals.json) {
    ctx.out.result({ q, hits });
    return EXIT_OK;
  }
  if (hits.length === 0) ctx.out.print(`Nothing matches "${q}".`);
  for (const h of hits)
    ctx.out.print(
      `${h.kind.padEnd(8)} ${h.id}  ${truncate(h.title, 80)}\n         ${h.snippet.replace(/\s+/g, ' ')}`,
    );
  return EXIT_OK;
}

async function matrixCommand(ctx: CommandContext): Promise<number> {
  const matrix = await withWorkbench(ctx, (wb) => wb.store.evidence.matrix());
  if (ctx.globals.json) {
    ctx.out.result(matrix);
    return EXIT_OK;
  }
  const cell = (s: string, d: string) => {
    const c = matrix.cells.find((x) => x.source === s && x.disorder === d);
    return c && (c.findings > 0 || c.trials > 0) ? `${c.findings}/${c.trials}` : '·';
  };
  ctx.out.print(
    renderTable(
      ['disorder', ...matrix.sources],
      matrix.disorders.map((d) => [d, ...matrix.sources.map((s) => cell(s, d))]),
      { align: ['left', ...matrix.sources.map(() => 'right' as const)] },
    ),
  );
  ctx.out.info(
    'Cells: findings / trials. Findings: Li et al. 2025 section 6; trials: Table 5 and imported records.',
  );
  return EXIT_OK;
}

async function timelineCommand(ctx: CommandContext): Promise<number> {
  const years = await withWorkbench(ctx, (wb) => wb.store.evidence.timeline());
  if (ctx.globals.json) {
    ctx.out.result(years);
    return EXIT_OK;
  }
  ctx.out.print(
    renderTable(
      ['year', 'trials', 'neuro', 'by source'],
      years.map((y) => [
        String(y.year),
        String(y.total),
        String(y.neurological),
        Object.entries(y.bySource)
          .map(([s, n]) => `${s} ${n}`)
          .join(', '),
      ]),
      { align: ['left', 'right', 'right', 'left'] },
    ),
  );
  return EXIT_OK;
}

async function exportCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<{ dataset: ExportDataset; format?: ExportFormat; output?: string }>();
  const { exportEvidence } = await import('../../jobs/evidence-views.ts');
  const result = await withWorkbench(ctx, (wb: Workbench) =>
    exportEvidence(wb, o.dataset, o.format ?? 'csv'),
  );
  if (o.output !== undefined) {
    const file = resolve(ctx.io.cwd, o.output);
    await writeFile(file, result.body);
    if (ctx.globals.json)
      ctx.out.result({ file, dataset: o.dataset, format: o.format ?? 'csv', rows: result.rows });
    else ctx.out.info(`${plural(result.rows, 'row')} written to ${file}`);
    return EXIT_OK;
  }
  if (ctx.globals.json && (o.format ?? 'csv') === 'csv') {
    // --json promises one JSON document on stdout: the CSV travels inside it.
    ctx.out.result({ dataset: o.dataset, format: 'csv', rows: result.rows, content: result.body });
    return EXIT_OK;
  }
  // The export itself is the result on stdout (a JSON export is one JSON document).
  ctx.io.stdout.write(result.body.endsWith('\n') ? result.body : `${result.body}\n`);
  return EXIT_OK;
}

async function syncCommand(ctx: CommandContext): Promise<number> {
  const { syncCuratedEvidence } = await import('../../jobs/evidence-sync.ts');
  const result = await withWorkbench(ctx, (wb) => syncCuratedEvidence(wb));
  if (ctx.globals.json) ctx.out.result(result);
  else {
    const t = result.trials;
    const f = result.findings;
    ctx.out.print(
      `trials: ${t.inserted} new, ${t.updated} updated, ${t.unchanged} unchanged; findings: ${f.inserted} new, ${f.updated} updated, ${f.unchanged} unchanged, ${f.removed} removed`,
    );
  }
  return EXIT_OK;
}
