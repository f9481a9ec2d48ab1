/**
 * Reader for Particle Metrix ZetaView 8.05/8.06 `.txt` exports.
 *
 * Layout (ISO-8859-1, CRLF, tab-separated): a header of `Key:<TAB>value` lines, where one line may hold
 * several pairs (`Number of Traces:\t630 (at 0.099990) Average Number of Particles:\t30.6 Dilution::\t500.000000`),
 * then a `Size Distribution` line, the column line `Size / nm, Number, Concentration / cm-3, Volume / nm^3,
 * Area / nm^2`, the linear-bin rows, a separator row starting `-1.000E+0`, and the logarithmic-bin rows.
 * 8.05 files written in some locales use decimal commas. Position exports (`_11pos`) carry a per-position
 * table (concentration, X50, removed positions); zeta-potential profiles (`_prof_`) are reported as kind
 * `zeta`. Linear time: header keys are found with indexOf, never with backtracking patterns.
 */
import type {
  ZetaViewBin,
  ZetaViewFileRecord,
  ZetaViewHeader,
  ZetaViewKind,
  ZetaViewPosition,
} from '../../science/zetaview/zetaview-record.ts';
import { FormatError } from '../format-error.ts';
import { sniffHead } from '../text-decoding.ts';
import { decodeZetaViewBytes, leadingNumber, parseNumberCell, type TextLine } from './zetaview-text.ts';

export const ZETAVIEW_READER_NAME = 'evlab-zetaview-txt';
export const ZETAVIEW_READER_VERSION = '1.0.0';

/**
 * Header keys ZetaView writes (with their colons). Longer keys are matched first so that `SetTemperature:`
 * is not read as `Temperature:` and `Dilution::` not as `Dilution:`.
 */
const KNOWN_KEYS = [
  'Original File:',
  'Section:',
  'Operator:',
  'Experiment:',
  'ZetaView S/N:',
  'Cell S/N:',
  'Software:',
  'Analyze:',
  'SOP:',
  'Sample:',
  'Electrolyte:',
  'pH:',
  'Conductivity:',
  'TempControl:',
  'SetTemperature:',
  'Temperature:',
  'Viscosity:',
  'Date:',
  'Time:',
  'General Remarks:',
  'Remarks:',
  'Sample Info 1:',
  'Sample Info 2:',
  'Sample Info 3:',
  'Scattering Intensity:',
  'Detected Particles:',
  'Particle Drift Checked:',
  'Particle Drift Check Result:',
  'Cell Checked:',
  'Cell Check Result:',
  'Type of Measurement:',
  'Positions:',
  'Microscope Position:',
  'Number of Traces:',
  'Average Number of Particles:',
  'Dilution::',
  'Dilution:',
  'Concentration Correction Factor:',
  'Laser Wavelength nm:',
  'Median Number (D50):',
  'Median Concentration (D50):',
  'Median Volume (D50):',
  'Minimum Brightness:',
  'Maximum Brightness:',
  'Minimum Area:',
  'Maximum Area:',
  'Tracking Radius2:',
  'Minimum Tracelength:',
  'Camera:',
  'Sensitivity:',
  'Shutter:',
  'Gain:',
  'Zeta Potential:',
  'Electrophoretic Mobility:',
].sort((a, b) => b.length - a.length);

/** Splits one header line into key/value pairs (keys without the trailing colons). */
export function headerPairs(text: string): { key: string; value: string }[] {
  const taken: { start: number; end: number; key: string }[] = [];
  for (const key of KNOWN_KEYS) {
    let from = 0;
    while (from <= text.length) {
      const at = text.indexOf(key, from);
      if (at < 0) break;
      const end = at + key.length;
      if (!taken.some((t) => at < t.end && end > t.start)) taken.push({ start: at, end, key });
      from = end;
    }
  }
  if (taken.length === 0) {
    // An unknown key: "Key:<TAB>value".
    const colon = text.indexOf(':');
    if (colon <= 0 || colon > 80) return [];
    const key = text.slice(0, colon).trim();
    let v = colon + 1;
    while (text[v] === ':') v++;
    return key.length > 0 ? [{ key, value: text.slice(v).trim() }] : [];
  }
  taken.sort((a, b) => a.start - b.start);
  return taken.map((t, i) => ({
    key: t.key.replace(/:+$/, ''),
    value: text.slice(t.end, taken[i + 1]?.start ?? text.length).trim(),
  }));
}

