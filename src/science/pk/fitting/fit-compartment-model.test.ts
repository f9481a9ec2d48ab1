import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../nta/synthetic-nta-sample.ts';
import { findModel } from '../models/model-registry.ts';
import { repeatedDoses } from '../models/superposition.ts';
import { compareModels } from './compare-models.ts';
import { fitCompartmentModel } from './fit-compartment-model.ts';
import { FitInputError, type Observation, type WeightingScheme } from './fit-types.ts';

/** Standard normal by Box–Muller. */
function normal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const TIMES = [0.083, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24];

function simulate(
  modelId: string,
  params: Record<string, number>,
  doses = repeatedDoses(100, 1, 0),
  options = {},
  times = TIMES,
): Observation[] {
  const model = findModel(modelId);
  if (!model) throw new Error(modelId);
  const conc = model.predict(params, doses, times, options);
  return times.map((timeH, i) => ({ timeH, conc: conc[i] ?? 0 }));
}

const CASES: { model: string; params: Record<string, number>; duration?: number; lag?: boolean }[] = [
  { model: '1cmt-iv-bolus', params: { k10: 0.25, V1: 10 } },
  { model: '2cmt-iv-bolus', params: { k10: 0.3, k12: 0.8, k21: 0.35, V1: 6 } },
  { model: '3cmt-iv-bolus', params: { k10: 0.3, k12: 1.5, k21: 1.1, k13: 0.12, k31: 0.06, V1: 4 } },
  { model: '1cmt-iv-infusion', params: { k10: 0.2, V1: 12 }, duration: 1 },
  { model: '2cmt-iv-infusion', params: { k10: 0.3, k12: 0.6, k21: 0.3, V1: 8 }, duration: 0.5 },
  { model: '1cmt-oral', params: { ka: 1.4, k10: 0.15, V1: 20 } },
  { model: '1cmt-oral', params: { ka: 1.4, k10: 0.15, V1: 20, tlag: 0.2 }, lag: true },
  { model: '2cmt-oral', params: { ka: 2.5, k10: 0.25, k12: 0.5, k21: 0.2, V1: 10 } },
];

describe('fits recover the parameters of noise-free data', () => {
  for (const c of CASES) {
    it(`${c.model}${c.lag ? ' with lag' : ''}`, () => {
      const doses = repeatedDoses(100, 1, 0, c.duration);
      const options = { lag: c.lag ?? false };
      const observations = simulate(c.model, c.params, doses, options);
      const fit = fitCompartmentModel({ model: c.model, observations, doses, options, weighting: '1/y2' });
      expect(fit.converged).toBe(true);
      for (const [name, value] of Object.entries(c.params)) {
        const est = fit.parameters.find((p) => p.name === name)?.estimate ?? Number.NaN;
        expect(Math.abs(est / value - 1), `${name}: ${est} vs ${value}`).toBeLessThan(1e-6);
      }
      expect(fit.objective.wrss).toBeLessThan(1e-12);
    });
  }

  it('recovers Michaelis–Menten parameters from multiple doses (ODE model)', () => {
    const truth = { Vmax: 40, Km: 3, V1: 10 };
    const doses = repeatedDoses(100, 2, 12);
    const times = [0.25, 0.5, 1, 2, 4, 6, 8, 11.9, 12.5, 14, 16, 20, 24, 30];
    const observations = simulate('mm-1cmt-iv-bolus', truth, doses, {}, times);
    const fit = fitCompartmentModel({ model: 'mm-1cmt-iv-bolus', observations, doses, weighting: '1/y2' });
    for (const [name, value] of Object.entries(truth)) {
      const est = fit.parameters.find((p) => p.name === name)?.estimate ?? Number.NaN;
      expect(Math.abs(est / value - 1), name).toBeLessThan(1e-5);
    }
  });

  it('recovers an accelerated-clearance factor on repeat dosing (ODE model)', () => {
    const truth = { k10: 0.2, V1: 10, factor: 2.5 };
    const doses = repeatedDoses(100, 2, 24);
    const times = [0.5, 1, 2, 4, 8, 12, 23.5, 24.5, 25, 26, 28, 32, 36, 48];
    const observations = simulate('abc-1cmt-iv-bolus', truth, doses, {}, times);
    const fit = fitCompartmentModel({ model: 'abc-1cmt-iv-bolus', observations, doses, weighting: '1/y2' });
    for (const [name, value] of Object.entries(truth)) {
      const est = fit.parameters.find((p) => p.name === name)?.estimate ?? Number.NaN;
      expect(Math.abs(est / value - 1), name).toBeLessThan(1e-5);
    }
  });
});

