/**
 * FCS reader: FCS 2.0, 3.0, 3.1 (and the 3.2 keywords), every data set of a file ($NEXTDATA chains such as
 * Beckman Coulter LMD files). Bytes in, a typed `FcsFile` out; anything malformed is a `FormatError` naming
 * the byte offset.
 *
 * Offsets (FCS 3.1 §3.1, §3.2.4): HEADER gives TEXT/DATA/ANALYSIS begin/end as 8-digit ASCII fields at bytes
 * 10–57, relative to the data set's first byte; a segment beyond byte 99,999,999 has 0s there and its
 * offsets only in TEXT ($BEGINDATA/$ENDDATA). When HEADER and TEXT disagree the reference readers differ
 * (FlowIO trusts TEXT for 3.x and raises unless told otherwise; flowCore warns and can ignore the TEXT
 * offsets): evlab takes the first candidate (TEXT for 3.x, HEADER for 2.0, then the other) whose length
 * equals $TOT × bytes per event, tolerates an end offset one byte too far (a common writer slip, FlowIO's
 * `ignore_offset_error`), and records a warning; if neither fits it is an error naming both offsets.
 */
import { FormatError } from '../format-error.ts';
import { decodeFcsData } from './decode-fcs-data.ts';
import {
  type FcsDataset,
  FcsEvents,
  type FcsFile,
  type FcsParameter,
  type FcsSpillover,
} from './fcs-file.ts';
import { type FcsText, parseFcsText } from './fcs-text-segment.ts';

/** The DATA step (zero-copy views or one word pass): see decode-fcs-data.ts. */
export { decodeFcsData } from './decode-fcs-data.ts';

export const READER_NAME = 'evlab-fcs';
export const READER_VERSION = '1.0.0';

const HEADER_BYTES = 58;
/** Beyond this many data sets the $NEXTDATA chain is treated as corrupt. */
const MAX_DATASETS = 1000;

/** True when the bytes start like an FCS file ("FCS" + version). */
export function sniffFcs(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 10 &&
    bytes[0] === 0x46 &&
    bytes[1] === 0x43 &&
    bytes[2] === 0x53 &&
    bytes[3] !== undefined &&
    bytes[3] >= 0x30 &&
    bytes[3] <= 0x39 &&
    bytes[4] === 0x2e
  );
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to && i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

function headerInt(bytes: Uint8Array, at: number, fileName: string, field: string): number {
  const text = ascii(bytes, at, at + 8).trim();
  if (text === '') return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) {
      throw new FormatError('malformed-number', `HEADER ${field} offset "${text}" is not a number`, {
        file: fileName,
        byteOffset: at,
      });
    }
    n = n * 10 + c;
  }
  return n;
}

/** Strict non-negative integer from a TEXT value (leading/trailing spaces allowed). */
function textInt(value: string): number | null {
  const t = value.trim();
  if (t === '' || t.length > 20) return null;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return n;
}

