/**
 * Physical properties of what travels through an isolation chain besides EVs: free soluble protein
 * (modelled as albumin, the dominant protein of serum-containing media and plasma) and the three
 * lipoprotein classes. Each value cites its source; densities are the classical ultracentrifugal
 * (salt-gradient) definitions unless stated otherwise.
 */
import type { LipoproteinClass } from './chain-types.ts';

/** Dalton → µg (1 Da = 1.66053907e-24 g; CODATA 2018). */
export const MICROGRAM_PER_DALTON = 1.66053907e-18;

/** Water density at 20 °C, g/mL (CRC Handbook of Chemistry and Physics, 97th ed., "Density of water"). */
export const WATER_DENSITY_20C_G_PER_ML = 0.9982;

export const ALBUMIN = {
  /**
   * Hydrodynamic diameter of human serum albumin, nm: Stokes radius 3.5–3.6 nm from its diffusion
   * coefficient 6.1×10⁻⁷ cm²/s (Peters T, "All About Albumin", Academic Press 1996, ch. 2).
   */
  hydrodynamicDiameterNm: 7.1,
  /** Sedimentation coefficient s20,w = 4.6 S (Peters 1996, ch. 2). */
  sedimentationSvedberg: 4.6,
  /** Partial specific volume 0.733 mL/g → anhydrous density 1.36 g/mL (Peters 1996). */
  anhydrousDensityGPerMl: 1.36,
  /**
   * Buoyant density of soluble proteins in iodixanol ≈ 1.26 g/mL (Ford, Graham & Rickwood 1994,
   * Anal Biochem 220:360 — proteins band near 1.26 g/mL in iodixanol gradients).
   */
  buoyantDensityIodixanolGPerMl: 1.26,
  /** In sucrose proteins do not band within usable gradients (1/v̄ ≈ 1.36 g/mL; Peters 1996). */
  buoyantDensitySucroseGPerMl: 1.36,
  /** Molecular mass 66.5 kDa (Peters 1996). */
  molecularMassKda: 66.5,
} as const;

/** Water viscosity at 20 °C, Pa·s (IAPWS 2008: 1.0016 mPa·s), for converting s20,w to a Stokes diameter. */
const WATER_VISCOSITY_20C_PA_S = 1.0016e-3;

/** Stokes diameter (nm) that gives albumin its measured s20,w with its anhydrous density. */
export const ALBUMIN_STOKES_DIAMETER_NM =
  Math.sqrt(
    (18 * WATER_VISCOSITY_20C_PA_S * ALBUMIN.sedimentationSvedberg * 1e-13) /
      ((ALBUMIN.anhydrousDensityGPerMl - WATER_DENSITY_20C_G_PER_ML) * 1000),
  ) * 1e9;

export interface LipoproteinProperties {
  label: string;
  /** Typical diameter, nm, and the class range (Feingold KR, "Introduction to Lipids and Lipoproteins", Endotext 2021). */
  diameterNm: number;
  diameterRangeNm: readonly [number, number];
  /** Hydrated density, g/mL: mean and SD spanning the class definition (Havel, Eder & Bragdon 1955, J Clin Invest 34:1345). */
  densityGPerMl: number;
  densitySdGPerMl: number;
  densityRangeGPerMl: readonly [number, number];
  /** Apolipoprotein mass per particle, Da (counts towards measured protein). */
  proteinDaPerParticle: number;
  proteinSource: string;
}

