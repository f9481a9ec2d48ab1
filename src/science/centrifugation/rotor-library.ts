/**
 * Built-in rotor library: rotors in common use for EV isolation by differential (ultra)centrifugation.
 *
 * Geometry (Rmin, Rav, Rmax in mm; tube diameter D and angle for fixed-angle rotors) of the eight rotors
 * analysed by Livshits et al. 2015 (Sci Rep 5:17319, Table 1) is copied from that table, because the
 * paper's Table 2 is computed from it. Maximum speed, k-factor and tube volume come from the rotor
 * manufacturers' manuals/specification tables (Beckman Coulter "Rotors and Tubes for Preparative
 * Ultracentrifuges" and the individual rotor manuals; Eppendorf and Thermo Scientific rotor data). For
 * every rotor, the k-factor computed from its geometry (k-factor.ts) agrees with the printed one to ±2
 * (checked in rotor-library.test.ts), which guards the radii against transcription errors, and the maximum
 * RCF 1.118e-5·Rmax(cm)·rpm² agrees with the printed one to 1 %. Radii that were not read from a
 * manufacturer table directly were cross-checked against an independent tabulation (CROSS_CHECK_TABLE);
 * values that are derived, corrected or still unverified are explained in the rotor's `note`.
 * No Thermo Scientific ultracentrifuge rotor (T-865, TH-641, Surespin 630…) is included: their radii could
 * not be verified against a published table — define one with --rotor-file from its manual instead.
 */
import type { Rotor } from './centrifugation-types.ts';
import { kFactorAtMaxRpm } from './k-factor.ts';
import { rcfAtRadius } from './sedimentation.ts';

const LIVSHITS_TABLE_1 = 'Livshits et al. 2015, Sci Rep 5:17319, Table 1 (radii, D, angle)';
const BECKMAN_TABLE =
  'Beckman Coulter, Rotors and Tubes for Preparative Ultracentrifuges (rotor specifications)';
/**
 * An independent tabulation of manufacturer rotor radii (a public lab-calculator `RotorDatabase`, Beckman
 * and Sorvall sections, read from a stored copy of public GitHub code; repository not identified).
 * Used to cross-check the radii of rotors whose manual could not be read here: a match to 0.1 mm plus the
 * agreement of the radii with the printed k-factor and maximum RCF is taken as corroboration, not as a
 * reading of the manual itself.
 */
const CROSS_CHECK_TABLE = 'independent public rotor table (lab-calculator RotorDatabase, GitHub)';

