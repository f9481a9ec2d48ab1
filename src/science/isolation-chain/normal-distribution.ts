/**
 * Standard normal helpers for band and peak shapes (Gaussian bands in SEC, log-normal size distributions).
 */

/**
 * Error function, |error| < 1.2e-7 everywhere: the Chebyshev-fitted complementary error function of
 * Press et al., Numerical Recipes in C, 2nd ed. (1992), §6.2 `erfcc`.
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc : erfc - 1;
}

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * ∫_{-∞}^{z} Φ(u) du = z·Φ(z) + φ(z): the integral that turns a rectangular injection convolved with a
 * Gaussian into closed form.
 */
export function integratedNormalCdf(z: number): number {
  return z * normalCdf(z) + normalPdf(z);
}

/**
 * Cumulative share of a band that entered as a rectangle [start, start + width] and was spread by a
 * Gaussian of SD sigma, found at or before position v. Width 0 → a plain Gaussian at `start`.
 */
export function rectangleGaussianCdf(v: number, start: number, width: number, sigma: number): number {
  if (sigma <= 0) {
    if (width <= 0) return v >= start ? 1 : 0;
    return Math.min(1, Math.max(0, (v - start) / width));
  }
  if (width <= 1e-9 * sigma) return normalCdf((v - start) / sigma);
  return (
    (sigma / width) *
    (integratedNormalCdf((v - start) / sigma) - integratedNormalCdf((v - start - width) / sigma))
  );
}

/**
 * Five-point Gauss–Hermite rule for a standard normal variable (probabilists' nodes; Abramowitz & Stegun
 * 1964, Table 25.10, rescaled): E[f(Z)] ≈ Σ wᵢ f(zᵢ).
 */
export const NORMAL_QUADRATURE_5: readonly { z: number; weight: number }[] = [
  { z: -2.856970013872806, weight: 0.011257411327720691 },
  { z: -1.355626179974266, weight: 0.22207592200561266 },
  { z: 0, weight: 0.5333333333333333 },
  { z: 1.355626179974266, weight: 0.22207592200561266 },
  { z: 2.856970013872806, weight: 0.011257411327720691 },
];
