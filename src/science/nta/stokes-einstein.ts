/**
 * The physics NTA rests on: a tracked particle's diffusion coefficient D gives its hydrodynamic diameter d
 * through the Stokes–Einstein relation D = k_B·T / (3·π·η·d) (Einstein 1905, Ann Phys 17:549), with the
 * viscosity η of the diluent (water) at the measured temperature.
 */

/** Boltzmann constant, J/K — exact by definition in the 2019 SI (BIPM SI Brochure, 9th ed.). */
export const BOLTZMANN_J_PER_K = 1.380649e-23;

/** 0 °C in kelvin (BIPM SI Brochure, 9th ed.). */
export const ZERO_CELSIUS_K = 273.15;

/**
 * Viscosity of water at 20 °C assumed by NanoSight NTA 3.3, cP. With this value the correlation below
 * reproduces the `Viscosity/cP` row of the reference exports (../shared/reference/nanosight/20210401) to
 * 1e-6 relative on all 45 videos, and to the printed 6 decimals exactly (Vogel-type fits do not: see
 * read-nta-report.test.ts). (The measured value is 1.0016 cP, Kestin et al. 1978.)
 */
export const NANOSIGHT_WATER_VISCOSITY_20C_CP = 1.0;

/**
 * Dynamic viscosity of water, cP, at `temperatureC` (valid 0–100 °C), from the correlation
 * log10(η_T / η_20) = [1.3272·(20 − T) − 0.001053·(T − 20)²] / (T + 105)
 * (CRC Handbook of Chemistry and Physics, "Viscosity of water"; after Kestin, Sokolov & Wakeham 1978,
 * J Phys Chem Ref Data 7:941).
 */
export function waterViscosityCP(
  temperatureC: number,
  viscosityAt20CP = NANOSIGHT_WATER_VISCOSITY_20C_CP,
): number {
  const t = temperatureC;
  const exponent = (1.3272 * (20 - t) - 0.001053 * (t - 20) * (t - 20)) / (t + 105);
  return viscosityAt20CP * 10 ** exponent;
}

/** Stokes–Einstein diffusion coefficient, in units of 1e4 nm²/s (NanoSight's "E4 nm²/s"), of a sphere. */
export function diffusionCoefficientE4Nm2PerS(
  diameterNm: number,
  temperatureC: number,
  viscosityCP: number,
): number {
  const kT = BOLTZMANN_J_PER_K * (temperatureC + ZERO_CELSIUS_K);
  const dM = diameterNm * 1e-9;
  const etaPaS = viscosityCP * 1e-3;
  const dM2PerS = kT / (3 * Math.PI * etaPaS * dM);
  return (dM2PerS * 1e18) / 1e4;
}

/** Inverse Stokes–Einstein: hydrodynamic diameter, nm, from a diffusion coefficient in 1e4 nm²/s. */
export function stokesEinsteinDiameterNm(
  diffusionE4Nm2PerS: number,
  temperatureC: number,
  viscosityCP: number,
): number {
  const kT = BOLTZMANN_J_PER_K * (temperatureC + ZERO_CELSIUS_K);
  const dM2PerS = (diffusionE4Nm2PerS * 1e4) / 1e18;
  const etaPaS = viscosityCP * 1e-3;
  return (kT / (3 * Math.PI * etaPaS * dM2PerS)) * 1e9;
}
