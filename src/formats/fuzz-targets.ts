/**
 * The fuzz registry: every reader in src/formats, with where its seed files live in the reference folder.
 * Used by the property tests (src/formats/fuzz-readers.test.ts, short, in the normal suite) and by the
 * mutation fuzzer (bench/fuzz-readers.bench.ts, ≥ 1,000,000 inputs per reader). A new reader adds ONE
 * entry here: its name, a `read(bytes)` that calls it, and its seed files (relative to ../shared/reference,
 * read at run time, never copied) plus small synthetic seeds in fuzz-seeds.ts. The only acceptable failure
 * is a FormatError (or a reader's own typed error listed in `typedErrors`); anything else, or a parse over
 * 1 s, is a finding.
 */

import { readBiodistributionCsv } from './biodistribution-csv/read-biodistribution-csv.ts';
import { readCtgovJson } from './ctgov/read-ctgov.ts';
import { decodeFcsData, readFcs } from './fcs/read-fcs.ts';
import { readFlowMeasurement } from './fcs/read-flow-measurement.ts';
import { FormatError } from './format-error.ts';
import { readGatingMl } from './gating-ml/read-gating-ml.ts';
import { readImageJResults } from './imagej-results/read-imagej-results.ts';
import { readImageHeader } from './microscopy-image/read-image-header.ts';
import { readNtaReport } from './nanosight/read-nta-report.ts';
import { readTrackTable } from './nanosight-tracks/read-track-table.ts';
import { profilesFromTable, readDelimitedTable } from './pk-csv/read-concentration-table.ts';
import { readPlateAssay } from './plate/read-plate-assay.ts';
import { readProteinTable } from './proteomics/read-protein-table.ts';
import { readSpcTable } from './spc-table/read-spc-table.ts';
import { readDensitometry } from './western-blot/read-densitometry.ts';
import { readLaneMap } from './western-blot/read-lane-map.ts';
import { readZetaViewTxt } from './zetaview/read-zetaview-txt.ts';

export interface FuzzTarget {
  name: string;
  read: (bytes: Uint8Array) => unknown;
  /** Seed files: the files under `dir` (relative to the reference folder) whose names end in `suffix`. */
  seeds: { dir: string; suffix: string }[];
  /** Binary format: large reference seeds are skipped rather than cut at a line boundary. */
  binary?: boolean;
  /** Error classes besides FormatError that count as a typed refusal. */
  typedErrors?: (new (
    ...args: never[]
  ) => Error)[];
}

const utf8 = new TextDecoder('utf-8');

export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    name: 'nanosight-experiment-summary',
    // the reader plus the analysis the upload runs on it (readNtaReport)
    read: (bytes) => readNtaReport(bytes, 'fuzz.csv'),
    seeds: [{ dir: 'nanosight', suffix: 'ExperimentSummary.csv' }],
  },
  {
    name: 'pk-concentration-table',
    read: (bytes) => {
      const table = readDelimitedTable(utf8.decode(bytes), 'fuzz.csv');
      const [id, time, conc] = table.columns;
      if (time === undefined || conc === undefined) return table;
      return profilesFromTable(table, { ...(id !== undefined ? { id } : {}), time, conc }, 'fuzz.csv');
    },
    seeds: [{ dir: 'nca', suffix: '.csv' }],
  },
  {
    name: 'biodistribution-csv',
    read: (bytes) => readBiodistributionCsv(bytes, 'fuzz.csv'),
    seeds: [],
  },
  {
    name: 'ctgov-json',
    read: (bytes) => readCtgovJson(bytes, 'fuzz.json'),
    seeds: [{ dir: 'ctgov', suffix: '.json' }],
  },
  {
    name: 'spc-table',
    read: (bytes) => {
      const text = utf8.decode(bytes);
      const columns = readDelimitedTable(text, 'fuzz.csv').columns;
      const value = columns[1] ?? columns[0] ?? 'value';
      return readSpcTable(
        text,
        { value, ...(columns.length > 1 && columns[0] !== undefined ? { subgroup: columns[0] } : {}) },
        'fuzz.csv',
      );
    },
    seeds: [{ dir: 'centrifugation', suffix: '.csv' }],
  },
  {
    name: 'zetaview-txt',
    read: (bytes) => readZetaViewTxt(bytes, 'fuzz.txt'),
    seeds: [],
  },
  {
    name: 'nanosight-tracks',
    read: (bytes) => readTrackTable(bytes, 'fuzz.csv'),
    seeds: [],
  },
  {
    name: 'imagej-results',
    read: (bytes) => readImageJResults(bytes, 'fuzz.csv'),
    seeds: [],
  },
  {
    name: 'microscopy-image',
    read: (bytes) => readImageHeader(bytes, 'fuzz.img'),
    seeds: [],
    binary: true,
  },
  {
    name: 'plate-assay',
    read: (bytes) => readPlateAssay(bytes, 'fuzz.txt'),
    seeds: [{ dir: 'assay', suffix: '' }],
  },
  {
    name: 'western-blot-densitometry',
    read: (bytes) => readDensitometry(bytes, 'fuzz.csv'),
    seeds: [],
  },
  {
    name: 'western-blot-lane-map',
    read: (bytes) => readLaneMap(bytes, 'fuzz.csv'),
    seeds: [],
  },
  {
    name: 'protein-table',
    read: (bytes) => readProteinTable(bytes, 'fuzz.tsv'),
    seeds: [{ dir: 'proteomics', suffix: '' }],
  },
  {
    name: 'fcs',
    // the reader plus the summary/metrics the upload computes (readFlowMeasurement)
    read: (bytes) => readFlowMeasurement(bytes, 'fuzz.fcs'),
    seeds: [{ dir: 'fcs/flowio', suffix: '.fcs' }],
    binary: true,
  },
  {
    name: 'fcs-in-place',
    // readFcs({ inPlace: true }) on a copy must give what the copying read gives, value for value (or the
    // same refusal): any difference is thrown as a plain Error, i.e. a finding.
    read: (bytes) => fcsInPlaceAgrees(bytes),
    seeds: [{ dir: 'fcs/flowio', suffix: '.fcs' }],
    binary: true,
  },
  {
    name: 'fcs-kernel',
    // the WebAssembly kernel's decode (readFcs) must equal the pure-JS decode of the same DATA (uniform
    // matrices; for mixed-width records the kernel's permute/mask passes against the JS per-value pass)
    read: (bytes) => fcsKernelAgrees(bytes),
    seeds: [{ dir: 'fcs/flowio', suffix: '.fcs' }],
    binary: true,
  },
  {
    name: 'gating-ml',
    read: (bytes) => readGatingMl(utf8.decode(bytes), 'fuzz.xml'),
    seeds: [{ dir: 'gatingml/gml', suffix: '.xml' }],
  },
];

