import { describe, expect, it } from 'vitest';
import { countInPixelPolygon, insidePolygon } from './polygon-gate.ts';

describe('polygon gate on the density plot', () => {
  const triangle = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 0, y: 10 },
  ];
  it('even–odd rule on a triangle', () => {
    expect(insidePolygon(2, 2, triangle)).toBe(true);
    expect(insidePolygon(6, 6, triangle)).toBe(false); // beyond the hypotenuse x + y = 10
  });

  it('maps events through log axes into pixel space (top row = largest y)', () => {
    // 100 × 100 px plot, both axes log10 over [1, 100]: value 10 sits at pixel 50. A square covering the
    // upper-left quarter in pixels (x < 50, y < 50 px) holds events with x < 10 and y > 10.
    const axes = {
      x: { domain: [1, 100] as [number, number], scale: 'log' as const },
      y: { domain: [1, 100] as [number, number], scale: 'log' as const },
    };
    const square = [
      { x: 0, y: 0 },
      { x: 50, y: 0 },
      { x: 50, y: 50 },
      { x: 0, y: 50 },
    ];
    const xs = [2, 5, 20, 2, -1];
    const ys = [50, 90, 50, 5, 50];
    expect(countInPixelPolygon(xs, ys, axes, 100, 100, square)).toBe(2);
    expect(countInPixelPolygon(xs, ys, axes, 100, 100, square.slice(0, 2))).toBe(0);
  });
});
