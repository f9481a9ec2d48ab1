/**
 * Writes an NTA record in NanoSight NTA 3.x `ExperimentSummary.csv` layout (ISO-8859-1, LF line ends,
 * trailing commas and blank-row patterns as NTA 3.3 writes them), so that readNanoSightExperimentSummary
 * reads it back. A NanoSightExperimentSummary is written with its own NanoSight-only sections (settings,
 * exclusion regions, percentile tables, diffusion data); a plain neutral record (e.g. a synthetic sample)
 * gets NTA's defaults, percentile tables computed from its bins, and Diffusion Coefficient Data projected
 * from the size bins through Stokes–Einstein.
 *
 * Number formats follow NTA 3.3: temperature %.3f, viscosity/shutter/frame rate %.6f, concentrations %.2e,
 * per-frame counts and drift %.1f, statistics and percentiles %.1f, bins as integers.
 */

import type {
  NtaRecord,
  NtaSizeDistribution,
  NtaStatusRow,
  NtaWeighting,
} from '../../science/nta/nta-record.ts';
import type { NtaSizeStats } from '../../science/nta/nta-report.ts';
import {
  averageSizeStats,
  distributionPercentiles,
  meanAndStandardError,
  roundSizeStats,
  sizeDistributionStats,
} from '../../science/nta/size-distribution-stats.ts';
import { waterViscosityCP } from '../../science/nta/stokes-einstein.ts';
import { sizeToDiffusionDistribution } from '../../science/nta/weighted-distributions.ts';
import {
  isNanoSightExperimentSummary,
  type NanoSightDistributionBlock,
  type NanoSightDistributionSection,
  type NanoSightExperimentSummary,
  type NanoSightStats,
  type NanoSightTableRow,
} from './nanosight-experiment-summary.ts';
import { NANOSIGHT_TITLE } from './read-experiment-summary.ts';

/** NTA 3.3 diffusion axis: 1000 bins of 4 × 1e4 nm²/s, centres 2 … 3998 (reference exports). */
const DIFFUSION_BIN_CENTERS = Array.from({ length: 1000 }, (_, i) => 2 + 4 * i);
/** Temperature assumed when a video has none, °C (NTA's default room temperature setting). */
const DEFAULT_TEMPERATURE_C = 25;

// ---------- number and text formatting ----------

function fixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (Object.is(value, -0)) return `-${(0).toFixed(digits)}`;
  return value.toFixed(digits);
}

/** C's %.2e: two exponent digits at least ("2.08e+08"). */
function exp2(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return value.toExponential(2).replace(/e([+-])(\d)$/, 'e$10$2');
}

function integer(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const r = Math.round(value);
  return Math.abs(r) < 1e21 ? String(r) : BigInt(r).toString();
}

/** A bin value: integers as NTA writes them; non-integers (other sources) unrounded. */
function binValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return Number.isInteger(value) ? integer(value) : String(value);
}

/** Bin centres with one decimal ("0.5", "2.0"), or in full when one decimal would lose precision. */
function centre(value: number): string {
  const f = value.toFixed(1);
  return Number(f) === value ? f : String(value);
}

