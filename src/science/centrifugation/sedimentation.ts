/**
 * Sedimentation of a small sphere in a centrifugal field and the speed conversions every rotor manual uses.
 *
 * A sphere of diameter d and density ρp in a fluid of density ρf and viscosity η, at radius r in a rotor
 * turning at angular velocity ω, drifts outward at the Stokes terminal velocity
 *   v = d²·(ρp − ρf)·ω²·r / (18·η)                       (Stokes 1851; Svedberg & Pedersen 1940)
 * i.e. v = s·ω²·r with the sedimentation coefficient s = d²·Δρ / (18·η). Livshits et al. 2015 (Sci Rep
 * 5:17319, doi:10.1038/srep17319, eqs. 1–3) build the pelleting model of this module on exactly this law.
 */

/** Standard acceleration of gravity, m/s² (CGPM 1901; BIPM SI Brochure, 9th ed.). */
export const STANDARD_GRAVITY_M_PER_S2 = 9.80665;

/**
 * RCF = 1.118e-5 · r(cm) · rpm² — the relative centrifugal force (×g) at radius r, as printed in Beckman
 * Coulter rotor manuals ("Rotors and Tubes for Preparative Ultracentrifuges", RCF = 1.12·r·(rpm/1000)²)
 * and Livshits et al. 2015. Exact value: (2π/60)²/9.80665 · 0.01 m/cm = 1.11824e-5.
 */
export const RCF_PER_CM_RPM2 = 1.118e-5;

/** RCF (×g) at a radius (mm) for a rotor speed (rpm). */
export function rcfAtRadius(rpm: number, radiusMm: number): number {
  return RCF_PER_CM_RPM2 * (radiusMm / 10) * rpm * rpm;
}

/** Rotor speed (rpm) that gives `rcfG` at radius `radiusMm` (inverse of {@link rcfAtRadius}). */
export function rpmForRcf(rcfG: number, radiusMm: number): number {
  return Math.sqrt(rcfG / (RCF_PER_CM_RPM2 * (radiusMm / 10)));
}

/**
 * ω² (s⁻²) that produces `rcfG` at radius `radiusMm`: ω²·r = RCF·g. The model works from the RCF the user
 * states (at Rav, the convention of Livshits et al. 2015), so it is consistent with the RCF↔rpm formula.
 */
export function omegaSquaredForRcf(rcfG: number, radiusMm: number): number {
  return (rcfG * STANDARD_GRAVITY_M_PER_S2) / (radiusMm / 1000);
}

/**
 * Sedimentation coefficient of a sphere, seconds: s = d²·(ρp − ρf)/(18·η) (Stokes' law; Livshits et al.
 * 2015 eq. 2). Inputs: diameter nm, densities g/mL (×1000 → kg/m³), viscosity cP (×1e-3 → Pa·s).
 */
export function sedimentationCoefficientS(
  diameterNm: number,
  evDensityGPerMl: number,
  mediumDensityGPerMl: number,
  viscosityCp: number,
): number {
  const dM = diameterNm * 1e-9;
  const deltaRhoKgPerM3 = (evDensityGPerMl - mediumDensityGPerMl) * 1000;
  const etaPaS = viscosityCp * 1e-3;
  return (dM * dM * deltaRhoKgPerM3) / (18 * etaPaS);
}

/** The same coefficient in Svedberg units (1 S = 1e-13 s; Svedberg & Pedersen 1940). */
export function sedimentationCoefficientSvedberg(
  diameterNm: number,
  evDensityGPerMl: number,
  mediumDensityGPerMl: number,
  viscosityCp: number,
): number {
  return sedimentationCoefficientS(diameterNm, evDensityGPerMl, mediumDensityGPerMl, viscosityCp) / 1e-13;
}
