/**
 * Average NTA size distributions of several measurements on one axis, per mL (particles/mL per 1 nm bin)
 * or normalised to the fraction of particles per 1 nm bin so preparations of different yield compare by shape.
 */

import * as Plot from '@observablehq/plot';
import { PlotBox } from '../components/plot-box.tsx';
import { formatFractionPercent, formatPercentTick, formatSci, formatSciTick } from '../lib/format.ts';
import { diameterFrame } from './diameter-frame.ts';
import { seriesColorScale } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface OverlaySeries {
  key: string;
  label: string;
  binCentersNm: number[];
  concentrationPerMl: number[];
}

interface Row {
  x: number;
  y: number;
  series: string;
}

export function OverlayPlot({
  series,
  normalised,
  xMaxNm,
  height = 380,
}: {
  series: OverlaySeries[];
  normalised: boolean;
  xMaxNm: number;
  height?: number;
}) {
  const ref = usePlot(
    (width) => {
      const rows: Row[] = [];
      for (const s of series) {
        let total = 0;
        for (const v of s.concentrationPerMl) total += v;
        const scale = normalised ? (total > 0 ? 1 / total : 0) : 1;
        for (let i = 0; i < s.binCentersNm.length; i++) {
          const x = s.binCentersNm[i] as number;
          if (x > xMaxNm) break;
          rows.push({ x, y: (s.concentrationPerMl[i] ?? 0) * scale, series: s.label });
        }
      }
      const labels = series.map((s) => s.label);
      return Plot.plot({
        ...diameterFrame(width, height, xMaxNm),
        y: {
          label: normalised
            ? '↑ Fraction of particles (% per 1 nm bin)'
            : '↑ Concentration (particles/mL per 1 nm bin)',
          grid: true,
          nice: true,
          ticks: 6,
          tickFormat: normalised ? formatPercentTick : formatSciTick,
        },
        color: seriesColorScale(labels),
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
                `${d.series}\n${d.x} nm\n${normalised ? `${formatFractionPercent(d.y, 3)} of particles` : `${formatSci(d.y, 3)} particles/mL`}`,
            }),
          ),
        ],
      });
    },
    [series, normalised, xMaxNm, height],
  );
  return (
    <PlotBox
      name="NTA overlay"
      className="plot"
      plotRef={ref}
      data-testid="overlay-plot"
      role="img"
      aria-label="Overlay of average size distributions against diameter in nm"
    />
  );
}
