/**
 * Shared shapes of the centrifugation model (Livshits et al. 2015, Sci Rep 5:17319). Lengths in mm as the
 * paper's Table 1 gives them; densities in g/mL; viscosity in cP (mPa·s).
 */
export type RotorType = 'swinging-bucket' | 'fixed-angle';

export interface Rotor {
  /** Canonical display name, e.g. "SW 40 Ti". */
  name: string;
  manufacturer: string;
  type: RotorType;
  rMinMm: number;
  rMaxMm: number;
  /** Average radius as the manufacturer states it (the paper quotes RCF at Rav). */
  rAvMm: number;
  /** Tube inner diameter (fixed-angle sedimentation path); null for swinging buckets. */
  tubeDiameterMm: number | null;
  /** Tube angle from the rotation axis, degrees; null for swinging buckets. */
  angleDeg: number | null;
  maxRpm: number;
  /** Manufacturer k-factor at maximum speed, when published (checked against the computed one). */
  kFactorAtMaxRpm: number | null;
  tubeVolumeMl: number | null;
  tubes: number | null;
  source: string;
  /** true for rotors the user defined (not in the built-in library). */
  userDefined?: boolean;
}

/** One centrifugation run: the rotor, the speed (as RCF at Rav) and the time, plus the fluid and particle. */
export interface CentrifugationRun {
  rotor: Rotor;
  rcfAvgG: number;
  minutes: number;
  viscosityCp: number;
  evDensityGPerMl: number;
  mediumDensityGPerMl: number;
}
