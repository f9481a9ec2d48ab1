/**
 * evlab's analysis of one ZetaView export: the `evlab zetaview --json` contract (ZetaViewReport).
 * Size statistics are recomputed from the linear-bin table (binned-percentiles.ts: cumulative count at
 * bin centres, linear interpolation), number-weighted from the `Number` column and volume-weighted from the
 * `Volume / nm^3` column; the measured concentration is the sum of the `Concentration / cm-3` column and
 * the original (undiluted) concentration that sum × the dilution factor, as in ZetaView's report.
 */
import type { QcFlag } from '../nta/nta-report.ts';
import { type BinnedStats, binnedStats } from './binned-percentiles.ts';
import { zetaViewConcentrationText } from './zetaview-concentration-format.ts';
import type { ZetaViewBin, ZetaViewFileRecord, ZetaViewKind, ZetaViewPosition } from './zetaview-record.ts';

export interface ZetaViewReport {
  file: string;
  kind: ZetaViewKind;
  software: string | null;
  sample: string | null;
  dilution: number | null;
  temperatureC: number | null;
  viscosityCp: number | null;
  /** Traced particles: `Number of Traces`, else the sum of the `Number` column. */
  tracedParticles: number | null;
  /** Particles/mL in the measured (diluted) sample: Σ of the linear bins' concentration. */
  concentrationPerMl: number | null;
  /** concentrationPerMl × dilution (null without a dilution factor). */
  originalConcentrationPerMl: number | null;
  /** The two concentrations as ZetaView's report prints them ("3.1E+7"). */
  concentrationText: string | null;
  originalConcentrationText: string | null;
  number: BinnedStats;
  volume: Omit<BinnedStats, 'sdNm'>;
  /** Linear bins (the distribution the statistics come from). */
  bins: ZetaViewBin[];
  logBins: ZetaViewBin[];
  positions: ZetaViewPosition[];
  zetaPotentialMv: number[];
  /** Medians the instrument wrote into the header, nm (null when absent). */
  reported: { medianNumberNm: number | null; medianVolumeNm: number | null };
  flags: QcFlag[];
}

const EMPTY_STATS: BinnedStats = { d10Nm: null, d50Nm: null, d90Nm: null, meanNm: null, sdNm: null };

/**
 * Fewer traces than this make percentiles unstable; Particle Metrix recommends ≥ 1000 traced particles
 * per measurement for EV sizing (ZetaView 8.05 manual, "Measurement quality"; cf. MISEV2023 §NTA).
 */
export const MIN_RECOMMENDED_TRACES = 1000;

/**
 * A position table whose removed positions exceed this share is flagged (ZetaView removes outlier
 * positions automatically; losing more than a third of 11 means the cell was not homogeneous).
 */
export const MAX_REMOVED_POSITION_SHARE = 1 / 3;

export function analyseZetaView(record: ZetaViewFileRecord, file: string): ZetaViewReport {
  const h = record.header;
  const flags: QcFlag[] = record.notes.map((message) => ({ level: 'info', code: 'reader-note', message }));
  const bins = record.linearBins;
  const centres = bins.map((b) => b.sizeNm);
  const numberStats =
    bins.length > 0
      ? binnedStats(
          centres,
          bins.map((b) => b.number),
        )
      : EMPTY_STATS;
  const hasVolume = bins.length > 0 && bins.every((b) => b.volumeNm3 !== null);
  const volumeFull = hasVolume
    ? binnedStats(
        centres,
        bins.map((b) => b.volumeNm3 as number),
      )
    : EMPTY_STATS;
  const sumNumber = bins.reduce((s, b) => s + b.number, 0);
  const concentration = bins.length > 0 ? bins.reduce((s, b) => s + b.concentrationPerMl, 0) : null;
  const original = concentration !== null && h.dilution !== null ? concentration * h.dilution : null;

  if (record.kind === 'size') {
    if (bins.length === 0 || sumNumber <= 0)
      flags.push({
        level: 'error',
        code: 'empty-distribution',
        message: 'the size distribution holds no particles',
      });
    if (h.dilution === null)
      flags.push({
        level: 'warning',
        code: 'dilution-not-recorded',
        message: 'no dilution factor in the file: the original concentration is unknown',
      });
    const traces = h.numberOfTraces ?? (sumNumber > 0 ? sumNumber : null);
    if (traces !== null && traces < MIN_RECOMMENDED_TRACES)
      flags.push({
        level: 'warning',
        code: 'few-traces',
        message: `${traces} traced particles (< ${MIN_RECOMMENDED_TRACES} recommended): percentiles are uncertain`,
      });
    if (!hasVolume && bins.length > 0)
      flags.push({
        level: 'info',
        code: 'no-volume-column',
        message: 'no Volume column: volume-weighted statistics are not available',
      });
  }
  if (record.kind === 'zeta')
    flags.push({
      level: 'info',
      code: 'zeta-potential-file',
      message: 'a zeta-potential profile: no size distribution is read from it',
    });
  if (record.positions.length > 0) {
    const removed = record.positions.filter((p) => p.removed).length;
    if (removed / record.positions.length > MAX_REMOVED_POSITION_SHARE)
      flags.push({
        level: 'warning',
        code: 'many-positions-removed',
        message: `${removed} of ${record.positions.length} positions removed: the sample may be inhomogeneous or the cell dirty`,
      });
  }

  return {
    file,
    kind: record.kind,
    software: h.software,
    sample: h.sample,
    dilution: h.dilution,
    temperatureC: h.temperatureC,
    viscosityCp: h.viscosityCp,
    tracedParticles: h.numberOfTraces ?? (bins.length > 0 ? sumNumber : null),
    concentrationPerMl: concentration,
    originalConcentrationPerMl: original,
    concentrationText: zetaViewConcentrationText(concentration),
    originalConcentrationText: zetaViewConcentrationText(original),
    number: numberStats,
    volume: {
      d10Nm: volumeFull.d10Nm,
      d50Nm: volumeFull.d50Nm,
      d90Nm: volumeFull.d90Nm,
      meanNm: volumeFull.meanNm,
    },
    bins,
    logBins: record.logBins,
    positions: record.positions,
    zetaPotentialMv: record.zetaPotentialMv,
    reported: { medianNumberNm: h.reportedMedianNumberNm, medianVolumeNm: h.reportedMedianVolumeNm },
    flags,
  };
}
