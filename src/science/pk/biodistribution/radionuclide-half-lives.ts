/**
 * Physical half-lives of the radionuclides used to label EVs (the radioisotope labels of
 * src/domain/ev-label.ts), from the Evaluated Nuclear Structure Data File (ENSDF) as served by NuDat 3
 * (National Nuclear Data Center, Brookhaven National Laboratory). The uncertainty in the last digits is
 * ENSDF's; hours are the unit evlab computes in.
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
  '99mTc': entry('99mTc', 'Tc-99m', 6.0067, 'h', 0.001),
  '111In': entry('111In', 'In-111', 2.8047, 'd', 0.0004),
  '125I': entry('125I', 'I-125', 59.388, 'd', 0.028),
  '89Zr': entry('89Zr', 'Zr-89', 78.41, 'h', 0.12),
  '64Cu': entry('64Cu', 'Cu-64', 12.701, 'h', 0.002),
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
