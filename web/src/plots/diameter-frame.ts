/**
 * What the size plots share so they read alike: size, margins, font and the diameter x axis from 0 to
 * xMaxNm. Each plot adds its own y axis, colours and marks.
 */
import type * as Plot from '@observablehq/plot';

export function diameterFrame(width: number, height: number, xMaxNm: number) {
  return {
    width,
    height,
    marginLeft: 64,
    marginBottom: 40,
    style: { fontSize: '12px', fontFamily: 'inherit', overflow: 'visible' },
    x: { domain: [0, xMaxNm], label: 'Diameter (nm) →', labelAnchor: 'right', grid: true },
  } satisfies Plot.PlotOptions;
}
