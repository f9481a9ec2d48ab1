import { describe, expect, it } from 'vitest';
import { analyseNta } from './analyse-nta.ts';
import { testRecord, testVideo } from './nta-record-fixtures.ts';
import { applyVideoExclusions } from './video-exclusion.ts';

describe('applyVideoExclusions', () => {
  it('without exclusions it reproduces the per-video mean; excluding a video drops it from mean and SE', () => {
    const record = testRecord(
      [
        [0, 1e6, 3e6, 1e6],
        [0, 2e6, 2e6, 0],
        [1e6, 1e6, 0, 0],
      ],
      [
        testVideo('v1', { concentrationPerMl: 1e8 }),
        testVideo('v2', { concentrationPerMl: 2e8 }),
        testVideo('v3', { concentrationPerMl: 6e8 }),
      ],
    );
    const report = analyseNta(record, 'x.csv');
    const all = applyVideoExclusions(report, []);
    const c = report.videos.map((v) => v.concentrationPerMl as number);
    expect(all.concentrationPerMl).toBeCloseTo(c.reduce((s, v) => s + v, 0) / c.length, 6);
    const without0 = applyVideoExclusions(report, [0]);
    expect(without0.includedVideos).toEqual(report.videos.map((_, i) => i).slice(1));
    const rest = c.slice(1);
    expect(without0.concentrationPerMl).toBeCloseTo(rest.reduce((s, v) => s + v, 0) / rest.length, 6);
    expect(without0.distribution.concentrationPerMl).toEqual([5e5, 1.5e6, 1e6, 0]);
    // SE of 2e8 and 6e8: SD 2.828e8 / √2 = 2e8
    expect(without0.concentrationSE).toBeCloseTo(2e8, -2);
  });
});