describe('95 % confidence intervals from the Jacobian cover the truth (50 seeded replicates)', () => {
  const scenarios: {
    model: string;
    params: Record<string, number>;
    weighting: WeightingScheme;
    cv?: number;
    sd?: number;
  }[] = [
    { model: '1cmt-iv-bolus', params: { k10: 0.25, V1: 10 }, weighting: '1/y2', cv: 0.1 },
    {
      model: '2cmt-iv-bolus',
      params: { k10: 0.3, k12: 0.8, k21: 0.35, V1: 6 },
      weighting: '1/yhat2',
      cv: 0.08,
    },
    { model: '1cmt-oral', params: { ka: 1.4, k10: 0.15, V1: 20 }, weighting: '1', sd: 0.1 },
  ];
  for (const s of scenarios) {
    it(`${s.model}, ${s.weighting} weighting`, () => {
      const random = mulberry32(20250101);
      const z = normal(random);
      const doses = repeatedDoses(100, 1, 0);
      const clean = simulate(s.model, s.params, doses);
      const replicates = 50;
      const covered: Record<string, number> = {};
      for (let r = 0; r < replicates; r++) {
        const observations = clean.map((o) => ({
          timeH: o.timeH,
          conc: s.cv !== undefined ? o.conc * (1 + s.cv * z()) : o.conc + (s.sd ?? 0) * z(),
        }));
        const fit = fitCompartmentModel({ model: s.model, observations, doses, weighting: s.weighting });
        for (const p of fit.parameters) {
          const truth = s.params[p.name] ?? Number.NaN;
          if (p.ci95 && p.ci95[0] <= truth && truth <= p.ci95[1])
            covered[p.name] = (covered[p.name] ?? 0) + 1;
        }
      }
      for (const name of Object.keys(s.params)) {
        // Nominal 95 %: at least 42 of 50 (binomial lower 1 % tail is 43; asymptotic SEs run slightly small).
        expect(covered[name] ?? 0, `${name} covered ${covered[name]}/50`).toBeGreaterThanOrEqual(42);
      }
    });
  }
});

describe('model comparison and input errors', () => {
  it('prefers the 2-compartment model for bi-exponential data (ΔAIC, Akaike weight)', () => {
    const random = mulberry32(7);
    const z = normal(random);
    const doses = repeatedDoses(100, 1, 0);
    const observations = simulate('2cmt-iv-bolus', { k10: 0.3, k12: 0.8, k21: 0.35, V1: 6 }, doses).map(
      (o) => ({
        ...o,
        conc: o.conc * (1 + 0.05 * z()),
      }),
    );
    const fits = ['1cmt-iv-bolus', '2cmt-iv-bolus'].map((model) =>
      fitCompartmentModel({ model, observations, doses, weighting: '1/y2' }),
    );
    const comparison = compareModels(fits);
    expect(comparison.rows[0]?.model).toBe('2cmt-iv-bolus');
    expect(comparison.rows[0]?.best).toBe(true);
    expect(comparison.rows[1]?.deltaAic).toBeGreaterThan(10);
    expect(comparison.rows[0]?.akaikeWeight).toBeGreaterThan(0.99);
  });

  it('AIC and BIC follow Yamaoka et al. 1978: n·ln(WRSS) + 2p and n·ln(WRSS) + p·ln(n)', () => {
    const doses = repeatedDoses(100, 1, 0);
    const observations = simulate('1cmt-iv-bolus', { k10: 0.25, V1: 10 }, doses).map((o, i) => ({
      ...o,
      conc: o.conc * (i % 2 === 0 ? 1.05 : 0.95),
    }));
    const fit = fitCompartmentModel({ model: '1cmt-iv-bolus', observations, doses });
    const { wrss, n } = fit.objective;
    expect(fit.objective.aic).toBeCloseTo(n * Math.log(wrss) + 4, 10);
    expect(fit.objective.bic).toBeCloseTo(n * Math.log(wrss) + 2 * Math.log(n), 10);
    const sum = fit.residuals.reduce((s, r) => s + r.weightedResidual ** 2, 0);
    expect(sum).toBeCloseTo(wrss, 10);
  });

  it('rejects fewer observations than parameters, naming them', () => {
    const doses = repeatedDoses(100, 1, 0);
    const observations = simulate('2cmt-iv-bolus', { k10: 0.3, k12: 0.8, k21: 0.35, V1: 6 }, doses).slice(
      0,
      3,
    );
    expect(() => fitCompartmentModel({ model: '2cmt-iv-bolus', observations, doses })).toThrow(
      /3 usable observation\(s\) but model 2cmt-iv-bolus has 4 parameters \(k10, k12, k21, V1\)/,
    );
  });

  it('rejects unknown models, infusions without a duration and non-positive doses', () => {
    const observations = simulate('1cmt-iv-bolus', { k10: 0.25, V1: 10 });
    expect(() => fitCompartmentModel({ model: 'nope', observations, doses: repeatedDoses(1) })).toThrow(
      FitInputError,
    );
    expect(() =>
      fitCompartmentModel({ model: '1cmt-iv-infusion', observations, doses: repeatedDoses(1) }),
    ).toThrow(/duration/);
    expect(() =>
      fitCompartmentModel({ model: '1cmt-iv-bolus', observations, doses: [{ timeH: 0, amount: -1 }] }),
    ).toThrow(/positive/);
  });
});
