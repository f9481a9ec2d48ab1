/**
 * A deterministic generator of realistic NTA measurements (neutral NtaRecord) for demo data and tests.
 *
 * Model, per video:
 * - the sample's particle sizes follow a log-normal number distribution (median diameter, geometric SD);
 * - the video "sees" a sampling volume whose content fluctuates (log-normal factor, CV ≈ 6 %, the spread of
 *   per-video concentrations in the reference NanoSight exports, 3–10 %);
 * - particles per frame = concentration in the cell × view volume; valid tracks ~ Poisson(ppf × 60);
 * - each valid track's diameter is drawn from the log-normal and spread over the 1 nm bins by a Gaussian
 *   kernel (σ = 5 % of d), mimicking the smooth finite-track-length histograms NTA exports; the bins are
 *   scaled so that they sum to the video's concentration and rounded to integers as NTA writes them;
 * - surface-area and volume weightings are derived from the number bins (weighted-distributions.ts).
 * Reported statistics are computed from the generated bins (size-distribution-stats.ts) and rounded to
 * 0.1 nm like the instrument's export, so evlab's instrument-vs-recomputed check passes.
 * Same parameters and seed → identical record. No clock, no I/O.
 */
import type {
  NtaRecord,
  NtaReportedStats,
  NtaSizeDistribution,
  NtaStatusRow,
  NtaVideo,
  NtaWeighting,
} from './nta-record.ts';
import {
  averageSizeStats,
  meanAndStandardError,
  roundSizeStats,
  sizeDistributionStats,
} from './size-distribution-stats.ts';
import { waterViscosityCP } from './stokes-einstein.ts';
import { surfaceAreaWeighted, volumeWeighted } from './weighted-distributions.ts';

/**
 * mulberry32, a small 32-bit seeded PRNG (Tommy Ettinger, 2017, public domain). Returns uniform [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviate by the Box–Muller transform (Box & Muller 1958, Ann Math Stat 29:610). */
function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Poisson deviate: Knuth's multiplication method for λ < 30 (TAOCP vol. 2, §3.4.1), otherwise the normal
 * approximation N(λ, λ) rounded and clamped at 0 (adequate for λ ≥ 30 in demo data).
 */
export function poisson(lambda: number, random: () => number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  }
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(random)));
}

/**
 * View volume of NanoSight's sCMOS field, mL: particles per frame ÷ concentration in the cell. The nine
 * reference exports give 1.03–1.31 × 10⁻⁷ mL (e.g. EMT1 d200: 22.3 / 2.16e8).
 */
export const VIEW_VOLUME_ML = 1.05e-7;
/** Valid (size-distribution) tracks per particle-per-frame over a 60 s, 1498-frame video: reference exports 56–63. */
export const VALID_TRACKS_PER_PPF = 60;
/** Completed tracks per particle-per-frame over a 60 s video: reference exports 185–250. */
export const COMPLETED_TRACKS_PER_PPF = 200;
/** Centres per frame ÷ particles per frame: reference exports ≈ 1.07–1.2. */
export const CENTRES_PER_PARTICLE = 1.08;
/** Per-video coefficient of variation of the sampled concentration (reference exports: 3–10 %). */
export const VIDEO_CONCENTRATION_CV = 0.06;
/** Relative width of the per-track kernel (finite-track-length broadening), fraction of d. evlab choice. */
export const TRACK_KERNEL_RELATIVE_SD = 0.05;

