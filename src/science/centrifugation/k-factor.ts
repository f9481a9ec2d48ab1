/**
 * The clearing factor (k-factor) of a rotor and k-equivalent run times.
 *
 * k = 2.53e11 · ln(rmax/rmin) / rpm²  (Beckman Coulter, "Rotors and Tubes for Preparative
 * Ultracentrifuges", k-factor definition; 2.53e11 = 1e13/3600 · (60/2π)²). k is the time in hours to
 * pellet a particle of sedimentation coefficient 1 S from rmin to rmax, so for one particle
 *   t = k / s(Svedberg),  and between two rotors  t₂ = t₁ · k₂ / k₁.
 * Note that this manufacturer convention treats fixed-angle tubes as if particles crossed the whole
 * rmin→rmax distance; Livshits et al. 2015 (Sci Rep 5:17319) show that fixed-angle rotors pellet
 * faster than that, so a k-equivalent time is a conservative conversion, not an identical outcome.
 */
import type { Rotor } from './centrifugation-types.ts';

/** Beckman Coulter k-factor constant (see above). */
export const K_FACTOR_CONSTANT = 2.53e11;

/** k-factor of a rotor at `rpm`. */
export function kFactor(rotor: Pick<Rotor, 'rMinMm' | 'rMaxMm'>, rpm: number): number {
  return (K_FACTOR_CONSTANT * Math.log(rotor.rMaxMm / rotor.rMinMm)) / (rpm * rpm);
}

/** k-factor at the rotor's maximum speed (what manufacturers print). */
export function kFactorAtMaxRpm(rotor: Pick<Rotor, 'rMinMm' | 'rMaxMm' | 'maxRpm'>): number {
  return kFactor(rotor, rotor.maxRpm);
}

/**
 * Run time on a target rotor equivalent to `sourceMinutes` on a source rotor: t₂ = t₁ · k₂ / k₁, each k at
 * the speed that rotor actually runs (Beckman Coulter k-factor convention).
 */
export function kEquivalentMinutes(sourceMinutes: number, sourceK: number, targetK: number): number {
  return (sourceMinutes * targetK) / sourceK;
}
