/**
 * Size of a folded globular protein from its mass — used to turn nominal molecular-weight ratings
 * (membrane MWCO, gel exclusion limits) into lengths.
 */

/** Mean residue mass, Da (average amino acid in proteins ≈ 110 Da). */
export const MEAN_RESIDUE_MASS_DA = 110;

/**
 * Hydrodynamic (Stokes) radius of a folded protein of `massKda`, nm: Rh = 4.75·N^0.29 Å with N residues
 * (Wilkins et al. 1999, Biochemistry 38:16424, fit to native proteins measured by PFG-NMR).
 */
export function globularProteinRadiusNm(massKda: number): number {
  const residues = (massKda * 1000) / MEAN_RESIDUE_MASS_DA;
  return 0.475 * residues ** 0.29;
}
