/**
 * Reader for NanoSight NTA 3.x `*-ExperimentSummary.csv` exports (checked on NTA 3.3 Dev Build 3.3.203,
 * ../shared/reference/nanosight/20210401). The file is ISO-8859-1 text of ragged comma-separated sections:
 * header lines, [Experiment Details] (+ a `Filename:` row naming the videos), [Conditions], [Settings],
 * [Exclusion Regions], [Results] (per video, then Average and Standard Error), [Concentration Warnings],
 * [Information], [Data Included], [Size Data] and [Diffusion Coefficient Data] — each of the last two with
 * Number / Surface Area / Volume weighting blocks: statistics rows, `Graph Data` bins and a percentile table.
 *
 * The number of videos comes from the columns; trailing commas, blank lines and CRLF are tolerated; a
 * UTF-8 BOM and quoted fields (a comma-separated spreadsheet re-save) are read. Only the number-weighted
 * Size Data block is required; other sections are null/empty when absent. Malformed input throws
 * FormatError with file, 1-based line and byte offset.
 */

import type {
  NtaAveraged,
  NtaSizeDistribution,
  NtaStatusRow,
  NtaVideo,
  NtaWeighting,
} from '../../science/nta/nta-record.ts';
import type { NtaSizeStats } from '../../science/nta/nta-report.ts';
import { decimalAt, scanDecimal } from '../decimal.ts';
import { FormatError, type FormatErrorCode } from '../format-error.ts';
import type {
  NanoSightConditions,
  NanoSightDistributionBlock,
  NanoSightDistributionSection,
  NanoSightExperimentSummary,
  NanoSightPercentileTable,
  NanoSightSettings,
  NanoSightStats,
  NanoSightTableRow,
} from './nanosight-experiment-summary.ts';
import {
  type DecodedText,
  decodeExportBytes,
  detectSeparator,
  parseNumber,
  splitCells,
  splitLines,
  type TextLines,
} from './nanosight-text.ts';

export const READER_NAME = 'nanosight-experiment-summary';
export const READER_VERSION = '1.0.0';

/** First line of every NTA 3.x experiment summary. */
export const NANOSIGHT_TITLE = 'NTA Experiment Summary File';

const SECTION = /^\[(.+)\]$/;
const STAT_KEYS: Record<string, keyof NanoSightStats> = {
  Mean: 'mean',
  Mode: 'mode',
  SD: 'sd',
  D10: 'd10',
  D50: 'd50',
  D90: 'd90',
};
const NOT_RECORDED = /^(?:not recorded|n\/a|na|none|-+)$/i;

interface Section {
  name: string;
  /** Index (0-based) of the `[Name]` line. */
  header: number;
  /** First line after the header, and one past the last line. */
  start: number;
  end: number;
}

/**
 * Most videos read from one export (issue 10: bounded work per upload). NTA 3.x captures 1–5 videos per
 * sample, 20–30 in long batch scripts; 1,000 leaves a wide margin.
 */
export const MAX_VIDEOS = 1000;
/** Most cells in a row: one per video plus the bin centre, Average, Standard Error and a few spare. */
const MAX_COLUMNS = MAX_VIDEOS + 10;
/** Longest line (characters): 1,010 columns of 100-character video file names. */
export const MAX_LINE_CHARS = 101_000;

/** Parsing context: lines, cells, and error construction with line and byte offset. */
class Source {
  /** Cells of each line, split on first use (the large Graph Data tables are read from the line text). */
  private readonly split: (string[] | undefined)[];
  private utf8: TextEncoder | null = null;
  constructor(
    readonly file: string,
    readonly decoded: DecodedText,
    readonly text: TextLines,
  ) {
    this.split = new Array<string[] | undefined>(text.lines.length);
  }

  /** The cells of line `index` (0-based), undefined past the end. */
  rowAt(index: number): string[] | undefined {
    const line = this.text.lines[index];
    if (line === undefined) return undefined;
    let cells = this.split[index];
    if (cells === undefined) {
      cells = splitCells(line);
      if (cells.length > MAX_COLUMNS)
        throw this.error(
          'too-large',
          `${cells.length} columns: more than ${MAX_COLUMNS} (at most ${MAX_VIDEOS} videos are read)`,
          index,
        );
      this.split[index] = cells;
    }
    return cells;
  }

  /**
   * Fast path for a row of plain numbers (Graph Data): fills `out` with the first `count` cells parsed as
   * numbers straight from the line text, without splitting it into cell strings. Returns false (and the
   * caller takes the checked path, which names the bad cell) when the line has quotes, fewer cells, or a
   * cell that is empty or not a strict decimal number.
   */
  plainNumbers(index: number, count: number, out: number[]): boolean {
    const line = this.text.lines[index];
    if (line === undefined || line.includes('"')) return false;
    let start = 0;
    for (let c = 0; c < count; c++) {
      let end = line.indexOf(',', start);
      if (end < 0) {
        if (c !== count - 1) return false;
        end = line.length;
      }
      // In place, no cell string (decimal.ts); NaN for a blank, padded or odd cell: the checked path reads it.
      const value = decimalAt(line, start, end);
      if (Number.isNaN(value)) return false;
      out[c] = value;
      start = end + 1;
    }
    return true;
  }

