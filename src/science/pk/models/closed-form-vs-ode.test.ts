import { describe, expect, it } from 'vitest';
import { predictLinearByOde } from './linear-compartment-ode.ts';
import { findModel } from './model-registry.ts';
import type { DoseEvent, ModelInput } from './model-types.ts';
import { repeatedDoses } from './superposition.ts';

/** Relative agreement required by the issue: closed forms equal the numerical ODE solution to 1e-6. */
const RELATIVE = 1e-6;

const PARAMS: Record<1 | 2 | 3, Record<string, number>> = {
  1: { k10: 0.3, V1: 12 },
  2: { k10: 0.4, k12: 0.9, k21: 0.25, V1: 8 },
  3: { k10: 0.35, k12: 1.2, k21: 0.6, k13: 0.15, k31: 0.04, V1: 5 },
};

const TIMES = [
  0, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 23.9, 24, 24.5, 30, 36, 47.5, 48, 60, 72, 96,
];

function regimens(input: ModelInput): { name: string; doses: DoseEvent[] }[] {
  const duration = input === 'iv-infusion' ? 1.5 : undefined;
  return [
    { name: 'single dose', doses: repeatedDoses(100, 1, 0, duration) },
    { name: '4 doses every 12 h', doses: repeatedDoses(100, 4, 12, duration) },
    {
      name: 'irregular doses',
      doses: [
        { timeH: 0, amount: 50, ...(duration ? { durationH: duration } : {}) },
        { timeH: 5, amount: 120, ...(duration ? { durationH: 3 } : {}) },
        { timeH: 30.25, amount: 80, ...(duration ? { durationH: 0.5 } : {}) },
      ],
    },
  ];
}

function expectClose(closed: number[], ode: number[]): void {
  const peak = Math.max(...closed);
  closed.forEach((c, i) => {
    const o = ode[i] ?? Number.NaN;
    // Relative to the value; values below 1e-9 of the peak (e.g. before absorption starts) absolutely.
    const scale = Math.max(Math.abs(c), 1e-9 * peak);
    expect(Math.abs(c - o) / scale, `t=${TIMES[i]} closed=${c} ode=${o}`).toBeLessThanOrEqual(RELATIVE);
  });
}

describe('closed forms agree with the ODE solution (odex)', () => {
  for (const compartments of [1, 2, 3] as const) {
    for (const input of ['iv-bolus', 'iv-infusion', 'first-order'] as const) {
      for (const { name, doses } of regimens(input)) {
        for (const lag of input === 'first-order' ? [false, true] : [false]) {
          it(`${compartments}-cmt ${input}${lag ? ' with lag' : ''}, ${name}`, () => {
            const id = `${compartments}cmt-${input === 'first-order' ? 'oral' : input}`;
            const model = findModel(id);
            if (!model) throw new Error(`no model ${id}`);
            const params = {
              ...PARAMS[compartments],
              ...(input === 'first-order' ? { ka: 1.3 } : {}),
              ...(lag ? { tlag: 0.4 } : {}),
            };
            const options = { bioavailability: input === 'first-order' ? 0.6 : 1, lag };
            const closed = model.predict(params, doses, TIMES, options);
            const ode = predictLinearByOde(compartments, input, params, doses, TIMES, options);
            expect(Math.max(...closed)).toBeGreaterThan(0);
            expectClose(closed, ode);
          });
        }
      }
    }
  }

  it('first-order absorption with ka equal to an eigenvalue uses the limit s·e^(−λs)', () => {
    const model = findModel('1cmt-oral');
    const params = { ka: 0.3, k10: 0.3, V1: 10 };
    const doses = repeatedDoses(100, 2, 12);
    const closed = model?.predict(params, doses, TIMES) ?? [];
    const ode = predictLinearByOde(1, 'first-order', params, doses, TIMES);
    expectClose(closed, ode);
  });
});

describe('accelerated clearance (ODE) against hand-derived solutions', () => {
  it('factor 1 reproduces the linear closed form; factor 3 gives C(τ⁻)+D/V decaying at 3·k10', () => {
    const abc = findModel('abc-1cmt-iv-bolus');
    const linear = findModel('1cmt-iv-bolus');
    const doses = repeatedDoses(100, 2, 24);
    const times = [1, 12, 23.99, 24, 25, 30, 48];
    const same = abc?.predict({ k10: 0.2, V1: 10, factor: 1 }, doses, times) ?? [];
    const reference = linear?.predict({ k10: 0.2, V1: 10 }, doses, times) ?? [];
    same.forEach((c, i) => {
      expect(c).toBeCloseTo(reference[i] ?? Number.NaN, 9);
    });
    const faster = abc?.predict({ k10: 0.2, V1: 10, factor: 3 }, doses, times) ?? [];
    // Hand derivation: before the 2nd dose C = 10·e^(−0.2t); after it C = (10·e^(−4.8) + 10)·e^(−0.6(t−24)).
    const c24 = 10 * Math.exp(-0.2 * 24) + 10;
    const expected = times.map((t) => (t < 24 ? 10 * Math.exp(-0.2 * t) : c24 * Math.exp(-0.6 * (t - 24))));
    faster.forEach((c, i) => {
      expect(Math.abs(c / (expected[i] ?? 1) - 1)).toBeLessThan(1e-8);
    });
  });
});

describe('Michaelis–Menten elimination (ODE)', () => {
  it('behaves linearly with CL = Vmax/Km far below Km', () => {
    const mm = findModel('mm-1cmt-iv-bolus');
    const times = [0.5, 2, 8, 24];
    const c = mm?.predict({ Vmax: 1000, Km: 1000, V1: 10 }, [{ timeH: 0, amount: 1e-3 }], times) ?? [];
    // CL = 1 L/h, V = 10 L → k = 0.1/h; C0 = 1e-4; at C ≪ Km the relative deviation is ~C/Km ≈ 1e-7.
    times.forEach((t, i) => {
      expect(Math.abs((c[i] ?? 0) / (1e-4 * Math.exp(-0.1 * t)) - 1)).toBeLessThan(1e-6);
    });
  });

  it('declines at zero order Vmax/V far above Km (Gibaldi & Perrier 1982, ch. 7)', () => {
    const mm = findModel('mm-1cmt-iv-bolus');
    // C0 = 1000, Km = 0.001: dC/dt ≈ −Vmax/V = −10 per h, so C(10 h) ≈ 900 (deviation ≈ Km·ln(C0/C)/… ≪ 1e-3).
    const [c10] = mm?.predict({ Vmax: 100, Km: 0.001, V1: 10 }, [{ timeH: 0, amount: 10000 }], [10]) ?? [];
    expect(c10).toBeCloseTo(900, 2);
  });

  it('derived AUC of a bolus matches numerical integration of the ODE profile', () => {
    const mm = findModel('mm-1cmt-iv-bolus');
    if (!mm) throw new Error('no model');
    const params = { Vmax: 5, Km: 2, V1: 10 };
    const times = Array.from({ length: 20001 }, (_, i) => i * 0.01);
    const c = mm.predict(params, [{ timeH: 0, amount: 100 }], times);
    let auc = 0;
    for (let i = 1; i < times.length; i++) auc += ((c[i] ?? 0) + (c[i - 1] ?? 0)) * 0.005;
    const derived = mm.derived(params, 100).find((d) => d.name === 'AUC')?.value ?? Number.NaN;
    // (V/Vmax)(Km C0 + C0²/2) = 2·(20 + 50) = 140
    expect(derived).toBeCloseTo(140, 9);
    expect(auc).toBeCloseTo(140, 2);
  });
});
