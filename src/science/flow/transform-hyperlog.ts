/**
 * Hyperlog scale (Bagwell 2005, Cytometry A 64:34, doi:10.1002/cyto.a.20114; Gating-ML 2.0 §6.6).
 * Same layout as logicle with a linear instead of a negative-exponential term: with w = W/(M+A),
 * x2 = A/(M+A), x1 = x2 + w, x0 = x2 + 2w, b = (M+A)·ln10, c_a = e^{b·x0}/w, f_a = e^{b·x1} + c_a·x1,
 * a = T/(e^b + c_a − f_a), c = c_a·a, f = f_a·a, the data value at scale y ≥ x1 is
 * EH(y) = a·e^{b·y} + c·y − f (odd about x1); hyperlog(x) = EH⁻¹(x).
 */
import { type Biexponential, solveBiexponential } from './biexponential-solver.ts';

export function hyperlogParameters(T: number, W: number, M: number, A: number): Biexponential {
  if (!(T > 0) || !(W > 0) || !(M > 0) || 2 * W > M || -A > W || A + W > M - W) {
    throw new RangeError(`invalid hyperlog parameters T=${T} W=${W} M=${M} A=${A}`);
  }
  const w = W / (M + A);
  const x2 = A / (M + A);
  const x1 = x2 + w;
  const x0 = x2 + 2 * w;
  const b = (M + A) * Math.LN10;
  const cA = Math.exp(b * x0) / w;
  const fA = Math.exp(b * x1) + cA * x1;
  const a = T / (Math.exp(b) + cA - fA);
  const c = cA * a;
  const f = fA * a;
  const taylor: number[] = [];
  let coef = a * Math.exp(b * x1);
  for (let i = 0; i < 16; i++) {
    coef *= b / (i + 1);
    taylor.push(coef);
  }
  taylor[0] = (taylor[0] as number) + c;
  return {
    x1,
    xTaylor: x1 + w / 4,
    taylor,
    value: (y) => a * Math.exp(b * y) + c * y - f,
    slope: (y) => a * b * Math.exp(b * y) + c,
  };
}

export function hyperlogScale(T: number, W: number, M: number, A: number): (x: number) => number {
  const p = hyperlogParameters(T, W, M, A);
  return (x) => solveBiexponential(p, x);
}