/** True when the first bytes look like a ZetaView text export. */
export function sniffZetaView(bytes: Uint8Array): boolean {
  const head = sniffHead(bytes, 8192);
  return (
    head.includes('ZetaView') ||
    head.includes('Dilution::') ||
    (head.includes('Size Distribution') && head.includes('Concentration / cm-3'))
  );
}

function kindFromName(fileName: string): ZetaViewKind | null {
  const base = fileName
    .slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
    .toLowerCase();
  if (base.includes('_prof_')) return 'zeta';
  // "_11pos" (ZetaView's default 11 positions) or any "_<n>pos"
  let i = base.indexOf('pos');
  while (i > 0) {
    let j = i - 1;
    while (j >= 0 && base.charCodeAt(j) >= 0x30 && base.charCodeAt(j) <= 0x39) j--;
    if (j < i - 1 && base[j] === '_') return 'positions';
    i = base.indexOf('pos', i + 3);
  }
  return null;
}

function cells(text: string): string[] {
  return text.split('\t');
}

interface Columns {
  size: number;
  number: number;
  concentration: number;
  volume: number | null;
  area: number | null;
}

function columnsOf(header: TextLine, file: string): Columns {
  const names = cells(header.text).map((c) => c.trim().toLowerCase());
  const find = (prefix: string) => {
    const i = names.findIndex((n) => n.startsWith(prefix));
    return i < 0 ? null : i;
  };
  const size = find('size');
  const number = find('number');
  const concentration = find('concentration');
  if (size === null || number === null || concentration === null)
    throw new FormatError(
      'missing-section',
      'the size table header must name "Size / nm", "Number" and "Concentration / cm-3" columns',
      { file, line: header.line, byteOffset: header.byteOffset },
    );
  return { size, number, concentration, volume: find('volume'), area: find('area') };
}

function isHeaderRow(text: string): boolean {
  return text.trimStart().toLowerCase().startsWith('size');
}

function detectDecimalComma(lines: readonly TextLine[], from: number): boolean {
  for (let i = from; i < lines.length && i < from + 20; i++) {
    const first = cells((lines[i] as TextLine).text)[0]?.trim() ?? '';
    if (first.length === 0 || isHeaderRow(first)) continue;
    if (first.includes(',') && !first.includes('.')) return true;
    if (first.includes('.')) return false;
  }
  return false;
}