export const ROTORS: readonly Rotor[] = [
  // ---------- swinging-bucket ultracentrifuge rotors (Beckman Coulter) ----------
  {
    name: 'SW 28',
    manufacturer: 'Beckman Coulter',
    type: 'swinging-bucket',
    rMinMm: 75.3,
    rAvMm: 118.2,
    rMaxMm: 161.0,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 28_000,
    kFactorAtMaxRpm: 246,
    tubeVolumeMl: 38.5,
    tubes: 6,
    source: `${LIVSHITS_TABLE_1}; speed, k-factor, tubes: Beckman Coulter SW 28 rotor manual`,
  },
  {
    name: 'SW 32 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'swinging-bucket',
    rMinMm: 66.8,
    rAvMm: 109.7,
    rMaxMm: 152.5,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 32_000,
    kFactorAtMaxRpm: 204,
    tubeVolumeMl: 38.5,
    tubes: 6,
    source: `${BECKMAN_TABLE}; Beckman Coulter SW 32 Ti rotor manual; radii agree with the ${CROSS_CHECK_TABLE}`,
  },
  {
    name: 'SW 40 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'swinging-bucket',
    rMinMm: 66.7,
    rAvMm: 112.8,
    rMaxMm: 158.8,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 40_000,
    kFactorAtMaxRpm: 137,
    tubeVolumeMl: 14,
    tubes: 6,
    source: `${LIVSHITS_TABLE_1}; speed, k-factor, tubes: Beckman Coulter SW 40 Ti rotor manual`,
    note: 'Rav 112.8 mm as published by Livshits et al. 2015 (Table 1); the manufacturer table lists 112.7 mm.',
  },
  {
    name: 'SW 41 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'swinging-bucket',
    rMinMm: 67.4,
    rAvMm: 110.2,
    rMaxMm: 153.1,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 41_000,
    kFactorAtMaxRpm: 124,
    tubeVolumeMl: 13.2,
    tubes: 6,
    source: `${BECKMAN_TABLE}; Beckman Coulter SW 41 Ti rotor manual; radii agree with the ${CROSS_CHECK_TABLE}`,
  },
  {
    name: 'SW 55 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'swinging-bucket',
    rMinMm: 60.8,
    rAvMm: 84.6,
    rMaxMm: 108.5,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 55_000,
    kFactorAtMaxRpm: 48,
    tubeVolumeMl: 5,
    tubes: 6,
    source: `${BECKMAN_TABLE}; Beckman Coulter SW 55 Ti rotor manual; radii agree with the ${CROSS_CHECK_TABLE}`,
  },
  {
    name: 'MLS-50',
    manufacturer: 'Beckman Coulter',
    type: 'swinging-bucket',
    rMinMm: 47.5,
    rAvMm: 71.7,
    rMaxMm: 95.8,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 50_000,
    kFactorAtMaxRpm: 71,
    tubeVolumeMl: 5,
    tubes: 4,
    source: `${LIVSHITS_TABLE_1}; speed, k-factor, tubes: Beckman Coulter MLS-50 rotor manual (Optima MAX)`,
  },
  {
    name: 'TLS-55',
    manufacturer: 'Beckman Coulter',
    type: 'swinging-bucket',
    rMinMm: 42.2,
    rAvMm: 59.4,
    rMaxMm: 76.5,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 55_000,
    kFactorAtMaxRpm: 50,
    tubeVolumeMl: 2.2,
    tubes: 4,
    source: `${BECKMAN_TABLE}; Beckman Coulter TLS-55 rotor manual (Optima TL/TLX/MAX); radii as in the ${CROSS_CHECK_TABLE}`,
    note: 'Rav corrected from 60.3 to 59.4 mm and Rmax from 76.4 to 76.5 mm to match the cross-check table; the radii reproduce the published k-factor 50 and 259,000 ×g.',
  },
  // ---------- fixed-angle ultracentrifuge rotors (Beckman Coulter) ----------
  {
    name: 'Type 45 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 35.9,
    rAvMm: 69.9,
    rMaxMm: 103.8,
    tubeDiameterMm: 38,
    angleDeg: 24,
    maxRpm: 45_000,
    kFactorAtMaxRpm: 133,
    tubeVolumeMl: 94,
    tubes: 6,
    source: `${LIVSHITS_TABLE_1}; speed, k-factor, tubes: Beckman Coulter Type 45 Ti rotor manual`,
    note: 'Rav 69.9 mm as published by Livshits et al. 2015 (Table 1); Beckman lists 69.8 mm.',
    aliases: ['45 Ti'],
  },
  {
    name: 'Type 50.2 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 54.4,
    rAvMm: 81.2,
    rMaxMm: 107.9,
    tubeDiameterMm: 25,
    angleDeg: 24,
    maxRpm: 50_000,
    kFactorAtMaxRpm: 69,
    tubeVolumeMl: 39,
    tubes: 12,
    source: `${BECKMAN_TABLE}; Beckman Coulter Type 50.2 Ti rotor manual; radii and angle as in the ${CROSS_CHECK_TABLE}`,
    note: 'Rmin corrected from 54.0 to 54.4 mm (cross-check table; reproduces the published k-factor 69 and 302,000 ×g). Tube diameter is the nominal 25 mm tube of this rotor, not read from a table — check it for your tube type.',
    aliases: ['50.2 Ti'],
  },
  {
    name: 'Type 60 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 36.9,
    rAvMm: 63.4,
    rMaxMm: 89.9,
    tubeDiameterMm: 25,
    angleDeg: 23.5,
    maxRpm: 60_000,
    kFactorAtMaxRpm: 63,
    tubeVolumeMl: 26.3,
    tubes: 8,
    source: `${LIVSHITS_TABLE_1}; speed, k-factor, tubes: Beckman Coulter Type 60 Ti rotor manual`,
    note: 'Tube volume depends on the tube type (26.3 mL thick-wall polycarbonate bottle; larger for sealed tubes).',
    aliases: ['60 Ti'],
  },
  {
    name: 'Type 70 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 39.5,
    rAvMm: 65.7,
    rMaxMm: 91.9,
    tubeDiameterMm: 25,
    angleDeg: 23,
    maxRpm: 70_000,
    kFactorAtMaxRpm: 44,
    tubeVolumeMl: 39,
    tubes: 8,
    source: `${LIVSHITS_TABLE_1}; speed, k-factor, tubes: Beckman Coulter Type 70 Ti rotor manual`,
    note: 'Tube volume is that of the largest (sealed) tube; open-top bottles hold less.',
    aliases: ['70 Ti'],
  },
  {
    name: 'Type 70.1 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 40.5,
    rAvMm: 61.2,
    rMaxMm: 82.0,
    tubeDiameterMm: 16,
    angleDeg: 24,
    maxRpm: 70_000,
    kFactorAtMaxRpm: 36,
    tubeVolumeMl: 13.5,
    tubes: 12,
    source: `${BECKMAN_TABLE}; Beckman Coulter Type 70.1 Ti rotor manual; radii and angle as in the ${CROSS_CHECK_TABLE}`,
    note: 'Radii and angle agree with the cross-check table and reproduce the published k-factor 36 and 450,000 ×g. Tube diameter is the nominal 16 mm tube of this rotor, not read from a table — check it for your tube type.',
    aliases: ['70.1 Ti'],
  },
  {
    name: 'TLA-100.3',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 27.5,
    rAvMm: 37.9,
    rMaxMm: 48.3,
    tubeDiameterMm: 13,
    angleDeg: 30,
    maxRpm: 100_000,
    kFactorAtMaxRpm: 14,
    tubeVolumeMl: 3.5,
    tubes: 6,
    source: `${BECKMAN_TABLE}; Beckman Coulter TLA-100.3 rotor manual (Optima TL/TLX/MAX); radii and angle as in the ${CROSS_CHECK_TABLE}`,
    note: 'Rmin corrected from a derived 27.8 to 27.5 mm and Rav from a midpoint 38.1 to 37.9 mm (cross-check table); the radii reproduce the published k-factor 14 and 541,000 ×g. Tube diameter (13 mm thick-wall tube) not read from a table.',
  },
  {
    name: 'TLA-110',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 26.0,
    rAvMm: 37.3,
    rMaxMm: 48.5,
    tubeDiameterMm: 13,
    angleDeg: 28,
    maxRpm: 110_000,
    kFactorAtMaxRpm: 13,
    tubeVolumeMl: 5.1,
    tubes: 8,
    source: `${LIVSHITS_TABLE_1}; speed, k-factor, tubes: Beckman Coulter TLA-110 rotor manual (Optima MAX)`,
    note: 'Rav 37.3 mm as published by Livshits et al. 2015 (Table 1); the manufacturer table lists 37.2 mm.',
  },
  {
    name: 'TLA-120.2',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 24.5,
    rAvMm: 31.8,
    rMaxMm: 38.9,
    tubeDiameterMm: 11,
    angleDeg: 30,
    maxRpm: 120_000,
    kFactorAtMaxRpm: 8,
    tubeVolumeMl: 1,
    tubes: 10,
    source: `${BECKMAN_TABLE}; Beckman Coulter TLA-120.2 rotor manual (Optima TL/TLX/MAX); radii and angle as in the ${CROSS_CHECK_TABLE}`,
    note: 'Rav corrected from 31.7 to 31.8 mm (cross-check table); the radii reproduce the published k-factor 8 and 627,000 ×g. Tube diameter (11 mm, 1 mL thick-wall tube) not read from a table.',
  },
  {
    name: 'MLA-80',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 29.5,
    rAvMm: 45.7,
    rMaxMm: 61.9,
    tubeDiameterMm: 13,
    angleDeg: 26,
    maxRpm: 80_000,
    kFactorAtMaxRpm: 29,
    tubeVolumeMl: 8,
    tubes: 8,
    source: `${BECKMAN_TABLE}; Beckman Coulter MLA-80 rotor manual (Optima MAX); radii and angle as in the ${CROSS_CHECK_TABLE}`,
    note: 'Radii corrected from derived values (29.8/46.0/62.1 mm) to the cross-check table (29.5/45.7/61.9 mm), which reproduce the published k-factor 29 and 444,000 ×g; angle 26° agrees. Tube diameter (13 mm) is not read from a table — check it for your tube type before relying on fixed-angle pelleting fractions.',
  },
  // ---------- microcentrifuge / superspeed / low-speed rotors ----------
  {
    name: 'F-45-24-15',
    manufacturer: 'Eppendorf',
    type: 'fixed-angle',
    rMinMm: 54,
    rAvMm: 68,
    rMaxMm: 82,
    tubeDiameterMm: 11,
    angleDeg: 45,
    maxRpm: 14_000,
    kFactorAtMaxRpm: null,
    tubeVolumeMl: 2,
    tubes: 24,
    source: `${LIVSHITS_TABLE_1}`,
    note: 'Geometry from Livshits Table 1 (microcentrifuge rotor, 24 × 1.5/2.0 mL tubes, 45°). The paper gives no maximum speed: 14,000 rpm is assumed (typical for this class of Eppendorf rotor) — check your centrifuge.',
  },
  {
    name: 'SS-34',
    manufacturer: 'Thermo Scientific (Sorvall)',
    type: 'fixed-angle',
    rMinMm: 32.7,
    rAvMm: 69.9,
    rMaxMm: 107.0,
    tubeDiameterMm: 26,
    angleDeg: 34,
    maxRpm: 20_000,
    kFactorAtMaxRpm: null,
    tubeVolumeMl: 50,
    tubes: 8,
    source: `Thermo Scientific Sorvall SS-34 rotor manual (superspeed; the 10,000–20,000 ×g steps); radii and 34° angle as in the ${CROSS_CHECK_TABLE}`,
    note: 'Radii corrected to the cross-check table (Rmin 32.7, Rav 69.9, Rmax 107.0 mm; Rav was a midpoint). That table rates the rotor at 20,500 rpm (DuPont Sorvall era); 20,000 rpm, the current Thermo rating, is kept. No k-factor is stored because none was read from a Thermo table. Tube diameter is that of a 50 mL Oak Ridge tube, not read from a table — verify against the rotor manual.',
  },
  {
    name: 'A-4-62',
    manufacturer: 'Eppendorf',
    type: 'swinging-bucket',
    rMinMm: 85,
    rAvMm: 132.5,
    rMaxMm: 180,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 4_000,
    kFactorAtMaxRpm: null,
    tubeVolumeMl: 50,
    tubes: 16,
    source:
      'Eppendorf Centrifuge 5810/5810 R operating manual, rotor A-4-62 (max 4,000 rpm, 3,220 ×g at 18.0 cm)',
    note: 'Low-speed rotor for the 300 ×g / 2,000 ×g clearing steps. Rmax 180 mm from the manual; Rmin is an estimate for a 50 mL conical tube filled with ~45 mL (depends on the adapter) — enter your own via --rotor-file for precise numbers.',
  },
];

