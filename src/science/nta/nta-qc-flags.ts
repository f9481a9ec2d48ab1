/**
 * Quality-control flags for one NTA measurement: the instrument's own warnings plus evlab's checks of
 * particles per frame, completed tracks, temperature drift, number of videos, empty distributions and
 * agreement between the instrument's statistics and evlab's recomputation. Codes are stable kebab-case
 * identifiers (the web view and API clients match on them); messages are for people.
 */

import type { NtaRecord, NtaStatusRow } from './nta-record.ts';
import type { NtaSizeStats, QcFlag } from './nta-report.ts';
import { isEmptyDistribution, sizeDistributionStats } from './size-distribution-stats.ts';

/**
 * Recommended particles per frame: 20–100. Source: Malvern Panalytical NanoSight NTA 3.x software user
 * manual, sample preparation / concentration guidance (fewer particles give poor statistics, more give
 * overlapping tracks and lost tracks).
 */
export const PARTICLES_PER_FRAME_MIN = 20;
export const PARTICLES_PER_FRAME_MAX = 100;

/**
 * Minimum completed tracks per video: evlab threshold (project decision). NTA itself only reports
 * "Completed Tracks: <100" in its [Information] section, which is far too few for a stable D10/D90.
 */
export const COMPLETED_TRACKS_MIN = 1000;

/**
 * Maximum temperature spread across the videos of one measurement, °C: evlab threshold. Water viscosity
 * falls ≈2.3 % per °C near 25 °C (stokes-einstein.ts, CRC/Kestin correlation), so a 0.5 °C drift already
 * moves Stokes–Einstein sizes by ≈1 % if a video's temperature reading lags the cell.
 */
export const TEMPERATURE_DRIFT_MAX_C = 0.5;

/**
 * Minimum number of videos: a standard error across videos needs replicates; NTA 3.x standard measurement
 * scripts capture 5 videos (as in the reference exports). evlab asks for at least 3.
 */
export const MIN_VIDEOS = 3;

/**
 * Tolerated difference between the instrument's Mean/SD/D10/D50/D90 and evlab's recomputation from the
 * 1 nm bins, nm. On the 45 reference videos (../shared/reference/nanosight/20210401) the largest
 * difference is 0.05 nm (rounding of the exported 1-decimal statistics and integer bins).
 */
export const STATS_TOLERANCE_NM = 0.1;
/** Mode tolerance, nm: evlab reports the centre of the highest 1 nm bin, so up to 0.5 nm from NTA's mode. */
export const MODE_TOLERANCE_NM = 1;

/** Instrument values that mean "nothing to report". */
const NEUTRAL_VALUES = new Set(['', 'ok', 'no', 'none', 'n/a']);
/** Items where "Yes" is neutral too: a concentration upgrade or an applied vibration correction is normal. */
const YES_IS_NEUTRAL = new Set(['concentration upgrade?', 'vibration correction applied']);

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function videoList(indices: number[]): string {
  const ones = indices.map((i) => i + 1);
  return ones.length === 1 ? `video ${ones[0]}` : `videos ${ones.join(', ')}`;
}

/** Level of an instrument status value, by judgement of what the NTA text means. */
export function instrumentStatusLevel(item: string, value: string): QcFlag['level'] {
  if (/^errors?\b/i.test(item)) return 'error';
  if (/unreliable|error|fail|invalid|no data/i.test(value)) return 'error';
  if (/minor/i.test(value)) return 'info';
  return 'warning';
}

/** True when an instrument status value is a warning (anything but OK/No, and Yes where Yes is normal). */
export function isInstrumentWarning(item: string, value: string | null): boolean {
  if (value === null) return false;
  const v = value.trim().toLowerCase();
  if (NEUTRAL_VALUES.has(v)) return false;
  if (v === 'yes' && YES_IS_NEUTRAL.has(item.trim().toLowerCase())) return false;
  return true;
}

function instrumentFlags(status: readonly NtaStatusRow[]): QcFlag[] {
  const flags: QcFlag[] = [];
  for (const row of status) {
    const byValue = new Map<string, number[]>();
    row.perVideo.forEach((value, i) => {
      if (value === null || !isInstrumentWarning(row.item, value)) return;
      const key = value.trim();
      const list = byValue.get(key) ?? [];
      list.push(i);
      byValue.set(key, list);
    });
    for (const [value, videos] of byValue) {
      flags.push({
        level: instrumentStatusLevel(row.item, value),
        code: `instrument-${slug(row.item)}`,
        message: `Instrument ${row.group}: ${row.item} "${value}" (${videoList(videos)})`,
      });
    }
  }
  return flags;
}

function fmt(value: number, digits = 1): string {
  return value.toFixed(digits);
}

