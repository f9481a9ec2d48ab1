/**
 * Membrane sieving: what fraction of a solute passes an ultrafiltration membrane.
 *
 * Sieving coefficient of a sphere (radius rs) through cylindrical pores (radius rp), λ = rs/rp:
 *   S(λ) = (1 − λ)²·[2 − (1 − λ)²]·exp(−0.7146·λ²),  S = 0 for λ ≥ 1
 * (Zeman & Wales 1981, Sep Sci Technol 16:275; Zeman & Zydney 1996, Microfiltration and Ultrafiltration).
 * The nominal MWCO is the mass of a globular protein retained to 90 % (S = 0.1); its Stokes radius comes
 * from Wilkins et al. 1999, so the effective pore radius is Rh(MWCO)/λ₉₀.
 */
import { globularProteinRadiusNm } from './globular-protein-size.ts';

export function sievingCoefficient(lambda: number): number {
  if (!(lambda < 1)) return 0;
  if (lambda <= 0) return 1;
  const phi = (1 - lambda) * (1 - lambda);
  return phi * (2 - phi) * Math.exp(-0.7146 * lambda * lambda);
}

/** λ at which S(λ) = target (bisection; S decreases monotonically on [0, 1]). */
export function lambdaForSieving(target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (sievingCoefficient(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** λ of 90 % retention (S = 0.1), ≈ 0.72. */
export const LAMBDA_90_PERCENT_RETENTION = lambdaForSieving(0.1);

/** Effective pore diameter, nm, of a membrane of nominal MWCO (kDa). */
export function poreDiameterFromMwcoNm(mwcoKda: number): number {
  return (2 * globularProteinRadiusNm(mwcoKda)) / LAMBDA_90_PERCENT_RETENTION;
}

/** Sieving coefficient of a particle of diameter d (nm) on a membrane of pore diameter (nm). */
export function sievingForDiameter(diameterNm: number, poreDiameterNm: number): number {
  return sievingCoefficient(diameterNm / poreDiameterNm);
}

/**
 * Share of a species left in the retentate after concentrating by `concentrationFactor` and then
 * `diavolumes` of constant-volume diafiltration, with a constant sieving coefficient S:
 * batch concentration keeps CF^(−S) (d ln N = S·d ln V); each diavolume keeps e^(−S).
 */
export function retainedShare(sieving: number, concentrationFactor: number, diavolumes: number): number {
  return concentrationFactor ** -sieving * Math.exp(-sieving * diavolumes);
}
