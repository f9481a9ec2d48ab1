import { describe, expect, it } from 'vitest';
import { precipitatedShare } from './precipitation-step.ts';
import { simulateProtocol } from './simulate-protocol.ts';

describe('PEG precipitation', () => {
  it('precipitates apoB lipoproteins at 10 % PEG while HDL stays mostly soluble (Izzo et al. 1981, Clin Chem 27:371)', () => {
    const result = simulateProtocol({
      input: { preset: 'human-plasma' },
      protocol: {
        version: 1,
        name: '',
        steps: [{ method: 'polymer-precipitation', parameters: { pegPercent: 10 }, notes: '' }],
      },
    });
    const step = result.steps[0];
    const lp = result.input.lipoproteins;
    expect((step?.lipoproteins.vldl ?? 0) / lp.vldl).toBeGreaterThan(0.9);
    expect((step?.lipoproteins.ldl ?? 0) / lp.ldl).toBeGreaterThan(0.75);
    expect((step?.lipoproteins.hdl ?? 1) / lp.hdl).toBeLessThan(0.2);
    // Albumin stays in solution below ~20 % PEG (Atha & Ingham 1981): only the non-specific share follows.
    expect((step?.proteinUg ?? 1) / result.input.proteinUg).toBeLessThan(0.1);
  });

  it('precipitates large EVs at lower PEG than small ones and needs time', () => {
    expect(precipitatedShare(200, 5, 12, 4)).toBeGreaterThan(precipitatedShare(50, 5, 12, 4));
    expect(precipitatedShare(100, 8, 0.5, 4)).toBeLessThan(precipitatedShare(100, 8, 12, 4));
    expect(precipitatedShare(100, 4, 1e6, 4)).toBeCloseTo(0.5, 6);
  });
});
