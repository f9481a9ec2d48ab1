/**
 * Types for track-level NTA sizing: particle positions per video frame (pixels), the acquisition
 * conditions that turn them into diffusion coefficients, and per-track summaries.
 */

/** Tracks as column arrays (one entry per localisation), grouped by track id and sorted by frame. */
export interface TrackTable {
  trackId: readonly (number | string)[];
  frame: readonly number[];
  xPx: readonly number[];
  yPx: readonly number[];
}

export interface TrackConditions {
  /** Camera pixel size in the sample plane, µm per pixel. */
  umPerPx: number;
  /** Frames per second. */
  fps: number;
  temperatureC: number;
  /** Diluent viscosity, cP; water at temperatureC (NTA 3.x correlation) when absent. */
  viscosityCp?: number;
  /** Localisation uncertainty per coordinate, nm (adds σ²/Δt to the apparent D); 0 when absent. */
  localisationNoiseNm?: number;
}

/**
 * One track reduced to what sizing needs: the number of frame-to-frame steps, the sum of squared 2-D
 * step lengths (µm²) and the total time of those steps (s). The 1-step MSD estimator of the diffusion
 * coefficient is D̂ = Σr² / (4 Σ Δt) (2-D Brownian motion: ⟨r²⟩ = 4 D Δt; Einstein 1905).
 */
export interface TrackSummary {
  id: string;
  steps: number;
  sumSquaredUm2: number;
  timeS: number;
}
