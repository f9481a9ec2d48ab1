/**
 * TEM/SEM particle sizing from an ImageJ "Analyze Particles" table: equivalent circular diameter
 * ECD = 2·√(area/π) (ISO 9276-6:2008 §8.2, area-equivalent diameter) and mean Feret diameter
 * (Feret + MinFeret)/2 (the mean of the two extreme calipers; Perim./π — Cauchy's mean caliper diameter of
 * a convex outline — when no Feret pair is measured), per-particle morphology flags, and the size
 * distributions of the particles kept (not flagged as aggregate or out of range).
 */
import type { QcFlag } from '../nta/nta-report.ts';
import type { ParticleMeasurement, TableUnit } from './tem-particle.ts';

/**
 * Thresholds for the morphology flags. EVs imaged by negative-stain TEM are round or cup-shaped
 * (Théry et al. 2018, MISEV2018 §4c; Jung & Mun 2018, Methods Mol Biol 1660:59): elongated outlines
 * (aspect ratio > 1.5) and irregular ones (circularity < 0.6) are flagged non-round; concave outlines
 * (solidity < 0.85) are unseparated clusters (flagged aggregate, as in ImageJ particle-analysis practice
 * where touching particles have a solidity well below the ~0.9–1.0 of single convex particles).
 * EV sizes are 30–1000 nm (MISEV2018: small EVs < 200 nm, large up to ~1 µm); particles outside are
 * flagged out-of-range (stain debris, protein aggregates, large vesicles or cells).
 */
export const TEM_FLAG_THRESHOLDS = {
  maxAspectRatio: 1.5,
  minCircularity: 0.6,
  minSolidity: 0.85,
  minDiameterNm: 30,
  maxDiameterNm: 1000,
} as const;

export type ParticleFlag = 'aggregate' | 'non-round' | 'out-of-range';

export interface TemParticle {
  index: number;
  ecdNm: number | null;
  meanFeretNm: number | null;
  feretNm: number | null;
  minFeretNm: number | null;
  circularity: number | null;
  aspectRatio: number | null;
  solidity: number | null;
  flags: ParticleFlag[];
}

export interface SizeSummary {
  n: number;
  meanNm: number | null;
  sdNm: number | null;
  d10Nm: number | null;
  d50Nm: number | null;
  d90Nm: number | null;
  /** Histogram of the kept particles, `binWidthNm` wide bins from 0. */
  histogram: { fromNm: number; toNm: number; count: number }[];
}

export interface TemReport {
  file: string;
  tableUnit: TableUnit;
  nmPerPx: number | null;
  particles: number;
  kept: number;
  flagged: { aggregate: number; nonRound: number; outOfRange: number };
  ecd: SizeSummary;
  meanFeret: SizeSummary;
  /** Per particle (for plots and export). */
  perParticle: TemParticle[];
  flags: QcFlag[];
}

/** Sample quantile by linear interpolation between order statistics (R type 7, Hyndman & Fan 1996). */
function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

export function summariseSizes(values: readonly number[], binWidthNm = 10): SizeSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0)
    return { n: 0, meanNm: null, sdNm: null, d10Nm: null, d50Nm: null, d90Nm: null, histogram: [] };
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : null;
  const bins = Math.max(1, Math.ceil((sorted[n - 1] as number) / binWidthNm + 1e-9));
  const counts = new Array<number>(Math.min(bins, 2000)).fill(0);
  for (const v of sorted) {
    const b = Math.min(counts.length - 1, Math.floor(v / binWidthNm));
    counts[b] = (counts[b] as number) + 1;
  }
  return {
    n,
    meanNm: mean,
    sdNm: sd,
    d10Nm: quantile(sorted, 0.1),
    d50Nm: quantile(sorted, 0.5),
    d90Nm: quantile(sorted, 0.9),
    histogram: counts.map((count, b) => ({ fromNm: b * binWidthNm, toNm: (b + 1) * binWidthNm, count })),
  };
}

/** nm per table unit of length. */
function lengthFactor(unit: TableUnit, nmPerPx: number | null): number {
  if (unit === 'nm') return 1;
  if (unit === 'um') return 1000;
  if (nmPerPx === null || !(nmPerPx > 0))
    throw new RangeError('a pixel table needs the scale (nm per pixel)');
  return nmPerPx;
}

