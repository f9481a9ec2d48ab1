/**
 * One row of a batch's characterization table: a value with its unit, where it came from and its QC
 * status. Every measurement kind contributes rows through a MetricContributor (see contributors.ts);
 * derived rows (particles/µg) are computed from other rows by DerivedMetricRules.
 */
import type { Measurement, MeasurementKind } from '../../domain/measurement.ts';

export type MetricQc = 'pass' | 'warn' | 'fail' | 'info';

export interface MetricProvenance {
  /** Measurement the value was read from; null for a derived metric. */
  measurementId: string | null;
  kind: MeasurementKind | 'derived';
  rawFileId: string | null;
  fileName: string | null;
  reader: string | null;
  /** When the measurement was recorded (ISO 8601). */
  recordedAt: string | null;
  /** Keys of the metrics a derived value was computed from. */
  derivedFrom: string[];
  /** Method and reference, e.g. "4PL (drc LL.4), ICH M10 LLOQ/ULOQ". */
  method: string | null;
}

export interface BatchMetric {
  /** Stable key, e.g. "nta.concentrationPerMl", "protein.concentrationUgPerMl", "purity.particlesPerUg", "wb.CD63". */
  key: string;
  label: string;
  /** Group for display: size, concentration, protein, purity, markers, cargo… */
  group: string;
  value: number | string | null;
  unit: string | null;
  /** Uncertainty as given by the method (SE, 95 % CI half-width…), same unit, or null. */
  uncertainty: { low: number | null; high: number | null; kind: string } | null;
  qc: MetricQc | null;
  note: string | null;
  provenance: MetricProvenance;
}

export interface MetricContext {
  batch: { id: string; code: string };
  fileName: string | null;
}

/** A measurement kind's contribution: its metrics from one parsed measurement. */
export interface MetricContributor {
  kind: MeasurementKind;
  contribute(measurement: Measurement, context: MetricContext): BatchMetric[];
}

/** A metric computed from other metrics of the same batch (e.g. purity from NTA and protein). */
export interface DerivedMetricRule {
  key: string;
  derive(metrics: readonly BatchMetric[], context: MetricContext): BatchMetric[];
}

export function provenanceOf(
  m: Measurement,
  fileName: string | null,
  method: string | null,
): MetricProvenance {
  return {
    measurementId: m.id,
    kind: m.kind,
    rawFileId: m.rawFileId,
    fileName,
    reader: `${m.readerName} ${m.readerVersion}`,
    recordedAt: m.createdAt,
    derivedFrom: [],
    method,
  };
}