/**
 * A rotor name reduced for loose matching: lower case, without spaces, hyphens, dots, underscores or a
 * leading "type" ("SW 40 Ti" = "sw40ti" = "SW 40Ti" = "SW40Ti"; "Type 45 Ti" = "45Ti").
 */
export function normalizeRotorName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s\-_.·]+/g, '')
    .replace(/^type/, '');
}

function keysOf(rotor: Rotor): string[] {
  return [rotor.name, ...(rotor.aliases ?? [])].map(normalizeRotorName);
}

/**
 * Finds a rotor by name, loosely (see normalizeRotorName). `extra` (user-defined rotors) is searched first,
 * so a user may override a built-in rotor with measured geometry. Null when nothing matches.
 */
export function findRotor(name: string, extra: readonly Rotor[] = []): Rotor | null {
  const key = normalizeRotorName(name);
  if (key === '') return null;
  for (const list of [extra, ROTORS]) {
    const hit = list.find((r) => keysOf(r).includes(key));
    if (hit) return hit;
  }
  // "SW 41" for "SW 41 Ti", "Type 45" for "Type 45 Ti": accept a missing "Ti" when only one rotor fits.
  const bare = (k: string) => k.replace(/ti$/, '');
  const loose = [...extra, ...ROTORS].filter((r) => keysOf(r).some((k) => bare(k) === bare(key)));
  const names = new Set(loose.map((r) => r.name));
  return names.size === 1 ? (loose[0] ?? null) : null;
}

