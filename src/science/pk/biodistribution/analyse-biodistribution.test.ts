import { describe, expect, it } from 'vitest';
import type { BiodistributionRow, BiodistributionUnit } from '../../../domain/pk-study.ts';
import { analyseBiodistribution, BiodistributionInputError } from './analyse-biodistribution.ts';

function row(
  organ: string,
  timeH: number,
  value: number,
  unit: BiodistributionUnit = '%ID/g',
  extra: Partial<BiodistributionRow> = {},
): BiodistributionRow {
  return { organ, timeH, value, unit, subject: null, countTimeH: null, organMassG: null, ...extra };
}

// A hand-made %ID/g dataset for a 25 g mouse.
const ROWS: BiodistributionRow[] = [
  row('Blood', 1, 10),
  row('Blood', 4, 5),
  row('Blood', 24, 1),
  row('Liver', 1, 20),
  row('Liver', 4, 25),
  row('Liver', 24, 15),
  row('Spleen', 1, 30),
  row('Spleen', 4, 40),
  row('Spleen', 24, 20),
  row('Brain', 1, 0.2),
  row('Brain', 4, 0.3),
  row('Brain', 24, 0.1),
];

describe('analyseBiodistribution', () => {
  const report = analyseBiodistribution(ROWS, { species: 'mouse', bodyWeightKg: 0.025 });
  const organ = (key: string) => report.organs.find((o) => o.organ === key);

  it('computes AUC by the linear trapezoidal rule, Cmax and Tmax (by hand)', () => {
    // Liver: (4−1)(20+25)/2 + (24−4)(25+15)/2 = 67.5 + 400 = 467.5 %ID/g·h
    expect(organ('liver')?.concentration?.auc).toBeCloseTo(467.5, 10);
    expect(organ('liver')?.concentration?.cmax).toBe(25);
    expect(organ('liver')?.concentration?.tmaxH).toBe(4);
    // Blood: 3 × 7.5 + 20 × 3 = 82.5
    expect(organ('blood')?.concentration?.auc).toBeCloseTo(82.5, 10);
    expect(organ('spleen')?.concentration?.tmaxH).toBe(4);
  });

  it('converts %ID/g to %ID with the Brown et al. (1997) mouse organ masses', () => {
    // Liver 5.49 % of 25 g = 1.3725 g; 25 %ID/g × 1.3725 g = 34.3125 %ID at 4 h.
    expect(organ('liver')?.massG).toBeCloseTo(1.3725, 10);
    expect(organ('liver')?.massSource).toBe('reference');
    const liver4h = organ('liver')?.points.find((p) => p.timeH === 4);
    expect(liver4h?.percentId?.mean).toBeCloseTo(34.3125, 10);
    // Spleen 0.35 % of 25 g = 0.0875 g → 40 × 0.0875 = 3.5 %ID
    expect(organ('spleen')?.points.find((p) => p.timeH === 4)?.percentId?.mean).toBeCloseTo(3.5, 10);
    // Liver %ID AUC = 467.5 × 1.3725
    expect(organ('liver')?.amount?.auc).toBeCloseTo(467.5 * 1.3725, 9);
  });

  it('reports tissue:blood ratios per time and of the AUCs', () => {
    expect(organ('liver')?.tissueToBlood).toEqual([
      { timeH: 1, ratio: 2 },
      { timeH: 4, ratio: 5 },
      { timeH: 24, ratio: 15 },
    ]);
    expect(organ('liver')?.tissueToBloodAucRatio).toBeCloseTo(467.5 / 82.5, 10);
    expect(report.bloodOrgan).toBe('blood');
    expect(organ('blood')?.tissueToBlood).toEqual([]);
  });

  it('gives the fraction of the dose in the focus organs over time', () => {
    const at4 = report.fractions.rows.find((r) => r.timeH === 4);
    expect(report.fractions.basis).toBe('percent-of-dose');
    expect(at4?.byOrgan.liver).toBeCloseTo(34.3125, 10);
    expect(at4?.byOrgan.brain).toBeCloseTo(0.3 * 0.4125, 10); // brain 1.65 % of 25 g
    expect(at4?.byOrgan.lung).toBeUndefined();
    expect(at4?.focusTotal).toBeCloseTo(34.3125 + 3.5 + 0.12375, 10);
    // Blood is a compartment, not summed as an organ.
    expect(at4?.byOrgan.blood).toBeUndefined();
  });

  it('averages replicate animals (mean and sample SD)', () => {
    const r = analyseBiodistribution(
      [row('liver', 1, 18, '%ID/g', { subject: 'm1' }), row('liver', 1, 22, '%ID/g', { subject: 'm2' })],
      { bodyWeightKg: 0.025 },
    );
    const p = r.organs[0]?.points[0];
    expect(p?.n).toBe(2);
    expect(p?.percentIdPerG?.mean).toBe(20);
    expect(p?.percentIdPerG?.sd).toBeCloseTo(Math.SQRT2 * 2, 12);
    expect(r.warnings.map((w) => w.code)).toContain('single-time-point');
  });

  it('uses measured and user organ masses before reference masses', () => {
    const r = analyseBiodistribution(
      [
        row('kidneys', 1, 5, '%ID', { organMassG: 0.4 }),
        row('liver', 1, 10, '%ID/g'),
        row('tumour', 1, 2, '%ID/g'),
      ],
      { bodyWeightKg: 0.025, organMassesG: { Liver: 1.2 } },
    );
    const kidney = r.organs.find((o) => o.organ === 'kidney');
    expect(kidney?.points[0]?.percentIdPerG?.mean).toBeCloseTo(12.5, 12); // 5 %ID / 0.4 g
    const liver = r.organs.find((o) => o.organ === 'liver');
    expect(liver?.massSource).toBe('given');
    expect(liver?.points[0]?.percentId?.mean).toBeCloseTo(12, 12);
    expect(r.warnings.find((w) => w.code === 'organ-mass-missing')?.message).toContain('Tumor');
  });

  it('assumes the FDA reference body weight when none is given, and says so', () => {
    const r = analyseBiodistribution(ROWS, { species: 'mouse' });
    expect(r.bodyWeightKg).toBe(0.02);
    expect(r.bodyWeightSource).toBe('reference');
    expect(r.warnings.map((w) => w.code)).toContain('reference-body-weight');
  });

  it('decay-corrects to the injection time with the ENSDF half-life (⁹⁹ᵐTc, 24 h → × 15.9469)', () => {
    // T½ = 6.0072 h (ENSDF, Browne & Tuli 2017): 2^(24/6.0072) = 2^3.995206 = 15.9469;
    // 2^(4/6.0072) = 2^0.665868 = 1.58652
    const r = analyseBiodistribution([row('liver', 24, 1), row('liver', 4, 1)], {
      label: '99mTc',
      decayCorrect: true,
      bodyWeightKg: 0.025,
    });
    const liver = r.organs[0];
    expect(liver?.points.find((p) => p.timeH === 24)?.percentIdPerG?.mean).toBeCloseTo(15.9469, 3);
    expect(liver?.points.find((p) => p.timeH === 4)?.percentIdPerG?.mean).toBeCloseTo(1.58652, 4);
    expect(r.decayCorrection).toMatchObject({ applied: true, halfLifeH: 6.0072, nuclide: 'Tc-99m' });
  });

  it('decay-corrects to the counting time when it differs from the sampling time', () => {
    // Sampled at 1 h but counted at 7.0072 h: the correction uses the counting time,
    // 2^(7.0072/6.0072) = 2^1.166467 = 2 × e^(0.166467 × 0.693147) = 2 × e^0.115386 = 2 × 1.122307 = 2.24461
    const r = analyseBiodistribution([row('liver', 1, 1, '%ID/g', { countTimeH: 7.0072 })], {
      label: '99mTc',
      decayCorrect: true,
      bodyWeightKg: 0.025,
    });
    expect(r.organs[0]?.points[0]?.percentIdPerG?.mean).toBeCloseTo(2.24461, 4);
  });

  it('refuses decay correction without a radioisotope', () => {
    expect(() => analyseBiodistribution(ROWS, { label: 'DiR', decayCorrect: true })).toThrow(
      BiodistributionInputError,
    );
  });

  it('turns relative signals into shares of the measured signal', () => {
    const r = analyseBiodistribution(
      [
        row('liver', 24, 3e8, 'radiance'),
        row('spleen', 24, 1e8, 'radiance'),
        row('liver', 48, 1e8, 'radiance'),
      ],
      { label: 'DiR' },
    );
    expect(r.unitKind).toBe('relative');
    expect(r.fractions.basis).toBe('share-of-measured-signal');
    expect(r.fractions.rows[0]?.byOrgan.liver).toBeCloseTo(75, 10);
    expect(r.fractions.rows[0]?.byOrgan.spleen).toBeCloseTo(25, 10);
    expect(r.organs.find((o) => o.organ === 'liver')?.signal?.auc).toBeCloseTo(24 * 2e8, 0);
    expect(r.bodyWeightKg).toBeNull();
    // DiR data running to 48 h: the dye-persistence caveat becomes a warning.
    const dye = r.flags.find((f) => f.code === 'lipophilic-dye-persistence');
    expect(dye?.level).toBe('warning');
    expect(dye?.citations.map((c) => c.authors)).toContain('Takov et al.');
    expect(r.flags.map((f) => f.code)).toContain('optical-depth-attenuation');
  });

  it('refuses mixing relative signals with %ID values, naming the row', () => {
    try {
      analyseBiodistribution([row('liver', 1, 1, 'radiance'), row('liver', 2, 1, '%ID')]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BiodistributionInputError);
      expect((error as BiodistributionInputError).rowIndex).toBe(1);
      expect((error as BiodistributionInputError).message).toMatch(/^row 2/);
    }
  });

  it('warns when rising thyroid and stomach signal suggest free ⁹⁹ᵐTc-pertechnetate', () => {
    const r = analyseBiodistribution(
      [...ROWS, row('thyroid', 1, 2), row('thyroid', 24, 9), row('stomach', 1, 1), row('stomach', 24, 0.5)],
      { label: '99mTc', bodyWeightKg: 0.025 },
    );
    const flag = r.flags.find((f) => f.code === 'free-pertechnetate');
    expect(flag?.level).toBe('warning');
    expect(flag?.evidence).toContain('thyroid rises 2 → 9');
    expect(flag?.evidence).not.toContain('stomach');
    expect(r.flags.map((f) => f.code)).toContain('not-decay-corrected');
  });

  it('flags organs adding up to more than the dose', () => {
    const r = analyseBiodistribution([row('liver', 1, 90, '%ID'), row('spleen', 1, 40, '%ID')]);
    expect(r.warnings.map((w) => w.code)).toContain('sum-exceeds-dose');
  });
});
