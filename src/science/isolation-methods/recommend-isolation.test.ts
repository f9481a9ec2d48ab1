import { describe, expect, it } from 'vitest';
import { CRITERIA, CRITERION_WEIGHTS } from './criterion-weights.ts';
import { ISOLATION_METHOD_CATALOGUE, methodEntry } from './method-catalogue.ts';
import { EQUIPMENT } from './method-catalogue-schema.ts';
import { METHOD_CHAINS } from './method-chains.ts';
import { chainProfile, singleProfile } from './method-profile.ts';
import { purityBandLabel, purityScore, recommendIsolation, timeScore } from './recommend-isolation.ts';
import { DOWNSTREAM_USES, type RecommendationInputDraft, SAMPLE_MATRICES } from './recommendation-input.ts';

const withoutUltracentrifuge = EQUIPMENT.filter((e) => e !== 'ultracentrifuge');

describe('recommendIsolation', () => {
  it('500 mL conditioned medium for therapy without an ultracentrifuge: TFF→SEC first, dUC excluded', () => {
    const r = recommendIsolation({
      matrix: 'conditioned-medium',
      volumeMl: 500,
      use: 'therapy',
      equipment: withoutUltracentrifuge,
    });
    expect(r.ranked[0]?.methods).toEqual(['tangential-flow-filtration', 'size-exclusion-chromatography']);
    const duc = r.excluded.find((e) => e.methods.join() === 'differential-ultracentrifugation');
    expect(duc?.constraint).toBe('equipment-missing');
    expect(duc?.reason).toContain('needs ultracentrifuge');
    for (const option of r.ranked) {
      expect(option.methods).not.toContain('differential-ultracentrifugation');
      expect(option.methods).not.toContain('density-gradient-ultracentrifugation');
    }
  });

  it('never recommends PEG or immunomagnetic beads for therapy (GMP constraint)', () => {
    const r = recommendIsolation({ matrix: 'conditioned-medium', volumeMl: 5, use: 'therapy', top: 50 });
    for (const option of r.ranked) {
      expect(option.methods).not.toContain('polymer-precipitation');
      expect(option.methods).not.toContain('immunomagnetic-beads');
    }
    const peg = r.excluded.find((e) => e.methods.join() === 'polymer-precipitation');
    expect(peg?.violations.map((v) => v.constraint)).toContain('gmp-incompatible');
  });

  it('0.5 mL plasma for biomarker discovery never recommends TFF (volume constraint)', () => {
    const r = recommendIsolation({ matrix: 'plasma', volumeMl: 0.5, use: 'omics', top: 50 });
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const option of r.ranked) expect(option.methods).not.toContain('tangential-flow-filtration');
    const tff = r.excluded.find((e) => e.methods.join() === 'tangential-flow-filtration');
    expect(tff?.constraint).toBe('volume-out-of-range');
  });

  it('lists every criterion with its score and weight, and the total is their weighted sum', () => {
    for (const use of DOWNSTREAM_USES) {
      for (const matrix of SAMPLE_MATRICES) {
        for (const volumeMl of [0.2, 5, 500, 5000]) {
          const r = recommendIsolation({ matrix, volumeMl, use, top: 50 });
          for (const option of r.ranked) {
            expect(option.criteria.map((c) => c.name)).toEqual([...CRITERIA]);
            let sum = 0;
            for (const c of option.criteria) {
              expect(c.score).toBeGreaterThanOrEqual(0);
              expect(c.score).toBeLessThanOrEqual(1);
              expect(c.weight).toBe(CRITERION_WEIGHTS[use][c.name]);
              expect(c.reason.length).toBeGreaterThan(0);
              sum += c.score * c.weight;
            }
            expect(option.score).toBeCloseTo(sum, 2);
            expect(option.citations.length).toBeGreaterThan(0);
            expect(option.reasons.length).toBeGreaterThan(0);
          }
          for (let i = 1; i < r.ranked.length; i++) {
            expect(r.ranked[i - 1]?.score).toBeGreaterThanOrEqual(r.ranked[i]?.score ?? 0);
          }
        }
      }
    }
  });

  it('weights of every downstream use sum to 1', () => {
    for (const use of DOWNSTREAM_USES) {
      const total = Object.values(CRITERION_WEIGHTS[use]).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 10);
    }
  });

  it('excludes clearing steps and says they run before isolation', () => {
    const r = recommendIsolation({ matrix: 'urine', volumeMl: 50, use: 'omics' });
    for (const slug of ['low-speed-centrifugation', 'filtration']) {
      expect(r.excluded.find((e) => e.methods.join() === slug)?.constraint).toBe('clearing-step-only');
    }
  });

  it('high purity keeps only options whose best reported purity reaches 3×10¹⁰ particles/µg', () => {
    const r = recommendIsolation({ matrix: 'plasma', volumeMl: 1, use: 'omics', purity: 'high', top: 50 });
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const option of r.ranked) {
      expect(option.figures.purityParticlesPerUgProtein?.max ?? 0).toBeGreaterThanOrEqual(3e10);
    }
    const sec = r.excluded.find((e) => e.methods.join() === 'size-exclusion-chromatography');
    expect(sec?.constraint).toBe('purity-unreachable');
  });

  it('applies budget and time limits', () => {
    const cheap = recommendIsolation({ matrix: 'serum', volumeMl: 1, use: 'omics', budget: 'low', top: 50 });
    for (const option of cheap.ranked) {
      expect(option.methods).not.toContain('immunomagnetic-beads');
      expect(option.methods).not.toContain('acoustic-oscillation');
    }
    const fast = recommendIsolation({
      matrix: 'conditioned-medium',
      volumeMl: 100,
      use: 'omics',
      maxHours: 4,
      top: 50,
    });
    for (const option of fast.ranked) {
      expect(option.methods).not.toContain('density-gradient-ultracentrifugation');
      expect(option.figures.processingTimeH?.min ?? 0).toBeLessThanOrEqual(4);
    }
    expect(fast.excluded.some((e) => e.constraint === 'time-exceeded')).toBe(true);
  });

  it('composes chains: recovery multiplies, purity is the purer step, time adds', () => {
    for (const chain of METHOD_CHAINS) {
      const a = singleProfile(methodEntry(chain.steps[0]), 'conditioned-medium');
      const b = singleProfile(methodEntry(chain.steps[1]), 'conditioned-medium');
      const c = chainProfile(a, b, chain.citations);
      if (a.recoveryPercent && b.recoveryPercent && c.recoveryPercent) {
        expect(c.recoveryPercent.representative).toBeCloseTo(
          (a.recoveryPercent.representative * b.recoveryPercent.representative) / 100,
          10,
        );
        expect(c.recoveryPercent.representative).toBeLessThanOrEqual(a.recoveryPercent.representative);
        expect(c.recoveryPercent.representative).toBeLessThanOrEqual(b.recoveryPercent.representative);
      }
      if (a.purityParticlesPerUgProtein && b.purityParticlesPerUgProtein) {
        expect(c.purityParticlesPerUgProtein?.representative).toBe(
          Math.max(
            a.purityParticlesPerUgProtein.representative,
            b.purityParticlesPerUgProtein.representative,
          ),
        );
      }
      if (a.processingTimeH && b.processingTimeH) {
        expect(c.processingTimeH?.min).toBeCloseTo(a.processingTimeH.min + b.processingTimeH.min, 10);
      }
      expect(c.inputVolumeMl).toEqual(a.inputVolumeMl);
    }
  });

  it('scores purity on the Webber & Clayton scale and time logarithmically', () => {
    const t = ISOLATION_METHOD_CATALOGUE.purityThresholds;
    expect(purityScore(1.5e9, t.impureMaxParticlesPerUg, t.highPurityMinParticlesPerUg)).toBe(0);
    expect(purityScore(3e10, t.impureMaxParticlesPerUg, t.highPurityMinParticlesPerUg)).toBe(1);
    // Geometric middle of the two thresholds scores one half.
    expect(purityScore(Math.sqrt(1.5e9 * 3e10), 1.5e9, 3e10)).toBeCloseTo(0.5, 10);
    expect(timeScore(0.25)).toBe(1);
    expect(timeScore(24)).toBe(0);
    expect(timeScore(Math.sqrt(0.25 * 24))).toBeCloseTo(0.5, 10);
  });

  it('rejects invalid input', () => {
    expect(() => recommendIsolation({ matrix: 'plasma', volumeMl: 0, use: 'omics' })).toThrow();
    expect(() =>
      recommendIsolation({
        matrix: 'blood',
        volumeMl: 1,
        use: 'omics',
      } as unknown as RecommendationInputDraft),
    ).toThrow();
  });
});

