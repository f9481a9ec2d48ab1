import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import { EXIT_USAGE } from '../exit-codes.ts';
import type { CliApp } from '../main.ts';
import { renderTable } from '../output.ts';
import { withWorkbench } from '../workbench.ts';
import { findBatch } from './import.ts';

/**
 * `evlab qc evaluate|checklist`, `evlab coa`, `evlab report`: QC evaluation against a specification version,
 * the MISEV checklist with its transparency score, the certificate of analysis and the batch report (PDF).
 * Release and rejection are signed in the web QC page or through POST /api/batches/:id/qc/sign.
 */
export function registerQcCommands(program: Command, app: CliApp): void {
  const qc = program.command('qc').summary('QC: evaluate a batch against its specification, MISEV checklist');
  qc.command('evaluate')
    .summary('evaluate a batch against a specification version and store the evaluation')
    .description(
      'Judges every criterion pass, fail or missing from the batch metrics (a value from a measurement with an error ' +
        'flag is never a pass). Default specification: the newest of the batch product. Exit code 1 unless every criterion passes.\n' +
        'With --json: {id, batchId, specificationId, specificationVersion, outcome, counts, results: [{criterionId, name, ' +
        'requirement, outcome, value, unit, reason, evidence}], recordHash}.',
    )
    .argument('<batch>', 'batch id or code')
    .option('--spec <id>', 'specification version id')
    .action(app.action<[string]>(evaluateCommand));
  qc.command('checklist')
    .summary('MISEV2018/2023 checklist filled from the data, transparency score, EV-TRACK fields')
    .argument('<batch>', 'batch id or code')
    .action(app.action<[string]>(checklistCommand));
  qc.command('compare')
    .summary('comparability of two processes: Welch t-test and TOST per metric, pooled size distributions')
    .description(
      'Compares the batches of process A (test) with those of process B (reference): for each metric (default: every ' +
        "numeric metric with values in both groups) Welch's t-test and TOST equivalence with a margin in % of the B " +
        'mean (default 20 %), and the Wasserstein-1 / Kolmogorov-Smirnov distance of the pooled size distributions (NanoSight NTA, ZetaView or NTA track tables; the instrument per batch is in sizeDistribution.sourcesA/B). ' +
        'Exit code 1 unless every tested metric is equivalent.\n' +
        'With --json: {a, b, marginPct, alpha, metrics: [{metric, label, unit, a, b, tost, verdict, note, valuesA, ' +
        'valuesB, missingA, missingB}], sizeDistribution, summary}.',
    )
    .requiredOption('--a <batches>', 'batch ids or codes of process A, comma-separated')
    .requiredOption('--b <batches>', 'batch ids or codes of process B (reference), comma-separated')
    .option('--metrics <names>', 'metric names, comma-separated (see GET /api/qc/metrics)')
    .option('--margin-pct <n>', 'equivalence margin in % of the B mean (default 20)')
    .option('--pdf <file>', 'also write the comparability report PDF')
    .action(app.action<[]>(compareCommand));
  program
    .command('coa')
    .summary('certificate of analysis of a batch (PDF)')
    .argument('<batch>', 'batch id or code')
    .requiredOption('--out <file>', 'PDF file to write')
    .action(app.action<[string]>(coaCommand));
  program
    .command('report')
    .summary('batch report with NTA plots, statistics, QC flags, protocol and audit trail (PDF)')
    .argument('<batch>', 'batch id or code')
    .requiredOption('--out <file>', 'PDF file to write')
    .action(app.action<[string]>(reportCommand));
}

async function evaluateCommand(ctx: CommandContext, ref: string): Promise<number> {
  const { spec } = ctx.command.opts<{ spec?: string }>();
  const { evaluateBatch } = await import('../../jobs/qc/release.ts');
  const evaluation = await withWorkbench(ctx, async (wb) => {
    const batch = await findBatch(wb, ref);
    return evaluateBatch(
      wb.store,
      batch.id,
      ctx.globals.user,
      spec !== undefined ? { specificationId: spec } : {},
    );
  });
  if (ctx.globals.json) ctx.out.result(evaluation);
  else {
    ctx.out.print(
      `Evaluation ${evaluation.id}: ${evaluation.outcome.toUpperCase()} against specification ${evaluation.specificationId} v${evaluation.specificationVersion}`,
    );
    ctx.out.print(
      renderTable(
        ['criterion', 'requirement', 'outcome', 'why'],
        evaluation.results.map((r) => [r.name, r.requirement, r.outcome, r.reason]),
        { indent: '  ' },
      ),
    );
  }
  return evaluation.outcome === 'pass' ? EXIT_OK : EXIT_FAILURE;
}

async function checklistCommand(ctx: CommandContext, ref: string): Promise<number> {
  const { batchChecklist } = await import('../../jobs/qc/batch-checklist.ts');
  const checklist = await withWorkbench(ctx, async (wb) =>
    batchChecklist(wb.store, (await findBatch(wb, ref)).id),
  );
  if (ctx.globals.json) ctx.out.result(checklist);
  else {
    ctx.out.print(
      `Transparency score ${checklist.score} % (${checklist.present} of ${checklist.applicable} applicable items)`,
    );
    ctx.out.print(
      renderTable(
        ['item', 'status', 'evidence / what is missing'],
        checklist.items.map((i) => [
          i.requirement,
          i.status,
          i.status === 'present' ? i.evidence.map((e) => e.label).join('; ') : i.detail,
        ]),
        { indent: '  ' },
      ),
    );
  }
  return EXIT_OK;
}