  get lineCount(): number {
    return this.text.lines.length;
  }

  byteOffset(index: number, column = 0): number {
    const start = this.text.starts[index] ?? this.decoded.text.length;
    let chars = start;
    const cells = column > 0 ? this.rowAt(index) : undefined;
    if (cells) for (let c = 0; c < column && c < cells.length; c++) chars += (cells[c] as string).length + 1;
    if (this.decoded.encoding === 'latin1') return this.decoded.prefixBytes + chars;
    this.utf8 ??= new TextEncoder();
    return this.decoded.prefixBytes + this.utf8.encode(this.decoded.text.slice(0, chars)).length;
  }

  error(code: FormatErrorCode, reason: string, index: number, column?: number): FormatError {
    const line = Math.min(index, Math.max(this.lineCount - 1, 0));
    return new FormatError(code, reason, {
      file: this.file,
      line: line + 1,
      byteOffset: this.byteOffset(line, column),
    });
  }

  /** A numeric cell (0-based column), null when empty; FormatError 'malformed-number' otherwise. */
  number(index: number, column: number, what: string): number | null {
    const cell = this.rowAt(index)?.[column] ?? '';
    const value = parseNumber(cell);
    if (value === undefined) {
      const text = cell.trim();
      const shown = text.length > 40 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
      const why =
        scanDecimal(text) === 'overflow' ? 'overflows a double (beyond ±1.8e308)' : 'is not a number';
      throw this.error(
        'malformed-number',
        `${what}: "${shown}" ${why} (column ${column + 1})`,
        index,
        column,
      );
    }
    return value;
  }

  /**
   * `number` for a per-video cell of a large table: the label "<what>, video N" is built only when the
   * cell is malformed (building it for every cell cost more than parsing the cell).
   */
  videoNumber(index: number, column: number, what: string, video: number): number | null {
    const value = parseNumber(this.rowAt(index)?.[column] ?? '');
    return value === undefined ? this.number(index, column, `${what}, video ${video}`) : value;
  }

  /** A numeric cell that NTA may also write as text meaning "no value" ("Not recorded"). */
  numberOrNotRecorded(index: number, column: number, what: string): number | null {
    const cell = (this.rowAt(index)?.[column] ?? '').trim();
    if (NOT_RECORDED.test(cell)) return null;
    return this.number(index, column, what);
  }

  isBlank(index: number): boolean {
    const cells = this.rowAt(index);
    if (!cells) return true;
    for (const c of cells) if (c.trim() !== '') return false;
    return true;
  }

  first(index: number): string {
    return (this.rowAt(index)?.[0] ?? '').trim();
  }
}

function trimTrailingEmpty(cells: readonly string[]): string[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] as string).trim() === '') end--;
  return cells.slice(0, end).map((c) => c.trim());
}

