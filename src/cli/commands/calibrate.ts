import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  type FluorescenceBeadsInput,
  fluorescenceBeadsSchema,
  formatZodIssues,
  type ScatterBeadsInput,
  scatterBeadsSchema,
} from '../../science/flow-calibration/calibration-input.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { isFcsFileError, loadFcsFile, pickDataset, reportFcsFileError } from './fcs.ts';

export async function readJson<T>(
  ctx: CommandContext,
  file: string,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError };
  },
): Promise<T> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      'beads-unreadable',
      EXIT_USAGE,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`, 'beads-invalid', EXIT_USAGE);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CliError(
      formatZodIssues(parsed.error)
        .map((l) => `${file}: ${l}`)
        .join('\n'),
      'beads-invalid',
      EXIT_USAGE,
    );
  }
  return parsed.data;
}

export function registerCalibrateCommand(program: Command, app: CliApp): void {
  const cal = program
    .command('calibrate')
    .summary(
      'flow-cytometry calibration from reference beads: scatter (Mie, nm², EV diameter) and fluorescence (MESF/ERF)',
    );
  cal
    .command('scatter')
    .summary('fit the scatter detector to reference beads (a.u. per nm²) and map a.u. to EV diameter')
    .description(
      'BEADS.json: {wavelengthNm, mediumIndex?, aperture: {centreDeg, halfAngleDeg, obscurationDeg?, polarisation}, beads: [{diameterNm, au, material: "polystyrene"|"silica" | refractiveIndex: {n, k?}}], ev?: {coreIndex, shellIndex, shellThicknessNm}, convert?: [a.u., …]}.\n' +
        'With --json: {calibration: {auPerNm2, nm2PerAu, rSquaredLog, mediumIndex, beads: [...]}, ev: {model, monotonicUpToNm}, conversions: [{au, crossSectionNm2, diameterNm}]}.',
    )
    .requiredOption('--beads <json>', 'bead file (JSON)')
    .action(app.action<[]>(scatterCommand));
  cal
    .command('fluorescence')
    .summary('MESF/ERF calibration: log–log regression of assigned values on bead MFIs (blank bead excluded)')
    .description(
      'BEADS.json: {unit: "MESF"|"ERF"|…, fluorochrome?, beads: [{mfi, assigned}], convert?: [a.u., …]}.\n' +
        'With --json: {unit, slope, intercept, rSquared, used, excluded, residualsLog10, conversions: [{au, value}]}.',
    )
    .requiredOption('--beads <json>', 'bead file (JSON)')
    .action(app.action<[]>(fluorescenceCommand));
  cal
    .command('apply')
    .summary('write a calibrated FCS file (added parameters) and a MIFlowCyt-EV report')
    .argument('<file>', 'FCS file of the EV sample')
    .option('--scatter <json>', 'scatter bead file')
    .option('--scatter-channel <name>', 'the calibrated scatter parameter ($PnN)')
    .option('--fluorescence <json>', 'fluorescence bead file')
    .option('--fluorescence-channel <name>', 'the calibrated fluorescence parameter ($PnN)')
    .requiredOption('--out <fcs>', 'calibrated FCS 3.1 file to write')
    .option('--report <file>', 'MIFlowCyt-EV report (.json or .md)')
    .option('--dataset <n>', 'which data set (1-based)', '1')
    .action(app.action<[string]>(applyCommand));
}

async function scatterResult(input: ScatterBeadsInput) {
  const { fitScatterCalibration, evDiameterLookup, DEFAULT_EV_MODEL } = await import(
    '../../science/flow-calibration/scatter-calibration.ts'
  );
  const setup = {
    wavelengthNm: input.wavelengthNm,
    aperture: input.aperture,
    ...(input.mediumIndex ? { mediumIndex: input.mediumIndex } : {}),
  };
  const calibration = fitScatterCalibration(input.beads, setup);
  const model = input.ev ?? DEFAULT_EV_MODEL;
  const lookup = evDiameterLookup(model, setup);
  const conversions = (input.convert ?? []).map((au) => {
    const sigma = au / calibration.auPerNm2;
    const d = lookup.diameterForCrossSection(sigma);
    return { au, crossSectionNm2: sigma, diameterNm: Number.isFinite(d) ? d : null };
  });
  return { calibration, ev: { model, monotonicUpToNm: lookup.monotonicUpToNm }, conversions, lookup };
}

async function scatterCommand(ctx: CommandContext): Promise<number> {
  const { beads } = ctx.command.opts<{ beads: string }>();
  const input = await readJson(ctx, beads, scatterBeadsSchema);
  const { lookup: _lookup, ...out } = await scatterResult(input);
  if (ctx.globals.json) ctx.out.result(out);
  else {
    const c = out.calibration;
    ctx.out.print(
      `scatter calibration at ${c.wavelengthNm} nm, medium n = ${c.mediumIndex.toFixed(4)}, aperture ${c.aperture.halfAngleDeg}° around ${c.aperture.centreDeg}°`,
    );
    ctx.out.print(
      `instrument factor ${c.auPerNm2.toPrecision(5)} a.u./nm² (${c.nm2PerAu.toPrecision(5)} nm²/a.u.), R² (log) ${c.rSquaredLog.toFixed(5)}`,
    );
    for (const b of c.beads)
      ctx.out.print(
        `  ${b.diameterNm} nm (n ${b.refractiveIndex.toFixed(4)}): σ ${b.crossSectionNm2.toPrecision(4)} nm², a.u. ${b.au} vs ${b.predictedAu.toPrecision(4)}`,
      );
    ctx.out.print(
      `EV model core ${out.ev.model.coreIndex}, shell ${out.ev.model.shellIndex} × ${out.ev.model.shellThicknessNm} nm; diameters unambiguous up to ${out.ev.monotonicUpToNm} nm`,
    );
  }
  return EXIT_OK;
}

async function fluorescenceResult(input: FluorescenceBeadsInput) {
  const { fitFluorescenceCalibration, toCalibratedFluorescence } = await import(
    '../../science/flow-calibration/fluorescence-calibration.ts'
  );
  let fit: ReturnType<typeof fitFluorescenceCalibration>;
  try {
    fit = fitFluorescenceCalibration(input.beads, input.unit);
  } catch (error) {
    throw new CliError((error as Error).message, 'calibration-failed', EXIT_USAGE);
  }
  const conversions = (input.convert ?? []).map((au) => {
    const v = toCalibratedFluorescence(fit, au);
    return { au, value: Number.isFinite(v) ? v : null };
  });
  return { ...fit, ...(input.fluorochrome ? { fluorochrome: input.fluorochrome } : {}), conversions };
}

async function fluorescenceCommand(ctx: CommandContext): Promise<number> {
  const { beads } = ctx.command.opts<{ beads: string }>();
  const out = await fluorescenceResult(await readJson(ctx, beads, fluorescenceBeadsSchema));
  if (ctx.globals.json) ctx.out.result(out);
  else {
    ctx.out.print(
      `log10(${out.unit}) = ${out.slope.toFixed(6)} · log10(a.u.) + ${out.intercept.toFixed(6)}   R² ${out.rSquared.toFixed(6)}  (${out.used} beads)`,
    );
    for (const e of out.excluded) ctx.out.print(`  bead ${e.index + 1} excluded: ${e.reason}`);
  }
  return EXIT_OK;
}

async function applyCommand(ctx: CommandContext, file: string): Promise<number> {
  const o = ctx.command.opts<{
    scatter?: string;
    scatterChannel?: string;
    fluorescence?: string;
    fluorescenceChannel?: string;
    out: string;
    report?: string;
    dataset?: string;
  }>();
  if (!o.scatter && !o.fluorescence)
    throw new CliError('give --scatter and/or --fluorescence bead files', 'nothing-to-do', EXIT_USAGE);
  if (o.scatter && !o.scatterChannel)
    throw new CliError('--scatter needs --scatter-channel', 'bad-option', EXIT_USAGE);
  if (o.fluorescence && !o.fluorescenceChannel)
    throw new CliError('--fluorescence needs --fluorescence-channel', 'bad-option', EXIT_USAGE);
  const fcs = await loadFcsFile(ctx, file);
  if (isFcsFileError(fcs)) return reportFcsFileError(ctx, fcs);
  const d = pickDataset(fcs, o.dataset);
  const { calibrateFcsDataset } = await import('../../formats/fcs/calibrate-fcs-dataset.ts');
  const scatter = o.scatter
    ? await scatterResult(await readJson(ctx, o.scatter, scatterBeadsSchema))
    : undefined;
  const fluorescence = o.fluorescence
    ? await fluorescenceResult(await readJson(ctx, o.fluorescence, fluorescenceBeadsSchema))
    : undefined;
  let result: ReturnType<typeof calibrateFcsDataset>;
  try {
    result = calibrateFcsDataset(d, file, {
      ...(scatter && o.scatterChannel
        ? {
            scatter: {
              channel: o.scatterChannel,
              calibration: scatter.calibration,
              evModel: scatter.ev.model,
              diameterForCrossSection: scatter.lookup.diameterForCrossSection,
            },
          }
        : {}),
      ...(fluorescence && o.fluorescenceChannel
        ? { fluorescence: { channel: o.fluorescenceChannel, calibration: fluorescence } }
        : {}),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, 'bad-option', EXIT_USAGE);
    throw error;
  }
  await writeFile(resolve(ctx.io.cwd, o.out), result.bytes);
  if (o.report) {
    const text = o.report.toLowerCase().endsWith('.md')
      ? result.reportMarkdown
      : `${JSON.stringify(result.report, null, 2)}\n`;
    await writeFile(resolve(ctx.io.cwd, o.report), text);
  }
  const summary = {
    file,
    out: o.out,
    report: o.report ?? null,
    events: d.eventCount,
    addedParameters: result.addedParameters,
  };
  if (ctx.globals.json) ctx.out.result(summary);
  else
    ctx.out.print(
      `${o.out}: ${d.eventCount} events, added ${result.addedParameters.join(', ')}${o.report ? `; report ${o.report}` : ''}`,
    );
  return EXIT_OK;
}
