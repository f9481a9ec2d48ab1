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
 * ZetaView (Particle Metrix .txt exports) reports the concentration of the measured, diluted sample (the
 * `Concentration / cm-3` column) and the `Dilution::` factor beside it; its report's "original concentration"
 * is their product (src/science/zetaview/analyse-zetaview.ts). So for ZetaView stock = measured × the file's
 * factor (or × an entered one when the file has none).
 *
 * Protein (BCA, Bradford… plate assays, µg/mL): MSC-EV doses are often given as µg of EV protein (MISEV2023
 * §4, "protein amount as a loading/dosing normaliser"; e.g. Doeppner et al. 2015, Stem Cells Transl Med
 * 4:1131, 10 µg/kg). Each sample of the plate is one source; its concentration is evlab's back-calculation
 * from the standard curve × the sample's dilution as the plate layout records it (read-only: the plate map
 * is where a dilution is stated; 1 = neat).
 *
 * An unreliable measurement is never used silently: a retracted one is refused, one with QC errors (for a
 * protein sample: outside the quantifiable range, a rejected calibration) only when the user accepts the
 * errors explicitly (`acceptQcErrors`) and gives a reason (`overrideReason`, audited by the caller), and every
 * choice carries notes.
 * Pure: no I/O; runs in the browser (the dose page) and on the server (API, CLI) alike.
 */
import type { AssayReport } from '../../assay/analyse-plate-assay.ts';
import type { NtaReport, QcFlag } from '../../nta/nta-report.ts';
import type { ZetaViewReport } from '../../zetaview/analyse-zetaview.ts';
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
  /** The measurement's metrics when it is a ZetaView measurement (ZetaViewReport). */
  zetaView?: Pick<ZetaViewReport, 'sample' | 'dilution' | 'concentrationPerMl' | 'flags'> | null;
  /** The measurement's metrics when it is a protein (plate) assay (AssayReport). */
  assay?: Pick<
    AssayReport,
    'concentrationUnit' | 'samples' | 'calibration' | 'converged' | 'flags' | 'model'
  > | null;
  /** Dilution factor a user entered because the file does not record one (null: none entered). */
  enteredDilutionFactor: number | null;
  retraction: { at: string; by: string; reason: string } | null;
}

/** What a source's concentration counts: particles (NTA, ZetaView) or µg of protein (plate assays). */
export type DoseSourceUnit = 'particles' | 'ug-protein';
export const DOSE_SOURCE_UNIT_LABELS: Record<DoseSourceUnit, string> = {
  particles: 'particles/mL',
  'ug-protein': 'µg protein/mL',
};