export interface SyntheticNtaParams {
  /** Median of the log-normal number distribution, nm. */
  medianDiameterNm: number;
  /** Geometric standard deviation (exp σ of ln d), > 1. */
  geometricSd: number;
  /** Concentration of the (undiluted) sample, particles/mL, as NTA reports it after the dilution factor. */
  concentrationPerMl: number;
  /** Dilution of the sample in the cell; null = not recorded (then the cell holds concentrationPerMl). */
  dilutionFactor?: number | null;
  videos?: number;
  /** Temperature of the first video, °C; later videos warm slightly (≈0.03 °C per video, as in the reference). */
  temperatureC?: number;
  seed: number;
  sampleDescription?: string;
  experimentName?: string;
  operator?: string;
  /** ISO local date-time `YYYY-MM-DDTHH:mm:ss` of the capture (no clock is read). */
  capturedAt?: string;
  /** Number of 1 nm bins (NanoSight: 1000, 0.5 … 999.5 nm). */
  binCount?: number;
  software?: string;
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Rounds to 3 significant digits, as NTA writes concentrations (`%.2e`). */
export function roundSignificant3(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toExponential(2));
}

function binAverage(
  perVideo: readonly number[][],
  bins: number,
): { average: number[]; standardError: number[] } {
  const average = new Array<number>(bins);
  const standardError = new Array<number>(bins);
  const column: number[] = new Array<number>(perVideo.length);
  for (let b = 0; b < bins; b++) {
    for (let v = 0; v < perVideo.length; v++) column[v] = perVideo[v]?.[b] ?? 0;
    const { mean, standardError: se } = meanAndStandardError(column);
    average[b] = Math.round(mean);
    standardError[b] = Math.round(se);
  }
  return { average, standardError };
}

function distribution(
  weighting: NtaWeighting,
  unit: string,
  binCentersNm: number[],
  perVideo: number[][],
  validTracks: number[],
): NtaSizeDistribution {
  const { average, standardError } = binAverage(perVideo, binCentersNm.length);
  const stats = perVideo.map((w) => roundSizeStats(sizeDistributionStats(binCentersNm, w)));
  const averaged = averageSizeStats(stats);
  const reported: NtaReportedStats = {
    perVideo: stats,
    average: averaged.average,
    standardError: averaged.standardError,
  };
  return { weighting, unit, binCentersNm, perVideo, average, standardError, reported, validTracks };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH-mm-ss` of an ISO local date-time plus some seconds, NanoSight's file-name stamp. */
function stampPlus(capturedAt: string, seconds: number): string {
  const t = new Date(`${capturedAt}Z`);
  if (Number.isNaN(t.getTime())) return `${capturedAt} +${seconds}s`;
  const d = new Date(t.getTime() + seconds * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}-${pad2(
    d.getUTCMinutes(),
  )}-${pad2(d.getUTCSeconds())}`;
}

/** The NTA status rows of a clean measurement, with NTA's own "Too Low"/"Too High" particles-per-frame notes. */
function statusRows(ppf: readonly number[]): NtaStatusRow[] {
  const all = (v: string) => ppf.map(() => v);
  return [
    { group: 'Concentration Warnings', item: 'Validity of concentration measurement', perVideo: all('OK') },
    { group: 'Concentration Warnings', item: 'Completed Tracks', perVideo: all('OK') },
    {
      group: 'Concentration Warnings',
      item: 'Particles per frame',
      perVideo: ppf.map((p) => (p < 10 ? 'Too Low' : p > 200 ? 'Too High' : 'OK')),
    },
    { group: 'Concentration Warnings', item: 'Noise level', perVideo: all('No') },
    { group: 'Concentration Warnings', item: 'Brightness', perVideo: all('OK') },
    { group: 'Concentration Warnings', item: 'Detection Threshold', perVideo: all('OK') },
    { group: 'Concentration Warnings', item: 'Camera Histogram Lower Limit', perVideo: all('OK') },
    { group: 'Information', item: 'Completed Tracks', perVideo: all('OK') },
    { group: 'Information', item: 'Concentration', perVideo: all('OK') },
    { group: 'Information', item: 'Video length', perVideo: all('OK') },
    { group: 'Information', item: 'Noise level', perVideo: all('No') },
    { group: 'Information', item: 'Vibration detected', perVideo: all('No') },
    { group: 'Information', item: 'Vibration correction applied', perVideo: all('No') },
    { group: 'Information', item: 'Settings changed?', perVideo: all('No') },
  ];
}

