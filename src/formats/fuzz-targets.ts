/**
 * The fuzz registry: every reader in src/formats, with where its seed files live in the reference folder.
 * Used by the property tests (src/formats/fuzz-readers.test.ts, short, in the normal suite) and by the
 * mutation fuzzer (bench/fuzz-readers.bench.ts, ≥ 1,000,000 inputs per reader). A new reader adds ONE
 * entry here: its name, a `read(bytes)` that calls it, and its seed files (relative to ../shared/reference,
 * read at run time, never copied). The only acceptable failure is a FormatError (or a reader's own typed
 * error listed in `typedErrors`); anything else, or a parse over 1 s, is a finding.
 */

import { readBiodistributionCsv } from './biodistribution-csv/read-biodistribution-csv.ts';
import { readCtgovJson } from './ctgov/read-ctgov.ts';
import { FormatError } from './format-error.ts';
import { readNanoSightExperimentSummary } from './nanosight/read-experiment-summary.ts';
import { readTrackTable } from './nanosight-tracks/read-track-table.ts';
import { profilesFromTable, readDelimitedTable } from './pk-csv/read-concentration-table.ts';

export interface FuzzTarget {
  name: string;
  read: (bytes: Uint8Array) => unknown;
  /** Seed files: paths relative to the reference folder, or a directory whose files ending in `suffix` are used. */
  seeds: { dir: string; suffix: string }[];
  /** Error classes besides FormatError that count as a typed refusal. */
  typedErrors?: (new (
    ...args: never[]
  ) => Error)[];
}

const utf8 = new TextDecoder('utf-8');

export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    name: 'nanosight-experiment-summary',
    read: (bytes) => readNanoSightExperimentSummary(bytes, 'fuzz.csv'),
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
    seeds: [{ dir: 'biodistribution', suffix: '.csv' }],
  },
  {
    name: 'ctgov-json',
    read: (bytes) => readCtgovJson(bytes, 'fuzz.json'),
    seeds: [{ dir: 'ctgov', suffix: '.json' }],
  },
  {
    // no real track export in ../shared/reference: NanoSight CSVs seed the CSV structure
    name: 'nta-track-table',
    read: (bytes) => readTrackTable(bytes, 'fuzz-AllTracks.csv'),
    seeds: [{ dir: 'nanosight', suffix: 'ExperimentSummary.csv' }],
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
