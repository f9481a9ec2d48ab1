/**
 * Linear mammillary disposition (central compartment 1 with elimination k10, peripheral compartments 2 and
 * 3 exchanging with it): the unit-impulse response of the central concentration
 *
 *   C(t) = Σᵢ aᵢ · exp(−λᵢ t)      per unit amount given as a bolus into compartment 1,
 *
 * with λᵢ the eigenvalues (hybrid rate constants α > β > γ) and
 *
 *   aᵢ = (1/V1) · Πⱼ (kⱼ₁ − λᵢ) / Π_{m≠i} (λₘ − λᵢ)
 *
 * (residue theorem on the Laplace transform (s + k21)(s + k31) / (V1 Πᵢ (s + λᵢ)); Gibaldi & Perrier 1982,
 * Pharmacokinetics 2nd ed., Marcel Dekker, ch. 2 and Appendix C). The 3-compartment eigenvalues are the
 * roots of the cubic λ³ − a₂λ² + a₁λ − a₀ with the coefficients below (trigonometric solution, as in
 * Abuhelwa, Foster & Upton 2015, J Pharmacol Toxicol Methods 73:42–48, doi:10.1016/j.vascn.2015.03.004).
 */
import type { ParameterValues } from './model-types.ts';

export interface MicroConstants {
  k10: number;
  k12: number;
  k21: number;
  k13: number;
  k31: number;
  V1: number;
}

export interface Disposition {
  /** Hybrid rate constants λ (1/time), descending (α, β, γ). */
  lambdas: number[];
  /** Unit-bolus coefficients aᵢ (1/volume), same order; Σ aᵢ = 1/V1. */
  unitCoefficients: number[];
}

/** Macro (exponential) parameterisation of a bolus dose: C(t) = Σ coefficients[i] · exp(−exponents[i] t). */
export interface MacroConstants {
  coefficients: number[];
  exponents: number[];
}

export function microFromParameters(params: ParameterValues, compartments: 1 | 2 | 3): MicroConstants {
  return {
    k10: params.k10 ?? Number.NaN,
    k12: compartments >= 2 ? (params.k12 ?? Number.NaN) : 0,
    k21: compartments >= 2 ? (params.k21 ?? Number.NaN) : 0,
    k13: compartments >= 3 ? (params.k13 ?? Number.NaN) : 0,
    k31: compartments >= 3 ? (params.k31 ?? Number.NaN) : 0,
    V1: params.V1 ?? Number.NaN,
  };
}

/** Eigenvalues of the mammillary system, descending. */
export function hybridRateConstants(micro: MicroConstants, compartments: 1 | 2 | 3): number[] {
  const { k10, k12, k21, k13, k31 } = micro;
  if (compartments === 1) return [k10];
  if (compartments === 2) {
    const sum = k10 + k12 + k21;
    const product = k10 * k21;
    const alpha = (sum + Math.sqrt(Math.max(0, sum * sum - 4 * product))) / 2;
    // β from the product avoids cancellation when β ≪ α.
    return [alpha, product / alpha];
  }
  // λ³ − a2 λ² + a1 λ − a0 = 0 (see the file comment).
  const a0 = k10 * k21 * k31;
  const a1 = k10 * k31 + k21 * k31 + k21 * k13 + k10 * k21 + k31 * k12;
  const a2 = k10 + k12 + k13 + k21 + k31;
  // Substitute λ = y + a2/3: y³ + p y + q = 0.
  const p = a1 - (a2 * a2) / 3;
  const q = (-2 * a2 * a2 * a2) / 27 + (a1 * a2) / 3 - a0;
  if (p >= 0) {
    // Only possible for a (numerically) triple root.
    return [a2 / 3, a2 / 3, a2 / 3];
  }
  const m = 2 * Math.sqrt(-p / 3);
  const argument = Math.max(-1, Math.min(1, (3 * q) / (p * m)));
  const theta = Math.acos(argument) / 3;
  const roots = [0, 1, 2].map((k) => m * Math.cos(theta - (2 * Math.PI * k) / 3) + a2 / 3);
  return roots.sort((x, y) => y - x);
}

