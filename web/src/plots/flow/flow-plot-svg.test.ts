import { describe, expect, it } from 'vitest';
import { densitySvg, histogramSvg, overlaySvg } from './flow-plot-svg.ts';

describe('flow plot SVG export (vector, no embedded raster)', () => {
  it('density: one rect per non-empty bin, counts as titles, no <image>', () => {
    // Three events in one corner bin and one in the opposite corner of a 2 × 2 grid.
    const svg = densitySvg(
      [0.1, 0.2, 0.3, 9.9],
      [0.1, 0.2, 0.3, 9.9],
      { x: { domain: [0, 10], scale: 'linear' }, y: { domain: [0, 10], scale: 'linear' } },
      { x: 'FSC-A', y: 'SSC-A', title: 'SSC-A vs FSC-A' },
      400,
      2,
    );
    expect(svg).not.toContain('<image');
    const rects = [
      ...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="200"[^>]*><title>(\d+)<\/title>/g),
    ];
    expect(rects.map((r) => [Number(r[1]), Number(r[2]), Number(r[3])])).toEqual([
      [48 + 200, 8, 1], // top-right bin (large x, large y; row 0 is the top)
      [48, 8 + 200, 3], // bottom-left bin
    ]);
    expect(svg).toContain('>FSC-A<');
    expect(new DOMParserLike(svg).ok).toBe(true);
  });

  it('histogram: bar heights proportional to counts', () => {
    const svg = histogramSvg([2, 0, 4], [0, 3], { x: 'FL1-A', title: 'FL1-A histogram' }, 300, 100);
    const bars = [...svg.matchAll(/height="([\d.]+)" fill="#3b528b"><title>(\d+)</g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(bars).toEqual([
      [50, 2],
      [100, 4],
    ]);
    expect(svg).not.toContain('<image');
  });

  it('overlay: one polyline per sample, the mode at the top', () => {
    const svg = overlaySvg(
      [{ label: 'a.fcs', colour: '#d62728', bins: [1, 4, 2] }],
      { x: 'FL1-A', title: 'overlay' },
      300,
      110,
    );
    const pts = /points="([^"]+)"/
      .exec(svg)?.[1]
      ?.split(' ')
      .map((p) => p.split(',').map(Number));
    expect(pts).toEqual([
      [48 + 50, 8 + 110 - 25],
      [48 + 150, 8 + 10],
      [48 + 250, 8 + 110 - 50],
    ]);
    expect(svg).toContain('>a.fcs<');
  });
});

/** Well-formedness check without a DOM: balanced tags. */
class DOMParserLike {
  ok: boolean;
  constructor(xml: string) {
    const stack: string[] = [];
    let ok = true;
    for (const m of xml.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) ok = ok && stack.pop() === m[2];
      else stack.push(m[2] as string);
    }
    this.ok = ok && stack.length === 0;
  }
}
