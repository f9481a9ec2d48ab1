/**
 * Densitometry tables from ImageJ/Fiji (Schneider et al. 2012, Nat Methods 9:671):
 * - Gel Analyzer "Label Peaks" results: ` ,Area,Percent` (one row per lane, in lane order);
 * - Analyze ▸ Measure results: ` ,Label,Area,Mean,…,IntDen,RawIntDen` (IntDen preferred, then RawIntDen);
 * - evlab's long form `marker,lane,signal`.
 * Optional `Marker`/`Lane` columns assign bands; otherwise rows are lanes 1…n of the marker given by the
 * caller (one blot strip per file). Comma, semicolon or tab separated; UTF-8 or Latin-1.
 */
import {
  type BlotBand,
  type BlotLane,
  type DensitometryRecord,
  LANE_ROLES,
  type LaneRole,
} from '../../science/western-blot/western-blot-record.ts';
import { FormatError } from '../format-error.ts';
import { decodePlateText, detectDelimiter, parseFiniteNumber, splitRow } from '../plate/plate-text.ts';
import { sniffHead } from '../text-decoding.ts';

const SUMMARY_ROW_LABELS = new Set(['mean', 'sd', 'min', 'max']);

export const READER_NAME = 'evlab-densitometry';
export const READER_VERSION = '1.0.0';

export function sniffDensitometry(bytes: Uint8Array): boolean {
  const head = sniffHead(bytes, 4096);
  const first = (head.split('\n', 1)[0] ?? '').toLowerCase();
  const cells = first
    .split(first.includes('\t') ? '\t' : first.includes(';') ? ';' : ',')
    .map((c) => c.trim().replace('\r', ''));
  const signal =
    cells.includes('area') ||
    cells.includes('intden') ||
    cells.includes('rawintden') ||
    cells.includes('signal');
  const blotty =
    cells.includes('percent') ||
    cells.includes('intden') ||
    cells.includes('marker') ||
    cells.includes('lane');
  return signal && blotty;
}

export function readDensitometry(
  bytes: Uint8Array,
  file: string,
  defaultMarker?: string,
): DensitometryRecord {
  const { lines, offsets } = decodePlateText(bytes, file);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new FormatError('empty-file', 'no header line', { file, line: 1 });
  const delimiter = detectDelimiter(lines.slice(headerIndex, headerIndex + 5));
  const header = splitRow(lines[headerIndex] as string, delimiter, file, headerIndex + 1).map((h) =>
    h.toLowerCase(),
  );
  const col = (n: string) => header.indexOf(n);
  const iMarker = col('marker') >= 0 ? col('marker') : col('target');
  const iLane = col('lane');
  const iPercent = col('percent');
  let signalColumn: string;
  let iSignal: number;
  let source: DensitometryRecord['source'];
  if (col('signal') >= 0) {
    iSignal = col('signal');
    signalColumn = 'signal';
    source = 'long';
  } else if (col('intden') >= 0) {
    iSignal = col('intden');
    signalColumn = 'IntDen';
    source = 'measure';
  } else if (col('rawintden') >= 0) {
    iSignal = col('rawintden');
    signalColumn = 'RawIntDen';
    source = 'measure';
  } else if (col('area') >= 0) {
    iSignal = col('area');
    signalColumn = 'Area';
    source = iPercent >= 0 ? 'gel-analyzer' : 'measure';
  } else
    throw new FormatError(
      'not-this-format',
      'no Area, IntDen, RawIntDen or signal column (ImageJ Gel Analyzer or Measure results expected)',
      {
        file,
        line: headerIndex + 1,
        byteOffset: offsets[headerIndex] ?? 0,
      },
    );
  if (iMarker < 0 && !defaultMarker)
    throw new FormatError(
      'missing-section',
      "no Marker column: name the blot's marker (e.g. --marker CD63)",
      { file, line: headerIndex + 1 },
    );
  const iSample = col('sample');
  const iRole = col('role');
  const iLoading = header.findIndex((h) => h.startsWith('loading'));
  const lanes = new Map<number, BlotLane>();
  const bands: BlotBand[] = [];
  let rowNumber = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const cells = splitRow(line, delimiter, file, lineNo);
    // rows ImageJ's Analyze ▸ Summarize appends below Measure results (ImageJ 1.x user guide, §30.7)
    if (iMarker !== 0 && SUMMARY_ROW_LABELS.has((cells[0] ?? '').toLowerCase())) continue;
    if (cells.every((c) => c === '')) continue; // a spreadsheet's padded blank row
    rowNumber++;
    const signal = parseFiniteNumber(cells[iSignal] ?? '', signalColumn, file, lineNo, offsets[i]);
    if (signal < 0)
      throw new FormatError('malformed-number', `${signalColumn} ${signal} is negative`, {
        file,
        line: lineNo,
      });
    const lane = iLane >= 0 ? parseFiniteNumber(cells[iLane] ?? '', 'lane', file, lineNo) : rowNumber;
    if (!Number.isInteger(lane) || lane < 1 || lane > 200)
      throw new FormatError('malformed-row', `lane ${lane} is not 1…200`, { file, line: lineNo });
    const marker = iMarker >= 0 ? (cells[iMarker] ?? '').trim() : (defaultMarker as string);
    if (marker === '')
      throw new FormatError('malformed-row', 'a band without a marker', { file, line: lineNo });
    const percent =
      iPercent >= 0 && (cells[iPercent] ?? '') !== ''
        ? parseFiniteNumber(cells[iPercent] ?? '', 'Percent', file, lineNo)
        : null;
    bands.push({ marker, lane, signal, percent });
    if (iSample >= 0 && iRole >= 0 && !lanes.has(lane)) {
      const roleText = (cells[iRole] ?? '').trim().toLowerCase();
      const role = roleText === 'cell lysate' || roleText === 'cells' ? 'lysate' : roleText;
      if (!(LANE_ROLES as readonly string[]).includes(role))
        throw new FormatError(
          'malformed-row',
          `role "${roleText.slice(0, 20)}" is not ev, lysate, blank, ladder or other`,
          {
            file,
            line: lineNo,
          },
        );
      const ug = iLoading >= 0 ? (cells[iLoading] ?? '') : '';
      lanes.set(lane, {
        lane,
        sample: cells[iSample] ?? `lane ${lane}`,
        role: role as LaneRole,
        loadingUg: ug === '' ? null : parseFiniteNumber(ug, 'loading', file, lineNo),
      });
    }
  }
  if (bands.length === 0)
    throw new FormatError('missing-section', 'no bands', { file, line: headerIndex + 2 });
  return {
    source,
    signalColumn,
    bands,
    lanes: lanes.size > 0 ? [...lanes.values()].sort((a, b) => a.lane - b.lane) : null,
  };
}
