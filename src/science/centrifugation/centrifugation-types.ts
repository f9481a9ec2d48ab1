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
  /** Values that are uncertain or derived rather than read from the manufacturer's table, and why. */
  note?: string;
  /** Other names the rotor is known by (matched loosely by findRotor). */
  aliases?: readonly string[];
}

/** Radius at which a stated RCF applies: Rav (the Livshits et al. 2015 convention), Rmax or Rmin. */
export type RcfRadius = 'rav' | 'rmax' | 'rmin';

/** One centrifugation run: the rotor, the speed (as RCF at Rav) and the time, plus the fluid and particle. */
export interface CentrifugationRun {
  rotor: Rotor;
  rcfAvgG: number;
  minutes: number;
  viscosityCp: number;
  evDensityGPerMl: number;
  mediumDensityGPerMl: number;
}
