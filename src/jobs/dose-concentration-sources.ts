/**
 * Dose preparation from a stored measurement (issue 9 item 10): the batch's particle-concentration (NanoSight,
 * ZetaView) and protein-concentration (plate assay, one source per sample) measurements as dose sources (QC
 * status, dilution and its origin, retraction), and a dose plan whose stock concentration comes from the
 * measurement the user picked. Using one with QC errors needs a reason and is written to the audit trail. The rules live in
 * src/science/pk/dosing/dose-concentration-source.ts (pure, shared with the browser); this file only loads.
 */
import type { Measurement } from '../domain/measurement.ts';
import type { AssayReport } from '../science/assay/analyse-plate-assay.ts';
import type { NtaReport } from '../science/nta/nta-report.ts';
import {
  chooseDoseConcentration,
  type DoseConcentrationSource,
  type DoseSourceMeasurement,
  doseConcentrationSources,
  MAX_OVERRIDE_REASON,
} from '../science/pk/dosing/dose-concentration-source.ts';
import {
  type DosePreparation,
  type DosePreparationInput,
  prepareDose,
} from '../science/pk/dosing/dose-preparation.ts';
import type { ZetaViewReport } from '../science/zetaview/analyse-zetaview.ts';
import { StoreError } from '../store/evlab-store.ts';
import type { Workbench } from './workbench.ts';

/**
 * Measurement kinds that give a concentration evlab can dose from: particles (NanoSight NTA, ZetaView) and
 * protein (plate assays: BCA, Bradford, micro-BCA).
 */
export const DOSE_SOURCE_KINDS = ['nta', 'zetaview', 'protein-assay'] as const;

function isNtaReport(metrics: unknown): metrics is NtaReport {
  return (
    typeof metrics === 'object' &&
    metrics !== null &&
    'average' in metrics &&
    'flags' in metrics &&
    Array.isArray((metrics as { flags: unknown }).flags)
  );
}

function isZetaViewReport(metrics: unknown): metrics is ZetaViewReport {
  return typeof metrics === 'object' && metrics !== null && 'dilution' in metrics && 'bins' in metrics;
}

function isAssayReport(metrics: unknown): metrics is AssayReport {
  return (
    typeof metrics === 'object' &&
    metrics !== null &&
    'samples' in metrics &&
    Array.isArray((metrics as { samples: unknown }).samples) &&
    'calibration' in metrics
  );
}

async function sourcesOf(wb: Workbench, m: Measurement): Promise<DoseConcentrationSource[]> {
  const raw = await wb.store.getRawFile(m.rawFileId);
  const input: DoseSourceMeasurement = {
    id: m.id,
    kind: m.kind,
    status: m.status,
    createdAt: m.createdAt,
    fileName: raw?.originalName ?? null,
    report: m.kind === 'nta' && isNtaReport(m.metrics) ? m.metrics : null,
    zetaView: m.kind === 'zetaview' && isZetaViewReport(m.metrics) ? m.metrics : null,
    assay: m.kind === 'protein-assay' && isAssayReport(m.metrics) ? m.metrics : null,
    enteredDilutionFactor: m.dilutionFactor ?? null,
    retraction: m.retraction ?? null,
  };
  return doseConcentrationSources(input);
}

export interface BatchDoseSources {
  batch: { id: string; code: string };
  /** Newest first; retracted and unreadable measurements are listed too, marked unusable. */
  sources: DoseConcentrationSource[];
}