function readBins(
  lines: readonly TextLine[],
  start: number,
  columns: Columns,
  decimalComma: boolean,
  file: string,
): { linear: ZetaViewBin[]; log: ZetaViewBin[]; end: number } {
  const linear: ZetaViewBin[] = [];
  const log: ZetaViewBin[] = [];
  let target = linear;
  let separatorSeen = false;
  let blankSeen = false;
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] as TextLine;
    const row = cells(line.text);
    const first = (row[0] ?? '').trim();
    if (first.length === 0 && row.every((c) => c.trim().length === 0)) {
      if (target.length === 0) continue;
      // a blank line ends the log table (or the linear one when there is no separator)
      if (separatorSeen || log.length > 0) break;
      blankSeen = true;
      continue;
    }
    if (isHeaderRow(first) || first.toLowerCase().startsWith('size distribution')) {
      if (separatorSeen) continue;
      break;
    }
    const size = parseNumberCell(first, decimalComma);
    if (size === null) {
      const lower = first.toLowerCase();
      const nonFinite =
        lower.startsWith('nan') || lower.includes('inf') || lower === '-' || lower.startsWith('#');
      if (nonFinite || (!separatorSeen && !blankSeen))
        throw new FormatError('malformed-number', `"${first.slice(0, 40)}" is not a bin size (column 1)`, {
          file,
          line: line.line,
          byteOffset: line.byteOffset,
        });
      break; // the table is over: another section follows
    }
    if (size === -1) {
      if (separatorSeen) break;
      separatorSeen = true;
      target = log;
      continue;
    }
    const value = (col: number | null, name: string, required: boolean): number | null => {
      if (col === null) return null;
      const cell = row[col];
      if (cell === undefined || cell.trim().length === 0) {
        if (!required) return null;
        throw new FormatError('malformed-row', `the ${name} cell is missing (column ${col + 1})`, {
          file,
          line: line.line,
          byteOffset: line.byteOffset,
        });
      }
      const v = parseNumberCell(cell, decimalComma);
      if (v === null)
        throw new FormatError(
          'malformed-number',
          `"${cell.trim().slice(0, 40)}" in column ${col + 1} (${name}) is not a finite number`,
          {
            file,
            line: line.line,
            byteOffset: line.byteOffset,
          },
        );
      if (v < 0)
        throw new FormatError('malformed-number', `negative ${name} ${v} in column ${col + 1}`, {
          file,
          line: line.line,
          byteOffset: line.byteOffset,
        });
      return v;
    };
    if (size <= 0)
      throw new FormatError('malformed-number', `bin size ${size} nm is not positive`, {
        file,
        line: line.line,
        byteOffset: line.byteOffset,
      });
    const previous = target[target.length - 1];
    if (previous && size <= previous.sizeNm)
      throw new FormatError('malformed-row', `bin sizes must increase (${previous.sizeNm} then ${size} nm)`, {
        file,
        line: line.line,
        byteOffset: line.byteOffset,
      });
    target.push({
      sizeNm: size,
      number: value(columns.number, 'Number', true) as number,
      concentrationPerMl: value(columns.concentration, 'Concentration', true) as number,
      volumeNm3: value(columns.volume, 'Volume', false),
      areaNm2: value(columns.area, 'Area', false),
    });
  }
  return { linear, log, end: i };
}

const REMOVED_WORDS = ['removed', 'invalid', 'excluded', 'outlier'];

function readPositions(
  lines: readonly TextLine[],
  decimalComma: boolean,
  file: string,
): { rows: ZetaViewPosition[]; headerLine: number | null } {
  for (let i = 0; i < lines.length; i++) {
    const header = cells((lines[i] as TextLine).text).map((c) => c.trim().toLowerCase());
    if (header.length < 2 || !(header[0] ?? '').startsWith('pos')) continue;
    const conc = header.findIndex((h) => h.includes('conc'));
    const x50 = header.findIndex((h) => h.includes('x50') || h.includes('median') || h.includes('d50'));
    if (conc < 0 && x50 < 0) continue;
    const particles = header.findIndex((h) => h.includes('particles') || h.includes('number'));
    const status = header.findIndex(
      (h) => h.includes('removed') || h.includes('valid') || h.includes('status') || h.includes('excluded'),
    );
    const statusIsValid =
      status >= 0 && (header[status] ?? '').includes('valid') && !(header[status] ?? '').includes('invalid');
    const rows: ZetaViewPosition[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j] as TextLine;
      const row = cells(line.text);
      const position = parseNumberCell(row[0] ?? '', decimalComma);
      if (position === null || !Number.isInteger(position)) break;
      const lower = line.text.toLowerCase();
      let removed = REMOVED_WORDS.some((w) => lower.includes(w));
      if (status >= 0) {
        const s = (row[status] ?? '').trim().toLowerCase();
        const yes = s === 'yes' || s === 'true' || s === '1' || s === 'x';
        const no = s === 'no' || s === 'false' || s === '0' || s === '';
        if (statusIsValid) removed = removed || no;
        else removed = removed || yes;
      }
      const num = (col: number): number | null => {
        if (col < 0) return null;
        const cell = (row[col] ?? '').trim();
        if (cell.length === 0 || REMOVED_WORDS.some((w) => cell.toLowerCase().includes(w)) || cell === '-')
          return null;
        const v = parseNumberCell(cell, decimalComma);
        if (v === null)
          throw new FormatError(
            'malformed-number',
            `"${cell.slice(0, 40)}" in column ${col + 1} of the position table is not a number`,
            {
              file,
              line: line.line,
              byteOffset: line.byteOffset,
            },
          );
        return v;
      };
      rows.push({
        position,
        concentrationPerMl: num(conc),
        x50Nm: num(x50),
        particles: num(particles),
        removed,
      });
    }
    if (rows.length > 0) return { rows, headerLine: i };
  }
  return { rows: [], headerLine: null };
}

