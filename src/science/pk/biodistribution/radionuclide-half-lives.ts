/**
 * Physical half-lives of the radionuclides used to label EVs (the radioisotope labels of
 * src/domain/ev-label.ts): the parent half-life of each nuclide's ENSDF decay data set (Evaluated Nuclear
 * Structure Data File, as served by NuDat 3, National Nuclear Data Center, Brookhaven National Laboratory).
 * The uncertainty in the last digits is ENSDF's; hours are the unit evlab computes in.
 *
 * Checked against the ENSDF decay data sets themselves:
 * - ⁹⁹ᵐTc: NuDat 3 "99TC IT DECAY (6.0072 H)", parent record 6.0072 h (9), evaluation Browne & Tuli,
 *   Nucl. Data Sheets 145, 25 (2017):
 *   https://www.nndc.bnl.gov/nudat3/getdecaydataset.jsp?dsid=99tc+it+decay+%286.0072+h%29&nucleus=99TC
 *   (corrected from 6.0067 h, an older evaluated value).
 * - ¹¹¹In EC, ¹²⁵I EC, ⁸⁹Zr EC, ⁶⁴Cu EC+β⁺, ¹²⁴I EC, ¹³¹I β⁻: parent records of the ENSDF decay data sets as
 *   extracted in paceENSDF (Hurst et al., EPJ Nuclear Sci. Technol. 2022; ENSDF_JSON files
 *   j_input_<parent>_<daughter>_*_0keV.json, github.com/AaronMHurst/pace_ensdf): In-111 2.8047 d (4),
 *   I-125 59.40 d (1), Zr-89 78.41 h (12), Cu-64 12.7006 h (20), I-124 4.1760 d (3), I-131 8.0252 d (6).
 *   Corrected from memory-written values: I-125 59.388 d (28) is the DDEP/LNHB value, not ENSDF's;
 *   Cu-64 12.701 h → 12.7006 h.
 */
import type { Citation } from '../../../domain/citation.ts';
import type { EvLabel } from '../../../domain/ev-label.ts';

export const NUDAT_ENSDF: Citation = {
  authors: 'National Nuclear Data Center (NNDC), Brookhaven National Laboratory',
  year: 2024,
  title: 'NuDat 3: nuclear structure and decay data from the Evaluated Nuclear Structure Data File (ENSDF)',
  url: 'https://www.nndc.bnl.gov/nudat3/',
};

export interface RadionuclideHalfLife {
  label: EvLabel;
  nuclide: string;
  /** Half-life as ENSDF states it (value and unit). */
  stated: { value: number; unit: 'h' | 'd'; uncertainty: number };
  halfLifeH: number;
  citation: Citation;
}

const HOURS_PER_DAY = 24;

function entry(label: EvLabel, nuclide: string, value: number, unit: 'h' | 'd', uncertainty: number) {
  return {
    label,
    nuclide,
    stated: { value, unit, uncertainty },
    halfLifeH: unit === 'h' ? value : value * HOURS_PER_DAY,
    citation: NUDAT_ENSDF,
  } satisfies RadionuclideHalfLife;
}

/** ENSDF half-lives (NuDat 3): value, unit and the uncertainty in that unit. */
export const RADIONUCLIDE_HALF_LIVES = {
  '99mTc': entry('99mTc', 'Tc-99m', 6.0072, 'h', 0.0009),
  '111In': entry('111In', 'In-111', 2.8047, 'd', 0.0004),
  '125I': entry('125I', 'I-125', 59.4, 'd', 0.01),
  '89Zr': entry('89Zr', 'Zr-89', 78.41, 'h', 0.12),
  '64Cu': entry('64Cu', 'Cu-64', 12.7006, 'h', 0.002),
  '124I': entry('124I', 'I-124', 4.176, 'd', 0.0003),
  '131I': entry('131I', 'I-131', 8.0252, 'd', 0.0006),
} as const satisfies Partial<Record<EvLabel, RadionuclideHalfLife>>;

export type RadioLabel = keyof typeof RADIONUCLIDE_HALF_LIVES;

export function isRadioLabel(label: string | null | undefined): label is RadioLabel {
  return label !== null && label !== undefined && Object.hasOwn(RADIONUCLIDE_HALF_LIVES, label);
}

/** Half-life in hours of a radioisotope label, or null for a label that does not decay. */
export function halfLifeHours(label: string | null | undefined): number | null {
  return isRadioLabel(label) ? RADIONUCLIDE_HALF_LIVES[label].halfLifeH : null;
}