describe('purity bands in the reasons (Webber & Clayton 2013, J Extracell Vesicles 2:19861)', () => {
  it('names the band of a particles/µg value, with the gaps between the published bands', () => {
    const c = ISOLATION_METHOD_CATALOGUE;
    expect(purityBandLabel(4e10, c)).toBe('high-purity band');
    expect(purityBandLabel(2.5e10, c)).toBe('between the low- and high-purity bands');
    expect(purityBandLabel(1e10, c)).toBe('low-purity band');
    expect(purityBandLabel(2e9, c)).toBe('low-purity band');
    expect(purityBandLabel(1.7e9, c)).toBe('between the impure and low-purity bands');
    expect(purityBandLabel(1e9, c)).toBe('impure band');
  });
});

describe('scores follow the scale (issue 9)', () => {
  const rankOf = (r: ReturnType<typeof recommendIsolation>, methods: string) =>
    r.ranked.find((o) => o.methods.join() === methods)?.rank ?? Number.POSITIVE_INFINITY;
  const concentrationThenSec = (r: ReturnType<typeof recommendIsolation>) =>
    Math.min(
      rankOf(r, 'ultrafiltration,size-exclusion-chromatography'),
      rankOf(r, 'tangential-flow-filtration,size-exclusion-chromatography'),
    );

  it.each([
    ['conditioned-medium', 100, 'in-vitro-function'],
    ['csf', 50, 'omics'],
  ] as const)(
    '%s %d mL without an ultracentrifuge: a concentration step + SEC ranks above SEC alone',
    (matrix, volumeMl, use) => {
      const r = recommendIsolation({ matrix, volumeMl, use, equipment: withoutUltracentrifuge, top: 50 });
      const chain = concentrationThenSec(r);
      expect(chain).toBeLessThan(Number.POSITIVE_INFINITY);
      expect(chain).toBeLessThan(rankOf(r, 'size-exclusion-chromatography'));
      // SEC alone above 10 mL is only reported as a process-scale column loaded with a concentrate
      // (Li et al. 2025 section 2.4: bench columns take 150 µL–10 mL; Watson et al. 2018).
      const sec = r.excluded.find((e) => e.methods.join() === 'size-exclusion-chromatography');
      expect(sec?.constraint).toBe('volume-out-of-range');
      expect(sec?.reason).toMatch(/only as a process-scale column after concentration.*concentrate first/);
    },
  );

  it('scores SEC after TFF with the process-scale column (chromatography system, ≥ 1 h), after UF with the bench column', () => {
    const r = recommendIsolation({ matrix: 'conditioned-medium', volumeMl: 100, use: 'omics', top: 50 });
    const tffSec = r.ranked.find((o) => o.label === 'TFF → SEC');
    const ufSec = r.ranked.find((o) => o.label === 'UF → SEC');
    expect(tffSec?.scales).toEqual(['SEC: process-scale column after concentration']);
    expect(ufSec?.scales[0]).toMatch(/^SEC: bench column/);
    const secTime = (o: typeof tffSec) => o?.criteria.find((c) => c.name === 'time')?.reason ?? '';
    expect(secTime(tffSec)).toMatch(/SEC 2\.5 h/);
    expect(secTime(ufSec)).toMatch(/SEC 0\.(25|38|50) h/);
    const noSystem = recommendIsolation({
      matrix: 'conditioned-medium',
      volumeMl: 100,
      use: 'omics',
      equipment: EQUIPMENT.filter((e) => e !== 'chromatography-system'),
      top: 50,
    });
    expect(noSystem.excluded.find((e) => e.label === 'TFF → SEC')?.reason).toMatch(/chromatography-system/);
  });

  it('EXODUS for a 10 L GMP harvest carries visible caveats and low confidence', () => {
    const r = recommendIsolation({ matrix: 'conditioned-medium', volumeMl: 10_000, use: 'therapy', top: 50 });
    const exodus = r.ranked.find((o) => o.label === 'EXODUS');
    expect(exodus?.confidence).toBe('low');
    expect(exodus?.caveats.join(' ')).toMatch(/recovery was measured on urine, plasma, tears/);
    expect(exodus?.caveats.join(' ')).toMatch(/measured at bench scale only/);
    expect(exodus?.caveats.join(' ')).toMatch(/no GMP manufacturing use reported/);
    const small = recommendIsolation({ matrix: 'plasma', volumeMl: 1, use: 'omics', top: 50 });
    const exodusPlasma = small.ranked.find((o) => o.label === 'EXODUS');
    expect(exodusPlasma?.caveats).toEqual([]);
    expect(exodusPlasma?.confidence).toBe('medium');
  });

  it('microfluidic recovery measured on another matrix is a caveat and lowers confidence', () => {
    const plasma = recommendIsolation({ matrix: 'plasma', volumeMl: 0.5, use: 'omics', top: 50 });
    const chip = plasma.ranked.find((o) => o.label === 'microfluidics');
    expect(chip?.caveats.join(' ')).toMatch(/recovery was measured on MSC conditioned medium, not on plasma/);
    expect(chip?.confidence).toBe('low');
    const medium = recommendIsolation({ matrix: 'conditioned-medium', volumeMl: 0.5, use: 'omics', top: 50 });
    expect(medium.ranked.find((o) => o.label === 'microfluidics')?.caveats).toEqual([]);
  });
});