function buildHeader(lines: readonly TextLine[], end: number, decimalComma: boolean): ZetaViewHeader {
  const keyValues: ZetaViewHeader['keyValues'] = [];
  for (let i = 0; i < end; i++) {
    const line = lines[i] as TextLine;
    for (const pair of headerPairs(line.text)) keyValues.push({ ...pair, line: line.line });
  }
  const get = (key: string) => keyValues.find((kv) => kv.key === key)?.value ?? null;
  const num = (key: string) => {
    const v = get(key);
    return v === null ? null : leadingNumber(v, decimalComma);
  };
  const software = get('Software');
  let softwareVersion: string | null = null;
  if (software) {
    const at = software.toLowerCase().indexOf('version');
    if (at >= 0) {
      const rest = software.slice(at + 7).trimStart();
      let e = 0;
      while (
        e < rest.length &&
        e < 30 &&
        ((rest.charCodeAt(e) >= 0x30 && rest.charCodeAt(e) <= 0x39) || rest[e] === '.')
      )
        e++;
      softwareVersion = e > 0 ? rest.slice(0, e) : null;
    }
  }
  const dilution = num('Dilution');
  return {
    software,
    softwareVersion,
    sample: emptyToNull(get('Sample')),
    operator: emptyToNull(get('Operator')),
    date: emptyToNull(get('Date')),
    time: emptyToNull(get('Time')),
    temperatureC: num('Temperature'),
    viscosityCp: num('Viscosity'),
    dilution: dilution !== null && dilution > 0 ? dilution : null,
    numberOfTraces: num('Number of Traces'),
    averageParticlesPerFrame: num('Average Number of Particles'),
    laserWavelengthNm: num('Laser Wavelength nm'),
    positions: num('Positions'),
    reportedMedianNumberNm: num('Median Number (D50)'),
    reportedMedianVolumeNm: num('Median Volume (D50)'),
    decimalComma,
    keyValues,
  };
}

function emptyToNull(v: string | null): string | null {
  return v === null || v.trim().length === 0 ? null : v.trim();
}

