/**
 * Gauss–Legendre quadrature nodes and weights on [−1, 1]: the roots xᵢ of the Legendre polynomial Pₙ found by
 * Newton's method from the asymptotic estimate cos(π(i − ¼)/(n + ½)), with weights 2 / ((1 − xᵢ²) Pₙ′(xᵢ)²)
 * (Abramowitz & Stegun 1964, eq. 25.4.29; the algorithm of Press et al., Numerical Recipes 3rd ed. 2007,
 * §4.6.1 `gauleg`). Pₙ and Pₙ′ by the three-term recurrence (k+1)Pₖ₊₁ = (2k+1)xPₖ − kPₖ₋₁ and
 * Pₙ′ = n(xPₙ − Pₙ₋₁)/(x² − 1). An n-point rule integrates polynomials of degree ≤ 2n − 1 exactly.
 */
export interface GaussLegendreRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, GaussLegendreRule>();

export function gaussLegendre(n: number): GaussLegendreRule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('Gauss–Legendre needs n ≥ 1 points');
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.ceil(n / 2); // roots are symmetric about 0
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 1; k < n; k++) {
        const p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
        p0 = p1;
        p1 = p2;
      }
      // n = 1: P₁ = x, P₀ = 1.
      const pn = n === 1 ? x : p1;
      const pm = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pm)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-16) break;
    }
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    const w = 2 / ((1 - x * x) * dp * dp);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