/** A synthetic NTA measurement. Deterministic in its parameters (including `seed`). */
export function syntheticNtaSample(params: SyntheticNtaParams): NtaRecord {
  const videosN = params.videos ?? 5;
  const bins = params.binCount ?? 1000;
  const t0 = params.temperatureC ?? 25;
  const dilution = params.dilutionFactor ?? null;
  const capturedAt = params.capturedAt ?? '2025-01-15T10:00:00';
  const name =
    params.experimentName ?? `${params.sampleDescription ?? 'synthetic'} ${stampPlus(capturedAt, 0)}`;
  if (!(params.medianDiameterNm > 0)) throw new RangeError('medianDiameterNm must be > 0');
  if (!(params.geometricSd > 1)) throw new RangeError('geometricSd must be > 1');
  if (!(params.concentrationPerMl >= 0)) throw new RangeError('concentrationPerMl must be ≥ 0');
  if (!(videosN >= 1 && Number.isInteger(videosN))) throw new RangeError('videos must be a positive integer');

  const random = mulberry32(params.seed);
  const mu = Math.log(params.medianDiameterNm);
  const sigma = Math.log(params.geometricSd);
  const binCentersNm = Array.from({ length: bins }, (_, i) => i + 0.5);
  const cellConcentration = params.concentrationPerMl / (dilution ?? 1);

  const videos: NtaVideo[] = [];
  const numberBins: number[][] = [];
  const validTracks: number[] = [];
  const ppfs: number[] = [];
  const kernel = new Float64Array(bins);
  const spread = new Float64Array(bins + 1);

  for (let v = 0; v < videosN; v++) {
    const temperatureC = round(t0 + 0.03 * v + 0.01 * normal(random), 3);
    const viscosityCP = round(waterViscosityCP(temperatureC), 6);
    const factor = Math.exp(VIDEO_CONCENTRATION_CV * normal(random));
    const ppf = round(cellConcentration * factor * VIEW_VOLUME_ML, 1);
    const concentrationPerMl = roundSignificant3((ppf / VIEW_VOLUME_ML) * (dilution ?? 1));
    const tracks = poisson(ppf * VALID_TRACKS_PER_PPF, random);
    const completed = poisson(ppf * COMPLETED_TRACKS_PER_PPF, random);

    kernel.fill(0);
    for (let k = 0; k < tracks; k++) {
      const d = Math.exp(mu + sigma * normal(random));
      const s = Math.max(TRACK_KERNEL_RELATIVE_SD * d, 0.5);
      const lo = Math.max(0, Math.floor(d - 4 * s));
      const hi = Math.min(bins - 1, Math.ceil(d + 4 * s));
      let total = 0;
      for (let b = lo; b <= hi; b++) {
        const z = (b + 0.5 - d) / s;
        const k = Math.exp(-0.5 * z * z);
        spread[b - lo] = k;
        total += k;
      }
      if (total === 0) continue;
      for (let b = lo; b <= hi; b++) kernel[b] = (kernel[b] as number) + (spread[b - lo] as number) / total;
    }
    const scale = tracks > 0 ? concentrationPerMl / tracks : 0;
    numberBins.push(Array.from(kernel, (w) => Math.round(w * scale)));
    validTracks.push(tracks);
    ppfs.push(ppf);
    videos.push({
      name: `${params.sampleDescription ?? 'synthetic'} ${stampPlus(capturedAt, 22 + 74 * v)}`,
      // Acquisition settings typical of an NTA 3.x sCMOS capture (the reference exports use sCMOS, camera
      // level 16, 32.5 ms shutter, 25 fps); a 488 nm laser module is assumed for the demo.
      conditions: {
        temperatureC,
        viscosityCP,
        cameraType: 'sCMOS',
        laserType: '488 nm',
        cameraLevel: 15,
        shutterMs: 30,
        frameRateFps: 25,
      },
      results: {
        dilutionFactor: dilution,
        concentrationPerMl,
        particlesPerFrame: ppf,
        centresPerFrame: round(ppf * CENTRES_PER_PARTICLE, 1),
        completedTracks: completed,
        validTracks: tracks,
        driftXPixPerFrame: round(0.5 * normal(random), 1),
        driftYPixPerFrame: round(0.2 * normal(random), 1),
      },
    });
  }

  const conc = meanAndStandardError(videos.map((v) => v.results.concentrationPerMl ?? 0));
  const ppfStats = meanAndStandardError(ppfs);
  const cpf = meanAndStandardError(videos.map((v) => v.results.centresPerFrame ?? 0));
  const round0 = (values: number[]) => values.map((x) => Math.round(x));

  return {
    instrument: 'synthetic',
    sample: {
      software: params.software ?? 'evlab synthetic NTA sample 1.0',
      experimentName: name,
      operator: params.operator ?? 'evlab',
      capturedAt,
      sampleDescription: params.sampleDescription ?? 'synthetic',
      pretreatment: null,
      diluent: 'PBS',
      remarks: `synthetic: log-normal median ${params.medianDiameterNm} nm, GSD ${params.geometricSd}, seed ${params.seed}`,
    },
    videos,
    average: {
      concentrationPerMl: {
        value: roundSignificant3(conc.mean),
        standardError: roundSignificant3(conc.standardError),
      },
      particlesPerFrame: { value: round(ppfStats.mean, 1), standardError: round(ppfStats.standardError, 1) },
      centresPerFrame: { value: round(cpf.mean, 1), standardError: round(cpf.standardError, 1) },
    },
    status: statusRows(ppfs),
    sizeDistributions: {
      number: distribution('number', 'particles/mL', binCentersNm, numberBins, validTracks),
      surfaceArea: distribution(
        'surface-area',
        'nm²/mL',
        binCentersNm,
        numberBins.map((w) => round0(surfaceAreaWeighted(binCentersNm, w))),
        validTracks,
      ),
      volume: distribution(
        'volume',
        'nm³/mL',
        binCentersNm,
        numberBins.map((w) => round0(volumeWeighted(binCentersNm, w))),
        validTracks,
      ),
    },
  };
}

