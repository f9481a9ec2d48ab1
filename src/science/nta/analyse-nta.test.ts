import { describe, expect, it } from 'vitest';
import { analyseNta, averageBins, commonDilutionFactor } from './analyse-nta.ts';
import { testRecord, testVideo } from './nta-record-fixtures.ts';

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

describe('analyseNta', () => {
  const record = testRecord([
    [0, 2, 4, 2, 0],
    [0, 1, 2, 1, 0],
    [0, 0, 0, 0, 0],
  ]);

  it('fills every key of the NtaReport contract', () => {
    const report = analyseNta(record, 'x.csv');
    expect(Object.keys(report).sort()).toEqual(
      [
        'file',
        'software',
        'sample',
        'operator',
        'capturedAt',
        'dilutionFactor',
        'videos',
        'average',
        'distribution',
        'flags',
      ].sort(),
    );
    expect(report.file).toBe('x.csv');
    expect(report.software).toBe('test 1.0');
    expect(report.sample).toBe('sample');
    expect(report.operator).toBe('op');
    expect(report.capturedAt).toBe('2025-01-02T03:04:05');
    expect(report.dilutionFactor).toBeNull();
    expect(report.average).toEqual({ concentrationPerMl: 1e8, concentrationSE: 1e6 });
    expect(report.videos).toHaveLength(3);
    expect(Object.keys(report.videos[0] ?? {}).sort()).toEqual(
      [
        'name',
        'temperatureC',
        'viscosityCP',
        'concentrationPerMl',
        'particlesPerFrame',
        'validTracks',
        'completedTracks',
        'reported',
        'computed',
      ].sort(),
    );
  });

  it('recomputes statistics per video; an empty video gives nulls, no NaN', () => {
    const report = analyseNta(record, 'x.csv');
    expect(report.videos[0]?.computed.meanNm).toBe(2.5);
    expect(report.videos[0]?.computed.modeNm).toBe(2.5);
    expect(report.videos[2]?.computed).toEqual({
      meanNm: null,
      modeNm: null,
      sdNm: null,
      d10Nm: null,
      d50Nm: null,
      d90Nm: null,
      viscosityCp: report.videos[2]?.temperatureC === null ? null : expect.any(Number),
    });
    expect(report.videos[2]?.reported.meanNm).toBeNull();
    expect(report.flags.map((f) => f.code)).toContain('empty-distribution');
    expect(hasNaN(report)).toBe(false);
  });

  it('computes average bins and SE when the record has none', () => {
    const report = analyseNta(record, 'x.csv');
    expect(report.distribution.binCentersNm).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(report.distribution.concentrationPerMl).toEqual([0, 1, 2, 1, 0]);
    // bin 2.5: values 4, 2, 0 → SD 2, SE 2/√3
    expect(report.distribution.standardErrorPerMl[2]).toBeCloseTo(2 / Math.sqrt(3), 12);
    expect(report.distribution.perVideoPerMl).toEqual(record.sizeDistributions.number.perVideo);
  });

  it('uses the instrument average bins when present', () => {
    const withAverage = testRecord([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    withAverage.sizeDistributions.number.average = [9, 9];
    withAverage.sizeDistributions.number.standardError = [1, 1];
    const report = analyseNta(withAverage, 'y');
    expect(report.distribution.concentrationPerMl).toEqual([9, 9]);
    expect(report.distribution.standardErrorPerMl).toEqual([1, 1]);
  });

  it('falls back to the experiment name when there is no sample description', () => {
    const r = testRecord([[1]]);
    r.sample.sampleDescription = null;
    expect(analyseNta(r, 'z').sample).toBe('exp');
  });
});

describe('helpers', () => {
  it('averageBins', () => {
    expect(averageBins([])).toEqual({ mean: [], standardError: [] });
    expect(averageBins([[2, 4]])).toEqual({ mean: [2, 4], standardError: [0, 0] });
  });
  it('commonDilutionFactor', () => {
    const r = testRecord(
      [[1], [1]],
      [testVideo('a', { dilutionFactor: 10 }), testVideo('b', { dilutionFactor: 10 })],
    );
    expect(commonDilutionFactor(r)).toBe(10);
    const second = r.videos[1];
    if (second) second.results.dilutionFactor = 20;
    expect(commonDilutionFactor(r)).toBeNull();
  });
});
