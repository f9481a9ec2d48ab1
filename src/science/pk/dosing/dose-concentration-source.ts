/**
 * Which measurement gives a dose preparation its stock concentration (issue 9 item 10). The user picks one
 * of the batch's particle-concentration measurements; each is shown with its QC status, its dilution and
 * where the dilution came from, and the concentration of the undiluted stock that follows from them.
 *
 * Dilution: NanoSight exports state "Dilution factor (concentrations adjusted for this factor)" (NTA 3.x
 * ExperimentSummary.csv, row of the [Results] section; see ../shared/reference/nanosight/20210401): when the
 * file records a factor, the reported concentration is already the undiluted sample's. When the file says
 * "Not recorded" and a user entered the factor afterwards (measurement curation, migration 0004), evlab
 * adjusts the same way the instrument would have: stock = reported × factor. With neither, the reported
 * concentration is used as measured and the plan says that the dilution is unknown.
 *
 * An unreliable measurement is never used silently: a retracted one is refused, one with QC errors only
 * when the user accepts the errors explicitly (`acceptQcErrors`), and every choice carries notes.
 * Pure: no I/O; runs in the browser (the dose page) and on the server (API, CLI) alike.
 */
import type { NtaReport, QcFlag } from '../../nta/nta-report.ts';
import type { DosingNote } from './human-equivalent-dose.ts';

export type DoseSourceQcStatus = 'pass' | 'warning' | 'error' | 'not-assessed';
export type DilutionOrigin = 'file' | 'entered' | 'not-recorded';

/** A stored measurement as the dose source sees it (the store's summary, the parsed NTA report, curation). */
export interface DoseSourceMeasurement {
  id: string;
  kind: string;
  status: 'parsed' | 'unparsed';
  createdAt: string;
  fileName: string | null;
  /** The measurement's metrics when it is an NTA measurement (NtaReport), else null. */
  report: Pick<NtaReport, 'sample' | 'capturedAt' | 'dilutionFactor' | 'average' | 'flags'> | null;
  /** Dilution factor a user entered because the file does not record one (null: none entered). */
  enteredDilutionFactor: number | null;
  retraction: { at: string; by: string; reason: string } | null;
}

export interface DoseConcentrationSource {
  measurementId: string;
  kind: string;
  fileName: string | null;
  sample: string | null;
  capturedAt: string | null;
  recordedAt: string;
  unit: 'particles';
  /** Concentration as the file reports it, particles/mL (already adjusted when the file records a dilution). */
  reportedConcentrationPerMl: number | null;
  dilution: {
    /** The factor that applies (1 = undiluted), null when nobody recorded it. */
    factor: number | null;
    origin: DilutionOrigin;
    /** True when the file does not record the dilution, so a user may enter it. */
    editable: boolean;
  };
  /** Concentration of the undiluted stock, particles/mL; null when the measurement gives none. */
  concentrationPerMl: number | null;
  qc: { status: DoseSourceQcStatus; errors: QcFlag[]; warnings: QcFlag[] };
  retraction: { at: string; by: string; reason: string } | null;
  /** Why the source cannot be used at all (retracted, unparsed, no concentration); empty when usable. */
  unusable: { code: DoseSourceErrorCode; message: string }[];
}

export type DoseSourceErrorCode =
  | 'measurement-retracted'
  | 'measurement-unparsed'
  | 'no-concentration'
  | 'qc-errors-not-accepted';

/** Why a measurement cannot give the dose concentration; the API answers 422 with `code`. */
export class DoseSourceError extends Error {
  override readonly name = 'DoseSourceError';
  constructor(
    readonly code: DoseSourceErrorCode,
    message: string,
    readonly measurementId: string,
  ) {
    super(message);
  }
}

function qcOf(report: DoseSourceMeasurement['report']): DoseConcentrationSource['qc'] {
  if (!report) return { status: 'not-assessed', errors: [], warnings: [] };
  const errors = report.flags.filter((f) => f.level === 'error');
  const warnings = report.flags.filter((f) => f.level === 'warning');
  return { status: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'pass', errors, warnings };
}

function positiveOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** The dose-source view of one measurement: concentration of the stock, dilution and its origin, QC. */
export function doseConcentrationSource(m: DoseSourceMeasurement): DoseConcentrationSource {
  const report = m.status === 'parsed' ? m.report : null;
  const reported = positiveOrNull(report?.average?.concentrationPerMl);
  const fileFactor = positiveOrNull(report?.dilutionFactor);
  const entered = positiveOrNull(m.enteredDilutionFactor);
  const dilution: DoseConcentrationSource['dilution'] =
    fileFactor !== null
      ? { factor: fileFactor, origin: 'file', editable: false }
      : entered !== null
        ? { factor: entered, origin: 'entered', editable: true }
        : { factor: null, origin: 'not-recorded', editable: true };
  // The file's concentration is already adjusted for its own factor; an entered factor adjusts it here.
  const concentrationPerMl =
    reported === null
      ? null
      : dilution.origin === 'entered'
        ? reported * (dilution.factor as number)
        : reported;
  const unusable: DoseConcentrationSource['unusable'] = [];
  if (m.retraction)
    unusable.push({
      code: 'measurement-retracted',
      message: `retracted on ${m.retraction.at.slice(0, 10)}: ${m.retraction.reason}`,
    });
  if (m.status !== 'parsed')
    unusable.push({ code: 'measurement-unparsed', message: 'the file could not be read' });
  else if (concentrationPerMl === null)
    unusable.push({ code: 'no-concentration', message: 'the measurement reports no particle concentration' });
  return {
    measurementId: m.id,
    kind: m.kind,
    fileName: m.fileName,
    sample: report?.sample ?? null,
    capturedAt: report?.capturedAt ?? null,
    recordedAt: m.createdAt,
    unit: 'particles',
    reportedConcentrationPerMl: reported,
    dilution,
    concentrationPerMl,
    qc: qcOf(report),
    retraction: m.retraction,
    unusable,
  };
}

export interface ChosenDoseConcentration {
  stockConcentrationPerMl: number;
  /** Notes to show with the plan (QC errors accepted, QC warnings, dilution not recorded). */
  notes: DosingNote[];
}

/**
 * The stock concentration a dose preparation may use from this source, or a DoseSourceError: retracted,
 * unreadable or without a concentration always; with QC errors unless `acceptQcErrors` is true.
 */
export function chooseDoseConcentration(
  source: DoseConcentrationSource,
  options: { acceptQcErrors?: boolean } = {},
): ChosenDoseConcentration {
  const blocker = source.unusable[0];
  if (blocker)
    throw new DoseSourceError(
      blocker.code,
      `Measurement ${source.measurementId} cannot give the dose concentration: ${blocker.message}.`,
      source.measurementId,
    );
  const notes: DosingNote[] = [];
  const listed = (flags: QcFlag[]) => flags.map((f) => f.message).join('; ');
  if (source.qc.errors.length > 0) {
    if (!options.acceptQcErrors)
      throw new DoseSourceError(
        'qc-errors-not-accepted',
        `Measurement ${source.measurementId} has QC errors (${listed(source.qc.errors)}): accept them explicitly to use its concentration.`,
        source.measurementId,
      );
    notes.push({
      level: 'warning',
      code: 'qc-errors-accepted',
      message: `The concentration comes from a measurement with QC errors, accepted by the user: ${listed(source.qc.errors)}.`,
      citation: null,
    });
  }
  if (source.qc.warnings.length > 0)
    notes.push({
      level: 'info',
      code: 'qc-warnings',
      message: `QC warnings of the concentration measurement: ${listed(source.qc.warnings)}.`,
      citation: null,
    });
  if (source.dilution.origin === 'not-recorded')
    notes.push({
      level: 'warning',
      code: 'dilution-not-recorded',
      message:
        'The measurement does not record its dilution: its concentration is used as measured. Enter the dilution factor on the batch page if the sample was diluted for NTA.',
      citation: null,
    });
  else if (source.dilution.origin === 'entered')
    notes.push({
      level: 'info',
      code: 'dilution-entered',
      message: `Stock concentration = measured ${(source.reportedConcentrationPerMl as number).toExponential(2)}/mL × the entered dilution factor ${source.dilution.factor}.`,
      citation: null,
    });
  return { stockConcentrationPerMl: source.concentrationPerMl as number, notes };
}