export const LIPOPROTEINS: Record<LipoproteinClass, LipoproteinProperties> = {
  hdl: {
    label: 'HDL',
    diameterNm: 10,
    diameterRangeNm: [5, 12],
    densityGPerMl: 1.125,
    densitySdGPerMl: 0.035,
    densityRangeGPerMl: [1.063, 1.21],
    // apoA-I (28 kDa) × 2–5 per particle plus minor apolipoproteins (Kontush et al. 2015, Pharmacol Rev 67:1).
    proteinDaPerParticle: 150_000,
    proteinSource: 'apoA-I 28 kDa, 2–5 copies per HDL (Kontush et al. 2015, Pharmacol Rev 67:1)',
  },
  ldl: {
    label: 'LDL',
    diameterNm: 22,
    diameterRangeNm: [18, 25],
    densityGPerMl: 1.04,
    densitySdGPerMl: 0.011,
    densityRangeGPerMl: [1.019, 1.063],
    // One apoB-100 (~550 kDa) per LDL particle (Segrest et al. 2001, J Lipid Res 42:1346).
    proteinDaPerParticle: 550_000,
    proteinSource: 'one apoB-100 (~550 kDa) per particle (Segrest et al. 2001, J Lipid Res 42:1346)',
  },
  vldl: {
    label: 'VLDL',
    diameterNm: 50,
    diameterRangeNm: [30, 80],
    densityGPerMl: 0.985,
    densitySdGPerMl: 0.008,
    densityRangeGPerMl: [0.95, 1.006],
    // apoB-100 plus apoC and apoE (~10–20 % more protein mass; Segrest et al. 2001).
    proteinDaPerParticle: 650_000,
    proteinSource: 'apoB-100 plus apoC/apoE per particle (Segrest et al. 2001, J Lipid Res 42:1346)',
  },
};

/** Apolipoprotein mass of a set of lipoproteins, µg. */
export function lipoproteinProteinUg(counts: Record<LipoproteinClass, number>): number {
  let daltons = 0;
  for (const key of Object.keys(LIPOPROTEINS) as LipoproteinClass[])
    daltons += counts[key] * LIPOPROTEINS[key].proteinDaPerParticle;
  return daltons * MICROGRAM_PER_DALTON;
}

/**
 * Protein carried by the EVs themselves, µg per particle of 100 nm, scaled with membrane area (d²).
 * Assumption derived from the purity bands of Webber & Clayton 2013 (J Extracell Vesicles 2:19861):
 * the purest preparations reach ≥ 3×10¹⁰ particles/µg, so a pure 100 nm EV carries ≤ ~3×10⁻¹¹ µg;
 * 2×10⁻¹¹ µg caps the purity of an ideal preparation at 5×10¹⁰ particles/µg.
 */
export const EV_PROTEIN_UG_PER_100NM_PARTICLE = 2e-11;

/**
 * Purity bands of Webber & Clayton 2013 (J Extracell Vesicles 2:19861): particles per µg protein
 * > 3×10¹⁰ high purity, 2×10⁹–2×10¹⁰ low purity, < 1.5×10⁹ impure (between the bands: intermediate).
 */
export const PURITY_BANDS = { highAbove: 3e10, lowFrom: 2e9, lowTo: 2e10, impureBelow: 1.5e9 } as const;

export type PurityClass = 'high' | 'intermediate' | 'low' | 'impure';

export function purityClass(particlesPerUg: number | null): PurityClass | null {
  if (particlesPerUg === null || !Number.isFinite(particlesPerUg)) return null;
  if (particlesPerUg >= PURITY_BANDS.highAbove) return 'high';
  if (particlesPerUg < PURITY_BANDS.impureBelow) return 'impure';
  if (particlesPerUg >= PURITY_BANDS.lowFrom && particlesPerUg <= PURITY_BANDS.lowTo) return 'low';
  return 'intermediate';
}

/**
 * Buoyant density of EVs by gradient medium, g/mL (mean ± SD of the population, applied to every size):
 * - iodixanol (iso-osmotic): 1.10 ± 0.012 — small EVs band at ~1.10 g/mL in OptiPrep gradients
 *   (Van Deun et al. 2014, J Extracell Vesicles 3:24858; Kowal et al. 2016, PNAS 113:E968);
 * - sucrose (hyper-osmotic, vesicles lose water): 1.16 ± 0.015, i.e. the classical 1.13–1.19 g/mL band
 *   (Théry et al. 2006, Curr Protoc Cell Biol 3.22).
 */
export const EV_BUOYANT_DENSITY = {
  iodixanol: { meanGPerMl: 1.1, sdGPerMl: 0.012 },
  sucrose: { meanGPerMl: 1.16, sdGPerMl: 0.015 },
} as const;

/**
 * EV density used for sedimentation in ordinary buffers, g/mL: 1.15 (Livshits et al. 2015, Sci Rep
 * 5:17319, the value behind their Table 2).
 */
export const EV_SEDIMENTATION_DENSITY_G_PER_ML = 1.15;
