/**
 * %ID/g ↔ %ID per organ. %ID/g is a concentration (percent of the injected dose per gram of tissue); the
 * percent of the dose in the whole organ is that concentration times the organ's mass.
 */
import type { Citation } from '../../../domain/citation.ts';
import { BROWN_1997, referenceOrganMassG } from './reference-organ-masses.ts';

export function percentIdOfOrgan(percentIdPerG: number, organMassG: number): number {
  return percentIdPerG * organMassG;
}

export function percentIdPerGram(percentIdOfOrganValue: number, organMassG: number): number {
  return percentIdOfOrganValue / organMassG;
}

export type OrganMassSource = 'measured' | 'given' | 'reference';

export interface OrganMass {
  massG: number;
  source: OrganMassSource;
  citation: Citation | null;
}

/**
 * The mass used for one organ: the user's value for the organ (`given`, grams) or the reference mass
 * (Brown et al. 1997) scaled to the body weight. Per-row measured masses are applied by the caller.
 */
export function organMass(
  organKey: string,
  species: string,
  bodyWeightKg: number | null,
  givenMassesG: Readonly<Record<string, number>>,
): OrganMass | null {
  const given = givenMassesG[organKey];
  if (given !== undefined && given > 0) return { massG: given, source: 'given', citation: null };
  if (bodyWeightKg === null) return null;
  const reference = referenceOrganMassG(species, organKey, bodyWeightKg);
  return reference === null ? null : { massG: reference, source: 'reference', citation: BROWN_1997 };
}
