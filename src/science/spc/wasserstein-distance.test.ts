import { describe, expect, it } from 'vitest';
import { wassersteinDistance } from './wasserstein-distance.ts';

// scipy.stats.wasserstein_distance documented examples (SciPy reference guide).
describe('wassersteinDistance', () => {
  it('matches scipy.stats.wasserstein_distance examples', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5.0, 12);
    expect(wassersteinDistance([0, 1], [0, 1], [3, 1], [2, 2])).toBeCloseTo(0.25, 12);
    expect(
      wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]),
    ).toBeCloseTo(4.078133143804786, 12);
  });

  it('is the shift between two shifted copies of a size distribution', () => {
    const centres = [50, 60, 70, 80, 90, 100];
    const weights = [1, 4, 9, 9, 4, 1];
    expect(
      wassersteinDistance(
        centres,
        centres.map((c) => c + 10),
        weights,
        weights,
      ),
    ).toBeCloseTo(10, 12);
  });
});
