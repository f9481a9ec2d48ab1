/**
 * Reference organ masses as a percent of body weight, for converting %ID/g to %ID per organ when the organs
 * were not weighed: Brown et al. 1997, "Physiological parameter values for physiologically based
 * pharmacokinetic models", Toxicol. Ind. Health 13:407–484 (ILSI Risk Science Institute working group),
 * Table 4 (mouse, rat) and Table 5 (human). Masses scale with the animal's body weight; measured organ
 * weights (per row, or given per organ) always take precedence.
 */
import type { Citation } from '../../../domain/citation.ts';

export const BROWN_1997: Citation = {
  authors: 'Brown et al.',
  year: 1997,
  title: 'Physiological parameter values for physiologically based pharmacokinetic models',
  journal: 'Toxicol. Ind. Health 13:407–484',
  doi: '10.1177/074823379701300401',
  location: 'Tables 4 and 5 (organ weights, % of body weight)',
};

export type ReferenceMassSpecies = 'mouse' | 'rat' | 'human';

/**
 * Percent of body weight (Brown et al. 1997). Blood is the blood volume expressed as % of body weight.
 *
 * Verification status (the paper's tables could not be read directly; values were checked against public
 * works that reproduce them):
 * - human: all eight values match Brown et al. Table 5 as used in published PBPK code (Metrum Research
 *   Group BayesPBPK tutorial, model/mavoPBPKLinODE.jl: lung 0.76, heart 0.47, brain 2.00, skin 3.71,
 *   spleen 0.26, liver 2.57, kidney 0.44) and a JPET PBPK parameter table citing Brown et al. 1997
 *   (liver 2.57, blood 7.9; kidney, heart, skin to one decimal).
 * - mouse: liver, kidney, heart, skin and blood match the same JPET table to its one-decimal rounding
 *   (5.5, 1.7, 0.5, 16.5, 4.9); lung, brain and spleen match the Brown-1997-based organ volumes of a
 *   published mouse PBPK model (github.com/jhhughes256/len_pbpk, 25 g mouse: 0.7, 1.7, 0.35 %) to rounding.
 * - rat: UNVERIFIED here (no public reproduction of Brown et al. Table 4 rat column was found); the values
 *   are as originally entered and should be checked against the paper before relying on them.
 */
export const ORGAN_PERCENT_OF_BODY_WEIGHT: Record<ReferenceMassSpecies, Record<string, number>> = {
  mouse: {
    liver: 5.49,
    kidney: 1.67,
    heart: 0.5,
    lung: 0.73,
    brain: 1.65,
    spleen: 0.35,
    skin: 16.53,
    blood: 4.9,
  },
  rat: {
    liver: 3.66,
    kidney: 0.73,
    heart: 0.33,
    lung: 0.5,
    brain: 0.57,
    spleen: 0.2,
    skin: 19.03,
    blood: 7.4,
  },
  human: {
    liver: 2.57,
    kidney: 0.44,
    heart: 0.47,
    lung: 0.76,
    brain: 2.0,
    spleen: 0.26,
    skin: 3.71,
    blood: 7.9,
  },
};

export function hasReferenceMasses(species: string): species is ReferenceMassSpecies {
  return Object.hasOwn(ORGAN_PERCENT_OF_BODY_WEIGHT, species);
}

/** Reference mass of an organ (g) for a body weight (kg), or null when the table has no value. */
export function referenceOrganMassG(species: string, organKey: string, bodyWeightKg: number): number | null {
  if (!hasReferenceMasses(species)) return null;
  const percent = ORGAN_PERCENT_OF_BODY_WEIGHT[species][organKey];
  if (percent === undefined) return null;
  return (percent / 100) * bodyWeightKg * 1000;
}