/** Eigenvalues and unit-bolus coefficients of the central concentration. */
export function disposition(micro: MicroConstants, compartments: 1 | 2 | 3): Disposition {
  const lambdas = hybridRateConstants(micro, compartments);
  const returns = compartments === 1 ? [] : compartments === 2 ? [micro.k21] : [micro.k21, micro.k31];
  const unitCoefficients = lambdas.map((lambda, i) => {
    let numerator = 1;
    for (const k of returns) numerator *= k - lambda;
    let denominator = 1;
    lambdas.forEach((other, m) => {
      if (m !== i) denominator *= other - lambda;
    });
    return numerator / denominator / micro.V1;
  });
  return { lambdas, unitCoefficients };
}

/** Micro → macro for a bolus of `dose`: A = dose·a₁, α = λ₁, B = dose·a₂, β = λ₂ … */
export function microToMacro(micro: MicroConstants, compartments: 1 | 2 | 3, dose: number): MacroConstants {
  const d = disposition(micro, compartments);
  return { coefficients: d.unitCoefficients.map((a) => a * dose), exponents: d.lambdas };
}

/**
 * Macro → micro for a bolus of `dose` (Gibaldi & Perrier 1982, ch. 2 and Appendix C):
 * 2 compartments: k21 = (Aβ + Bα)/(A + B), k10 = αβ/k21, k12 = α + β − k21 − k10, V1 = dose/(A + B);
 * 3 compartments: k21 + k31 = b and k21·k31 = c with b, c weighted sums of the exponents (below),
 * k10 = αβγ/(k21 k31), k12 from the second-order coefficient, k13 = α + β + γ − k10 − k12 − k21 − k31.
 * The faster-returning peripheral compartment is labelled 2. Returns null when the exponentials do not
 * correspond to a mammillary model with positive rate constants.
 */
export function macroToMicro(macro: MacroConstants, dose: number): MicroConstants | null {
  const order = macro.exponents
    .map((_, i) => i)
    .sort((i, j) => (macro.exponents[j] ?? 0) - (macro.exponents[i] ?? 0));
  const c = order.map((i) => macro.coefficients[i] ?? Number.NaN);
  const l = order.map((i) => macro.exponents[i] ?? Number.NaN);
  const total = c.reduce((s, x) => s + x, 0);
  if (!(total > 0) || !(dose > 0)) return null;
  const V1 = dose / total;
  let micro: MicroConstants;
  if (c.length === 1) {
    micro = { k10: l[0] ?? Number.NaN, k12: 0, k21: 0, k13: 0, k31: 0, V1 };
  } else if (c.length === 2) {
    const [A = 0, B = 0] = c;
    const [alpha = 0, beta = 0] = l;
    const k21 = (A * beta + B * alpha) / (A + B);
    const k10 = (alpha * beta) / k21;
    const k12 = alpha + beta - k21 - k10;
    micro = { k10, k12, k21, k13: 0, k31: 0, V1 };
  } else if (c.length === 3) {
    const [A = 0, B = 0, C = 0] = c;
    const [alpha = 0, beta = 0, gamma = 0] = l;
    const b = (A * (beta + gamma) + B * (alpha + gamma) + C * (alpha + beta)) / total;
    const cc = (A * beta * gamma + B * alpha * gamma + C * alpha * beta) / total;
    const disc = b * b - 4 * cc;
    if (disc < 0) return null;
    const k21 = (b + Math.sqrt(disc)) / 2;
    const k31 = cc / k21;
    const k10 = (alpha * beta * gamma) / (k21 * k31);
    const k12 =
      (alpha * beta + alpha * gamma + beta * gamma - k21 * (alpha + beta + gamma) - k10 * k31 + k21 * k21) /
      (k31 - k21);
    const k13 = alpha + beta + gamma - k10 - k12 - k21 - k31;
    micro = { k10, k12, k21, k13, k31, V1 };
  } else {
    return null;
  }
  const used = [
    micro.k10,
    micro.V1,
    ...(c.length >= 2 ? [micro.k12, micro.k21] : []),
    ...(c.length === 3 ? [micro.k13, micro.k31] : []),
  ];
  return used.every((x) => Number.isFinite(x) && x > 0) ? micro : null;
}

/** Steady-state volume of distribution Vss = V1 (1 + k12/k21 + k13/k31) (Gibaldi & Perrier 1982, ch. 2). */
export function steadyStateVolume(micro: MicroConstants, compartments: 1 | 2 | 3): number {
  let vss = micro.V1;
  if (compartments >= 2) vss += (micro.V1 * micro.k12) / micro.k21;
  if (compartments >= 3) vss += (micro.V1 * micro.k13) / micro.k31;
  return vss;
}