function plain(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/** NTA never quotes; evlab quotes (RFC 4180) only a text that would otherwise break the row. */
function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function row(cells: readonly string[]): string {
  return `${cells.join(',')},`;
}

function commas(count: number): string {
  return ','.repeat(count);
}

/** "2021-04-01T15:42:48" → "15:42:48  01/04/2021" (NTA's Time Captured, dd/mm/yyyy). */
function timeCaptured(iso: string | null): string {
  if (iso === null) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[4]}:${m[5]}:${m[6]}  ${m[3]}/${m[2]}/${m[1]}` : iso;
}

function encodeLatin1(content: string): Uint8Array {
  const out = new Uint8Array(content.length);
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    out[i] = c <= 0xff ? c : 0x3f; // '?' for characters ISO-8859-1 cannot hold
  }
  return out;
}

// ---------- sections ----------

const WEIGHTING_LABEL: Record<NtaWeighting, string> = {
  number: 'Number',
  'surface-area': 'Surface Area',
  volume: 'Volume',
};
const VALUE_LABEL: Record<NtaWeighting, [string, string]> = {
  number: ['Concentration (particles / ml)', 'Concentration average'],
  'surface-area': ['Surface area conc. (nm² / ml)', 'Surface area average'],
  volume: ['Volume conc. (nm³ / ml)', 'Volume average'],
};
const STAT_ROWS: [string, keyof NtaSizeStats, keyof NanoSightStats][] = [
  ['Mean', 'meanNm', 'mean'],
  ['Mode', 'modeNm', 'mode'],
  ['SD', 'sdNm', 'sd'],
  ['D10', 'd10Nm', 'd10'],
  ['D50', 'd50Nm', 'd50'],
  ['D90', 'd90Nm', 'd90'],
];

/** One block as written: everything needed for `Weighting,...` through the percentile table. */
interface BlockOut {
  weighting: NtaWeighting;
  label: string;
  stats: { perVideo: NanoSightStats[]; average: NanoSightStats | null; standardError: NanoSightStats | null };
  validTracks: (number | null)[];
  binHeader: string[];
  binCenters: readonly number[];
  perVideo: readonly (readonly number[])[];
  average: readonly number[];
  standardError: readonly number[];
  percentiles: { header: string[]; percent: number[]; perVideo: (number | null)[][] } | null;
}

function fromSizeStats(s: NtaSizeStats): NanoSightStats {
  return { mean: s.meanNm, mode: s.modeNm, sd: s.sdNm, d10: s.d10Nm, d50: s.d50Nm, d90: s.d90Nm };
}

function binAverages(
  perVideo: readonly (readonly number[])[],
  bins: number,
): { average: number[]; standardError: number[] } {
  const average = new Array<number>(bins);
  const standardError = new Array<number>(bins);
  const column = new Array<number>(perVideo.length);
  for (let b = 0; b < bins; b++) {
    for (let v = 0; v < perVideo.length; v++) column[v] = perVideo[v]?.[b] ?? 0;
    const { mean, standardError: se } = meanAndStandardError(column);
    average[b] = Math.round(mean);
    standardError[b] = Math.round(se);
  }
  return { average, standardError };
}

const PERCENTS = Array.from({ length: 101 }, (_, i) => i);

function computedPercentiles(
  centers: readonly number[],
  perVideo: readonly (readonly number[])[],
  label: string,
): BlockOut['percentiles'] {
  return {
    header: ['Percentile', ...perVideo.map(() => label)],
    percent: PERCENTS,
    perVideo: perVideo.map((w) =>
      distributionPercentiles(
        centers,
        w,
        PERCENTS.map((p) => p / 100),
      ).map((x) => (x === null ? null : Math.round(x * 10) / 10)),
    ),
  };
}

function sizeBlock(dist: NtaSizeDistribution, existing: NanoSightDistributionBlock | null): BlockOut {
  const n = dist.perVideo.length;
  const [valueLabel, averageLabel] = VALUE_LABEL[dist.weighting];
  const computed =
    dist.average === null || dist.standardError === null
      ? binAverages(dist.perVideo, dist.binCentersNm.length)
      : null;
  return {
    weighting: dist.weighting,
    label: existing?.weightingLabel ?? WEIGHTING_LABEL[dist.weighting],
    stats: {
      perVideo: dist.reported.perVideo.map(fromSizeStats),
      average: dist.reported.average && fromSizeStats(dist.reported.average),
      standardError: dist.reported.standardError && fromSizeStats(dist.reported.standardError),
    },
    validTracks: dist.validTracks,
    binHeader: existing?.binHeader ?? [
      'Bin centre (nm)',
      ...Array.from({ length: n }, () => valueLabel),
      averageLabel,
      'Standard Error',
    ],
    binCenters: dist.binCentersNm,
    perVideo: dist.perVideo,
    average: dist.average ?? computed?.average ?? [],
    standardError: dist.standardError ?? computed?.standardError ?? [],
    percentiles: existing
      ? existing.percentiles
      : computedPercentiles(dist.binCentersNm, dist.perVideo, 'Size (nm)'),
  };
}

function existingBlock(block: NanoSightDistributionBlock): BlockOut {
  return {
    weighting: block.weighting,
    label: block.weightingLabel,
    stats: block.statistics,
    validTracks: block.validTracks,
    binHeader: block.binHeader,
    binCenters: block.binCenters,
    perVideo: block.perVideo,
    average: block.average ?? binAverages(block.perVideo, block.binCenters.length).average,
    standardError: block.standardError ?? binAverages(block.perVideo, block.binCenters.length).standardError,
    percentiles: block.percentiles,
  };
}

/** Diffusion blocks projected from the size distributions (for records without their own). */
function derivedDiffusionBlocks(record: NtaRecord): BlockOut[] {
  const blocks: BlockOut[] = [];
  const dists = [
    record.sizeDistributions.number,
    record.sizeDistributions.surfaceArea,
    record.sizeDistributions.volume,
  ];
  for (const dist of dists) {
    if (!dist) continue;
    const perVideo = dist.perVideo.map((weights, v) => {
      const conditions = record.videos[v]?.conditions;
      const t = conditions?.temperatureC ?? DEFAULT_TEMPERATURE_C;
      const eta = conditions?.viscosityCP ?? waterViscosityCP(t);
      return sizeToDiffusionDistribution(dist.binCentersNm, weights, t, eta, DIFFUSION_BIN_CENTERS).map((x) =>
        Math.round(x),
      );
    });
    const stats = perVideo.map((w) => roundSizeStats(sizeDistributionStats(DIFFUSION_BIN_CENTERS, w)));
    const averaged = averageSizeStats(stats);
    const { average, standardError } = binAverages(perVideo, DIFFUSION_BIN_CENTERS.length);
    const [valueLabel, averageLabel] = VALUE_LABEL[dist.weighting];
    blocks.push({
      weighting: dist.weighting,
      label: WEIGHTING_LABEL[dist.weighting],
      stats: {
        perVideo: stats.map(fromSizeStats),
        average: fromSizeStats(averaged.average),
        standardError: fromSizeStats(averaged.standardError),
      },
      validTracks: dist.validTracks,
      binHeader: ['Bin centre (E4 nm²/s)', ...perVideo.map(() => valueLabel), averageLabel, 'Standard Error'],
      binCenters: DIFFUSION_BIN_CENTERS,
      perVideo,
      average,
      standardError,
      percentiles: computedPercentiles(DIFFUSION_BIN_CENTERS, perVideo, 'Diffusion Coefficient (E4 nm²/s)'),
    });
  }
  return blocks;
}

function sectionBlocks(section: NanoSightDistributionSection): NanoSightDistributionBlock[] {
  return [section.number, section.surfaceArea, section.volume].filter(
    (b): b is NanoSightDistributionBlock => b !== null,
  );
}

function writeBlock(out: string[], block: BlockOut, names: readonly string[], blank: string): void {
  const n = names.length;
  out.push(row(['Weighting', block.label]));
  out.push(row(['Filename', ...names.map(text), 'Average', 'Standard Error']));
  for (const [label, , key] of STAT_ROWS) {
    const values = Array.from({ length: n }, (_, v) => fixed(block.stats.perVideo[v]?.[key], 1));
    out.push(
      row([
        label,
        ...values,
        fixed(block.stats.average?.[key], 1),
        fixed(block.stats.standardError?.[key], 1),
      ]),
    );
  }
  out.push(
    row(['Valid Tracks', ...Array.from({ length: n }, (_, v) => fixed(block.validTracks[v], 1)), '', '']),
  );
  out.push(row(['Graph Data']));
  out.push(row(block.binHeader.map(text)));
  const bins = block.binCenters.length;
  const cells = new Array<string>(n + 3);
  for (let b = 0; b < bins; b++) {
    cells[0] = centre(block.binCenters[b] as number);
    for (let v = 0; v < n; v++) cells[v + 1] = binValue(block.perVideo[v]?.[b]);
    cells[n + 1] = binValue(block.average[b]);
    cells[n + 2] = binValue(block.standardError[b]);
    out.push(row(cells));
  }
  out.push('');
  if (block.percentiles) {
    const p = block.percentiles;
    out.push(row(p.header.map(text)));
    for (let r = 0; r < p.percent.length; r++) {
      out.push(row([plain(p.percent[r]), ...p.perVideo.map((col) => fixed(col[r], 1))]));
    }
  }
  out.push(blank);
}

/** Per-video table rows: known keys from the neutral record, others as the summary had them. */
function tableRows(
  keys: readonly string[],
  known: Record<string, { values: string[]; average?: string; standardError?: string }>,
  existing: readonly NanoSightTableRow[] | null,
  n: number,
  withSummaryColumns: boolean,
): string[] {
  const lines: string[] = [];
  const order = existing ? existing.map((r) => r.key) : keys;
  for (const key of order) {
    const k = known[key];
    const raw = existing?.find((r) => r.key === key);
    const values = k ? k.values : Array.from({ length: n }, (_, v) => text(raw?.perVideo[v]));
    const cells = [text(key), ...values];
    if (withSummaryColumns)
      cells.push(k?.average ?? text(raw?.average), k?.standardError ?? text(raw?.standardError));
    lines.push(row(cells));
  }
  return lines;
}

function statusSection(out: string[], group: string, rows: NtaStatusRow[], n: number): void {
  out.push(`[${group}]`);
  for (const r of rows)
    out.push(row([text(r.item), ...Array.from({ length: n }, (_, v) => text(r.perVideo[v]))]));
  out.push('');
}

/** The export's bytes (ISO-8859-1). */
export function writeNanoSightExperimentSummary(record: NtaRecord | NanoSightExperimentSummary): Uint8Array {
  const summary = isNanoSightExperimentSummary(record) ? record : null;
  const videos = record.videos;
  const n = videos.length;
  const names = videos.map((v) => v.name);
  const perVideo = <T>(f: (v: (typeof videos)[number], i: number) => T): T[] => videos.map(f);
  const blankN1 = commas(n + 1);
  const out: string[] = [];

  // Header and [Experiment Details]
  const s = record.sample;
  out.push(row([NANOSIGHT_TITLE]));
  out.push(row([`Created with ${summary?.header.createdWith ?? s.software ?? 'evlab'}`]));
  out.push(',');
  out.push('[Experiment Details],,');
  const capturedRaw =
    summary?.timeCapturedRaw && summary.sample.capturedAt === s.capturedAt && s.capturedAt !== null
      ? summary.timeCapturedRaw
      : timeCaptured(s.capturedAt);
  const details: [string, string][] = [
    ['Software Version', text(s.software)],
    ['Experiment Name', text(s.experimentName)],
    ['Operator Name', text(s.operator)],
    ['Time Captured', text(capturedRaw)],
    ['Sample Description', text(s.sampleDescription)],
    ['Pre-treatment', text(s.pretreatment)],
    ['Diluent', text(s.diluent)],
    ['Remarks', text(s.remarks)],
  ];
  const known = new Map(details);
  const detailKeys = summary ? Object.keys(summary.experimentDetails) : details.map(([k]) => k);
  for (const key of detailKeys) {
    out.push(row([text(key), known.get(key) ?? text(summary?.experimentDetails[key])]));
  }
  out.push(',,');
  out.push(commas(n));
  out.push(row(['Filename:', ...names.map(text)]));
  out.push(blankN1);

  // [Conditions]. NanoSight-only rows of a plain record get the values of the reference exports
  // (../shared/reference/nanosight/20210401: slider shutter 1300, gain 512, histogram 0–2470, pump 50).
  const c = summary?.conditions;
  out.push(`[Conditions]${blankN1}`);
  out.push(
    ...tableRows(
      [
        'Temperature/C',
        'Viscosity/cP',
        'Camera Type',
        'Laser Type',
        'Camera Level',
        'Slider Shutter',
        'Slider Gain',
        'Shutter/ms',
        'Camera Histogram Upper Limit',
        'Camera Histogram Lower Limit',
        'Frame rate/fps',
        'Syringe Pump Speed/AU',
      ],
      {
        'Temperature/C': { values: perVideo((v) => fixed(v.conditions.temperatureC, 3)) },
        'Viscosity/cP': { values: perVideo((v) => fixed(v.conditions.viscosityCP, 6)) },
        'Camera Type': { values: perVideo((v) => text(v.conditions.cameraType)) },
        'Laser Type': { values: perVideo((v) => text(v.conditions.laserType)) },
        'Camera Level': { values: perVideo((v) => plain(v.conditions.cameraLevel)) },
        'Slider Shutter': { values: perVideo((_, i) => plain(c ? c.sliderShutter[i] : 1300)) },
        'Slider Gain': { values: perVideo((_, i) => plain(c ? c.sliderGain[i] : 512)) },
        'Shutter/ms': { values: perVideo((v) => fixed(v.conditions.shutterMs, 6)) },
        'Camera Histogram Upper Limit': {
          values: perVideo((_, i) => plain(c ? c.histogramUpperLimit[i] : 2470)),
        },
        'Camera Histogram Lower Limit': {
          values: perVideo((_, i) => plain(c ? c.histogramLowerLimit[i] : 0)),
        },
        'Frame rate/fps': { values: perVideo((v) => fixed(v.conditions.frameRateFps, 6)) },
        'Syringe Pump Speed/AU': { values: perVideo((_, i) => plain(c ? c.syringePumpSpeedAU[i] : 50)) },
      },
      c?.rows ?? null,
      n,
      false,
    ),
  );
  out.push(blankN1);

  // [Settings]: NanoSight-only; a plain record gets the reference exports' automatic settings (detection
  // threshold 5, Auto jump/blur/track length, first frame 0); 15.0000 px stands in for the max jump distance
  // NTA derives per video, and frames analysed = 60 s × frame rate.
  out.push(`[Settings]${blankN1}`);
  const frames = (i: number) => {
    const fps = videos[i]?.conditions.frameRateFps;
    return plain(fps ? Math.round(fps * 60) : 1498);
  };
  out.push(
    ...tableRows(
      [
        'Detection Threshold',
        'Max Jump Mode',
        'Max Jump Distance',
        'Blur',
        'Min Track Length',
        'First frame',
        'Total frames analysed',
      ],
      summary?.settings
        ? {}
        : {
            'Detection Threshold': { values: perVideo(() => '5') },
            'Max Jump Mode': { values: perVideo(() => 'Auto') },
            'Max Jump Distance': { values: perVideo(() => fixed(15, 4)) },
            Blur: { values: perVideo(() => 'Auto') },
            'Min Track Length': { values: perVideo(() => 'Auto') },
            'First frame': { values: perVideo(() => '0') },
            'Total frames analysed': { values: perVideo((_, i) => frames(i)) },
          },
      summary?.settings?.rows ?? null,
      n,
      false,
    ),
  );
  out.push(blankN1);

  // [Exclusion Regions]
  out.push('[Exclusion Regions]');
  const regions = summary?.exclusionRegions;
  if (regions?.rows.length) {
    for (const r of regions.rows)
      out.push(`${r.map(text).join(',')}${commas(Math.max(1, n + 2 - r.length))}`);
  } else out.push(`No Exclusion Regions Used${blankN1}`);
  out.push('');

  // [Results]
  const avg = record.average;
  out.push(`[Results]${blankN1}Average,Standard Error,`);
  out.push(
    ...tableRows(
      [
        'Dilution factor (concentrations adjusted for this factor)',
        'Concentration (Particles / ml)',
        'Concentration Upgrade?',
        'Particles per frame',
        'Centres per frame',
        'Completed tracks',
        'X-Drift (pix/frame)',
        'Y-Drift (pix/frame)',
      ],
      {
        'Dilution factor (concentrations adjusted for this factor)': {
          values: perVideo((v) =>
            v.results.dilutionFactor === null ? 'Not recorded' : plain(v.results.dilutionFactor),
          ),
          average: '',
          standardError: '',
        },
        'Concentration (Particles / ml)': {
          values: perVideo((v) => exp2(v.results.concentrationPerMl)),
          average: exp2(avg.concentrationPerMl.value),
          standardError: exp2(avg.concentrationPerMl.standardError),
        },
        ...(summary
          ? {}
          : { 'Concentration Upgrade?': { values: perVideo(() => 'Yes'), average: '', standardError: '' } }),
        'Particles per frame': {
          values: perVideo((v) => fixed(v.results.particlesPerFrame, 1)),
          average: fixed(avg.particlesPerFrame.value, 1),
          standardError: fixed(avg.particlesPerFrame.standardError, 1),
        },
        'Centres per frame': {
          values: perVideo((v) => fixed(v.results.centresPerFrame, 1)),
          average: fixed(avg.centresPerFrame.value, 1),
          standardError: fixed(avg.centresPerFrame.standardError, 1),
        },
        'Completed tracks': {
          values: perVideo((v) => integer(v.results.completedTracks)),
          average: '',
          standardError: '',
        },
        'X-Drift (pix/frame)': {
          values: perVideo((v) => fixed(v.results.driftXPixPerFrame, 1)),
          average: '',
          standardError: '',
        },
        'Y-Drift (pix/frame)': {
          values: perVideo((v) => fixed(v.results.driftYPixPerFrame, 1)),
          average: '',
          standardError: '',
        },
      },
      summary ? summary.results : null,
      n,
      true,
    ),
  );
  out.push(commas(n + 3));

  // Status tables
  const groups = new Map<string, NtaStatusRow[]>();
  for (const r of record.status) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  for (const [group, rows] of groups) statusSection(out, group, rows, n);

  // [Data Included]
  const size = record.sizeDistributions;
  const diffusionBlocks: BlockOut[] = summary
    ? summary.diffusionCoefficientData
      ? sectionBlocks(summary.diffusionCoefficientData).map(existingBlock)
      : []
    : derivedDiffusionBlocks(record);
  const sizeBlocks: BlockOut[] = [
    sizeBlock(size.number, summary?.sizeData.number ?? null),
    ...(size.surfaceArea ? [sizeBlock(size.surfaceArea, summary?.sizeData.surfaceArea ?? null)] : []),
    ...(size.volume ? [sizeBlock(size.volume, summary?.sizeData.volume ?? null)] : []),
  ];
  out.push('[Data Included],');
  const included =
    summary?.dataIncluded ??
    [...sizeBlocks.map((b) => ['Size', b]), ...diffusionBlocks.map((b) => ['Diffusion', b])].map(
      ([kind, b]) => {
        const block = b as BlockOut;
        const w = block.weighting === 'surface-area' ? 'Surface area' : WEIGHTING_LABEL[block.weighting];
        return `${kind} distribution - ${w} weighting - ${block.percentiles ? 'With' : 'Without'} Percentiles`;
      },
    );
  for (const item of included) out.push(row([text(item)]));
  out.push(',');

  // [Size Data] and [Diffusion Coefficient Data]
  out.push('[Size Data],,');
  out.push(row(['Analysis Method', text(summary?.sizeData.analysisMethod ?? 'FTLA')]));
  for (const block of sizeBlocks) writeBlock(out, block, names, blankN1);
  if (diffusionBlocks.length) {
    out.push('[Diffusion Coefficient Data],,');
    out.push(row(['Analysis Method', text(summary?.diffusionCoefficientData?.analysisMethod ?? 'FTLA')]));
    for (const block of diffusionBlocks) writeBlock(out, block, names, blankN1);
  }
  out.push('');
  return encodeLatin1(out.join('\n'));
}
