/**
 * Compensation: detector values d (a row per event) → fluorochrome abundances c with c = d · S⁻¹, where the
 * spillover matrix S has one row per fluorochrome (its emission spread over the detectors, diagonal 1).
 * FCS 3.1 §3.3.52 ($SPILLOVER) and Gating-ML 2.0 §5 (spectrumMatrix); Bagwell & Adams 1993,
 * doi:10.1111/j.1749-6632.1993.tb38775.x. The inverse comes from ml-matrix (LU; SVD for ill-conditioned S).
 */
import { inverse, Matrix } from 'ml-matrix';

export interface SpilloverMatrix {
  /** Detector (channel) names, matrix columns. */
  detectors: string[];
  /** Names of the compensated dimensions, matrix rows (equal to detectors for an FCS $SPILLOVER). */
  fluorochromes: string[];
  /** rows = fluorochromes, columns = detectors. */
  matrix: number[][];
}

export function invertSpillover(s: SpilloverMatrix): number[][] {
  const n = s.detectors.length;
  if (s.fluorochromes.length !== n || s.matrix.length !== n || s.matrix.some((r) => r.length !== n)) {
    throw new RangeError(
      'the spillover matrix must be square: one row per fluorochrome, one column per detector',
    );
  }
  const m = new Matrix(s.matrix);
  let inv = inverse(m).to2DArray();
  if (inv.some((r) => r.some((v) => !Number.isFinite(v)))) inv = inverse(m, true).to2DArray();
  return inv;
}

/**
 * Compensates detector columns. Returns one column per fluorochrome (same order as `s.fluorochromes`).
 * `column(name)` supplies the detector values.
 */
export function compensate(
  s: SpilloverMatrix,
  column: (detector: string) => ArrayLike<number>,
): Float64Array[] {
  const inv = invertSpillover(s);
  const n = s.detectors.length;
  const inputs = s.detectors.map((d) => column(d));
  const events = inputs[0]?.length ?? 0;
  const out = s.fluorochromes.map(() => new Float64Array(events));
  const row = new Float64Array(n);
  for (let e = 0; e < events; e++) {
    for (let j = 0; j < n; j++) row[j] = (inputs[j] as ArrayLike<number>)[e] as number;
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += (row[j] as number) * ((inv[j] as number[])[k] as number);
      (out[k] as Float64Array)[e] = sum;
    }
  }
  return out;
}
