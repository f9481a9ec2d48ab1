/**
 * A plate assay (BCA, Bradford, ELISA…) as evlab reads it from any export: wells with a role, the
 * nominal concentration of standards, the response, and the dilution of samples. No file-format
 * knowledge; the readers in src/formats/plate build it.
 */
export const PLATE_WELL_ROLES = ['standard', 'sample', 'blank', 'control'] as const;
export type PlateWellRole = (typeof PLATE_WELL_ROLES)[number];

export interface PlateWell {
  /** Standard level, sample or blank name; replicates share it. */
  id: string;
  role: PlateWellRole;
  /** Plate position (A1…P24) when known. */
  well: string | null;
  /** Nominal concentration of a standard (concentration unit of the record); null for others. */
  concentration: number | null;
  /** Measured response (blank-corrected by evlab, not by the reader); null when the well is masked. */
  response: number | null;
  /** Dilution factor of a sample (1 = neat). */
  dilution: number;
  /** Excluded by the operator (SoftMax `Masked`) or unreadable: kept for the record, not fitted. */
  masked: boolean;
}

export interface PlateAssayRecord {
  format: 'long-csv' | 'plate-grid' | 'softmax-pro';
  /** Unit of the standards' concentrations, e.g. "pg/mL", "µg/mL"; null when the file does not say. */
  concentrationUnit: string | null;
  /** What the response is, e.g. "A562", "A450 − A620". */
  responseLabel: string | null;
  wells: PlateWell[];
  /** Numbers the instrument software computed itself (SoftMax BackCalcConc, AdjResult), for comparison. */
  instrument: {
    backCalculated: { id: string; well: string | null; concentration: number | null }[];
    adjustedResults: { id: string; adjResult: number | null; dilution: number | null }[];
  } | null;
  notes: string[];
}
