/**
 * How a measurement is named in lists (issue 9 item 7): its file name, the sample the file records and the
 * capture date, the same on the dashboard's recent measurements and in the overlay picker. Long names wrap
 * (`wrap-name`) and the full name is on hover (title).
 */
import { DASH, formatLocalDateTime } from '../lib/format.ts';

export interface MeasurementLabelSource {
  fileName?: string | null;
  sample?: string | null;
  capturedAt?: string | null;
}

/** "MPC 28 d200 2021-04-01 17-23-24" from the export's file name, without a leading batch code. */
export function fileStem(fileName: string, batchCode?: string): string {
  let stem = fileName.replace(/-ExperimentSummary\.csv$/i, '').replace(/\.(csv|txt)$/i, '');
  if (batchCode && stem.startsWith(batchCode) && stem.length > batchCode.length) {
    stem = stem.slice(batchCode.length).trim();
  }
  return stem;
}

/** The three labels of a measurement, each DASH when unknown. */
export function measurementLabelParts(m: MeasurementLabelSource): {
  file: string;
  sample: string;
  captured: string;
} {
  return {
    file: m.fileName?.trim() || DASH,
    sample: m.sample?.trim() || DASH,
    // Instruments write local time without a zone: shown as written, never shifted.
    captured: m.capturedAt ? formatLocalDateTime(m.capturedAt) : DASH,
  };
}

/** Table cells: File, Sample, Captured (the header row is the caller's). */
export function MeasurementLabelCells({ measurement }: { measurement: MeasurementLabelSource }) {
  const p = measurementLabelParts(measurement);
  return (
    <>
      <td className="wrap-name" title={measurement.fileName ?? undefined}>
        {p.file === DASH ? <span className="muted">{DASH}</span> : p.file}
      </td>
      <td className="wrap-name" title={measurement.sample ?? undefined}>
        {p.sample === DASH ? <span className="muted">{DASH}</span> : p.sample}
      </td>
      <td className="nowrap">{p.captured === DASH ? <span className="muted">{DASH}</span> : p.captured}</td>
    </>
  );
}

/**
 * The same labels in one block for a picker: the file name (without the batch code, full name on hover),
 * then sample and capture date on a second line.
 */
export function MeasurementLabelBlock({
  measurement,
  batchCode,
  fallback,
}: {
  measurement: MeasurementLabelSource;
  batchCode?: string | undefined;
  /** Shown when the file name is unknown (e.g. "NTA #2"). */
  fallback: string;
}) {
  const p = measurementLabelParts(measurement);
  const details = [
    p.sample === DASH ? null : `sample ${p.sample}`,
    p.captured === DASH ? null : `captured ${p.captured}`,
  ].filter(Boolean);
  return (
    <span className="picker-label wrap-name" title={measurement.fileName ?? undefined}>
      {measurement.fileName ? fileStem(measurement.fileName, batchCode) : fallback}
      {details.length > 0 ? <span className="muted small picker-detail">{details.join(' · ')}</span> : null}
    </span>
  );
}
