/**
 * EV size distribution after each step of a simulated isolation chain: one line per step (and the input),
 * particles per bin in the preparation, or each normalised to its own total to compare shapes.
 */

import * as Plot from '@observablehq/plot';
import { PlotBox } from '../components/plot-box.tsx';
import { formatFractionPercent, formatPercentTick, formatSci, formatSciTick } from '../lib/format.ts';
import { diameterFrame } from './diameter-frame.ts';
import { seriesColorScale } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface ProtocolSizeSeries {
  label: string;
  particlesByBin: number[];
}

interface Row {
  x: number;
  y: number;
  series: string;
}

export function ProtocolSizePlot({
  binsNm,
  series,
  normalised,
  xMaxNm = 500,
  height = 320,
}: {
  binsNm: number[];
  series: ProtocolSizeSeries[];
  normalised: boolean;
  xMaxNm?: number;
  height?: number;
}) {
  const ref = usePlot(
    (width) => {
      const rows: Row[] = [];
      for (const s of series) {
        let total = 0;
        for (const v of s.particlesByBin) total += v;
        const scale = normalised ? (total > 0 ? 1 / total : 0) : 1;
        for (let i = 0; i < binsNm.length; i++) {
          const x = binsNm[i] as number;
          if (x > xMaxNm) break;
          rows.push({ x, y: (s.particlesByBin[i] ?? 0) * scale, series: s.label });
        }
      }
      return Plot.plot({
        ...diameterFrame(width, height, xMaxNm),
        y: {
          label: normalised ? '↑ Fraction of the step’s EVs per bin' : '↑ EVs per bin (whole preparation)',
          grid: true,
          nice: true,
          ticks: 6,
          tickFormat: normalised ? formatPercentTick : formatSciTick,
        },
        color: { ...seriesColorScale(series.map((s) => s.label)), legend: true },
        marks: [
          Plot.lineY(rows, { x: 'x', y: 'y', z: 'series', stroke: 'series', strokeWidth: 1.6 }),
          Plot.ruleY([0]),
          Plot.tip(
            rows,
            Plot.pointer({
              x: 'x',
              y: 'y',
              stroke: 'series',
              title: (d: Row) =>
                `${d.series}\n${d.x} nm\n${normalised ? formatFractionPercent(d.y, 3) : `${formatSci(d.y, 3)} EVs`}`,
            }),
          ),
        ],
      });
    },
    [binsNm, series, normalised, xMaxNm, height],
  );
  return (
    <PlotBox
      name="protocol size ranges"
      className="plot"
      plotRef={ref}
      data-testid="protocol-size-plot"
      role="img"
      aria-label="EV size distribution after each isolation step against diameter in nm"
    />
  );
}
