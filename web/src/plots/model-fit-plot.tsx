/**
 * Observed concentrations (dots) with one fitted or simulated curve per model, on a semi-log (default) or
 * linear concentration axis. Non-positive values are left out on the log axis.
 */

import * as Plot from '@observablehq/plot';
import { PlotBox } from '../components/plot-box.tsx';
import { seriesColorScale } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface ConcentrationCurve {
  label: string;
  times: readonly number[];
  conc: readonly number[];
}

export function ModelFitPlot({
  observed,
  curves,
  logScale = true,
  timeUnit = 'h',
  concUnit = '',
  height = 320,
}: {
  observed: readonly { time: number; conc: number }[];
  curves: readonly ConcentrationCurve[];
  logScale?: boolean;
  timeUnit?: string;
  concUnit?: string;
  height?: number;
}) {
  const ref = usePlot(
    (width) => {
      const keep = (c: number) => Number.isFinite(c) && (!logScale || c > 0);
      const lines = curves.flatMap((curve) =>
        curve.times
          .map((t, i) => ({ t, c: curve.conc[i] ?? Number.NaN, model: curve.label }))
          .filter((r) => keep(r.c)),
      );
      const dots = observed.filter((o) => keep(o.conc));
      if (lines.length === 0 && dots.length === 0) return null;
      return Plot.plot({
        width,
        height,
        marginLeft: 60,
        x: { label: `Time (${timeUnit})`, grid: true },
        y: {
          label: `Concentration (${concUnit.trim() || 'no unit given'})`,
          type: logScale ? 'log' : 'linear',
          grid: true,
        },
        color: { ...seriesColorScale(curves.map((c) => c.label)), legend: curves.length > 1 },
        marks: [
          Plot.line(lines, { x: 't', y: 'c', stroke: 'model', strokeWidth: 1.8 }),
          Plot.dot(dots, { x: 'time', y: 'conc', fill: '#1b2a3a', r: 3.5, tip: true }),
        ],
      });
    },
    [observed, curves, logScale, timeUnit, concUnit, height],
  );
  return (
    <PlotBox
      name="model fit plot"
      plotRef={ref}
      className="plot"
      role="img"
      aria-label="Concentration–time plot with fitted curves"
    />
  );
}