/** Reads one ZetaView `.txt` export; throws FormatError naming file, line and byte offset. */
export function readZetaViewTxt(bytes: Uint8Array, fileName: string): ZetaViewFileRecord {
  const lines = decodeZetaViewBytes(bytes, fileName);
  const notes: string[] = [];
  const sectionIndex = lines.findIndex((l) => l.text.trim().toLowerCase().startsWith('size distribution'));
  const nameKind = kindFromName(fileName);
  const text = lines.slice(0, 400).map((l) => l.text.toLowerCase());
  const zetaContent =
    text.some(
      (t) => t.includes('zeta potential') || t.includes('zp / mv') || t.includes('electrophoretic mobility'),
    ) && sectionIndex < 0;

  let decimalComma = false;
  let linear: ZetaViewBin[] = [];
  let log: ZetaViewBin[] = [];
  if (sectionIndex >= 0 && nameKind !== 'zeta') {
    let h = sectionIndex + 1;
    while (h < lines.length && (lines[h] as TextLine).text.trim().length === 0) h++;
    const headerLine = lines[h];
    if (!headerLine || !isHeaderRow(headerLine.text))
      throw new FormatError(
        'missing-section',
        'no "Size / nm  Number  Concentration / cm-3 …" column line after "Size Distribution"',
        {
          file: fileName,
          line: (headerLine ?? (lines[sectionIndex] as TextLine)).line,
          byteOffset: (headerLine ?? (lines[sectionIndex] as TextLine)).byteOffset,
        },
      );
    const columns = columnsOf(headerLine, fileName);
    decimalComma = detectDecimalComma(lines, h + 1);
    const bins = readBins(lines, h + 1, columns, decimalComma, fileName);
    linear = bins.linear;
    log = bins.log;
    if (linear.length === 0)
      throw new FormatError('truncated', 'the "Size Distribution" table has no rows', {
        file: fileName,
        line: headerLine.line,
        byteOffset: headerLine.byteOffset,
      });
    if (log.length === 0) notes.push('no logarithmic-bin table after the -1.000E+0 separator');
  } else if (!decimalComma) {
    // header-only files: decide on decimal commas from the dilution/temperature values
    const probe = lines.find((l) => l.text.includes('Dilution::') || l.text.startsWith('Temperature:'));
    if (probe) {
      const pairs = headerPairs(probe.text);
      decimalComma = pairs.some((p) => {
        const v = p.value.trim();
        return /^[0-9]+,[0-9]+/.test(v.slice(0, 30));
      });
    }
  }
  const headerEnd = sectionIndex >= 0 ? sectionIndex : lines.length;
  const positions = readPositions(lines, decimalComma, fileName);
  const header = buildHeader(
    lines,
    positions.headerLine !== null ? Math.min(headerEnd, positions.headerLine) : headerEnd,
    decimalComma,
  );

  let kind: ZetaViewKind;
  if (nameKind === 'zeta' || zetaContent) kind = 'zeta';
  else if (nameKind === 'positions' || (positions.rows.length > 0 && linear.length === 0)) kind = 'positions';
  else if (linear.length > 0) kind = 'size';
  else
    throw new FormatError(
      'missing-section',
      'no "Size Distribution" table, position table or zeta-potential data found',
      {
        file: fileName,
        line: 1,
        byteOffset: 0,
      },
    );
  if (kind === 'positions' && positions.rows.length === 0)
    throw new FormatError(
      'missing-section',
      'a position export (_11pos) without a position table (Position, Concentration, X50 columns)',
      {
        file: fileName,
        line: 1,
        byteOffset: 0,
      },
    );

  const zetaPotentialMv: number[] = [];
  if (kind === 'zeta') {
    for (const kv of header.keyValues) {
      const k = kv.key.toLowerCase();
      if (k.includes('zeta potential') || k === 'zp' || k.startsWith('zp ')) {
        const v = leadingNumber(kv.value, decimalComma);
        if (v !== null) zetaPotentialMv.push(v);
      }
    }
    if (zetaPotentialMv.length === 0) notes.push('no "Zeta Potential:" value found in the header');
  }
  if (
    header.softwareVersion &&
    !header.softwareVersion.startsWith('8.05') &&
    !header.softwareVersion.startsWith('8.06')
  )
    notes.push(`software version ${header.softwareVersion}: the reader was built for ZetaView 8.05 and 8.06`);
  return {
    kind,
    header,
    linearBins: kind === 'zeta' ? [] : linear,
    logBins: kind === 'zeta' ? [] : log,
    positions: positions.rows,
    zetaPotentialMv,
    notes,
  };
}
