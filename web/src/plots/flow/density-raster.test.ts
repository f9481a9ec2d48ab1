import { describe, expect, it } from 'vitest';
import { binDensity, paintDensity } from './density-raster.ts';

describe('density raster', () => {
  it('bins events into pixels with y up, dropping events outside the domain', () => {
    const xs = [0.5, 9.5, 9.5, 20];
    const ys = [0.5, 9.5, 9.5, 5];
    const { counts, max, inside } = binDensity(xs, ys, 10, 10, {
      x: { domain: [0, 10], scale: 'linear' },
      y: { domain: [0, 10], scale: 'linear' },
    });
    expect(inside).toBe(3);
    expect(max).toBe(2);
    expect(counts[9 * 10 + 0]).toBe(1); // bottom-left
    expect(counts[0 * 10 + 9]).toBe(2); // top-right
  });

  it('log axes put decades at equal widths; empty bins stay transparent', () => {
    const { counts } = binDensity([1, 10, 100, 0], [1, 1, 1, 1], 2, 1, {
      x: { domain: [1, 100], scale: 'log' },
      y: { domain: [0.5, 1.5], scale: 'linear' },
    });
    expect(Array.from(counts)).toEqual([1, 1]); // 1 and 10 | 100 is the upper edge (excluded); 0 has no log
    const px = new Uint8ClampedArray(4 * 2);
    paintDensity(new Uint32Array([0, 5]), 5, px);
    expect(px[3]).toBe(0);
    expect(px[7]).toBe(255);
  });
});