function textNumber(value: string): number | null {
  const t = value.trim();
  if (t === '' || t.length > 64) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export interface ReadFcsOptions {
  /** Read only the TEXT of each data set (events left empty). */
  textOnly?: boolean;
  /**
   * The caller hands `bytes` over and will not read them again (a file read only to be parsed): DATA is
   * decoded in place where the layout allows (decode-fcs-data.ts), so events may be views on `bytes` and the
   * bytes themselves are changed. Every HEADER and TEXT is parsed before any DATA is touched, and a data set
   * whose DATA overlaps another's is decoded by copying, so the result equals a copying read of the same bytes.
   */
  inPlace?: boolean;
}

/** Reads every data set of an FCS file. Throws FormatError for anything it cannot read. */
export function readFcs(bytes: Uint8Array, fileName: string, options: ReadFcsOptions = {}): FcsFile {
  if (bytes.length === 0) throw new FormatError('empty-file', 'the file is empty', { file: fileName });
  if (!sniffFcs(bytes)) {
    throw new FormatError('not-this-format', 'not an FCS file (no "FCSn.n" at the start)', {
      file: fileName,
      byteOffset: 0,
    });
  }
  const datasets: FcsDataset[] = [];
  const seen = new Set<number>();
  let offset = 0;
  while (true) {
    if (seen.has(offset) || datasets.length >= MAX_DATASETS) {
      throw new FormatError('malformed-row', `$NEXTDATA points back to a data set already read`, {
        file: fileName,
        byteOffset: offset,
      });
    }
    seen.add(offset);
    const { dataset, next } = readDataset(bytes, offset, datasets.length, fileName);
    datasets.push(dataset);
    if (next === 0) break;
    const nextOffset = offset + next;
    if (nextOffset + HEADER_BYTES > bytes.length) {
      // LMD files often point $NEXTDATA at a second set that a copy tool dropped: keep what was read.
      dataset.warnings.push(`$NEXTDATA points beyond the end of the file (byte ${nextOffset}); ignored`);
      break;
    }
    offset = nextOffset;
  }
  if (!options.textOnly) decodeDatasets(bytes, datasets, options.inPlace === true);
  return { fileName, version: (datasets[0] as FcsDataset).version, datasets };
}

/**
 * The DATA step for every data set, once all HEADERs and TEXTs are read. In place, a data set may write from
 * the end of the nearest DATA segment (or HEADER) below its own up to its own end, and only when no other
 * data set's DATA overlaps its segment; otherwise it is decoded by copying.
 */
function decodeDatasets(bytes: Uint8Array, datasets: FcsDataset[], inPlace: boolean): void {
  const segments = datasets.map((d) => d.dataSegment);
  datasets.forEach((d, i) => {
    const { begin, end } = d.dataSegment;
    let writableFrom: number | null = d.byteOffset + HEADER_BYTES;
    for (const [j, other] of segments.entries()) {
      if (j === i || other.end < other.begin) continue;
      if (other.begin <= end && other.end >= begin) writableFrom = null;
      else if (writableFrom !== null && other.end < begin)
        writableFrom = Math.max(writableFrom, other.end + 1);
    }
    d.events = decodeFcsData(
      bytes,
      begin,
      d.eventCount,
      d.parameters,
      d.dataType,
      d.byteOrder,
      undefined,
      inPlace && writableFrom !== null ? { inPlace: { writableFrom } } : {},
    );
  });
}

/** HEADER and TEXT of one data set; its events are left empty for `decodeDatasets`. */
function readDataset(
  bytes: Uint8Array,
  base: number,
  number: number,
  fileName: string,
): { dataset: FcsDataset; next: number } {
  if (bytes.length < base + HEADER_BYTES) {
    throw new FormatError(
      'truncated',
      `the HEADER needs ${HEADER_BYTES} bytes but the file ends at byte ${bytes.length}`,
      { file: fileName, byteOffset: bytes.length },
    );
  }
  if (!sniffFcs(bytes.subarray(base))) {
    throw new FormatError('not-this-format', 'no "FCSn.n" HEADER at this data set', {
      file: fileName,
      byteOffset: base,
    });
  }
  const version = ascii(bytes, base + 3, base + 6);
  const textBegin = headerInt(bytes, base + 10, fileName, 'TEXT begin');
  let textEnd = headerInt(bytes, base + 18, fileName, 'TEXT end');
  const headerDataBegin = headerInt(bytes, base + 26, fileName, 'DATA begin');
  const headerDataEnd = headerInt(bytes, base + 34, fileName, 'DATA end');
  // Some writers give the TEXT end as the DATA begin (one byte too far; fcsparser's note cites a FlowRepository
  // experiment): TEXT would then swallow the first DATA byte.
  const textEndIsDataBegin = headerDataBegin > 0 && textEnd === headerDataBegin && textEnd > textBegin + 1;
  if (textEndIsDataBegin) textEnd -= 1;
  if (textBegin < HEADER_BYTES || textEnd <= textBegin) {
    throw new FormatError('missing-section', `HEADER gives no TEXT segment (${textBegin}–${textEnd})`, {
      file: fileName,
      byteOffset: base + 10,
    });
  }
  if (base + textEnd >= bytes.length) {
    throw new FormatError(
      'truncated',
      `TEXT segment ends at byte ${base + textEnd} but the file has ${bytes.length} bytes`,
      { file: fileName, byteOffset: base + 18 },
    );
  }
  const text = parseFcsText(bytes, base + textBegin, base + textEnd, fileName);
  const kw = text.byUpperName;
  // Supplemental TEXT (FCS 3.0+): keywords the primary TEXT does not define.
  const sBegin = textInt(kw.get('$BEGINSTEXT') ?? '');
  const sEnd = textInt(kw.get('$ENDSTEXT') ?? '');
  if (sBegin && sEnd && sEnd > sBegin && base + sEnd < bytes.length && sBegin !== textBegin) {
    parseFcsText(bytes, base + sBegin, base + sEnd, fileName, text);
  }
  const warnings = text.warnings;
  if (textEndIsDataBegin) {
    warnings.push(`the HEADER TEXT end (${textEnd + 1}) is the DATA begin; TEXT read up to byte ${textEnd}`);
  }
  const at = base + textBegin;
  const need = (key: string): string => {
    const v = kw.get(key);
    if (v === undefined) {
      throw new FormatError('missing-section', `required keyword ${key} is missing from TEXT`, {
        file: fileName,
        byteOffset: at,
      });
    }
    return v;
  };
  const needInt = (key: string): number => {
    const n = textInt(need(key));
    if (n === null) {
      throw new FormatError('malformed-number', `${key} "${need(key)}" is not a whole number`, {
        file: fileName,
        byteOffset: at,
      });
    }
    return n;
  };

  const parameterCount = needInt('$PAR');
  if (parameterCount < 1 || parameterCount > 10_000) {
    throw new FormatError('malformed-number', `$PAR ${parameterCount} is out of range`, {
      file: fileName,
      byteOffset: at,
    });
  }
  const dataTypeRaw = need('$DATATYPE').trim().toUpperCase();
  if (dataTypeRaw === 'A') {
    throw new FormatError(
      'unsupported-encoding',
      '$DATATYPE A (ASCII data) is not supported (deprecated in FCS 3.1); re-export as I, F or D',
      { file: fileName, byteOffset: at },
    );
  }
  if (dataTypeRaw !== 'I' && dataTypeRaw !== 'F' && dataTypeRaw !== 'D') {
    throw new FormatError('unsupported-encoding', `unknown $DATATYPE "${dataTypeRaw}"`, {
      file: fileName,
      byteOffset: at,
    });
  }
  const dataType = dataTypeRaw as 'I' | 'F' | 'D';
  const mode = (kw.get('$MODE') ?? 'L').trim().toUpperCase();
  if (mode !== 'L') {
    throw new FormatError(
      'unsupported-encoding',
      `$MODE ${mode} (histogram data) is not supported; only list mode (L)`,
      { file: fileName, byteOffset: at },
    );
  }
  const byteOrdText = need('$BYTEORD').replace(/\s/g, '');
  let byteOrder: 'little-endian' | 'big-endian';
  if (byteOrdText.startsWith('1,2')) byteOrder = 'little-endian';
  else if (byteOrdText.endsWith('2,1')) byteOrder = 'big-endian';
  else {
    // Mixed orders such as 3,4,1,2 (some old VAX writers) are not supported.
    throw new FormatError('unsupported-encoding', `$BYTEORD "${byteOrdText}" is not supported`, {
      file: fileName,
      byteOffset: at,
    });
  }

  // Parameters are numbered from 1 (FCS 3.1 §3.2.8); a few writers start at $P0 (fcsparser refuses such
  // files). They are read as parameters 1…$PAR in file order, with a warning.
  const firstNumber = kw.has('$P0B') && !kw.has(`$P${parameterCount}B`) ? 0 : 1;
  if (firstNumber === 0) {
    warnings.push('parameters are numbered from $P0 (FCS numbers them from 1); read in that order as 1…$PAR');
  }
  const parameters: FcsParameter[] = [];
  for (let k = 1; k <= parameterCount; k++) {
    const n = k - 1 + firstNumber; // the number the file uses in its keywords
    const keys = parameterKeys(n);
    const name = kw.get(keys.N)?.trim() ?? `P${k}`;
    const labelRaw = kw.get(keys.S)?.trim();
    const bitsText = need(keys.B).trim();
    let bits: number;
    if (bitsText === '*') {
      throw new FormatError('unsupported-encoding', `$P${n}B "*" (ASCII data) is not supported`, {
        file: fileName,
        byteOffset: at,
      });
    } else {
      const b = textInt(bitsText);
      if (b === null) {
        throw new FormatError('malformed-number', `$P${n}B "${bitsText}" is not a number`, {
          file: fileName,
          byteOffset: at,
        });
      }
      bits = b;
    }
    const okBits =
      dataType === 'I'
        ? bits === 8 || bits === 16 || bits === 24 || bits === 32 || bits === 64
        : bits === (dataType === 'F' ? 32 : 64);
    if (!okBits) {
      throw new FormatError(
        'unsupported-encoding',
        `$P${n}B ${bits} is not supported for $DATATYPE ${dataType}`,
        { file: fileName, byteOffset: at },
      );
    }
    const rangeText = kw.get(keys.R) ?? '0';
    const range = textNumber(rangeText);
    if (range === null) {
      throw new FormatError('malformed-number', `$P${n}R "${rangeText}" is not a number`, {
        file: fileName,
        byteOffset: at,
      });
    }
    let amplification: [number, number] = [0, 0];
    const e = kw.get(keys.E);
    if (e !== undefined) {
      // f1 and f2 are the first two comma-separated fields (anything after a third comma is ignored).
      const comma = e.indexOf(',');
      const next = comma < 0 ? -1 : e.indexOf(',', comma + 1);
      const a = comma < 0 ? null : textNumber(e.slice(0, comma));
      const b = comma < 0 ? null : textNumber(next < 0 ? e.slice(comma + 1) : e.slice(comma + 1, next));
      if (a === null || b === null) {
        throw new FormatError('malformed-number', `$P${n}E "${e}" is not "f1,f2"`, {
          file: fileName,
          byteOffset: at,
        });
      }
      // f1 > 0 with f2 = 0 is invalid but common (FACScan "4,0"): read as 1 (FCS 3.1 §3.3.27; FlowIO, flowCore).
      amplification = [a, a > 0 && b === 0 ? 1 : b];
    }
    const g = kw.get(keys.G);
    const gain = g === undefined ? 1 : (textNumber(g) ?? 1);
    parameters.push({
      index: k,
      name,
      label: labelRaw === undefined || labelRaw === '' ? null : labelRaw,
      bits,
      range,
      amplification,
      gain: gain === 0 ? 1 : gain,
    });
  }

  const seenNames = new Map<string, number>();
  for (const q of parameters) {
    const earlier = seenNames.get(q.name);
    if (earlier !== undefined) {
      warnings.push(
        `$PnN "${q.name}" names parameters ${earlier} and ${q.index}; gates and compensation use parameter ${earlier}`,
      );
    } else seenNames.set(q.name, q.index);
  }

  const bytesPerEvent = parameters.reduce((s, p) => s + p.bits / 8, 0);
  const totText = kw.get('$TOT');
  let eventCount = totText === undefined ? null : textInt(totText);
  if (totText !== undefined && eventCount === null) {
    throw new FormatError('malformed-number', `$TOT "${totText}" is not a whole number`, {
      file: fileName,
      byteOffset: at,
    });
  }

  // ---- where DATA is ----
  const textDataBegin = textInt(kw.get('$BEGINDATA') ?? '');
  const textDataEnd = textInt(kw.get('$ENDDATA') ?? '');
  const candidates: { begin: number; end: number; from: string }[] = [];
  const headerPair = { begin: headerDataBegin, end: headerDataEnd, from: 'HEADER' };
  const textPair =
    textDataBegin !== null && textDataEnd !== null
      ? { begin: textDataBegin, end: textDataEnd, from: 'TEXT ($BEGINDATA/$ENDDATA)' }
      : null;
  const headerUsable = headerDataBegin > 0 || headerDataEnd > 0;
  if (version.startsWith('2')) {
    if (headerUsable) candidates.push(headerPair);
    if (textPair) candidates.push(textPair);
  } else {
    if (textPair) candidates.push(textPair);
    if (headerUsable) candidates.push(headerPair);
  }
  if (candidates.length === 0) {
    throw new FormatError('missing-section', 'neither HEADER nor TEXT gives the DATA offsets', {
      file: fileName,
      byteOffset: base + 26,
    });
  }
  if (textPair && headerUsable && (textPair.begin !== headerDataBegin || textPair.end !== headerDataEnd)) {
    warnings.push(
      `DATA offsets differ: HEADER ${headerDataBegin}–${headerDataEnd}, TEXT ${textPair.begin}–${textPair.end}`,
    );
  }
  let chosen: { begin: number; end: number } | null = null;
  if (eventCount === null) {
    const c = candidates[0] as { begin: number; end: number; from: string };
    const len = c.end - c.begin + 1;
    // an end before the begin would give a negative event count (found by the fuzzer, issue 10)
    if (c.begin < 0 || len < 0) {
      throw new FormatError(
        'inconsistent-columns',
        `$TOT is missing and the DATA offsets ${c.begin}–${c.end} (${c.from}) do not give a length`,
        { file: fileName, byteOffset: base + 26 },
      );
    }
    eventCount = Math.floor(len / bytesPerEvent);
    chosen = { begin: c.begin, end: c.begin + eventCount * bytesPerEvent - 1 };
    warnings.push('$TOT is missing: the event count was derived from the DATA length');
  } else {
    const expected = eventCount * bytesPerEvent;
    for (const c of candidates) {
      const len = c.end - c.begin + 1;
      if (eventCount === 0 && c.begin >= 0) {
        chosen = { begin: c.begin, end: c.begin - 1 };
        break;
      }
      if (len === expected) {
        chosen = c;
        if (c !== candidates[0])
          warnings.push(`DATA read from the ${c.from} offsets (the others do not fit $TOT)`);
        break;
      }
      if (len === expected + 1) {
        chosen = { begin: c.begin, end: c.end - 1 };
        warnings.push(`the ${c.from} DATA end offset is one byte past the data (read anyway)`);
        break;
      }
    }
    if (!chosen) {
      const c = candidates[0] as { begin: number; end: number; from: string };
      if (
        c.begin >= HEADER_BYTES &&
        base + c.begin + expected <= bytes.length &&
        c.end - c.begin + 1 > expected
      ) {
        chosen = { begin: c.begin, end: c.begin + expected - 1 };
        warnings.push(
          `the DATA segment (${c.begin}–${c.end}) is longer than $TOT × ${bytesPerEvent} bytes; the extra bytes are ignored`,
        );
      } else {
        throw new FormatError(
          'inconsistent-columns',
          `$TOT ${eventCount} × ${bytesPerEvent} bytes = ${expected} bytes, but DATA is ${c.begin}–${c.end} (${c.from})`,
          { file: fileName, byteOffset: base + c.begin },
        );
      }
    }
  }
  const absBegin = base + chosen.begin;
  const absEnd = base + chosen.end;
  if (eventCount > 0 && absEnd >= bytes.length) {
    throw new FormatError(
      'truncated',
      `DATA ends at byte ${absEnd} but the file has only ${bytes.length} bytes`,
      { file: fileName, byteOffset: bytes.length },
    );
  }
  if (eventCount > 0 && absBegin < base + HEADER_BYTES) {
    throw new FormatError('malformed-number', `DATA begins inside the HEADER (byte ${absBegin})`, {
      file: fileName,
      byteOffset: base + 26,
    });
  }

  // Until DATA is decoded (decodeDatasets; never with textOnly): no events, an empty column per parameter
  // (one shared, length-0 array: nothing can be written to it).
  const events = new FcsEvents(0, parameterCount, null, new Array(parameterCount).fill(NO_EVENTS));

  const timestepText = kw.get('$TIMESTEP');
  const timestep = timestepText === undefined ? null : textNumber(timestepText);
  const nextText = kw.get('$NEXTDATA');
  const next = nextText === undefined ? 0 : (textInt(nextText) ?? 0);

  return {
    dataset: {
      number,
      byteOffset: base,
      version,
      keywords: text.keywords,
      parameters,
      eventCount,
      dataType,
      byteOrder,
      timestep,
      spillover: readSpillover(text, parameters, fileName, at, warnings),
      dataSegment: { begin: absBegin, end: absEnd },
      events,
      warnings,
    },
    next,
  };
}

const NO_EVENTS = new Float64Array(0);

/**
 * The $PnX keyword names of parameter n, built once per n and kept (a Map lookup with a string built on every
 * call pays for the string and its hash each time: 6 lookups × $PAR per data set).
 */
const PARAMETER_KEYS: { N: string; S: string; B: string; R: string; E: string; G: string }[] = [];
function parameterKeys(n: number): { N: string; S: string; B: string; R: string; E: string; G: string } {
  let keys = PARAMETER_KEYS[n];
  if (!keys) {
    keys = { N: `$P${n}N`, S: `$P${n}S`, B: `$P${n}B`, R: `$P${n}R`, E: `$P${n}E`, G: `$P${n}G` };
    PARAMETER_KEYS[n] = keys;
  }
  return keys;
}

/** $SPILLOVER (FCS 3.1), SPILL (BD), $COMP (FCS 3.0): "n,name1,…,namen,v11,…,vnn". */
function readSpillover(
  text: FcsText,
  parameters: FcsParameter[],
  fileName: string,
  at: number,
  warnings: string[],
): FcsSpillover | null {
  for (const keyword of ['$SPILLOVER', 'SPILL', '$COMP', 'SPILLOVER']) {
    const raw = text.byUpperName.get(keyword);
    if (raw === undefined || raw.trim() === '') continue;
    const parts = raw.split(',').map((s) => s.trim());
    const n = textInt(parts[0] ?? '');
    if (n === null || n === 0) continue;
    let names: string[];
    let values: string[];
    if (parts.length === 1 + n + n * n) {
      names = parts.slice(1, 1 + n);
      values = parts.slice(1 + n);
    } else if (parts.length === 1 + n * n) {
      // FCS 3.0 $COMP without names: the first n parameters.
      names = parameters.slice(0, n).map((q) => q.name);
      values = parts.slice(1);
    } else {
      throw new FormatError(
        'malformed-row',
        `${keyword} has ${parts.length - 1} entries after n = ${n}; expected ${n + n * n}`,
        { file: fileName, byteOffset: at },
      );
    }
    const matrix: number[][] = [];
    for (let r = 0; r < n; r++) {
      const row: number[] = [];
      for (let c = 0; c < n; c++) {
        const v = textNumber(values[r * n + c] ?? '');
        if (v === null) {
          throw new FormatError(
            'malformed-number',
            `${keyword} value "${values[r * n + c]}" is not a number`,
            {
              file: fileName,
              byteOffset: at,
            },
          );
        }
        row.push(v);
      }
      matrix.push(row);
    }
    return { keyword, parameters: spilloverNames(names, parameters, keyword, warnings), matrix };
  }
  return null;
}

/**
 * The spillover matrix's parameter names as $PnN. FCS 3.1 §3.3.52 says they are $PnN, but writers also put
 * the $PnS labels or the 1-based parameter numbers there (FlowKit and FlowJo accept both): each name is
 * matched to $PnN exactly, then case-insensitively, then to a unique $PnS label, then as a parameter number;
 * a name that matches nothing is kept as written (compensation then names it in its error).
 */
function spilloverNames(
  names: string[],
  parameters: FcsParameter[],
  keyword: string,
  warnings: string[],
): string[] {
  const byName = new Set(parameters.map((q) => q.name));
  if (names.every((n) => byName.has(n))) return names;
  const resolved: string[] = [];
  const how = new Set<string>();
  const unmatched: string[] = [];
  for (const n of names) {
    if (byName.has(n)) {
      resolved.push(n);
      continue;
    }
    const t = n.trim();
    const ci = parameters.filter((q) => q.name.toLowerCase() === t.toLowerCase());
    const labelled = parameters.filter((q) => q.label !== null && q.label.trim() === t);
    const number = /^[0-9]+$/.test(t) ? Number(t) : 0;
    if (ci.length === 1) {
      resolved.push((ci[0] as FcsParameter).name);
      how.add('case-insensitive $PnN');
    } else if (labelled.length === 1) {
      resolved.push((labelled[0] as FcsParameter).name);
      how.add('$PnS labels');
    } else if (number >= 1 && number <= parameters.length) {
      resolved.push((parameters[number - 1] as FcsParameter).name);
      how.add('parameter numbers');
    } else {
      resolved.push(n);
      unmatched.push(`"${n}"`);
    }
  }
  if (how.size > 0)
    warnings.push(`${keyword} names its parameters by ${[...how].join(' and ')}; matched to $PnN`);
  if (unmatched.length > 0)
    warnings.push(`${keyword} names ${unmatched.join(', ')}, which match no parameter of this data set`);
  return resolved;
}
