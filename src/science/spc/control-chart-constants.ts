/**
 * Control-chart constants for subgroups of size n, computed exactly (numerical integration) rather than read
 * from a rounded table, so that charts match qcc 3.0 (which also integrates) to its printed digits.
 *
 * - d2(n) = E[R]/σ, the mean of the relative range of n normal observations:
 *   d2 = ∫ [1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ] dx (Tippett 1925; Montgomery, Introduction to Statistical Quality
 *   Control, 7th ed., Appendix Table VI). d2(2) = 2/√π exactly.
 * - d3(n) = SD[R]/σ from E[R²] = 2 ∬_{s<t} [1 − Φ(t)ⁿ − (1 − Φ(s))ⁿ + (Φ(t) − Φ(s))ⁿ] ds dt.
 *   d3(2) = √(2 − 4/π) exactly.
 * - c4(n) = E[s]/σ = √(2/(n − 1)) · Γ(n/2) / Γ((n − 1)/2) (Montgomery, Appendix Table VI).
 * - A2 = 3/(d2√n), D3 = max(0, 1 − 3 d3/d2), D4 = 1 + 3 d3/d2, A3 = 3/(c4√n),
 *   B3 = max(0, 1 − 3√(1 − c4²)/c4), B4 = 1 + 3√(1 − c4²)/c4 (ASTM E2587-16 §9; Montgomery ch. 6).
 * Table values are checked in control-chart-constants.test.ts against Montgomery's Appendix VI.
 */

/** Complementary error function to ~1e-15: Taylor series of erf for |x| < 2.5, continued fraction beyond. */
function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    // erf(x) = 2/√π Σ (−1)ᵏ x^(2k+1) / (k! (2k+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let k = 1; k < 200; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))) evaluated bottom-up.
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal cumulative distribution function. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
export function lnGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Composite Simpson rule on [a, b] with an even number of intervals. */
function simpson(f: (x: number) => number, a: number, b: number, intervals: number): number {
  const n = intervals % 2 === 0 ? intervals : intervals + 1;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

const LIMIT = 9; // Φ(±9) differs from 0/1 by < 1e-18: beyond it the integrands vanish.
const MAX_N = 100;

function checkSize(n: number): void {
  if (!Number.isInteger(n) || n < 2 || n > MAX_N)
    throw new RangeError(`subgroup size must be an integer from 2 to ${MAX_N}, got ${n}`);
}

const d2Cache = new Map<number, number>();
const d3Cache = new Map<number, number>();

/** d2(n) = E[R]/σ for subgroups of n normal observations. */
export function d2(n: number): number {
  checkSize(n);
  const cached = d2Cache.get(n);
  if (cached !== undefined) return cached;
  const value =
    n === 2
      ? 2 / Math.sqrt(Math.PI)
      : simpson(
          (x) => {
            const p = normalCdf(x);
            return 1 - p ** n - (1 - p) ** n;
          },
          -LIMIT,
          LIMIT,
          3600,
        );
  d2Cache.set(n, value);
  return value;
}

/** d3(n) = SD[R]/σ for subgroups of n normal observations. */
export function d3(n: number): number {
  checkSize(n);
  const cached = d3Cache.get(n);
  if (cached !== undefined) return cached;
  let value: number;
  if (n === 2) value = Math.sqrt(2 - 4 / Math.PI);
  else {
    const inner = (s: number): number => {
      const ps = normalCdf(s);
      const qs = (1 - ps) ** n;
      return simpson(
        (t) => {
          const pt = normalCdf(t);
          return 1 - pt ** n - qs + (pt - ps) ** n;
        },
        s,
        LIMIT,
        Math.max(20, Math.ceil((LIMIT - s) * 40)),
      );
    };
    const expectedR2 = 2 * simpson(inner, -LIMIT, LIMIT, 720);
    const mean = d2(n);
    value = Math.sqrt(expectedR2 - mean * mean);
  }
  d3Cache.set(n, value);
  return value;
}

/** c4(n) = E[s]/σ, s the sample standard deviation (n − 1 divisor) of n normal observations. */
export function c4(n: number): number {
  checkSize(n);
  return Math.sqrt(2 / (n - 1)) * Math.exp(lnGamma(n / 2) - lnGamma((n - 1) / 2));
}

export const A2 = (n: number): number => 3 / (d2(n) * Math.sqrt(n));
export const D3 = (n: number): number => Math.max(0, 1 - (3 * d3(n)) / d2(n));
export const D4 = (n: number): number => 1 + (3 * d3(n)) / d2(n);
export const A3 = (n: number): number => 3 / (c4(n) * Math.sqrt(n));
export const B3 = (n: number): number => Math.max(0, 1 - (3 * Math.sqrt(1 - c4(n) ** 2)) / c4(n));
export const B4 = (n: number): number => 1 + (3 * Math.sqrt(1 - c4(n) ** 2)) / c4(n);
