/** Weighted residuals of one or several fits against time or against the predicted concentration. */

import * as Plot from '@observablehq/plot';
import { PlotBox } from '../components/plot-box.tsx';
import { seriesColorScale } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface ResidualSeries {
  label: string;
  points: readonly { time: number; predicted: number; weightedResidual: number }[];
}

export function ResidualPlot({
  series,
  against,
  xLabel,
  height = 220,
}: {
  series: readonly ResidualSeries[];
  against: 'time' | 'predicted';
  xLabel: string;
  height?: number;
}) {
  const ref = usePlot(
    (width) => {
      const rows = series.flatMap((s) =>
        s.points.map((p) => ({
          x: against === 'time' ? p.time : p.predicted,
          y: p.weightedResidual,
          model: s.label,
        })),
      );
      if (rows.length === 0) return null;
      return Plot.plot({
        width,
        height,
        marginLeft: 60,
        x: { label: xLabel, grid: true },
        y: { label: 'Weighted residual', grid: true },
        color: { ...seriesColorScale(series.map((s) => s.label)), legend: series.length > 1 },
        marks: [
          Plot.ruleY([0], { stroke: '#8a96a3' }),
          Plot.dot(rows, { x: 'x', y: 'y', stroke: 'model', r: 3, tip: true }),
        ],
      });
    },
    [series, against, xLabel, height],
  );
  return (
    <PlotBox
      name="residuals"
      plotRef={ref}
      className="plot"
      role="img"
      aria-label={
        against === 'time'
          ? 'Weighted residuals versus time'
          : 'Weighted residuals versus predicted concentration'
      }
    />
  );
}
