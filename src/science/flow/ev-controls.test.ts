import { describe, expect, it } from 'vitest';
import { countsNetOfControls, dilutionLinearity, markerPositivity, percentile } from './ev-controls.ts';

describe('EV controls', () => {
  it('percentile follows the type-7 definition (R quantile default): 1…10 at 99.5 → 9.955', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99.5)).toBeCloseTo(9.955, 12);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  it('% positive net of the isotype control', () => {
    const isotype = Array.from({ length: 1000 }, (_, i) => i / 10); // 0 … 99.9
    const sample = [
      ...Array.from({ length: 700 }, (_, i) => i / 10),
      ...Array.from({ length: 300 }, () => 500),
    ];
    const r = markerPositivity({ marker: 'CD63', sample, isotype });
    expect(r.thresholdFrom).toBe('isotype');
    expect(r.threshold).toBeCloseTo(percentile(isotype, 99.5), 12);
    expect(r.samplePercentPositive).toBeCloseTo(30, 12);
    expect(r.controlPercentPositive).toBeCloseTo(0.5, 12);
    expect(r.netPercentPositive).toBeCloseTo(29.5, 12);
    expect(() => markerPositivity({ marker: 'CD9', sample })).toThrow(/control/);
  });

  it('counts net of buffer-only and detergent-resistant events', () => {
    const r = countsNetOfControls({
      sample: { events: 12000, volumeUl: 10, dilution: 10 },
      bufferOnly: { events: 300, volumeUl: 10 },
      detergentLysed: { events: 1500, volumeUl: 10, dilution: 10 },
    });
    expect(r.sampleEventsPerUl).toBe(12000);
    expect(r.bufferEventsPerUl).toBe(30);
    expect(r.detergentResistantEventsPerUl).toBe(1470);
    expect(r.vesicleEventsPerUl).toBe(12000 - 30 - 1470);
    expect(r.warnings).toEqual([]);
  });

  it('flags swarm detection: sub-linear rates and rising signal at high concentration', () => {
    const single = dilutionLinearity([
      { dilutionFactor: 10, eventRatePerS: 5000, medianSignal: 100 },
      { dilutionFactor: 20, eventRatePerS: 2500, medianSignal: 101 },
      { dilutionFactor: 40, eventRatePerS: 1250, medianSignal: 99 },
    ]);
    expect(single.logLogSlope).toBeCloseTo(1, 12);
    expect(single.swarmSuspected).toBe(false);
    const swarm = dilutionLinearity([
      { dilutionFactor: 1, eventRatePerS: 9000, medianSignal: 400 },
      { dilutionFactor: 10, eventRatePerS: 3000, medianSignal: 150 },
      { dilutionFactor: 100, eventRatePerS: 400, medianSignal: 100 },
    ]);
    expect(swarm.swarmSuspected).toBe(true);
    expect(swarm.reasons.length).toBe(2);
  });
});