function textOrNull(value: string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

/** "15:42:48  01/04/2021" (HH:mm:ss dd/mm/yyyy, NTA 3.x) → "2021-04-01T15:42:48"; null when not of that form. */
export function parseNanoSightTimeCaptured(raw: string | null): string | null {
  if (raw === null) return null;
  const m = /^(\d{1,2}):(\d{2}):(\d{2})\s+(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw.trim());
  if (!m) return null;
  const [hh, mi, ss, dd, mm, yyyy] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hh > 23 || mi > 59 || ss > 59 || mm < 1 || mm > 12 || dd < 1) return null;
  const daysInMonth = new Date(Date.UTC(yyyy, mm, 0)).getUTCDate();
  if (dd > daysInMonth) return null;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(yyyy, 4)}-${p(mm)}-${p(dd)}T${p(hh)}:${p(mi)}:${p(ss)}`;
}

function weightingOf(label: string): NtaWeighting | null {
  const l = label.toLowerCase();
  if (l.startsWith('number')) return 'number';
  if (l.startsWith('surface')) return 'surface-area';
  if (l.startsWith('volume')) return 'volume';
  return null;
}

function emptyStats(): NanoSightStats {
  return { mean: null, mode: null, sd: null, d10: null, d50: null, d90: null };
}

function toSizeStats(s: NanoSightStats): NtaSizeStats {
  return { meanNm: s.mean, modeNm: s.mode, sdNm: s.sd, d10Nm: s.d10, d50Nm: s.d50, d90Nm: s.d90 };
}

class Reader {
  private readonly notes: string[] = [];
  private readonly keyValues: Record<string, Record<string, string[]>> = {};
  private readonly sections = new Map<string, Section>();
  /** Bin counts of completely read Graph Data tables, to judge a table that runs into the end of the file. */
  private completeBinCounts: number[] = [];

  constructor(private readonly src: Source) {}

  private keep(section: string, key: string, cells: readonly string[]): void {
    this.keyValues[section] ??= {};
    (this.keyValues[section] as Record<string, string[]>)[key] = trimTrailingEmpty(cells);
  }

  private isLastLineCut(index: number): boolean {
    return index === this.src.lineCount - 1 && !this.src.text.endsWithNewline;
  }

  private truncated(index: number, what: string): FormatError {
    return this.src.error(
      'truncated',
      `the file ends inside ${what}: it was cut off (line ${index + 1} is the last)`,
      index,
    );
  }

  read(): NanoSightExperimentSummary {
    const src = this.src;
    this.checkShape();
    this.findSections();

    const header = {
      title: textOrNull(src.rowAt(0)?.[0]) === NANOSIGHT_TITLE ? NANOSIGHT_TITLE : null,
      createdWith: null as string | null,
    };
    const firstSection = Math.min(...[...this.sections.values()].map((s) => s.header), src.lineCount);
    for (let i = 0; i < firstSection; i++) {
      const key = src.first(i);
      const created = /^Created with\s+(.*)$/i.exec(key);
      if (created)
        header.createdWith = trimTrailingEmpty(src.rowAt(i) as string[])
          .join(',')
          .replace(/^Created with\s+/i, '');
      else if (key !== '' && key !== NANOSIGHT_TITLE) this.keep('', key, (src.rowAt(i) as string[]).slice(1));
    }

    // Distributions first: they carry their own column layout, which gives the video count when no
    // `Filename:` row exists.
    const sizeData = this.distributionSection('Size Data');
    if (!sizeData?.number) {
      const last = src.lineCount - 1;
      if (!src.text.endsWithNewline)
        throw this.truncated(last, 'the file before the number-weighted [Size Data]');
      throw src.error(
        'missing-section',
        sizeData
          ? '[Size Data] has no "Weighting,Number" block with Graph Data; the number-weighted size distribution is required'
          : 'no [Size Data] section; the number-weighted size distribution is required',
        sizeData ? (this.sections.get('Size Data') as Section).header : last,
      );
    }
    const diffusion = this.distributionSection('Diffusion Coefficient Data');

    const details = this.experimentDetails();
    let videoFileNames = details.fileNames;
    if (videoFileNames.length === 0) videoFileNames = [...sizeData.number.fileNames];
    if (videoFileNames.length === 0) {
      videoFileNames = sizeData.number.perVideo.map((_, i) => `video ${i + 1}`);
      this.notes.push('no Filename: row; videos are named "video 1", "video 2", …');
    }
    const n = videoFileNames.length;
    if (sizeData.number.perVideo.length !== n) {
      const s = this.sections.get('Size Data') as Section;
      throw src.error(
        'inconsistent-columns',
        `the Filename: row names ${n} videos but the number-weighted Graph Data has ${sizeData.number.perVideo.length} video columns`,
        s.header,
      );
    }

    const conditionRows = this.table('Conditions', n);
    const settingRows = this.table('Settings', n);
    const resultRows = this.table('Results', n);
    const warningRows = this.table('Concentration Warnings', n);
    const informationRows = this.table('Information', n);

    const conditions = conditionRows && this.conditions(conditionRows, n);
    const settings = settingRows && this.settings(settingRows, n);
    const videos = this.videos(videoFileNames, conditionRows ?? [], resultRows ?? [], sizeData.number);
    const average = this.averages(resultRows ?? []);

    const status: NtaStatusRow[] = [];
    for (const [group, rows] of [
      ['Concentration Warnings', warningRows],
      ['Information', informationRows],
    ] as const) {
      for (const row of rows ?? []) status.push({ group, item: row.key, perVideo: [...row.perVideo] });
    }

    const dataIncluded = this.dataIncluded();
    this.checkDataIncluded(dataIncluded, sizeData, diffusion);

    const distribution = (
      block: NanoSightDistributionBlock | null,
      unit: string,
    ): NtaSizeDistribution | null =>
      block && {
        weighting: block.weighting,
        unit,
        binCentersNm: block.binCenters,
        perVideo: block.perVideo,
        average: block.average,
        standardError: block.standardError,
        reported: {
          perVideo: block.statistics.perVideo.map(toSizeStats),
          average: block.statistics.average && toSizeStats(block.statistics.average),
          standardError: block.statistics.standardError && toSizeStats(block.statistics.standardError),
        },
        validTracks: block.validTracks,
      };

    const timeCapturedRaw = textOrNull(details.values['Time Captured']);
    const capturedAt = parseNanoSightTimeCaptured(timeCapturedRaw);
    if (timeCapturedRaw !== null && capturedAt === null) {
      this.notes.push(
        `Time Captured "${timeCapturedRaw}" is not of the form HH:mm:ss dd/mm/yyyy; capturedAt is null`,
      );
    }

    return {
      instrument: 'NanoSight',
      sample: {
        software: textOrNull(details.values['Software Version']) ?? header.createdWith,
        experimentName: textOrNull(details.values['Experiment Name']),
        operator: textOrNull(details.values['Operator Name']),
        capturedAt,
        sampleDescription: textOrNull(details.values['Sample Description']),
        pretreatment: textOrNull(details.values['Pre-treatment']),
        diluent: textOrNull(details.values.Diluent),
        remarks: textOrNull(details.values.Remarks),
      },
      videos,
      average,
      status,
      sizeDistributions: {
        number: distribution(sizeData.number, 'particles/mL') as NtaSizeDistribution,
        surfaceArea: distribution(sizeData.surfaceArea, 'nm²/mL'),
        volume: distribution(sizeData.volume, 'nm³/mL'),
      },
      source: {
        file: src.file,
        reader: READER_NAME,
        readerVersion: READER_VERSION,
        encoding: src.decoded.encoding,
        byteOrderMark: src.decoded.byteOrderMark,
        quotedFields: src.text.lines.some((l) => l.includes('"')),
        lineCount: src.lineCount,
      },
      header,
      experimentDetails: details.values,
      timeCapturedRaw,
      videoFileNames,
      conditions,
      settings,
      exclusionRegions: this.exclusionRegions(),
      results: resultRows ?? [],
      concentrationWarnings: warningRows,
      information: informationRows,
      dataIncluded,
      sizeData,
      diffusionCoefficientData: diffusion,
      keyValues: this.keyValues,
      notes: this.notes,
    };
  }

  /** Not this format, or a spreadsheet re-save that cannot be read reliably. */
  private checkShape(): void {
    const src = this.src;
    if (src.text.lines.every((l) => l.trim() === '')) {
      throw new FormatError('empty-file', 'the file contains only blank lines', {
        file: src.file,
        line: 1,
        byteOffset: 0,
      });
    }
    const firstLine = src.text.lines[0] ?? '';
    // The title line decides when it is there (`NTA Experiment Summary File;`), else the first lines' counts.
    const titled = /^"?NTA Experiment Summary File"?([;\t,])/.exec(firstLine);
    const separator = (titled?.[1] as ',' | ';' | '\t' | undefined) ?? detectSeparator(src.text.lines);
    const looksLikeNta = src.text.lines
      .slice(0, 50)
      .some((l) => l.includes(NANOSIGHT_TITLE) || l.includes('[Experiment Details]'));
    if (separator !== ',' && looksLikeNta) {
      const name = separator === ';' ? 'semicolon-separated' : 'tab-separated';
      throw new FormatError(
        'not-this-format',
        `${name}: this looks like an Excel re-save; export again from NTA (or save as "CSV (Comma delimited)")`,
        { file: src.file, line: 1, byteOffset: 0 },
      );
    }
    const title = src.first(0);
    const hasDetails = src.text.lines.some(
      (line, i) => line.includes('[Experiment Details]') && src.first(i) === '[Experiment Details]',
    );
    if (title !== NANOSIGHT_TITLE && !hasDetails) {
      const shown = firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine;
      throw new FormatError(
        'not-this-format',
        `not a NanoSight NTA experiment summary: the first line is "${shown}", not "${NANOSIGHT_TITLE}", and there is no [Experiment Details] section`,
        { file: src.file, line: 1, byteOffset: 0 },
      );
    }
  }

  private findSections(): void {
    const src = this.src;
    let current: Section | null = null;
    for (let i = 0; i < src.lineCount; i++) {
      // Only a line with a "[" can open a section: skip the rest without splitting them into cells.
      if (!(src.text.lines[i] as string).includes('[')) continue;
      const m = SECTION.exec(src.first(i));
      if (!m) continue;
      if (current) current.end = i;
      const name = (m[1] as string).trim();
      current = { name, header: i, start: i + 1, end: src.lineCount };
      if (this.sections.has(name))
        this.notes.push(`section [${name}] appears again at line ${i + 1}; the first one is used`);
      else this.sections.set(name, current);
    }
  }

  private experimentDetails(): { values: Record<string, string>; fileNames: string[] } {
    const src = this.src;
    const values: Record<string, string> = {};
    let fileNames: string[] = [];
    const section = this.sections.get('Experiment Details');
    if (section) {
      for (let i = section.start; i < section.end; i++) {
        const cells = src.rowAt(i) as string[];
        const key = src.first(i);
        if (key === '' || key === 'Filename:') continue;
        // NTA does not quote: a comma inside a value splits it, so rejoin the value cells.
        values[key] = trimTrailingEmpty(cells.slice(1)).join(',');
        this.keep('Experiment Details', key, cells.slice(1));
      }
    }
    for (let i = 0; i < src.lineCount; i++) {
      if (src.first(i) === 'Filename:') {
        fileNames = trimTrailingEmpty((src.rowAt(i) as string[]).slice(1));
        break;
      }
    }
    return { values, fileNames };
  }

  /** A per-video table section: key, n values, and Average / Standard Error where the header names them. */
  private table(name: string, n: number): NanoSightTableRow[] | null {
    const section = this.sections.get(name);
    if (!section) return null;
    const src = this.src;
    const headerCells = (src.rowAt(section.header) as string[]).map((c) => c.trim());
    const avgCol = headerCells.indexOf('Average');
    const seCol = headerCells.indexOf('Standard Error');
    const rows: NanoSightTableRow[] = [];
    for (let i = section.start; i < section.end; i++) {
      const key = src.first(i);
      if (key === '') continue;
      const cells = src.rowAt(i) as string[];
      const perVideo: (string | null)[] = [];
      for (let v = 1; v <= n; v++) perVideo.push(textOrNull(cells[v]));
      rows.push({
        key,
        line: i + 1,
        perVideo,
        average: avgCol > 0 ? textOrNull(cells[avgCol]) : null,
        standardError: seCol > 0 ? textOrNull(cells[seCol]) : null,
      });
      this.keep(name, key, cells.slice(1));
    }
    return rows;
  }

  private numbers(
    row: NanoSightTableRow | undefined,
    what: string,
    orNotRecorded = false,
  ): (number | null)[] {
    if (!row) return [];
    const index = row.line - 1;
    return row.perVideo.map((_, v) =>
      orNotRecorded
        ? this.src.numberOrNotRecorded(index, v + 1, `${what}, video ${v + 1}`)
        : this.src.number(index, v + 1, `${what}, video ${v + 1}`),
    );
  }

  private averaged(row: NanoSightTableRow | undefined, what: string): NtaAveraged {
    if (!row) return { value: null, standardError: null };
    const src = this.src;
    const index = row.line - 1;
    const header = (src.rowAt(this.sectionOf(index)?.header ?? 0) as string[]).map((c) => c.trim());
    const avgCol = header.indexOf('Average');
    const seCol = header.indexOf('Standard Error');
    return {
      value: avgCol > 0 ? src.number(index, avgCol, `${what}, Average`) : null,
      standardError: seCol > 0 ? src.number(index, seCol, `${what}, Standard Error`) : null,
    };
  }

  private sectionOf(index: number): Section | undefined {
    for (const s of this.sections.values()) if (index >= s.start && index < s.end) return s;
    return undefined;
  }

  private conditions(rows: NanoSightTableRow[], n: number): NanoSightConditions {
    const find = (prefix: string) => rows.find((r) => r.key.toLowerCase().startsWith(prefix));
    const nums = (prefix: string, what: string) => {
      const values = this.numbers(find(prefix), what);
      return values.length ? values : new Array<number | null>(n).fill(null);
    };
    return {
      sliderShutter: nums('slider shutter', 'Slider Shutter'),
      sliderGain: nums('slider gain', 'Slider Gain'),
      histogramUpperLimit: nums('camera histogram upper', 'Camera Histogram Upper Limit'),
      histogramLowerLimit: nums('camera histogram lower', 'Camera Histogram Lower Limit'),
      syringePumpSpeedAU: nums('syringe pump', 'Syringe Pump Speed'),
      rows,
    };
  }

  private settings(rows: NanoSightTableRow[], n: number): NanoSightSettings {
    const find = (prefix: string) => rows.find((r) => r.key.toLowerCase().startsWith(prefix));
    const nums = (prefix: string, what: string) => {
      const values = this.numbers(find(prefix), what);
      return values.length ? values : new Array<number | null>(n).fill(null);
    };
    const texts = (prefix: string) =>
      find(prefix)?.perVideo.slice() ?? new Array<string | null>(n).fill(null);
    return {
      detectionThreshold: nums('detection threshold', 'Detection Threshold'),
      maxJumpMode: texts('max jump mode'),
      maxJumpDistance: nums('max jump distance', 'Max Jump Distance'),
      blur: texts('blur'),
      minTrackLength: texts('min track length'),
      firstFrame: nums('first frame', 'First frame'),
      totalFramesAnalysed: nums('total frames', 'Total frames analysed'),
      rows,
    };
  }

  private videos(
    names: string[],
    conditionRows: NanoSightTableRow[],
    resultRows: NanoSightTableRow[],
    number: NanoSightDistributionBlock,
  ): NtaVideo[] {
    const c = (prefix: string) => conditionRows.find((r) => r.key.toLowerCase().startsWith(prefix));
    const r = (prefix: string) => resultRows.find((row) => row.key.toLowerCase().startsWith(prefix));
    const temperature = this.numbers(c('temperature'), 'Temperature/C');
    const viscosity = this.numbers(c('viscosity'), 'Viscosity/cP');
    const cameraLevel = this.numbers(c('camera level'), 'Camera Level');
    const shutter = this.numbers(c('shutter/ms'), 'Shutter/ms');
    const frameRate = this.numbers(c('frame rate'), 'Frame rate/fps');
    const cameraType = c('camera type')?.perVideo ?? [];
    const laserType = c('laser type')?.perVideo ?? [];
    const dilution = this.numbers(r('dilution factor'), 'Dilution factor', true);
    const concentration = this.numbers(r('concentration (particles'), 'Concentration (Particles / ml)');
    const ppf = this.numbers(r('particles per frame'), 'Particles per frame');
    const cpf = this.numbers(r('centres per frame'), 'Centres per frame');
    const completed = this.numbers(r('completed tracks'), 'Completed tracks');
    const driftX = this.numbers(r('x-drift'), 'X-Drift');
    const driftY = this.numbers(r('y-drift'), 'Y-Drift');
    return names.map((name, v) => ({
      name,
      conditions: {
        temperatureC: temperature[v] ?? null,
        viscosityCP: viscosity[v] ?? null,
        cameraType: cameraType[v] ?? null,
        laserType: laserType[v] ?? null,
        cameraLevel: cameraLevel[v] ?? null,
        shutterMs: shutter[v] ?? null,
        frameRateFps: frameRate[v] ?? null,
      },
      results: {
        dilutionFactor: dilution[v] ?? null,
        concentrationPerMl: concentration[v] ?? null,
        particlesPerFrame: ppf[v] ?? null,
        centresPerFrame: cpf[v] ?? null,
        completedTracks: completed[v] ?? null,
        validTracks: number.validTracks[v] ?? null,
        driftXPixPerFrame: driftX[v] ?? null,
        driftYPixPerFrame: driftY[v] ?? null,
      },
    }));
  }

  private averages(resultRows: NanoSightTableRow[]): NanoSightExperimentSummary['average'] {
    const r = (prefix: string) => resultRows.find((row) => row.key.toLowerCase().startsWith(prefix));
    return {
      concentrationPerMl: this.averaged(r('concentration (particles'), 'Concentration (Particles / ml)'),
      particlesPerFrame: this.averaged(r('particles per frame'), 'Particles per frame'),
      centresPerFrame: this.averaged(r('centres per frame'), 'Centres per frame'),
    };
  }

  private exclusionRegions(): NanoSightExperimentSummary['exclusionRegions'] {
    const section = this.sections.get('Exclusion Regions');
    if (!section) return null;
    const rows: string[][] = [];
    for (let i = section.start; i < section.end; i++) {
      if (this.src.isBlank(i)) continue;
      rows.push(trimTrailingEmpty(this.src.rowAt(i) as string[]));
    }
    const used = !rows.every((row) => /^no exclusion regions/i.test(row[0] ?? ''));
    return { used: used && rows.length > 0, rows };
  }

  private dataIncluded(): string[] | null {
    const section = this.sections.get('Data Included');
    if (!section) return null;
    const list: string[] = [];
    for (let i = section.start; i < section.end; i++) {
      const cells = trimTrailingEmpty(this.src.rowAt(i) as string[]);
      if (cells.length) list.push(cells.join(','));
    }
    return list;
  }

  private checkDataIncluded(
    included: string[] | null,
    size: NanoSightDistributionSection,
    diffusion: NanoSightDistributionSection | null,
  ): void {
    for (const item of included ?? []) {
      const m = /^(Size|Diffusion) distribution - (Number|Surface area|Volume) weighting/i.exec(item);
      if (!m) continue;
      const section = (m[1] as string).toLowerCase() === 'size' ? size : diffusion;
      const w = weightingOf(m[2] as string);
      const block =
        section &&
        (w === 'number' ? section.number : w === 'surface-area' ? section.surfaceArea : section.volume);
      if (!block) this.notes.push(`[Data Included] lists "${item}" but the file has no such block`);
      else if (/with percentiles/i.test(item) && !block.percentiles) {
        this.notes.push(`[Data Included] lists "${item}" but the block has no percentile table`);
      }
    }
  }

  private distributionSection(name: string): NanoSightDistributionSection | null {
    const section = this.sections.get(name);
    if (!section) return null;
    const src = this.src;
    const out: NanoSightDistributionSection = {
      line: section.header + 1,
      analysisMethod: null,
      number: null,
      surfaceArea: null,
      volume: null,
    };
    let block: NanoSightDistributionBlock | null = null;
    let avgCol = -1;
    let seCol = -1;
    let i = section.start;
    while (i < section.end) {
      const key = src.first(i);
      const cells = src.rowAt(i) as string[];
      if (key === '') {
        i++;
        continue;
      }
      if (key === 'Analysis Method') {
        out.analysisMethod = textOrNull(cells[1]);
        this.keep(name, key, cells.slice(1));
      } else if (key === 'Weighting') {
        const label = (cells[1] ?? '').trim();
        const weighting = weightingOf(label);
        if (weighting === null) {
          this.notes.push(`${name}: unknown weighting "${label}" at line ${i + 1} is ignored`);
          block = null;
        } else {
          block = {
            weighting,
            weightingLabel: label,
            line: i + 1,
            fileNames: [],
            statistics: { perVideo: [], average: null, standardError: null },
            validTracks: [],
            binHeader: [],
            binUnit: '',
            binCenters: [],
            perVideo: [],
            average: null,
            standardError: null,
            percentiles: null,
          };
          const slot =
            weighting === 'number' ? 'number' : weighting === 'surface-area' ? 'surfaceArea' : 'volume';
          if (out[slot]) this.notes.push(`${name}: a second ${label} block at line ${i + 1} is ignored`);
          else out[slot] = block;
        }
        avgCol = -1;
        seCol = -1;
      } else if (!block) {
        this.keep(name, key, cells.slice(1));
      } else if (key === 'Filename') {
        const trimmed = cells.map((c) => c.trim());
        avgCol = trimmed.indexOf('Average');
        seCol = trimmed.indexOf('Standard Error');
        const end = [avgCol, seCol].filter((c) => c > 0);
        block.fileNames = trimTrailingEmpty(cells.slice(1, end.length ? Math.min(...end) : cells.length));
        this.keep(name, `${block.weightingLabel}/${key}`, cells.slice(1));
      } else if (key in STAT_KEYS) {
        const stat = STAT_KEYS[key] as keyof NanoSightStats;
        const nv = block.fileNames.length;
        const what = `${name} ${block.weightingLabel} ${key}`;
        for (let v = 0; v < nv; v++) {
          block.statistics.perVideo[v] ??= emptyStats();
          (block.statistics.perVideo[v] as NanoSightStats)[stat] = src.number(
            i,
            v + 1,
            `${what}, video ${v + 1}`,
          );
        }
        if (avgCol > 0) {
          block.statistics.average ??= emptyStats();
          block.statistics.average[stat] = src.number(i, avgCol, `${what}, Average`);
        }
        if (seCol > 0) {
          block.statistics.standardError ??= emptyStats();
          block.statistics.standardError[stat] = src.number(i, seCol, `${what}, Standard Error`);
        }
        this.keep(name, `${block.weightingLabel}/${key}`, cells.slice(1));
      } else if (key === 'Valid Tracks') {
        const nv = block.fileNames.length || trimTrailingEmpty(cells).length - 1;
        block.validTracks = [];
        for (let v = 0; v < nv; v++)
          block.validTracks.push(src.number(i, v + 1, `${name} ${block.weightingLabel} Valid Tracks`));
        this.keep(name, `${block.weightingLabel}/${key}`, cells.slice(1));
      } else if (key === 'Graph Data') {
        i = this.graphData(block, i + 1, section, name);
        continue;
      } else if (key === 'Percentile') {
        i = this.percentiles(block, i, section, name);
        continue;
      } else {
        this.keep(name, `${block.weightingLabel}/${key}`, cells.slice(1));
      }
      i++;
    }
    if (out.number && out.number.binCenters.length === 0) out.number = null;
    return out;
  }

  /** Reads a Graph Data table starting at its header line; returns the index after it. */
  private graphData(
    block: NanoSightDistributionBlock,
    start: number,
    section: Section,
    name: string,
  ): number {
    const src = this.src;
    if (start >= section.end) {
      if (start >= src.lineCount)
        throw this.truncated(src.lineCount - 1, `${name} ${block.weightingLabel} Graph Data`);
      throw src.error(
        'malformed-row',
        `${name} ${block.weightingLabel}: Graph Data has no "Bin centre" header`,
        start,
      );
    }
    const header = src.rowAt(start) as string[];
    if (!/^bin centre/i.test(src.first(start))) {
      if (this.isLastLineCut(start))
        throw this.truncated(start, `${name} ${block.weightingLabel} Graph Data`);
      throw src.error(
        'malformed-row',
        `${name} ${block.weightingLabel}: expected the "Bin centre (…)" header after Graph Data, found "${src.first(start)}"`,
        start,
      );
    }
    const trimmed = header.map((c) => c.trim());
    const used = trimTrailingEmpty(trimmed).length;
    const avgCol = trimmed.findIndex((c, k) => k > 0 && /average/i.test(c));
    const seCol = trimmed.findIndex((c, k) => k > 0 && /standard error/i.test(c));
    const firstSummary = [avgCol, seCol].filter((c) => c > 0);
    const videoEnd = firstSummary.length ? Math.min(...firstSummary) : used;
    const nv = videoEnd - 1;
    if (block.fileNames.length && nv !== block.fileNames.length) {
      throw src.error(
        'inconsistent-columns',
        `${name} ${block.weightingLabel}: the Filename row names ${block.fileNames.length} videos but Graph Data has ${nv} video columns`,
        start,
      );
    }
    const need = Math.max(videoEnd, avgCol + 1, seCol + 1);
    block.binHeader = trimTrailingEmpty(header);
    block.binUnit = /\(([^)]*)\)/.exec(trimmed[0] as string)?.[1]?.replace(/M-2/g, '²') ?? '';
    const centers: number[] = [];
    const perVideo: number[][] = Array.from({ length: nv }, () => []);
    const average: number[] | null = avgCol > 0 ? [] : null;
    const standardError: number[] | null = seCol > 0 ? [] : null;
    const what = `${name} ${block.weightingLabel} Graph Data`;
    let i = start + 1;
    let terminated = false;
    const plain: number[] = new Array<number>(need).fill(0);
    for (; i < section.end; i++) {
      // Fast path: a complete row of numbers, the common case (thousands of 1 nm bins per file).
      if (src.plainNumbers(i, need, plain) && !this.isLastLineCut(i)) {
        centers.push(plain[0] as number);
        for (let v = 0; v < nv; v++) (perVideo[v] as number[]).push(plain[v + 1] as number);
        if (average) average.push(plain[avgCol] as number);
        if (standardError) standardError.push(plain[seCol] as number);
        continue;
      }
      const cells = src.rowAt(i) as string[];
      const first = (cells[0] as string).trim();
      if (first === '') {
        if (src.isBlank(i)) {
          terminated = true;
          break;
        }
      }
      const centre = parseNumber(first);
      if (centre === null || centre === undefined) {
        if (this.isLastLineCut(i)) throw this.truncated(i, what);
        if (first === '') throw src.error('malformed-number', `${what}: empty bin centre (column 1)`, i, 0);
        terminated = true; // the next structure follows without a blank line
        break;
      }
      if (this.isLastLineCut(i)) throw this.truncated(i, what);
      if (cells.length < need) {
        if (i === src.lineCount - 1) throw this.truncated(i, what);
        throw src.error(
          'inconsistent-columns',
          `${what}: expected ${need} columns (bin centre, ${nv} videos${avgCol > 0 ? ', average' : ''}${seCol > 0 ? ', standard error' : ''}), found ${cells.length}`,
          i,
        );
      }
      centers.push(centre);
      for (let v = 0; v < nv; v++) {
        const value = src.videoNumber(i, v + 1, what, v + 1);
        if (value === null)
          throw src.error(
            'malformed-number',
            `${what}: empty value for video ${v + 1} (column ${v + 2})`,
            i,
            v + 1,
          );
        (perVideo[v] as number[]).push(value);
      }
      if (average) average.push(src.number(i, avgCol, `${what}, average`) ?? 0);
      if (standardError) standardError.push(src.number(i, seCol, `${what}, standard error`) ?? 0);
    }
    if (!terminated && i >= src.lineCount) {
      // Ran into the end of the file. Complete only if it ends with a newline and matches an earlier table.
      const complete = src.text.endsWithNewline && this.completeBinCounts.includes(centers.length);
      if (!complete) throw this.truncated(src.lineCount - 1, what);
    }
    if (centers.length === 0) throw src.error('missing-section', `${what}: the table has no bins`, start);
    this.completeBinCounts.push(centers.length);
    block.binCenters = centers;
    block.perVideo = perVideo;
    block.average = average;
    block.standardError = standardError;
    if (block.validTracks.length === 0) block.validTracks = new Array<number | null>(nv).fill(null);
    for (let v = block.statistics.perVideo.length; v < nv; v++) block.statistics.perVideo.push(emptyStats());
    return i;
  }

  /** Reads a percentile table starting at its `Percentile,...` header; returns the index after it. */
  private percentiles(
    block: NanoSightDistributionBlock,
    start: number,
    section: Section,
    name: string,
  ): number {
    const src = this.src;
    const header = trimTrailingEmpty(src.rowAt(start) as string[]);
    const nv = header.length - 1;
    const table: NanoSightPercentileTable = {
      header,
      percent: [],
      perVideo: Array.from({ length: nv }, () => []),
    };
    const what = `${name} ${block.weightingLabel} percentiles`;
    let i = start + 1;
    for (; i < section.end; i++) {
      const first = src.first(i);
      const percent = parseNumber(first);
      if (percent === null || percent === undefined) break;
      if (this.isLastLineCut(i)) throw this.truncated(i, what);
      const cells = src.rowAt(i) as string[];
      if (cells.length < nv + 1) {
        if (i === src.lineCount - 1) throw this.truncated(i, what);
        throw src.error(
          'inconsistent-columns',
          `${what}: expected ${nv + 1} columns, found ${cells.length}`,
          i,
        );
      }
      table.percent.push(percent);
      for (let v = 0; v < nv; v++)
        (table.perVideo[v] as (number | null)[]).push(src.number(i, v + 1, `${what}, video ${v + 1}`));
    }
    const last = table.percent[table.percent.length - 1];
    if (i >= src.lineCount && (last === undefined || last < 100))
      throw this.truncated(src.lineCount - 1, what);
    block.percentiles = table;
    return i;
  }
}

/**
 * Reads a NanoSight NTA 3.x experiment summary export. Throws FormatError for anything it cannot read:
 * empty-file, binary-content, unsupported-encoding (UTF-16/32), not-this-format (including semicolon- or
 * tab-separated spreadsheet re-saves), missing-section (no number-weighted Size Data), truncated,
 * malformed-number, malformed-row, inconsistent-columns, too-large.
 */
export function readNanoSightExperimentSummary(
  bytes: Uint8Array,
  fileName: string,
): NanoSightExperimentSummary {
  const decoded = decodeExportBytes(bytes, fileName);
  const source = new Source(fileName, decoded, splitLines(decoded.text));
  for (const [i, line] of source.text.lines.entries())
    if (line.length > MAX_LINE_CHARS)
      throw source.error(
        'too-large',
        `line of ${line.length} characters (longest read: ${MAX_LINE_CHARS})`,
        i,
      );
  return new Reader(source).read();
}

/**
 * True when the bytes look like a NanoSight experiment summary (for choosing a reader on upload). Also true
 * for UTF-16 or re-saved copies, so that the reader can explain what is wrong with them.
 */
export function sniffNanoSight(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let text: string;
  if (head[0] === 0xff && head[1] === 0xfe) text = new TextDecoder('utf-16le').decode(head);
  else if (head[0] === 0xfe && head[1] === 0xff) text = new TextDecoder('utf-16be').decode(head);
  else text = new TextDecoder('latin1').decode(head).replace(/\0/g, '');
  text = text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').replace(/^"/, '');
  return text.startsWith(NANOSIGHT_TITLE) || /^\[Experiment Details\]/m.test(text);
}
