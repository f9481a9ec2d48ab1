/**
 * Purity of an EV preparation as particles per µg protein (Webber & Clayton 2013, J Extracell Vesicles
 * 2:19861): the particle concentration (NTA) over the protein concentration (BCA) of the same
 * preparation. Bands and classes are the ones evlab already uses for protocol simulation
 * (src/science/isolation-chain/particle-properties.ts: > 3×10¹⁰ high, 2×10⁹–2×10¹⁰ low, < 1.5×10⁹ impure).
 */
import { PURITY_BANDS, type PurityClass, purityClass } from '../isolation-chain/particle-properties.ts';

export { PURITY_BANDS };

export interface PurityRatio {
  particlesPerUg: number;
  purityClass: PurityClass;
}

/** Null when either input is missing, non-finite or not positive. */
export function purityRatio(
  particlesPerMl: number | null,
  proteinUgPerMl: number | null,
): PurityRatio | null {
  if (particlesPerMl === null || proteinUgPerMl === null) return null;
  if (
    !(particlesPerMl > 0) ||
    !(proteinUgPerMl > 0) ||
    !Number.isFinite(particlesPerMl) ||
    !Number.isFinite(proteinUgPerMl)
  )
    return null;
  const particlesPerUg = particlesPerMl / proteinUgPerMl;
  return { particlesPerUg, purityClass: purityClass(particlesPerUg) as PurityClass };
}

/** Protein concentration unit → factor to µg/mL; null for units that are not mass per volume. */
export function toUgPerMlFactor(unit: string | null): number | null {
  if (unit === null) return null;
  const u = unit.trim().toLowerCase().replace('μ', 'µ').replace('ug', 'µg').replace(/\s+/g, '');
  const factors: Record<string, number> = {
    'mg/ml': 1000,
    'µg/ml': 1,
    'µg/µl': 1000,
    'ng/ml': 1e-3,
    'pg/ml': 1e-6,
    'g/l': 1000,
    'mg/l': 1,
  };
  return factors[u] ?? null;
}
