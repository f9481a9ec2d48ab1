/**
 * Logicle scale (Parks, Roederer & Moore 2006, Cytometry A 69:541, doi:10.1002/cyto.a.20258; Gating-ML 2.0
 * §6.5; parameter solution of Moore & Parks 2012, doi:10.1002/cyto.a.22030).
 * With w = W/(M+A), x2 = A/(M+A), x1 = x2 + w, x0 = x2 + 2w, b = (M+A)·ln10 and d the root of
 * 2(ln d − ln b) + w(b + d) = 0, the data value at scale y ≥ x1 is B(y) = a·e^{b·y} − c·e^{−d·y} − f with
 * a, c, f fixed by B(x1) = 0, B(1) = T and a vanishing second derivative at x1. logicle(x) = B⁻¹(x).
 * Check: Gating-ML 2.0 Table 8, logicle(T=1000, W=1, M=4, A=0) (see transform-logicle.test.ts).
 */
import { type Biexponential, solveBiexponential } from './biexponential-solver.ts';

/** Solves 2(ln d − ln b) + w(b + d) = 0 for 0 < d < b (safeguarded Newton; w = 0 gives d = b, arcsinh). */
export function logicleD(b: number, w: number): number {
  if (w === 0) return b;
  const g = (d: number) => 2 * (Math.log(d) - Math.log(b)) + w * (b + d);
  let lo = 0;
  let hi = b;
  let d = b / 2;
  for (let i = 0; i < 200; i++) {
    const f = g(d);
    if (f === 0) return d;
    if (f < 0) lo = d;
    else hi = d;
    let next = d - f / (2 / d + w);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - d) <= 2 * b * Number.EPSILON) return next;
    d = next;
  }
  return d;
}

export function logicleParameters(T: number, W: number, M: number, A: number): Biexponential {
  if (!(T > 0) || !(M > 0) || W < 0 || 2 * W > M || -A > W || A + W > M - W) {
    throw new RangeError(`invalid logicle parameters T=${T} W=${W} M=${M} A=${A}`);
  }
  const w = W / (M + A);
  const x2 = A / (M + A);
  const x1 = x2 + w;
  const x0 = x2 + 2 * w;
  const b = (M + A) * Math.LN10;
  const d = logicleD(b, w);
  const cA = Math.exp(x0 * (b + d));
  const mfA = Math.exp(b * x1) - cA / Math.exp(d * x1);
  const a = T / (Math.exp(b) - mfA - cA / Math.exp(d));
  const c = cA * a;
  const f = -mfA * a;
  // Taylor series of B about x1: derivatives a·b^k·e^{b x1} − c·(−d)^k·e^{−d x1}.
  const taylor: number[] = [];
  let posCoef = a * Math.exp(b * x1);
  let negCoef = -c / Math.exp(d * x1);
  for (let i = 0; i < 16; i++) {
    posCoef *= b / (i + 1);
    negCoef *= -d / (i + 1);
    taylor.push(posCoef + negCoef);
  }
  taylor[1] = 0; // exactly zero by the choice of d (logicle condition)
  return {
    x1,
    xTaylor: x1 + w / 4,
    taylor,
    value: (y) => a * Math.exp(b * y) + f - c / Math.exp(d * y),
    slope: (y) => a * b * Math.exp(b * y) + c * d * Math.exp(-d * y),
  };
}

/** logicle(x; T, W, M, A) as a function (parameters computed once). */
export function logicleScale(T: number, W: number, M: number, A: number): (x: number) => number {
  const p = logicleParameters(T, W, M, A);
  return (x) => solveBiexponential(p, x);
}