/** Levenshtein edit distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The `n` rotor names closest to `name` (for "unknown rotor" messages): by edit distance between the
 * normalized names, names that contain the query (or are contained in it) first.
 */
export function closestRotorNames(name: string, n = 3, extra: readonly Rotor[] = []): string[] {
  const key = normalizeRotorName(name);
  const scored = [...extra, ...ROTORS].map((rotor) => {
    let best = Number.POSITIVE_INFINITY;
    for (const k of keysOf(rotor)) {
      const contains = key !== '' && (k.includes(key) || key.includes(k));
      best = Math.min(best, editDistance(key, k) - (contains ? 0.5 : 0));
    }
    return { name: rotor.name, score: best };
  });
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  const names: string[] = [];
  for (const s of scored) if (!names.includes(s.name)) names.push(s.name);
  return names.slice(0, Math.max(0, n));
}

/**
 * The one wording of an unknown rotor, used by every front end (CLI, API, chain steps):
 * `unknown rotor "SW 4O Ti"; closest: SW 40 Ti, SW 41 Ti, SW 32 Ti`.
 */
export function unknownRotorMessage(name: string, closest: readonly string[]): string {
  return `unknown rotor "${name}"${closest.length > 0 ? `; closest: ${closest.join(', ')}` : ''}`;
}

/** A rotor with the values its geometry implies, as `evlab rotors --json` and `GET /api/rotors` list it. */
export interface RotorListing extends Rotor {
  /** k-factor at maximum speed computed from the radii (Beckman definition). */
  kFactor: number;
  /** RCF at Rav and Rmax at maximum speed, ×g. */
  maxRcfAvg: number;
  maxRcfMax: number;
}

export function rotorListing(rotor: Rotor): RotorListing {
  return {
    ...rotor,
    kFactor: kFactorAtMaxRpm(rotor),
    maxRcfAvg: rcfAtRadius(rotor.maxRpm, rotor.rAvMm),
    maxRcfMax: rcfAtRadius(rotor.maxRpm, rotor.rMaxMm),
  };
}
