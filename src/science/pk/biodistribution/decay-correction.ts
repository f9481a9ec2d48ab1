/**
 * Radioactive decay correction. A(t) = A₀ · 2^(−t/T½), so a value counted Δt after the reference time
 * (injection) is corrected back to it by multiplying with 2^(Δt/T½) = e^(λΔt), λ = ln 2 / T½.
 *
 * Values already expressed against a dose standard counted at the same time as the tissue (%ID with a
 * co-counted standard) are decay-corrected by construction: correct them again and they are overestimated.
 */

/** Fraction of the activity left after `elapsedH`: 2^(−Δt/T½). */
export function decayFactor(elapsedH: number, halfLifeH: number): number {
  if (!(halfLifeH > 0) || !Number.isFinite(halfLifeH))
    throw new RangeError(`half-life must be > 0 h (got ${halfLifeH})`);
  if (!Number.isFinite(elapsedH)) throw new RangeError(`elapsed time must be finite (got ${elapsedH})`);
  return 2 ** (-elapsedH / halfLifeH);
}

/** The multiplier that corrects a value counted `elapsedH` after the reference time: 2^(Δt/T½). */
export function decayCorrectionFactor(elapsedH: number, halfLifeH: number): number {
  return 1 / decayFactor(elapsedH, halfLifeH);
}

/** A value counted `elapsedH` after the reference time, corrected back to the reference time. */
export function decayCorrect(value: number, elapsedH: number, halfLifeH: number): number {
  return value * decayCorrectionFactor(elapsedH, halfLifeH);
}
