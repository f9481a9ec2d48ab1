import { describe, expect, it } from 'vitest';
import { compensate, invertSpillover } from './compensation.ts';

describe('compensation', () => {
  it('inverts a 2×2 spillover matrix analytically (1/(1−ab))·[[1, −a], [−b, 1]]', () => {
    const a = 0.2;
    const b = 0.05;
    const inv = invertSpillover({
      detectors: ['FL1', 'FL2'],
      fluorochromes: ['FITC', 'PE'],
      matrix: [
        [1, a],
        [b, 1],
      ],
    });
    const k = 1 / (1 - a * b);
    expect(inv[0]?.[0]).toBeCloseTo(k, 14);
    expect(inv[0]?.[1]).toBeCloseTo(-a * k, 14);
    expect(inv[1]?.[0]).toBeCloseTo(-b * k, 14);
  });

  it('recovers single-stain abundances from mixed detector signals (Bagwell & Adams 1993)', () => {
    const s = [
      [1, 0.02, 0.06],
      [0.11, 1, 0.07],
      [0.09, 0.01, 1],
    ];
    const truth = [
      [1000, 0, 50],
      [0, 2500, 10],
    ];
    // Detector signal = abundance row × S (each dye spills into the other detectors).
    const detectors = [0, 1, 2].map((j) =>
      truth.map((c) => c.reduce((sum, v, i) => sum + v * (s[i]?.[j] as number), 0)),
    );
    const out = compensate(
      { detectors: ['FL1', 'FL2', 'FL3'], fluorochromes: ['A', 'B', 'C'], matrix: s },
      (d) => detectors[Number(d.slice(2)) - 1] as number[],
    );
    for (let e = 0; e < 2; e++)
      for (let k = 0; k < 3; k++) expect(out[k]?.[e]).toBeCloseTo(truth[e]?.[k] as number, 9);
  });
});
