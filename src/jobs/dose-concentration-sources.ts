/**
 * Dose preparation from a stored measurement (issue 9 item 10): the batch's particle-concentration
 * measurements as dose sources (QC status, dilution and its origin, retraction), and a dose plan whose stock
 * concentration comes from the measurement the user picked. The rules live in
 * src/science/pk/dosing/dose-concentration-source.ts (pure, shared with the browser); this file only loads.
 */
import type { Measurement } from '../domain/measurement.ts';
import type { NtaReport } from '../science/nta/nta-report.ts';
import {
  chooseDoseConcentration,
  type DoseConcentrationSource,
  type DoseSourceMeasurement,
  doseConcentrationSource,
} from '../science/pk/dosing/dose-concentration-source.ts';
import {
  type DosePreparation,
  type DosePreparationInput,
  prepareDose,
} from '../science/pk/dosing/dose-preparation.ts';
import { StoreError } from '../store/evlab-store.ts';
import type { Workbench } from './workbench.ts';

/** Measurement kinds that report a particle concentration evlab can dose from (NanoSight NTA). */
export const DOSE_SOURCE_KINDS = ['nta'] as const;

function isNtaReport(metrics: unknown): metrics is NtaReport {
  return (
    typeof metrics === 'object' &&
    metrics !== null &&
    'average' in metrics &&
    'flags' in metrics &&
    Array.isArray((metrics as { flags: unknown }).flags)
  );
}

async function sourceOf(wb: Workbench, m: Measurement): Promise<DoseConcentrationSource> {
  const raw = await wb.store.getRawFile(m.rawFileId);
  const input: DoseSourceMeasurement = {
    id: m.id,
    kind: m.kind,
    status: m.status,
    createdAt: m.createdAt,
    fileName: raw?.originalName ?? null,
    report: isNtaReport(m.metrics) ? m.metrics : null,
    enteredDilutionFactor: m.dilutionFactor ?? null,
    retraction: m.retraction ?? null,
  };
  return doseConcentrationSource(input);
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
        if (m) sources.push(await sourceOf(wb, m));
      }
      if (page.items.length === 0 || offset + page.items.length >= page.total) break;
    }
  }
  sources.sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0));
  return { batch: { id: batch.id, code: batch.code }, sources };
}

/** One measurement as a dose source (StoreError `not-found`; `invalid-reference` for a kind without one). */
export async function measurementDoseSource(
  wb: Workbench,
  measurementId: string,
): Promise<DoseConcentrationSource & { batchId: string }> {
  const m = await wb.store.getMeasurement(measurementId);
  if (!m) throw new StoreError('not-found', `measurement ${measurementId} does not exist`, ['measurementId']);
  if (!(DOSE_SOURCE_KINDS as readonly string[]).includes(m.kind))
    throw new StoreError(
      'invalid-reference',
      `measurement ${measurementId} is a ${m.kind} measurement; dose concentrations come from ${DOSE_SOURCE_KINDS.join(', ')} measurements`,
      ['measurementId'],
    );
  return { ...(await sourceOf(wb, m)), batchId: m.batchId };
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
    acceptQcErrors?: boolean;
  },
): Promise<MeasuredDosePreparation> {
  const { measurementId, acceptQcErrors, ...rest } = input;
  const source = await measurementDoseSource(wb, measurementId);
  const chosen = chooseDoseConcentration(source, { acceptQcErrors: acceptQcErrors === true });
  const plan = prepareDose({ ...rest, stockConcentrationPerMl: chosen.stockConcentrationPerMl });
  return { ...plan, notes: [...chosen.notes, ...plan.notes], source };
}