const STAT_KEYS: { key: keyof NtaSizeStats; label: string; tolerance: number }[] = [
  { key: 'meanNm', label: 'mean', tolerance: STATS_TOLERANCE_NM },
  { key: 'modeNm', label: 'mode', tolerance: MODE_TOLERANCE_NM },
  { key: 'sdNm', label: 'SD', tolerance: STATS_TOLERANCE_NM },
  { key: 'd10Nm', label: 'D10', tolerance: STATS_TOLERANCE_NM },
  { key: 'd50Nm', label: 'D50', tolerance: STATS_TOLERANCE_NM },
  { key: 'd90Nm', label: 'D90', tolerance: STATS_TOLERANCE_NM },
];

/**
 * All QC flags of a measurement. `computed` are evlab's number-weighted statistics per video (recomputed
 * from the record's bins when omitted).
 */
export function ntaQcFlags(record: NtaRecord, computed?: readonly NtaSizeStats[]): QcFlag[] {
  const flags: QcFlag[] = [...instrumentFlags(record.status)];
  const videos = record.videos;
  const number = record.sizeDistributions.number;
  const stats =
    computed ?? number.perVideo.map((weights) => sizeDistributionStats(number.binCentersNm, weights));

  if (videos.length === 0) {
    flags.push({ level: 'error', code: 'no-videos', message: 'The measurement has no videos.' });
  } else if (videos.length < MIN_VIDEOS) {
    flags.push({
      level: 'warning',
      code: 'too-few-videos',
      message: `Only ${videos.length} video(s); at least ${MIN_VIDEOS} are needed for a meaningful standard error.`,
    });
  }

  videos.forEach((video, i) => {
    const label = `Video ${i + 1} (${video.name})`;
    const ppf = video.results.particlesPerFrame;
    if (ppf !== null && ppf < PARTICLES_PER_FRAME_MIN) {
      flags.push({
        level: 'warning',
        code: 'particles-per-frame-low',
        message: `${label}: ${fmt(ppf)} particles per frame, below the recommended ${PARTICLES_PER_FRAME_MIN}–${PARTICLES_PER_FRAME_MAX}; dilute less.`,
      });
    } else if (ppf !== null && ppf > PARTICLES_PER_FRAME_MAX) {
      flags.push({
        level: 'warning',
        code: 'particles-per-frame-high',
        message: `${label}: ${fmt(ppf)} particles per frame, above the recommended ${PARTICLES_PER_FRAME_MIN}–${PARTICLES_PER_FRAME_MAX}; dilute more.`,
      });
    }
    const tracks = video.results.completedTracks;
    if (tracks !== null && tracks < COMPLETED_TRACKS_MIN) {
      flags.push({
        level: 'warning',
        code: 'completed-tracks-low',
        message: `${label}: ${tracks} completed tracks, fewer than ${COMPLETED_TRACKS_MIN}.`,
      });
    }
  });

  const temperatures = videos.map((v) => v.conditions.temperatureC).filter((t): t is number => t !== null);
  if (temperatures.length >= 2) {
    const spread = Math.max(...temperatures) - Math.min(...temperatures);
    if (spread > TEMPERATURE_DRIFT_MAX_C) {
      flags.push({
        level: 'warning',
        code: 'temperature-drift',
        message: `Temperature varied by ${fmt(spread, 3)} °C across videos (limit ${TEMPERATURE_DRIFT_MAX_C} °C).`,
      });
    }
  }

  const dilutions = new Set(
    videos.map((v) => v.results.dilutionFactor).filter((d): d is number => d !== null),
  );
  if (dilutions.size > 1) {
    flags.push({
      level: 'warning',
      code: 'dilution-factor-inconsistent',
      message: `Videos record different dilution factors (${[...dilutions].join(', ')}).`,
    });
  }

  number.perVideo.forEach((weights, i) => {
    const name = videos[i]?.name ?? `#${i + 1}`;
    const label = `Video ${i + 1} (${name})`;
    if (isEmptyDistribution(weights)) {
      flags.push({
        level: 'warning',
        code: 'empty-distribution',
        message: `${label}: the number-weighted size distribution is empty (no tracked particles); its statistics are null and it still counts in the instrument's averages.`,
      });
      return;
    }
    const own = stats[i];
    const reported = number.reported.perVideo[i];
    if (!own || !reported) return;
    for (const { key, label: statLabel, tolerance } of STAT_KEYS) {
      const a = reported[key];
      const b = own[key];
      if (a === null || b === null) continue;
      const diff = Math.abs(a - b);
      if (diff > tolerance) {
        flags.push({
          level: 'warning',
          code: 'size-stats-disagree',
          message: `${label}: instrument ${statLabel} ${fmt(a)} nm vs evlab ${fmt(b, 2)} nm (difference ${fmt(diff, 2)} nm > ${tolerance} nm).`,
        });
      }
    }
  });

  return flags;
}