/** The dose sources of a batch (StoreError `not-found` for an unknown batch). */
export async function batchDoseSources(wb: Workbench, batchId: string): Promise<BatchDoseSources> {
  const batch = await wb.store.getBatch(batchId);
  if (!batch) throw new StoreError('not-found', `batch ${batchId} does not exist`, ['id']);
  const sources: DoseConcentrationSource[] = [];
  for (const kind of DOSE_SOURCE_KINDS) {
    for (let offset = 0; ; offset += 200) {
      const page = await wb.store.listMeasurements({ batchId, kind, limit: 200, offset });
      for (const summary of page.items) {
        const m = await wb.store.getMeasurement(summary.id);
        if (m) sources.push(...(await sourcesOf(wb, m)));
      }
      if (page.items.length === 0 || offset + page.items.length >= page.total) break;
    }
  }
  sources.sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0));
  return { batch: { id: batch.id, code: batch.code }, sources };
}

/**
 * One measurement as a dose source; `sampleId` names the sample of a protein plate (StoreError `not-found`;
 * `invalid-reference` for a kind without a concentration, or a plate without that sample).
 */
export async function measurementDoseSource(
  wb: Workbench,
  measurementId: string,
  sampleId?: string | null,
): Promise<DoseConcentrationSource & { batchId: string }> {
  const m = await wb.store.getMeasurement(measurementId);
  if (!m) throw new StoreError('not-found', `measurement ${measurementId} does not exist`, ['measurementId']);
  if (!(DOSE_SOURCE_KINDS as readonly string[]).includes(m.kind))
    throw new StoreError(
      'invalid-reference',
      `measurement ${measurementId} is a ${m.kind} measurement; dose concentrations come from ${DOSE_SOURCE_KINDS.join(', ')} measurements`,
      ['measurementId'],
    );
  const sources = await sourcesOf(wb, m);
  const wanted = sampleId ?? null;
  const source =
    m.kind === 'protein-assay'
      ? sources.find((s) => s.sampleId === wanted || (wanted === null && sources.length === 1))
      : sources[0];
  if (!source)
    throw new StoreError(
      'invalid-reference',
      wanted === null
        ? `measurement ${measurementId} is a plate of ${sources.length} samples: name the sample (${sources.map((s) => s.sampleId).join(', ')})`
        : `measurement ${measurementId} has no sample ${wanted} (${sources.map((s) => s.sampleId).join(', ')})`,
      ['sampleId'],
    );
  return { ...source, batchId: m.batchId };
}

export interface MeasuredDosePreparation extends DosePreparation {
  /** The measurement the stock concentration comes from (null when the concentration was typed in). */
  source: (DoseConcentrationSource & { batchId: string }) | null;
}

/**
 * A dose plan whose stock concentration comes from a stored measurement. Throws DoseSourceError
 * (retracted, unreadable, no concentration, QC errors not accepted), StoreError, or DosingInputError.
 */
export async function prepareDoseFromMeasurement(
  wb: Workbench,
  input: Omit<DosePreparationInput, 'stockConcentrationPerMl'> & {
    measurementId: string;
    sampleId?: string | null;
    acceptQcErrors?: boolean;
    overrideReason?: string | null;
  },
  actor = 'unknown',
): Promise<MeasuredDosePreparation> {
  const { measurementId, sampleId, acceptQcErrors, overrideReason, ...rest } = input;
  const source = await measurementDoseSource(wb, measurementId, sampleId);
  const chosen = chooseDoseConcentration(source, {
    acceptQcErrors: acceptQcErrors === true,
    overrideReason,
    unit: rest.unit,
  });
  const plan = prepareDose({ ...rest, stockConcentrationPerMl: chosen.stockConcentrationPerMl });
  // An unreliable measurement used anyway: who, when, why and which QC errors, in the audit trail.
  if (source.qc.errors.length > 0)
    await wb.store.measurementCuration.recordQcOverride(
      measurementId,
      {
        use: 'dose-concentration',
        sampleId: source.sampleId,
        stockConcentrationPerMl: chosen.stockConcentrationPerMl,
        unit: source.unit,
        qcErrors: source.qc.errors.map((f) => f.message),
      },
      (overrideReason ?? '').trim().slice(0, MAX_OVERRIDE_REASON),
      actor,
    );
  return { ...plan, notes: [...chosen.notes, ...plan.notes], source };
}