export function analyseTemParticles(
  particles: readonly ParticleMeasurement[],
  options: { file: string; tableUnit: TableUnit; nmPerPx: number | null; binWidthNm?: number },
): TemReport {
  const f = lengthFactor(options.tableUnit, options.nmPerPx);
  const t = TEM_FLAG_THRESHOLDS;
  const perParticle: TemParticle[] = particles.map((p) => {
    const ecd = p.area === null ? null : 2 * Math.sqrt((p.area * f * f) / Math.PI);
    const feret = p.feret === null ? null : p.feret * f;
    const minFeret = p.minFeret === null ? null : p.minFeret * f;
    const meanFeret =
      feret !== null && minFeret !== null
        ? (feret + minFeret) / 2
        : p.perimeter !== null
          ? (p.perimeter * f) / Math.PI
          : feret;
    const aspect =
      p.aspectRatio ??
      (p.major !== null && p.minor !== null && p.minor > 0
        ? p.major / p.minor
        : feret !== null && minFeret !== null && minFeret > 0
          ? feret / minFeret
          : null);
    const flags: ParticleFlag[] = [];
    if (p.solidity !== null && p.solidity < t.minSolidity) flags.push('aggregate');
    if (
      (aspect !== null && aspect > t.maxAspectRatio) ||
      (p.circularity !== null && p.circularity < t.minCircularity)
    )
      flags.push('non-round');
    const size = ecd ?? meanFeret;
    if (size !== null && (size < t.minDiameterNm || size > t.maxDiameterNm)) flags.push('out-of-range');
    return {
      index: p.index,
      ecdNm: ecd,
      meanFeretNm: meanFeret,
      feretNm: feret,
      minFeretNm: minFeret,
      circularity: p.circularity,
      aspectRatio: aspect,
      solidity: p.solidity,
      flags,
    };
  });
  const kept = perParticle.filter((p) => !p.flags.includes('aggregate') && !p.flags.includes('out-of-range'));
  const count = (flag: ParticleFlag) => perParticle.filter((p) => p.flags.includes(flag)).length;
  const flagged = {
    aggregate: count('aggregate'),
    nonRound: count('non-round'),
    outOfRange: count('out-of-range'),
  };
  const flags: QcFlag[] = [];
  const n = perParticle.length;
  if (kept.length < 100)
    flags.push({
      level: 'warning',
      code: 'few-particles',
      message: `${kept.length} particles kept: size statistics from TEM need ≥ 100 particles (MISEV2018 recommends images of many particles, wide field and close-up)`,
    });
  if (flagged.aggregate / Math.max(1, n) > 0.2)
    flags.push({
      level: 'warning',
      code: 'many-aggregates',
      message: `${flagged.aggregate} of ${n} outlines look like unseparated clusters (solidity < ${t.minSolidity}): try Process ▸ Binary ▸ Watershed`,
    });
  if (flagged.nonRound / Math.max(1, n) > 0.3)
    flags.push({
      level: 'info',
      code: 'many-non-round',
      message: `${flagged.nonRound} of ${n} particles are elongated or irregular (AR > ${t.maxAspectRatio} or Circ. < ${t.minCircularity})`,
    });
  if (options.tableUnit === 'px' && options.nmPerPx !== null && options.nmPerPx > 5)
    flags.push({
      level: 'info',
      code: 'coarse-scale',
      message: `${options.nmPerPx} nm per pixel: a 50 nm EV spans < 10 pixels; sizes below ~${Math.round(10 * options.nmPerPx)} nm are poorly resolved`,
    });
  const binWidth = options.binWidthNm ?? 10;
  return {
    file: options.file,
    tableUnit: options.tableUnit,
    nmPerPx: options.nmPerPx,
    particles: n,
    kept: kept.length,
    flagged,
    ecd: summariseSizes(
      kept.map((p) => p.ecdNm).filter((v): v is number => v !== null),
      binWidth,
    ),
    meanFeret: summariseSizes(
      kept.map((p) => p.meanFeretNm).filter((v): v is number => v !== null),
      binWidth,
    ),
    perParticle,
    flags,
  };
}
