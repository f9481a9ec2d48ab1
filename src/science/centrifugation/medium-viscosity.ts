/**
 * Viscosity of the suspending fluid from its temperature, for the sedimentation model.
 *
 * Water: the IAPWS 2008 formulation for the viscosity of ordinary water substance (Huber, Perkins,
 * Laesecke, Friend, Sengers, Assael, Metaxa, Vogel, Mareš & Miyagawa 2009, J Phys Chem Ref Data 38:101,
 * doi:10.1063/1.3088050; IAPWS R12-08), dilute-gas term × residual term, without the critical enhancement
 * (it is 1 to better than 1e-6 for liquid water far from the critical point). Its density input is the
 * density of air-free water at 1 atm from Kell 1975 (J Chem Eng Data 20:97, doi:10.1021/je60064a005).
 * At 0.1 MPa this gives 1.0016 mPa·s at 20 °C and 1.567 mPa·s at 4 °C.
 *
 * PBS and culture medium: the water value × a relative viscosity measured or derived near room or body
 * temperature (sources below); taking that ratio as temperature-independent is an approximation.
 */

import { ZERO_CELSIUS_K } from '../nta/stokes-einstein.ts';

export type MediumKind = 'water' | 'pbs' | 'culture-medium';

export const MEDIUM_KINDS: readonly MediumKind[] = ['water', 'pbs', 'culture-medium'];

/** Validity range used here, °C: Kell 1975 covers 0–150 °C at 1 atm; liquid water at 1 atm, 0–100 °C. */
export const VISCOSITY_TEMPERATURE_RANGE_C = { min: 0, max: 100 } as const;

/**
 * Density of air-free water at 1 atm, kg/m³, 0–150 °C (Kell 1975, J Chem Eng Data 20:97, eq. 16,
 * IPTS-68 temperatures; max. deviation ≈ 0.005 kg/m³ over 0–100 °C).
 */
export function waterDensityKgPerM3(temperatureC: number): number {
  const t = temperatureC;
  return (
    (999.83952 +
      16.945176 * t -
      7.9870401e-3 * t ** 2 -
      46.170461e-6 * t ** 3 +
      105.56302e-9 * t ** 4 -
      280.54253e-12 * t ** 5) /
    (1 + 16.87985e-3 * t)
  );
}

/** IAPWS 2008 reference constants (Huber et al. 2009, eqs. 2–4): T* K, ρ* kg/m³, η* µPa·s. */
const T_STAR_K = 647.096;
const RHO_STAR_KG_PER_M3 = 322.0;
const ETA_STAR_MU_PA_S = 1.0;

/** Coefficients H_i of the dilute-gas term η̄₀ (Huber et al. 2009, Table 1). */
const H0 = [1.67752, 2.20462, 0.6366564, -0.241605] as const;

/** Coefficients H_ij of the residual term η̄₁ (Huber et al. 2009, Table 2): [i, j, H_ij]. */
const H1: readonly (readonly [number, number, number])[] = [
  [0, 0, 5.20094e-1],
  [1, 0, 8.50895e-2],
  [2, 0, -1.08374],
  [3, 0, -2.89555e-1],
  [0, 1, 2.22531e-1],
  [1, 1, 9.99115e-1],
  [2, 1, 1.88797],
  [3, 1, 1.26613],
  [5, 1, 1.20573e-1],
  [0, 2, -2.81378e-1],
  [1, 2, -9.06851e-1],
  [2, 2, -7.72479e-1],
  [3, 2, -4.89837e-1],
  [4, 2, -2.5704e-1],
  [0, 3, 1.61913e-1],
  [1, 3, 2.57399e-1],
  [0, 4, -3.25372e-2],
  [3, 4, 6.98452e-2],
  [4, 5, 8.72102e-3],
  [3, 6, -4.35673e-3],
  [5, 6, -5.93264e-4],
];

/**
 * IAPWS 2008 viscosity, µPa·s, at temperature (K) and density (kg/m³), without the critical
 * enhancement term (η̄₂ = 1). Huber et al. 2009, eqs. 10–12.
 */
export function iapwsViscosityMicroPaS(temperatureK: number, densityKgPerM3: number): number {
  const tBar = temperatureK / T_STAR_K;
  const rhoBar = densityKgPerM3 / RHO_STAR_KG_PER_M3;
  let denominator = 0;
  H0.forEach((h, i) => {
    denominator += h / tBar ** i;
  });
  const eta0 = (100 * Math.sqrt(tBar)) / denominator;
  let sum = 0;
  for (const [i, j, h] of H1) sum += h * (1 / tBar - 1) ** i * (rhoBar - 1) ** j;
  const eta1 = Math.exp(rhoBar * sum);
  return eta0 * eta1 * ETA_STAR_MU_PA_S;
}

