/**
 * The k-factor (Stokes) estimate of a run, to show beside the Livshits et al. 2015 result.
 *
 * The manufacturer k-factor (Beckman Coulter, "Rotors and Tubes for Preparative Ultracentrifuges";
 * k-factor.ts) is the time t = k/s for a sphere of sedimentation coefficient s (Stokes' law) to travel
 * radially from Rmin to Rmax. That is exactly the swinging-bucket geometry of Livshits et al. 2015
 * (Sci Rep 5:17319, eq. 3–5): so the estimate is the swinging-bucket model applied to the rotor whatever
 * its type. For a swinging-bucket rotor both agree; for a fixed-angle rotor vesicles only cross the tube
 * (Lsed = D/cos angle, much shorter than Rmax − Rmin), so Livshits pellets more, sooner.
 */
import type { CentrifugationRun } from './centrifugation-types.ts';
import { cutoffDiameterNm, minutesToPellet, pelletedFraction } from './pelleting-efficiency.ts';

export interface KFactorEstimate {
  /** Smallest diameter pelleted completely if every vesicle had to travel Rmin → Rmax, nm. */
  cutoffDiameterNm: number;
  pelleted: { diameterNm: number; fraction: number }[];
  minutesToPellet: { diameterNm: number; minutes: number }[];
  /** One sentence on why it differs from (or agrees with) the Livshits result for this rotor. */
  explanation: string;
}

export const K_FACTOR_EXPLANATION = {
  'fixed-angle':
    'The k-factor assumes every vesicle travels the full radial distance from Rmin to Rmax, as in a swinging bucket, whereas in a fixed-angle tube a vesicle only has to cross the tube to its outer wall (the path Livshits et al. 2015 model), so the k-factor estimate needs longer runs and pellets less.',
  'swinging-bucket':
    'In a swinging-bucket rotor vesicles travel radially from Rmin to Rmax, the path the k-factor assumes, so the k-factor estimate and the Livshits et al. 2015 result agree.',
} as const;

/** The k-factor estimate of `run` at the given diameters (see the module comment). */
export function kFactorEstimate(run: CentrifugationRun, diametersNm: readonly number[]): KFactorEstimate {
  const radial: CentrifugationRun = { ...run, rotor: { ...run.rotor, type: 'swinging-bucket' } };
  return {
    cutoffDiameterNm: cutoffDiameterNm(radial),
    pelleted: diametersNm.map((diameterNm) => ({
      diameterNm,
      fraction: pelletedFraction(radial, diameterNm),
    })),
    minutesToPellet: diametersNm.map((diameterNm) => ({
      diameterNm,
      minutes: minutesToPellet(radial, diameterNm),
    })),
    explanation: K_FACTOR_EXPLANATION[run.rotor.type],
  };
}