export interface DoseConcentrationSource {
  measurementId: string;
  /** The sample of a protein plate (one plate, several sources); null for particle measurements. */
  sampleId: string | null;
  kind: string;
  /** Instrument or assay, as shown to the user ("NanoSight NTA", "ZetaView", "Protein assay (plate)"). */
  instrument: string;
  fileName: string | null;
  sample: string | null;
  capturedAt: string | null;
  recordedAt: string;
  unit: DoseSourceUnit;
  /**
   * Concentration as the file reports it, per mL (NanoSight: already adjusted for the file's dilution;
   * ZetaView and plate assays: the measured, diluted sample).
   */
  reportedConcentrationPerMl: number | null;
  dilution: {
    /** The factor that applies (1 = undiluted), null when nobody recorded it. */
    factor: number | null;
    origin: DilutionOrigin;
    /** True when the file does not record the dilution, so a user may enter it. */
    editable: boolean;
  };
  /** How the stock concentration follows from the reported one and the dilution (one sentence). */
  dilutionRule: string;
  /** Concentration of the undiluted stock, per mL in `unit`; null when the measurement gives none. */
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
  | 'unknown-unit'
  | 'qc-errors-not-accepted'
  | 'override-reason-required'
  | 'unit-mismatch';

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

function qcOf(flags: readonly QcFlag[] | null): DoseConcentrationSource['qc'] {
  if (!flags) return { status: 'not-assessed', errors: [], warnings: [] };
  const errors = flags.filter((f) => f.level === 'error');
  const warnings = flags.filter((f) => f.level === 'warning');
  return { status: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'pass', errors, warnings };
}

function positiveOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function dilutionOf(fileFactor: number | null, entered: number | null): DoseConcentrationSource['dilution'] {
  return fileFactor !== null
    ? { factor: fileFactor, origin: 'file', editable: false }
    : entered !== null
      ? { factor: entered, origin: 'entered', editable: true }
      : { factor: null, origin: 'not-recorded', editable: true };
}

function blockers(
  m: DoseSourceMeasurement,
  concentration: number | null,
  what: string,
): DoseConcentrationSource['unusable'] {
  const unusable: DoseConcentrationSource['unusable'] = [];
  if (m.retraction)
    unusable.push({
      code: 'measurement-retracted',
      message: `retracted on ${m.retraction.at.slice(0, 10)}: ${m.retraction.reason}`,
    });
  if (m.status !== 'parsed')
    unusable.push({ code: 'measurement-unparsed', message: 'the file could not be read' });
  else if (concentration === null)
    unusable.push({ code: 'no-concentration', message: `the measurement reports no ${what}` });
  return unusable;
}

function ntaSource(m: DoseSourceMeasurement): DoseConcentrationSource {
  const report = m.status === 'parsed' ? m.report : null;
  const reported = positiveOrNull(report?.average?.concentrationPerMl);
  const dilution = dilutionOf(
    positiveOrNull(report?.dilutionFactor),
    positiveOrNull(m.enteredDilutionFactor),
  );
  // The file's concentration is already adjusted for its own factor; an entered factor adjusts it here.
  const concentrationPerMl =
    reported === null
      ? null
      : dilution.origin === 'entered'
        ? reported * (dilution.factor as number)
        : reported;
  return {
    measurementId: m.id,
    sampleId: null,
    kind: m.kind,
    instrument: 'NanoSight NTA',
    fileName: m.fileName,
    sample: report?.sample ?? null,
    capturedAt: report?.capturedAt ?? null,
    recordedAt: m.createdAt,
    unit: 'particles',
    reportedConcentrationPerMl: reported,
    dilution,
    dilutionRule:
      dilution.origin === 'file'
        ? 'NanoSight reports the concentration already adjusted for the dilution it records.'
        : dilution.origin === 'entered'
          ? 'Stock = reported concentration × the dilution factor entered for this file.'
          : 'The file does not record the dilution: the concentration is used as measured.',
    concentrationPerMl,
    qc: qcOf(report?.flags ?? null),
    retraction: m.retraction,
    unusable: blockers(m, concentrationPerMl, 'particle concentration'),
  };
}

function zetaViewSource(m: DoseSourceMeasurement): DoseConcentrationSource {
  const report = m.status === 'parsed' ? (m.zetaView ?? null) : null;
  const measured = positiveOrNull(report?.concentrationPerMl);
  const dilution = dilutionOf(positiveOrNull(report?.dilution), positiveOrNull(m.enteredDilutionFactor));
  // ZetaView's concentration column is the diluted sample's: stock = measured × factor, whoever recorded it.
  const concentrationPerMl =
    measured === null ? null : dilution.factor === null ? measured : measured * dilution.factor;
  return {
    measurementId: m.id,
    sampleId: null,
    kind: m.kind,
    instrument: 'ZetaView',
    fileName: m.fileName,
    sample: report?.sample ?? null,
    capturedAt: null,
    recordedAt: m.createdAt,
    unit: 'particles',
    reportedConcentrationPerMl: measured,
    dilution,
    dilutionRule:
      dilution.origin === 'not-recorded'
        ? 'The file does not record the dilution: the measured concentration is used as it is.'
        : `Stock = measured concentration × the dilution factor ${dilution.origin === 'file' ? 'the file records (ZetaView "Dilution::")' : 'entered for this file'}.`,
    concentrationPerMl,
    qc: qcOf(report?.flags ?? null),
    retraction: m.retraction,
    unusable: blockers(m, concentrationPerMl, 'particle concentration'),
  };
}

/**
 * Factor from a plate's concentration unit to µg/mL (1 mg = 1000 µg, 1 µg = 1000 ng; SI), null when the file
 * states no unit or one that is not a mass concentration: a protein dose cannot be computed from it.
 */
export function toMicrogramsPerMl(unit: string | null): number | null {
  if (unit === null) return null;
  const u = unit.trim().toLowerCase().replace(/\s+/g, '').replace('μ', 'µ');
  if (u === 'µg/ml' || u === 'ug/ml' || u === 'mg/l') return 1;
  if (u === 'mg/ml' || u === 'g/l') return 1000;
  if (u === 'ng/ml' || u === 'µg/l' || u === 'ug/l') return 1e-3;
  return null;
}

/** Sample flags that make a back-calculated protein concentration unreliable (outside the curve's range). */
const ASSAY_ERROR_FLAGS = new Set([
  'below-lloq',
  'above-uloq',
  'outside-curve',
  'below-standards',
  'above-standards',
  'all-masked',
]);

const ASSAY_FLAG_TEXT: Record<string, string> = {
  'below-lloq': 'below the lower limit of quantification',
  'above-uloq': 'above the upper limit of quantification',
  'outside-curve': 'response outside the standard curve',
  'below-standards': 'below the lowest standard (extrapolated)',
  'above-standards': 'above the highest standard (extrapolated)',
  'all-masked': 'every replicate masked',
  'high-replicate-cv': 'replicate CV above 20 % (ICH M10)',
};

function assaySources(m: DoseSourceMeasurement): DoseConcentrationSource[] {
  const report = m.status === 'parsed' ? (m.assay ?? null) : null;
  if (!report) {
    return [
      {
        ...zetaViewSource({ ...m, zetaView: null }),
        instrument: 'Protein assay (plate)',
        unit: 'ug-protein',
        dilutionRule: 'The assay could not be analysed.',
        unusable: blockers(m, null, 'protein concentration'),
      },
    ];
  }
  const toUg = toMicrogramsPerMl(report.concentrationUnit);
  const plateErrors: QcFlag[] = [];
  if (!report.calibration.accepted)
    plateErrors.push({
      level: 'error',
      code: 'calibration-rejected',
      message: `standard curve not accepted${report.calibration.reasons.length > 0 ? `: ${report.calibration.reasons.join('; ')}` : ''}`,
    });
  if (!report.converged)
    plateErrors.push({
      level: 'error',
      code: 'curve-not-converged',
      message: `the ${report.model} fit did not converge`,
    });
  const plateWarnings: QcFlag[] = report.flags
    .filter((f) => f.level === 'warning')
    .map((f) => ({ level: 'warning', code: f.code, message: f.message }));
  return report.samples.map((sample) => {
    const measured =
      toUg === null || sample.measuredConcentration === null ? null : sample.measuredConcentration * toUg;
    const concentration =
      toUg === null || sample.concentration === null ? null : positiveOrNull(sample.concentration * toUg);
    const errors: QcFlag[] = [...plateErrors];
    const warnings: QcFlag[] = [...plateWarnings];
    for (const code of sample.flags) {
      const flag: QcFlag = {
        level: ASSAY_ERROR_FLAGS.has(code) ? 'error' : 'warning',
        code,
        message: `${sample.id}: ${ASSAY_FLAG_TEXT[code] ?? code}`,
      };
      (flag.level === 'error' ? errors : warnings).push(flag);
    }
    const unusable = blockers(m, toUg === null ? 1 : concentration, 'protein concentration for this sample');
    if (toUg === null && m.status === 'parsed')
      unusable.push({
        code: 'unknown-unit',
        message: `the plate states its concentrations in ${report.concentrationUnit === null ? 'no unit' : `"${report.concentrationUnit}"`}, not a mass per volume`,
      });
    return {
      measurementId: m.id,
      sampleId: sample.id,
      kind: m.kind,
      instrument: 'Protein assay (plate)',
      fileName: m.fileName,
      sample: sample.id,
      capturedAt: null,
      recordedAt: m.createdAt,
      unit: 'ug-protein' as const,
      reportedConcentrationPerMl: measured,
      dilution: { factor: sample.dilution, origin: 'file' as const, editable: false },
      dilutionRule: `Stock = concentration in the well × the dilution ${sample.dilution} the plate layout records for ${sample.id} (1 = neat).`,
      concentrationPerMl: concentration,
      qc: {
        status: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'pass',
        errors,
        warnings,
      },
      retraction: m.retraction,
      unusable,
    };
  });
}

/**
 * Every dose source one measurement gives: one for an NTA or ZetaView measurement, one per sample of a
 * protein plate.
 */
export function doseConcentrationSources(m: DoseSourceMeasurement): DoseConcentrationSource[] {
  if (m.kind === 'zetaview') return [zetaViewSource(m)];
  if (m.kind === 'protein-assay') return assaySources(m);
  return [ntaSource(m)];
}

/** The dose-source view of one NTA or ZetaView measurement: stock concentration, dilution and its origin, QC. */
export function doseConcentrationSource(m: DoseSourceMeasurement): DoseConcentrationSource {
  return doseConcentrationSources(m)[0] as DoseConcentrationSource;
}

export interface ChosenDoseConcentration {
  stockConcentrationPerMl: number;
  /** Notes to show with the plan (QC errors accepted, QC warnings, dilution not recorded). */
  notes: DosingNote[];
}

/** Longest override reason kept (characters), as for retraction reasons. */
export const MAX_OVERRIDE_REASON = 2000;

/**
 * The stock concentration a dose preparation may use from this source, or a DoseSourceError: retracted,
 * unreadable or without a concentration always; with QC errors unless `acceptQcErrors` is true and a reason
 * is given (`overrideReason`); a dose `unit` other than the source's (particles vs µg protein) never.
 */
export function chooseDoseConcentration(
  source: DoseConcentrationSource,
  options: { acceptQcErrors?: boolean; overrideReason?: string | null; unit?: string } = {},
): ChosenDoseConcentration {
  const blocker = source.unusable[0];
  const name = source.sampleId ? `${source.measurementId} (sample ${source.sampleId})` : source.measurementId;
  if (blocker)
    throw new DoseSourceError(
      blocker.code,
      `Measurement ${name} cannot give the dose concentration: ${blocker.message}.`,
      source.measurementId,
    );
  if (options.unit !== undefined && options.unit !== source.unit)
    throw new DoseSourceError(
      'unit-mismatch',
      `Measurement ${name} gives ${DOSE_SOURCE_UNIT_LABELS[source.unit]}; a dose in ${options.unit} cannot be prepared from it.`,
      source.measurementId,
    );
  const notes: DosingNote[] = [];
  const listed = (flags: QcFlag[]) => flags.map((f) => f.message).join('; ');
  if (source.qc.errors.length > 0) {
    if (!options.acceptQcErrors)
      throw new DoseSourceError(
        'qc-errors-not-accepted',
        `Measurement ${name} has QC errors (${listed(source.qc.errors)}): accept them explicitly, with a reason, to use its concentration.`,
        source.measurementId,
      );
    const reason = (options.overrideReason ?? '').trim();
    if (reason === '')
      throw new DoseSourceError(
        'override-reason-required',
        `Give a reason for using measurement ${name} despite its QC errors (${listed(source.qc.errors)}).`,
        source.measurementId,
      );
    notes.push({
      level: 'warning',
      code: 'qc-errors-accepted',
      message: `The concentration comes from a measurement with QC errors, accepted by the user (reason: ${reason.slice(0, MAX_OVERRIDE_REASON)}): ${listed(source.qc.errors)}.`,
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
        'The measurement does not record its dilution: its concentration is used as measured. Enter the dilution factor on the batch page if the sample was diluted for the measurement.',
      citation: null,
    });
  else if (source.dilution.origin === 'entered')
    notes.push({
      level: 'info',
      code: 'dilution-entered',
      message: `Stock concentration = measured ${(source.reportedConcentrationPerMl as number).toExponential(2)} ${DOSE_SOURCE_UNIT_LABELS[source.unit]} × the entered dilution factor ${source.dilution.factor}.`,
      citation: null,
    });
  return { stockConcentrationPerMl: source.concentrationPerMl as number, notes };
}
