/**
 * Refractive-index dispersion n(λ) of the materials of flow-cytometry calibration (λ = vacuum wavelength).
 * Sellmeier form n² − 1 = Σ Bᵢ λ² / (λ² − Cᵢ), λ in µm.
 */

export type DispersionMaterial = 'polystyrene' | 'silica' | 'water';

interface Sellmeier {
  B: number[];
  /** Cᵢ in µm². */
  C: number[];
  source: string;
  validUm: [number, number];
}

export const DISPERSION: Record<DispersionMaterial, Sellmeier> = {
  // Sultanova, Kasarova & Nikolov 2009, Acta Phys. Pol. A 116:585, doi:10.12693/APhysPolA.116.585
  // (one-term Sellmeier fitted on 436–1052 nm).
  polystyrene: {
    B: [1.4435],
    C: [0.020216],
    source: 'Sultanova et al. 2009, doi:10.12693/APhysPolA.116.585',
    validUm: [0.436, 1.052],
  },
  // Malitson 1965, J. Opt. Soc. Am. 55:1205, doi:10.1364/JOSA.55.001205 (fused silica, 0.21–3.71 µm).
  // Stöber silica beads are porous and lower (n ≈ 1.42–1.45 at 488 nm): give their index explicitly.
  silica: {
    B: [0.6961663, 0.4079426, 0.8974794],
    C: [0.0684043 ** 2, 0.1162414 ** 2, 9.896161 ** 2],
    source: 'Malitson 1965, doi:10.1364/JOSA.55.001205',
    validUm: [0.21, 3.71],
  },
  // Daimon & Masumura 2007, Appl. Opt. 46:3811, doi:10.1364/AO.46.003811 (water at 20 °C, 0.182–1.129 µm).
  // PBS is ~0.002 higher (dissolved salts); use water for buffer unless measured.
  water: {
    B: [5.684027565e-1, 1.726177391e-1, 2.086189578e-2, 1.130748688e-1],
    C: [5.101829712e-3, 1.821153936e-2, 2.620722293e-2, 1.069792721e1],
    source: 'Daimon & Masumura 2007, doi:10.1364/AO.46.003811',
    validUm: [0.182, 1.129],
  },
};

export function refractiveIndex(material: DispersionMaterial, wavelengthNm: number): number {
  const s = DISPERSION[material];
  const l2 = (wavelengthNm / 1000) ** 2;
  let n2 = 1;
  for (let i = 0; i < s.B.length; i++) n2 += ((s.B[i] as number) * l2) / (l2 - (s.C[i] as number));
  return Math.sqrt(n2);
}
