import { describe, expect, it } from 'vitest';
import { analyseNta } from './analyse-nta.ts';
import { sizeDistributionStats } from './size-distribution-stats.ts';
import { waterViscosityCP } from './stokes-einstein.ts';
import {
  mulberry32,
  poisson,
  roundSignificant3,
  syntheticNtaSample,
  UC_MSC_EV_DEMO_BATCHES,
  ucMscEvDemoBatches,
} from './synthetic-nta-sample.ts';

const params = {
  medianDiameterNm: 120,
  geometricSd: 1.4,
  concentrationPerMl: 3e11,
  dilutionFactor: 1000,
  seed: 42,
  videos: 5,
};

describe('mulberry32 and poisson', () => {
  it('is deterministic and uniform-ish', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
  it('poisson has mean ≈ λ for small and large λ', () => {
    const r = mulberry32(1);
    for (const lambda of [3, 500]) {
      const xs = Array.from({ length: 4000 }, () => poisson(lambda, r));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(Math.abs(mean - lambda)).toBeLessThan(0.05 * lambda);
    }
    expect(poisson(0, r)).toBe(0);
  });
  it('roundSignificant3 rounds like %.2e', () => {
    expect(roundSignificant3(2.0849e8)).toBe(2.08e8);
    expect(roundSignificant3(0)).toBe(0);
  });
});

describe('syntheticNtaSample', () => {
  const record = syntheticNtaSample(params);

  it('is deterministic in its seed', () => {
    expect(syntheticNtaSample(params)).toEqual(record);
    expect(syntheticNtaSample({ ...params, seed: 43 })).not.toEqual(record);
  });

  it('has the requested shape: videos, 1000 1 nm bins, three weightings', () => {
    expect(record.videos).toHaveLength(5);
    const { number, surfaceArea, volume } = record.sizeDistributions;
    expect(number.binCentersNm).toHaveLength(1000);
    expect(number.binCentersNm[0]).toBe(0.5);
    expect(number.binCentersNm[999]).toBe(999.5);
    expect(surfaceArea?.perVideo).toHaveLength(5);
    expect(volume?.perVideo).toHaveLength(5);
    for (const v of number.perVideo) for (const x of v) expect(Number.isInteger(x) && x >= 0).toBe(true);
  });

  it('the number distribution has the log-normal median (± kernel broadening and sampling)', () => {
    for (const weights of record.sizeDistributions.number.perVideo) {
      const s = sizeDistributionStats(record.sizeDistributions.number.binCentersNm, weights);
      expect(s.d50Nm).toBeGreaterThan(114);
      expect(s.d50Nm).toBeLessThan(126);
    }
  });

  it('per-video concentrations scatter around the requested one and bins sum to it', () => {
    record.videos.forEach((video, i) => {
      const c = video.results.concentrationPerMl as number;
      expect(c / params.concentrationPerMl).toBeGreaterThan(0.8);
      expect(c / params.concentrationPerMl).toBeLessThan(1.2);
      const sum = (record.sizeDistributions.number.perVideo[i] as number[]).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum / c - 1)).toBeLessThan(0.01);
    });
    const cs = record.videos.map((v) => v.results.concentrationPerMl);
    expect(new Set(cs).size).toBeGreaterThan(1);
  });

  it('surface-area and volume weightings are the number bins × π d² and π d³/6 (lower edge)', () => {
    const { number, surfaceArea, volume } = record.sizeDistributions;
    const n = number.perVideo[0]?.[120] as number;
    expect(surfaceArea?.perVideo[0]?.[120]).toBe(Math.round(n * Math.PI * 120 * 120));
    expect(volume?.perVideo[0]?.[120]).toBe(Math.round((n * Math.PI * 120 ** 3) / 6));
    // volume weighting shifts the distribution to larger sizes
    const dn = sizeDistributionStats(number.binCentersNm, number.perVideo[0] as number[]).d50Nm as number;
    const dv = sizeDistributionStats(number.binCentersNm, volume?.perVideo[0] as number[]).d50Nm as number;
    expect(dv).toBeGreaterThan(dn + 20);
  });

  it('viscosity follows the temperature as in NTA', () => {
    for (const v of record.videos) {
      expect(v.conditions.viscosityCP).toBeCloseTo(waterViscosityCP(v.conditions.temperatureC as number), 6);
    }
  });

  it('reported statistics come from the bins, so evlab agrees with them (no flags)', () => {
    const report = analyseNta(record, 'synthetic.csv');
    expect(report.flags).toEqual([]);
    for (const v of report.videos) {
      expect(Math.abs((v.reported.meanNm as number) - (v.computed.meanNm as number))).toBeLessThanOrEqual(
        0.05 + 1e-9,
      );
      expect(v.reported.modeNm).toBe(v.computed.modeNm);
    }
  });

  it('rejects impossible parameters', () => {
    expect(() => syntheticNtaSample({ ...params, geometricSd: 1 })).toThrow(RangeError);
    expect(() => syntheticNtaSample({ ...params, medianDiameterNm: 0 })).toThrow(RangeError);
    expect(() => syntheticNtaSample({ ...params, videos: 0 })).toThrow(RangeError);
  });
});

describe('UC-MSC-EV demo batches', () => {
  it('three batches with modal sizes of 100–150 nm and particles per frame in 20–100', () => {
    const batches = ucMscEvDemoBatches();
    expect(batches).toHaveLength(3);
    expect(batches.map((b) => b.sample.sampleDescription)).toEqual(
      UC_MSC_EV_DEMO_BATCHES.map((p) => p.sampleDescription),
    );
    for (const b of batches) {
      const report = analyseNta(b, 'demo.csv');
      const modes = report.videos.map((v) => v.computed.modeNm as number);
      const meanMode = modes.reduce((a, x) => a + x, 0) / modes.length;
      expect(meanMode).toBeGreaterThanOrEqual(100);
      expect(meanMode).toBeLessThanOrEqual(150);
      expect(report.flags).toEqual([]);
    }
  });
});