async function writePdf(
  ctx: CommandContext,
  ref: string,
  make: (store: import('../../store/evlab-store.ts').EvlabStore, batchId: string) => Promise<Buffer>,
): Promise<number> {
  const { out } = ctx.command.opts<{ out: string }>();
  const path = resolve(ctx.io.cwd, out);
  const { batch, pdf } = await withWorkbench(ctx, async (wb) => {
    const batch = await findBatch(wb, ref);
    return { batch, pdf: await make(wb.store, batch.id) };
  });
  await writeFile(path, pdf);
  if (ctx.globals.json)
    ctx.out.result({ batch: { id: batch.id, code: batch.code }, file: path, bytes: pdf.length });
  else ctx.out.info(`wrote ${path} (${pdf.length} bytes)`);
  return EXIT_OK;
}

async function coaCommand(ctx: CommandContext, ref: string): Promise<number> {
  const { certificateOfAnalysis } = await import('../../jobs/qc/batch-documents.ts');
  return writePdf(ctx, ref, certificateOfAnalysis);
}

async function reportCommand(ctx: CommandContext, ref: string): Promise<number> {
  const { batchReport } = await import('../../jobs/qc/batch-documents.ts');
  return writePdf(ctx, ref, batchReport);
}

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

async function compareCommand(ctx: CommandContext): Promise<number> {
  const opts = ctx.command.opts<{
    a: string;
    b: string;
    metrics?: string;
    marginPct?: string;
    pdf?: string;
  }>();
  const { compareProcesses } = await import('../../jobs/qc/comparability.ts');
  const { CliError } = await import('../errors.ts');
  const usage = (m: string) => new CliError(m, 'usage', EXIT_USAGE);
  const marginPct = opts.marginPct === undefined ? undefined : Number(opts.marginPct);
  if (marginPct !== undefined && !(marginPct > 0 && marginPct <= 1000))
    throw usage(`--margin-pct must be a positive number up to 1000 (got "${opts.marginPct}")`);
  const a = list(opts.a);
  const b = list(opts.b);
  const { metricAliasNotes } = await import('../../domain/qc/batch-metric.ts');
  for (const note of metricAliasNotes(opts.metrics !== undefined ? list(opts.metrics) : []))
    ctx.out.warn(note);
  if (a.length === 0 || b.length === 0) throw usage('--a and --b each need at least one batch');
  const report = await withWorkbench(ctx, async (wb) => {
    const ids = async (refs: string[]) => Promise.all(refs.map(async (r) => (await findBatch(wb, r)).id));
    return compareProcesses(wb.store, {
      a: await ids(a),
      b: await ids(b),
      ...(opts.metrics !== undefined ? { metrics: list(opts.metrics) } : {}),
      ...(marginPct !== undefined ? { marginPct } : {}),
    });
  });
  let file: string | null = null;
  if (opts.pdf !== undefined) {
    const { comparabilityReportPdf } = await import('../../report/comparability-report-pdf.ts');
    file = resolve(ctx.io.cwd, opts.pdf);
    await writeFile(file, await comparabilityReportPdf(report));
  }
  if (ctx.globals.json) ctx.out.result(file === null ? report : { ...report, pdf: file });
  else {
    ctx.out.print(
      `A: ${report.a.map((x) => x.code).join(', ')}  vs  B: ${report.b.map((x) => x.code).join(', ')}  (margin ± ${report.marginPct} % of B)`,
    );
    const n = (v: number | null | undefined) =>
      v === null || v === undefined || !Number.isFinite(v) ? '–' : Number(v.toPrecision(4)).toString();
    ctx.out.print(
      renderTable(
        ['metric', 'A mean (n)', 'B mean (n)', 'A − B 90 % CI', 'TOST p', 'verdict'],
        report.metrics.map((r) => [
          r.metric,
          `${n(r.a.mean)} (${r.a.n})`,
          `${n(r.b.mean)} (${r.b.n})`,
          r.tost ? `${n(r.tost.ciLow)} … ${n(r.tost.ciHigh)}` : '–',
          r.tost ? n(r.tost.pValue) : '–',
          r.verdict,
        ]),
        { indent: '  ' },
      ),
    );
    const sd = report.sizeDistribution;
    ctx.out.print(
      sd
        ? `Size distributions (A: ${sd.instrumentsA.join(', ')}; B: ${sd.instrumentsB.join(', ')}): Wasserstein-1 ${n(sd.wassersteinNm)} nm, KS D ${n(sd.ksStatistic)} at ${n(sd.ksLocationNm)} nm`
        : 'Size distributions: none in one of the groups',
    );
    if (file) ctx.out.info(`wrote ${file}`);
  }
  const tested = report.metrics.filter((r) => r.verdict !== 'insufficient-data');
  return tested.length > 0 && tested.every((r) => r.verdict === 'equivalent') ? EXIT_OK : EXIT_FAILURE;
}