/**
 * Three umbilical-cord MSC-EV demo batches. Small EVs from MSCs are typically reported by NTA with modal
 * diameters of ~100–150 nm (MISEV2018, Théry et al. 2018, J Extracell Vesicles 7:1535750, for small EVs
 * < 200 nm; review of MSC-EV preparation and characterization: Li S et al. 2025, Front Cell Dev Biol
 * 13:1626996). The log-normal mode is median·exp(−ln²GSD): 104, 120 and 127 nm below.
 */
export const UC_MSC_EV_DEMO_BATCHES: readonly SyntheticNtaParams[] = [
  {
    medianDiameterNm: 120,
    geometricSd: 1.45,
    concentrationPerMl: 2.4e11,
    dilutionFactor: 1000,
    temperatureC: 25.1,
    seed: 20250101,
    sampleDescription: 'UC-MSC-EV batch A',
    operator: 'demo',
    capturedAt: '2025-03-10T10:15:00',
  },
  {
    medianDiameterNm: 135,
    geometricSd: 1.4,
    concentrationPerMl: 1.6e11,
    dilutionFactor: 500,
    temperatureC: 24.9,
    seed: 20250102,
    sampleDescription: 'UC-MSC-EV batch B',
    operator: 'demo',
    capturedAt: '2025-03-11T11:02:30',
  },
  {
    medianDiameterNm: 150,
    geometricSd: 1.5,
    concentrationPerMl: 3.5e11,
    dilutionFactor: 1000,
    temperatureC: 25.3,
    seed: 20250103,
    sampleDescription: 'UC-MSC-EV batch C',
    operator: 'demo',
    capturedAt: '2025-03-12T09:40:10',
  },
];

export function ucMscEvDemoBatches(): NtaRecord[] {
  return UC_MSC_EV_DEMO_BATCHES.map((p) => syntheticNtaSample(p));
}
