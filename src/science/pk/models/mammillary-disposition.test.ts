import { describe, expect, it } from 'vitest';
import {
  disposition,
  hybridRateConstants,
  macroToMicro,
  microToMacro,
  steadyStateVolume,
} from './mammillary-disposition.ts';
import { findModel } from './model-registry.ts';

const micro2 = { k10: 1, k12: 0.5, k21: 1, k13: 0, k31: 0, V1: 10 };

describe('2-compartment micro ↔ macro (Gibaldi & Perrier 1982, ch. 2), hand-derived values', () => {
  // α + β = k10 + k12 + k21 = 2.5 and αβ = k10·k21 = 1 → α = 2, β = 0.5.
  // A = D(α − k21)/(V1(α − β)) = 100·1/15, B = D(k21 − β)/(V1(α − β)) = 100·0.5/15.
  it('gives α = 2, β = 0.5, A = 20/3, B = 10/3 for k10 = 1, k12 = 0.5, k21 = 1, V1 = 10, D = 100', () => {
    const macro = microToMacro(micro2, 2, 100);
    expect(macro.exponents[0]).toBeCloseTo(2, 12);
    expect(macro.exponents[1]).toBeCloseTo(0.5, 12);
    expect(macro.coefficients[0]).toBeCloseTo(20 / 3, 12);
    expect(macro.coefficients[1]).toBeCloseTo(10 / 3, 12);
  });

  it('converts back: k21 = (Aβ + Bα)/(A + B), k10 = αβ/k21, k12 = α + β − k21 − k10, V1 = D/(A + B)', () => {
    const micro = macroToMicro({ coefficients: [20 / 3, 10 / 3], exponents: [2, 0.5] }, 100);
    expect(micro?.k21).toBeCloseTo(1, 12);
    expect(micro?.k10).toBeCloseTo(1, 12);
    expect(micro?.k12).toBeCloseTo(0.5, 12);
    expect(micro?.V1).toBeCloseTo(10, 12);
  });

  it('derives AUC = A/α + B/β = D/(V1·k10) = 10, Vss = V1(1 + k12/k21) = 15, CL = 10, half-lives ln2/α, ln2/β', () => {
    const model = findModel('2cmt-iv-bolus');
    const derived = Object.fromEntries(
      (model?.derived({ k10: 1, k12: 0.5, k21: 1, V1: 10 }, 100) ?? []).map((d) => [d.name, d.value]),
    );
    expect(derived.AUC).toBeCloseTo(20 / 3 / 2 + 10 / 3 / 0.5, 12);
    expect(derived.AUC).toBeCloseTo(10, 12);
    expect(derived.Vss).toBeCloseTo(15, 12);
    expect(derived.CL).toBeCloseTo(10, 12);
    expect(derived.thalf_alpha).toBeCloseTo(Math.LN2 / 2, 12);
    expect(derived.thalf_beta).toBeCloseTo(Math.LN2 / 0.5, 12);
    expect(derived.Vz).toBeCloseTo(10 / 0.5, 12);
    expect(derived.MRT).toBeCloseTo(1.5, 12);
    expect(steadyStateVolume(micro2, 2)).toBeCloseTo(15, 12);
  });
});

describe('3-compartment eigenvalues and conversions', () => {
  // Chosen so the characteristic polynomial factors: (λ − 3)(λ − 1)(λ − 0.1).
  // The macro → micro formulas must give a positive micro set that reproduces exactly these exponentials.
  it('round-trips macro → micro → macro for α = 3, β = 1, γ = 0.1', () => {
    const macro = { coefficients: [6, 3, 1], exponents: [3, 1, 0.1] };
    const micro = macroToMicro(macro, 100);
    expect(micro).not.toBeNull();
    if (!micro) return;
    const back = microToMacro(micro, 3, 100);
    back.exponents.forEach((l, i) => {
      expect(l).toBeCloseTo(macro.exponents[i] ?? 0, 10);
    });
    back.coefficients.forEach((c, i) => {
      expect(c).toBeCloseTo(macro.coefficients[i] ?? 0, 10);
    });
    expect(micro.V1).toBeCloseTo(10, 12);
    // αβγ = k10·k21·k31 and α + β + γ = k10 + k12 + k13 + k21 + k31.
    expect(micro.k10 * micro.k21 * micro.k31).toBeCloseTo(0.3, 12);
    expect(micro.k10 + micro.k12 + micro.k13 + micro.k21 + micro.k31).toBeCloseTo(4.1, 12);
  });

  it('eigenvalues satisfy the characteristic polynomial and the unit coefficients sum to 1/V1', () => {
    const m = { k10: 0.35, k12: 1.2, k21: 0.6, k13: 0.15, k31: 0.04, V1: 5 };
    const lambdas = hybridRateConstants(m, 3);
    const a0 = m.k10 * m.k21 * m.k31;
    const a1 = m.k10 * m.k31 + m.k21 * m.k31 + m.k21 * m.k13 + m.k10 * m.k21 + m.k31 * m.k12;
    const a2 = m.k10 + m.k12 + m.k13 + m.k21 + m.k31;
    for (const l of lambdas) expect(l ** 3 - a2 * l ** 2 + a1 * l - a0).toBeCloseTo(0, 12);
    expect(lambdas[0]).toBeGreaterThan(lambdas[1] ?? 0);
    expect(lambdas[1]).toBeGreaterThan(lambdas[2] ?? 0);
    const d = disposition(m, 3);
    expect(d.unitCoefficients.reduce((s, x) => s + x, 0)).toBeCloseTo(1 / 5, 14);
  });

  it('rejects exponentials that no positive mammillary model produces (negative coefficient sum)', () => {
    expect(macroToMicro({ coefficients: [-5, 1], exponents: [2, 0.1] }, 100)).toBeNull();
  });
});

describe('1-compartment first-order absorption closed form (Bateman function)', () => {
  it('matches F·D·ka/(V(ka − k))·(e^(−k t) − e^(−ka t)) and tmax = ln(ka/k)/(ka − k)', () => {
    const model = findModel('1cmt-oral');
    const params = { ka: 1.5, k10: 0.2, V1: 30 };
    const t = [0.5, 1, 2, 8, 24];
    const c = model?.predict(params, [{ timeH: 0, amount: 320 }], t, { bioavailability: 0.8 }) ?? [];
    t.forEach((time, i) => {
      const expected =
        ((0.8 * 320 * 1.5) / (30 * (1.5 - 0.2))) * (Math.exp(-0.2 * time) - Math.exp(-1.5 * time));
      expect(c[i]).toBeCloseTo(expected, 12);
    });
    const derived = Object.fromEntries(
      (model?.derived(params, 320, { bioavailability: 0.8 }) ?? []).map((d) => [d.name, d.value]),
    );
    expect(derived.Tmax).toBeCloseTo(Math.log(1.5 / 0.2) / 1.3, 12);
    expect(derived.AUC).toBeCloseTo((0.8 * 320) / (0.2 * 30), 12);
  });
});
