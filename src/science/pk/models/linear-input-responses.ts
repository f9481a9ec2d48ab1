/**
 * Single-dose central concentrations of a linear mammillary model for the three kinds of input, written as
 * sums over the disposition exponentials (Gibaldi & Perrier 1982, Pharmacokinetics 2nd ed., ch. 1–2;
 * Abuhelwa, Foster & Upton 2015, J Pharmacol Toxicol Methods 73:42–48):
 *
 *   IV bolus D:              C(s) = D Σ aᵢ e^(−λᵢ s)
 *   zero-order infusion D/T: C(s) = (D/T) Σ aᵢ/λᵢ (1 − e^(−λᵢ min(s,T))) e^(−λᵢ max(0, s−T))
 *   first-order absorption:  C(s) = F D ka Σ aᵢ (e^(−λᵢ s′) − e^(−ka s′)) / (ka − λᵢ),  s′ = s − tlag
 *
 * expm1 keeps the differences accurate when λᵢ·s is small or ka ≈ λᵢ (the limit ka → λᵢ is s′ e^(−λᵢ s′)).
 */
import type { Disposition } from './mammillary-disposition.ts';

export function bolusResponse(d: Disposition, amount: number, sinceH: number): number {
  let c = 0;
  for (let i = 0; i < d.lambdas.length; i++) {
    c += (d.unitCoefficients[i] ?? 0) * Math.exp(-(d.lambdas[i] ?? 0) * sinceH);
  }
  return amount * c;
}

export function infusionResponse(d: Disposition, amount: number, durationH: number, sinceH: number): number {
  const rate = amount / durationH;
  const during = Math.min(sinceH, durationH);
  const after = Math.max(0, sinceH - durationH);
  let c = 0;
  for (let i = 0; i < d.lambdas.length; i++) {
    const lambda = d.lambdas[i] ?? 0;
    const a = d.unitCoefficients[i] ?? 0;
    // (1 − e^(−λ T)) / λ, with the limit T for λ → 0.
    const accumulated = lambda === 0 ? during : -Math.expm1(-lambda * during) / lambda;
    c += a * accumulated * Math.exp(-lambda * after);
  }
  return rate * c;
}

export function firstOrderResponse(
  d: Disposition,
  absorbedAmount: number,
  ka: number,
  lagH: number,
  sinceH: number,
): number {
  const s = sinceH - lagH;
  if (s <= 0) return 0;
  let c = 0;
  for (let i = 0; i < d.lambdas.length; i++) {
    const lambda = d.lambdas[i] ?? 0;
    const a = d.unitCoefficients[i] ?? 0;
    const diff = ka - lambda;
    // (e^(−λs) − e^(−ka s)) / (ka − λ) = e^(−min·s) · (1 − e^(−|ka−λ| s)) / |ka − λ|, min = min(ka, λ):
    // the same value written so that no factor overflows when ka < λ (flip-flop kinetics).
    const slower = Math.min(ka, lambda);
    const gap = Math.abs(diff);
    const kernel =
      gap === 0 ? s * Math.exp(-lambda * s) : (Math.exp(-slower * s) * -Math.expm1(-gap * s)) / gap;
    c += a * kernel;
  }
  return absorbedAmount * ka * c;
}
