/**
 * How much of a vesicle population one centrifugation run pellets — the model of Livshits et al. 2015,
 * "Isolation of exosomes by differential centrifugation: theoretical analysis of a commonly used
 * protocol", Sci Rep 5:17319 (doi:10.1038/srep17319).
 *
 * Assumptions of the paper (kept here): particles are rigid spheres, uniformly distributed in the tube at
 * the start, moving at their Stokes terminal velocity (no diffusion, no hindered settling, no wall
 * effects), and a particle counts as pelleted once it reaches the outer wall of the tube.
 *
 * - Swinging-bucket rotor: particles move along the tube axis, r(t) = r0·exp(s·ω²·t). The ones that start
 *   beyond Rmax·exp(−s·ω²·t) reach Rmax, so with a uniform start between Rmin and Rmax
 *     P(d) = Rmax·(1 − exp(−s·ω²·t)) / (Rmax − Rmin),  capped at 1,
 *   and every particle is pelleted once s·ω²·t ≥ ln(Rmax/Rmin).
 * - Fixed-angle rotor: particles move radially across the tilted tube; the radial chord of the tube is
 *   Lsed = D / cos(angle) (Livshits Table 1), and the drift is taken at the average radius (v = s·RCF·g with
 *   RCF at Rav). In a horizontal section the tube is an ellipse of radial axis Lsed; a particle is pelleted
 *   if its distance to the far wall (along the radius) is below the distance travelled x = s·RCF·g·t.
 *   The pelleted share of the ellipse is 1 − (overlap of the ellipse with itself shifted by x)/area:
 *     P(d) = 1 − (2/π)·(acos u − u·√(1 − u²)),  u = x / Lsed,  P = 1 for u ≥ 1.
 * ω² comes from the RCF at Rav (ω²·Rav = RCF·g), the paper's convention; with it the functions reproduce
 * Table 2 of the paper (tested against ../shared/reference/centrifugation).
 */
import type { CentrifugationRun, Rotor } from './centrifugation-types.ts';
import { omegaSquaredForRcf, STANDARD_GRAVITY_M_PER_S2, sedimentationCoefficientS } from './sedimentation.ts';

/** Radial path across a fixed-angle tube, mm: Lsed = D / cos(angle) (Livshits et al. 2015, Table 1). */
export function sedimentationPathMm(rotor: Rotor): number {
  if (rotor.type === 'swinging-bucket') return rotor.rMaxMm - rotor.rMinMm;
  if (rotor.tubeDiameterMm === null || rotor.angleDeg === null)
    throw new Error(`fixed-angle rotor ${rotor.name} needs tubeDiameterMm and angleDeg`);
  return rotor.tubeDiameterMm / Math.cos((rotor.angleDeg * Math.PI) / 180);
}

/**
 * The dimensionless sedimentation progress of a diameter: the fraction of the way to complete pelleting
 * (1 = the diameter is just pelleted completely). Swinging bucket: s·ω²·t / ln(Rmax/Rmin); fixed angle:
 * x / Lsed. Proportional to d², so d* = d / √progress.
 */
export function sedimentationProgress(run: CentrifugationRun, diameterNm: number): number {
  const s = sedimentationCoefficientS(
    diameterNm,
    run.evDensityGPerMl,
    run.mediumDensityGPerMl,
    run.viscosityCp,
  );
  const seconds = run.minutes * 60;
  const { rotor } = run;
  if (rotor.type === 'swinging-bucket') {
    const omega2 = omegaSquaredForRcf(run.rcfAvgG, rotor.rAvMm);
    return (s * omega2 * seconds) / Math.log(rotor.rMaxMm / rotor.rMinMm);
  }
  const travelledMm = s * run.rcfAvgG * STANDARD_GRAVITY_M_PER_S2 * seconds * 1000;
  return travelledMm / sedimentationPathMm(rotor);
}

/**
 * Fraction (0..1) of particles of diameter `diameterNm` pelleted by the run (Livshits et al. 2015: the
 * swinging-bucket and fixed-angle formulas above). 0 for a non-positive diameter or buoyancy.
 */
export function pelletedFraction(run: CentrifugationRun, diameterNm: number): number {
  if (!(diameterNm > 0) || !(run.evDensityGPerMl > run.mediumDensityGPerMl) || !(run.minutes > 0)) return 0;
  const progress = sedimentationProgress(run, diameterNm);
  if (progress >= 1) return 1;
  const { rotor } = run;
  if (rotor.type === 'swinging-bucket') {
    // s·ω²·t = progress·ln(Rmax/Rmin)
    const sw2t = progress * Math.log(rotor.rMaxMm / rotor.rMinMm);
    const fraction = (rotor.rMaxMm * -Math.expm1(-sw2t)) / (rotor.rMaxMm - rotor.rMinMm);
    return Math.min(1, Math.max(0, fraction));
  }
  const u = progress;
  const overlap = (2 / Math.PI) * (Math.acos(u) - u * Math.sqrt(1 - u * u));
  return Math.min(1, Math.max(0, 1 - overlap));
}

/**
 * Cut-off diameter d*, nm: the smallest diameter pelleted completely by the run (Livshits et al. 2015,
 * eq. 5 and Table 2). Swinging bucket: d*² = 18·η·ln(Rmax/Rmin)/(Δρ·ω²·t); fixed angle:
 * d*² = 18·η·Lsed/(Δρ·RCF·g·t). Infinity when nothing sediments (Δρ ≤ 0 or t ≤ 0).
 */
export function cutoffDiameterNm(run: CentrifugationRun): number {
  if (!(run.evDensityGPerMl > run.mediumDensityGPerMl) || !(run.minutes > 0)) return Number.POSITIVE_INFINITY;
  // progress ∝ d², so the progress of a reference sphere scales to any diameter.
  const referenceNm = 100;
  const progress = sedimentationProgress(run, referenceNm);
  return referenceNm / Math.sqrt(progress);
}

/**
 * Run time, minutes, needed to pellet every particle of `diameterNm` (the run's own `minutes` is ignored):
 * the time at which that diameter becomes the cut-off diameter.
 */
export function minutesToPellet(run: Omit<CentrifugationRun, 'minutes'>, diameterNm: number): number {
  if (!(diameterNm > 0) || !(run.evDensityGPerMl > run.mediumDensityGPerMl)) return Number.POSITIVE_INFINITY;
  const progressPerMinute = sedimentationProgress({ ...run, minutes: 1 }, diameterNm);
  return 1 / progressPerMinute;
}

/**
 * Run time, minutes, after which a fraction `fraction` (0 < f ≤ 1) of particles of `diameterNm` is
 * pelleted — the inverse of {@link pelletedFraction} in time, by bisection on the monotone progress.
 */
export function minutesToPelletFraction(
  run: Omit<CentrifugationRun, 'minutes'>,
  diameterNm: number,
  fraction: number,
): number {
  const full = minutesToPellet(run, diameterNm);
  if (!Number.isFinite(full) || fraction >= 1) return full;
  if (!(fraction > 0)) return 0;
  let lo = 0;
  let hi = full;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (pelletedFraction({ ...run, minutes: mid }, diameterNm) < fraction) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