/** 'ok' | 'typed' (a refusal the reader is allowed to give) | the unexpected error. */
export function classifyOutcome(target: FuzzTarget, bytes: Uint8Array): 'ok' | 'typed' | Error {
  try {
    target.read(bytes);
    return 'ok';
  } catch (error) {
    if (error instanceof FormatError) return 'typed';
    if (target.typedErrors?.some((t) => error instanceof t)) return 'typed';
    return error instanceof Error ? error : new Error(String(error));
  }
}

function fcsInPlaceAgrees(bytes: Uint8Array): number {
  const outcome = (inPlace: boolean) => {
    try {
      return readFcs(inPlace ? bytes.slice() : bytes, 'fuzz.fcs', { inPlace });
    } catch (error) {
      if (error instanceof FormatError) return `${error.code} ${error.message}`;
      throw error;
    }
  };
  const copying = outcome(false);
  const inPlace = outcome(true);
  if (typeof copying === 'string' || typeof inPlace === 'string') {
    if (copying !== inPlace) throw new Error(`in place: ${String(inPlace)}; copying: ${String(copying)}`);
    throw new FormatError('malformed-row', copying as string, { file: 'fuzz.fcs' });
  }
  let values = 0;
  copying.datasets.forEach((d, k) => {
    const other = inPlace.datasets[k]?.events;
    for (let i = 0; i < d.parameters.length; i++) {
      const a = d.events.column(i);
      const b = other?.column(i);
      if (!b || a.length !== b.length)
        throw new Error(`data set ${k + 1} parameter ${i + 1}: lengths differ`);
      for (let e = 0; e < a.length; e++, values++) {
        if (!Object.is(a[e], b[e]))
          throw new Error(`data set ${k + 1} parameter ${i + 1} event ${e}: differs`);
      }
    }
  });
  return values;
}

function fcsKernelAgrees(bytes: Uint8Array): number {
  const file = readFcs(bytes, 'fuzz.fcs');
  let values = 0;
  file.datasets.forEach((d, k) => {
    const js = decodeFcsData(
      bytes,
      d.dataSegment.begin,
      d.eventCount,
      d.parameters,
      d.dataType,
      d.byteOrder,
      undefined,
      { kernel: 'js' },
    );
    for (let i = 0; i < d.parameters.length; i++) {
      const b = js.column(i);
      // value() first: once column(i) is extracted, value() reads the cached column instead of the records
      for (let e = 0; e < b.length; e++) {
        if (!Object.is(d.events.value(e, i), b[e]))
          throw new Error(`data set ${k + 1} parameter ${i + 1} event ${e}: value() differs`);
      }
      const a = d.events.column(i);
      if (a.length !== b.length) throw new Error(`data set ${k + 1} parameter ${i + 1}: lengths differ`);
      for (let e = 0; e < a.length; e++, values++) {
        if (!Object.is(a[e], b[e]))
          throw new Error(`data set ${k + 1} parameter ${i + 1} event ${e}: differs`);
      }
    }
  });
  return values;
}
