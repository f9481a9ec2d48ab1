/**
 * Built-in rotor library: rotors in common use for EV isolation by differential (ultra)centrifugation.
 *
 * Geometry (Rmin, Rav, Rmax in mm; tube diameter D and angle for fixed-angle rotors) of the eight rotors
 * analysed by Livshits et al. 2015 (Sci Rep 5:17319, Table 1) is copied from that table, because the
 * paper's Table 2 is computed from it. Maximum speed, k-factor and tube volume come from the rotor
 * manufacturers' manuals/specification tables (Beckman Coulter "Rotors and Tubes for Preparative
 * Ultracentrifuges" and the individual rotor manuals; Eppendorf and Thermo Scientific rotor data). For
 * every rotor, the k-factor computed from its geometry (k-factor.ts) agrees with the printed one to ±2
 * (checked in rotor-library.test.ts), which guards the radii against transcription errors. Values that are
 * derived or estimated rather than read from a table are explained in the rotor's `note`.
 */
import type { Rotor } from './centrifugation-types.ts';

const LIVSHITS_TABLE_1 = 'Livshits et al. 2015, Sci Rep 5:17319, Table 1 (radii, D, angle)';
const BECKMAN_TABLE =
  'Beckman Coulter, Rotors and Tubes for Preparative Ultracentrifuges (rotor specifications)';

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
    source: `${BECKMAN_TABLE}; Beckman Coulter SW 32 Ti rotor manual`,
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
    source: `${BECKMAN_TABLE}; Beckman Coulter SW 41 Ti rotor manual`,
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
    source: `${BECKMAN_TABLE}; Beckman Coulter SW 55 Ti rotor manual`,
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
    rAvMm: 60.3,
    rMaxMm: 76.4,
    tubeDiameterMm: null,
    angleDeg: null,
    maxRpm: 55_000,
    kFactorAtMaxRpm: 50,
    tubeVolumeMl: 2.2,
    tubes: 4,
    source: `${BECKMAN_TABLE}; Beckman Coulter TLS-55 rotor manual (Optima TL/TLX/MAX)`,
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
    note: 'Beckman lists Rav 69.8 mm; the Livshits Table 1 value 69.9 mm is kept so Table 2 is reproduced.',
    aliases: ['45 Ti'],
  },
  {
    name: 'Type 50.2 Ti',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 54.0,
    rAvMm: 81.2,
    rMaxMm: 107.9,
    tubeDiameterMm: 25,
    angleDeg: 24,
    maxRpm: 50_000,
    kFactorAtMaxRpm: 69,
    tubeVolumeMl: 39,
    tubes: 12,
    source: `${BECKMAN_TABLE}; Beckman Coulter Type 50.2 Ti rotor manual`,
    note: 'Tube diameter is the nominal 25 mm tube of this rotor (not stated in a single table); check it for your tube type.',
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
    source: `${BECKMAN_TABLE}; Beckman Coulter Type 70.1 Ti rotor manual`,
    note: 'Tube diameter is the nominal 16 mm tube of this rotor; check it for your tube type.',
    aliases: ['70.1 Ti'],
  },
  {
    name: 'TLA-100.3',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 27.8,
    rAvMm: 38.1,
    rMaxMm: 48.3,
    tubeDiameterMm: 13,
    angleDeg: 30,
    maxRpm: 100_000,
    kFactorAtMaxRpm: 14,
    tubeVolumeMl: 3.5,
    tubes: 6,
    source: `${BECKMAN_TABLE}; Beckman Coulter TLA-100.3 rotor manual (Optima TL/TLX/MAX)`,
    note: 'Rmax from the published maximum RCF (541,000 ×g at 100,000 rpm); Rmin derived from the published k-factor 14 and Rav taken as the midpoint — verify against the rotor manual.',
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
  },
  {
    name: 'TLA-120.2',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 24.5,
    rAvMm: 31.7,
    rMaxMm: 38.9,
    tubeDiameterMm: 11,
    angleDeg: 30,
    maxRpm: 120_000,
    kFactorAtMaxRpm: 8,
    tubeVolumeMl: 1,
    tubes: 10,
    source: `${BECKMAN_TABLE}; Beckman Coulter TLA-120.2 rotor manual (Optima TL/TLX/MAX)`,
    note: 'Rmin/Rav as recalled from the rotor table, consistent with the published k-factor 8 and maximum RCF 627,000 ×g — verify against the rotor manual.',
  },
  {
    name: 'MLA-80',
    manufacturer: 'Beckman Coulter',
    type: 'fixed-angle',
    rMinMm: 29.8,
    rAvMm: 46.0,
    rMaxMm: 62.1,
    tubeDiameterMm: 13,
    angleDeg: 26,
    maxRpm: 80_000,
    kFactorAtMaxRpm: 29,
    tubeVolumeMl: 8,
    tubes: 8,
    source: `${BECKMAN_TABLE}; Beckman Coulter MLA-80 rotor manual (Optima MAX)`,
    note: 'Rmax derived from the published maximum RCF (444,000 ×g at 80,000 rpm), Rmin from the published k-factor 29, Rav as the midpoint; tube diameter and angle approximate — verify against the rotor manual before relying on fixed-angle pelleting fractions.',
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
    rAvMm: 70.2,
    rMaxMm: 107.7,
    tubeDiameterMm: 26,
    angleDeg: 34,
    maxRpm: 20_000,
    kFactorAtMaxRpm: null,
    tubeVolumeMl: 50,
    tubes: 8,
    source: 'Thermo Scientific Sorvall SS-34 rotor manual (superspeed; the 10,000–20,000 ×g steps)',
    note: 'Radii as recalled from the Sorvall rotor table (Rmin 3.27 cm, Rmax ≈ 10.7–10.8 cm), Rav as the midpoint, tube diameter that of a 50 mL Oak Ridge tube — verify against the rotor manual.',
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
