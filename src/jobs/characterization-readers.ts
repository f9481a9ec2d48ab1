/**
 * Reader-registry entries for the characterization kinds added with issue 11 (protein assays/ELISA,
 * Western blot densitometry, proteomics). `measurement-readers.ts` appends them to MEASUREMENT_READERS.
 * Each stores the reader's typed record as `parsed` and evlab's analysis as `metrics`.
 */
import { FormatError } from '../formats/format-error.ts';
import {
  detectPlateFormat,
  READER_NAME as PLATE_READER,
  READER_VERSION as PLATE_VERSION,
  readPlateAssay,
} from '../formats/plate/read-plate-assay.ts';
import {
  detectProteinTable,
  READER_NAME as PROTEIN_READER,
  READER_VERSION as PROTEIN_VERSION,
  readProteinTable,
} from '../formats/proteomics/read-protein-table.ts';
import {
  readDensitometry,
  sniffDensitometry,
  READER_NAME as WB_READER,
  READER_VERSION as WB_VERSION,
} from '../formats/western-blot/read-densitometry.ts';
import { type AssayReport, analysePlateAssay } from '../science/assay/analyse-plate-assay.ts';
import type { CurveModelName } from '../science/assay/curve-model.ts';
import type { PlateAssayRecord } from '../science/assay/plate-assay-record.ts';
import { analyseProteomics } from '../science/proteomics/analyse-proteomics.ts';
import { callBlotMarkers } from '../science/western-blot/call-blot-markers.ts';
import type { BlotLane, DensitometryRecord } from '../science/western-blot/western-blot-record.ts';
import type { MeasurementReader } from './measurement-readers.ts';

/**
 * The curve fitted on ingest: 4PL (the usual ELISA and a good BCA/Bradford model over a wide range),
 * falling back to quadratic, then linear, when it cannot be fitted (too few levels, no convergence).
 * Any model can be refitted later (POST /api/assays/fit, GET /api/measurements/:id/assay-fit).
 */
export function analysePlateWithDefaultModel(record: PlateAssayRecord): AssayReport {
  const models: CurveModelName[] = ['4pl', 'quadratic', 'linear'];
  let lastError: unknown = null;
  for (const model of models) {
    try {
      const report = analysePlateAssay(record, { model });
      if (report.converged || model === 'linear') return report;
    } catch (error) {
      lastError = error;
    }
  }
  throw new FormatError(
    'missing-section',
    `no standard curve could be fitted: ${String((lastError as Error)?.message ?? lastError)}`,
  );
}

/** Lanes of a blot whose table carries no lane map: every lane an EV lane of unknown loading. */
export function defaultLanes(record: DensitometryRecord): BlotLane[] {
  if (record.lanes) return record.lanes;
  const lanes = [...new Set(record.bands.map((b) => b.lane))].sort((a, b) => a - b);
  return lanes.map((lane) => ({ lane, sample: `lane ${lane}`, role: 'ev' as const, loadingUg: null }));
}

export const plateAssayReader: MeasurementReader = {
  kind: 'protein-assay',
  instrument: 'Plate reader',
  readerName: PLATE_READER,
  readerVersion: PLATE_VERSION,
  fileNamePattern: /(softmax|plate|bca|elisa|assay)[^/]*\.(txt|csv|tsv)$/i,
  sniff: (bytes) => detectPlateFormat(bytes) !== null,
  read(bytes, fileName) {
    const record = readPlateAssay(bytes, fileName);
    return { parsed: record, metrics: analysePlateWithDefaultModel(record) };
  },
};

export const westernBlotReader: MeasurementReader = {
  kind: 'western-blot',
  instrument: 'Western blot (ImageJ densitometry)',
  readerName: WB_READER,
  readerVersion: WB_VERSION,
  fileNamePattern: /(western|blot|densitometry|wb)[^/]*\.(csv|txt|tsv)$/i,
  sniff: (bytes) => sniffDensitometry(bytes),
  read(bytes, fileName) {
    const record = readDensitometry(bytes, fileName, 'unnamed marker');
    return { parsed: record, metrics: callBlotMarkers(record, defaultLanes(record)) };
  },
};

export const proteomicsReader: MeasurementReader = {
  kind: 'proteomics',
  instrument: 'LC-MS/MS (MaxQuant / FragPipe)',
  readerName: PROTEIN_READER,
  readerVersion: PROTEIN_VERSION,
  fileNamePattern: /(proteinGroups\.txt|combined_protein\.tsv)$/i,
  sniff: (bytes) => detectProteinTable(bytes) !== null,
  read(bytes, fileName) {
    const record = readProteinTable(bytes, fileName);
    return { parsed: record, metrics: analyseProteomics(record) };
  },
};

export const CHARACTERIZATION_READERS: readonly MeasurementReader[] = [
  plateAssayReader,
  westernBlotReader,
  proteomicsReader,
];