/** Dynamic viscosity of liquid water at 1 atm, cP (= mPa·s), 0–100 °C. */
export function waterViscosityCp(temperatureC: number): number {
  checkTemperature(temperatureC);
  return iapwsViscosityMicroPaS(temperatureC + ZERO_CELSIUS_K, waterDensityKgPerM3(temperatureC)) / 1000;
}

/**
 * Viscosity of each medium relative to pure water at the same temperature.
 * - water: 1.
 * - pbs: 1.015 — PBS is ≈ 0.16 mol/L ionic strength, mostly NaCl; Jones–Dole η/η_w = 1 + A√c + B·c with
 *   A ≈ 0.006 (L/mol)^½ and B(NaCl) = B(Na⁺) + B(Cl⁻) ≈ 0.086 − 0.007 = 0.079 L/mol at 25 °C (Jenkins &
 *   Marcus 1995, Chem Rev 95:2695, doi:10.1021/cr00040a004) gives 1.0151. This is derived, not measured:
 *   no published measurement of PBS viscosity relative to water could be read when this was checked.
 * - culture-medium: 1.13 — serum-supplemented culture medium measured at 0.78 mPa·s at 37 °C against
 *   0.69 mPa·s for water (Bacabac, Smit, Cowin, Van Loon, Nieuwstadt, Heethaar & Klein-Nulend 2005,
 *   "Dynamic shear stress in parallel-plate flow chambers", J Biomech 38(1):159–167,
 *   doi:10.1016/j.jbiomech.2004.03.020); 0.78/0.69 = 1.13.
 *   Later measurements of DMEM and RPMI-1640 with 0–20 % v/v FBS found viscosity rising with the serum
 *   fraction (Poon, "Measuring the density and viscosity of culture media for optimized computational fluid
 *   dynamics analysis of in vitro devices", bioRxiv 2020, doi:10.1101/2020.08.25.266221; J Mech Behav
 *   Biomed Mater 2022), and serum-supplemented DMEM is shear-thinning at low shear rates — so 1.13 is a
 *   typical value for ~10 % serum, not a constant: pass an explicit viscosity if yours was measured.
 *   (Poon's individual values could not be read from the sources available when this was checked, so
 *   Bacabac's single value is the one used.)
 */
export const RELATIVE_VISCOSITY: Readonly<Record<MediumKind, number>> = {
  water: 1,
  pbs: 1.015,
  'culture-medium': 1.13,
};

/** Short citation for each medium's viscosity, shown next to derived values. */
export const MEDIUM_VISCOSITY_SOURCES: Readonly<Record<MediumKind, string>> = {
  water: 'IAPWS 2008 (Huber et al. 2009, J Phys Chem Ref Data 38:101) with Kell 1975 density',
  pbs: 'water × 1.015 (derived: Jones–Dole, NaCl B-coefficient from Jenkins & Marcus 1995, Chem Rev 95:2695)',
  'culture-medium':
    'water × 1.13 (serum-supplemented medium 0.78 mPa·s vs water 0.69 mPa·s at 37 °C, Bacabac et al. 2005, J Biomech 38:159)',
};

export function isMediumKind(value: string): value is MediumKind {
  return (MEDIUM_KINDS as readonly string[]).includes(value);
}

/** Viscosity of `medium` at `temperatureC`, cP (mPa·s). Throws RangeError outside 0–100 °C. */
export function viscosityCp(medium: MediumKind, temperatureC: number): number {
  return waterViscosityCp(temperatureC) * RELATIVE_VISCOSITY[medium];
}

function checkTemperature(temperatureC: number): void {
  if (
    !Number.isFinite(temperatureC) ||
    temperatureC < VISCOSITY_TEMPERATURE_RANGE_C.min ||
    temperatureC > VISCOSITY_TEMPERATURE_RANGE_C.max
  ) {
    throw new RangeError(
      `temperature ${temperatureC} °C is outside ${VISCOSITY_TEMPERATURE_RANGE_C.min}–${VISCOSITY_TEMPERATURE_RANGE_C.max} °C (liquid water at 1 atm)`,
    );
  }
}
