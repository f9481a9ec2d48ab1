import { describe, expect, it } from 'vitest';
import { compareDryVsHydrodynamic } from './dry-vs-hydrodynamic.ts';

describe('TEM (dry) vs NTA (hydrodynamic)', () => {
  it('medians, their ratio and the distances (worked by hand)', () => {
    // TEM: 70, 80, 90 nm (median 80). NTA: equal weights at 95, 100, 105 nm (median 100).
    const r = compareDryVsHydrodynamic([90, 70, 80], { centresNm: [95, 100, 105], weights: [1, 1, 1] });
    expect(r.temD50Nm).toBe(80);
    expect(r.ntaD50Nm).toBe(100);
    expect(r.ratio).toBeCloseTo(0.8, 12);
    // W1: both have three equal atoms; matched in order the shifts are 25, 20, 15 → mean 20 nm
    expect(r.wassersteinNm).toBeCloseTo(20, 12);
    expect(r.ks?.statistic).toBe(1); // no overlap
  });
  it('no NTA distribution: nulls', () => {
    const r = compareDryVsHydrodynamic([80], { centresNm: [100], weights: [0] });
    expect(r.ntaD50Nm).toBeNull();
    expect(r.ratio).toBeNull();
    expect(r.wassersteinNm).toBeNull();
  });
});
