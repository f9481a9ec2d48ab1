/**
 * Concentration–time profile on a semi-log scale (log concentration, linear time), with the points of the
 * λz regression highlighted, the regression line drawn over its range, and user-excluded points crossed.
 * Clicking a point reports its time (the NCA panel toggles it in or out of λz). Zero concentrations cannot be
 * drawn on a log axis and are listed under the chart instead.
 */

import * as Plot from '@observablehq/plot';
import type { LambdaZPoint } from '../../../src/science/pk/nca/index.ts';
import { PlotBox } from '../components/plot-box.tsx';
import { formatSciTick } from '../lib/format.ts';
import { SERIES_COLORS } from './palette.ts';
import { usePlot } from './use-plot.ts';

const USED_COLOR = SERIES_COLORS[5]; // vermillion: in the λz regression
const POINT_COLOR = SERIES_COLORS[0];

export function ConcentrationTimePlot({
  points,
  lambdaZ,
  intercept,
  timeLabel,
  concLabel,
  onPointClick,
  height = 320,
}: {
  points: readonly LambdaZPoint[];
  /** λz and the ln-intercept of the regression, to draw the fitted line (null when not estimated). */
  lambdaZ: number | null;
  intercept: number | null;
  timeLabel: string;
  concLabel: string;
  onPointClick?: (time: number) => void;
  height?: number;
}) {
  const ref = usePlot(
    (width) => {
      const positive = points.filter((p) => p.conc > 0);
      if (positive.length === 0) return null;
      const used = positive.filter((p) => p.used);
      const fitted: { time: number; conc: number }[] = [];
      if (lambdaZ !== null && intercept !== null && used.length > 0) {
        const t0 = used[0]?.time as number;
        const t1 = used[used.length - 1]?.time as number;
        for (const t of [t0, t1]) fitted.push({ time: t, conc: Math.exp(intercept - lambdaZ * t) });
      }
      const plot = Plot.plot({
        width,
        height,
        marginLeft: 64,
        x: { label: `Time (${timeLabel}) →`, grid: true },
        y: { type: 'log', label: `↑ Concentration (${concLabel})`, grid: true, tickFormat: formatSciTick },
        marks: [
          Plot.line(positive, { x: 'time', y: 'conc', stroke: '#8a96a3', strokeWidth: 1 }),
          fitted.length === 2
            ? Plot.line(fitted, {
                x: 'time',
                y: 'conc',
                stroke: USED_COLOR,
                strokeWidth: 2,
                strokeDasharray: '5,3',
              })
            : null,
          Plot.dot(positive, {
            x: 'time',
            y: 'conc',
            r: (d: LambdaZPoint) => (d.used ? 6 : 4),
            fill: (d: LambdaZPoint) => (d.used ? USED_COLOR : d.excluded ? '#ffffff' : POINT_COLOR),
            stroke: (d: LambdaZPoint) => (d.excluded ? USED_COLOR : '#ffffff'),
            strokeWidth: 1.5,
            symbol: (d: LambdaZPoint) => (d.excluded ? 'times' : 'circle'),
          }),
          Plot.dot(
            positive,
            Plot.pointer({ x: 'time', y: 'conc', r: 10, stroke: '#1b2a3a', fill: 'none', maxRadius: 30 }),
          ),
          Plot.tip(
            positive,
            Plot.pointer({
              x: 'time',
              y: 'conc',
              maxRadius: 30,
              title: (d: LambdaZPoint) =>
                `${d.time} ${timeLabel}: ${formatSciTick(d.conc)} ${concLabel}\n${d.used ? 'in λz' : d.excluded ? 'excluded from λz' : 'not in λz'} — click to ${d.used ? 'remove' : 'add'}`,
            }),
          ),
        ],
      });
      if (onPointClick) {
        plot.style.cursor = 'pointer';
        plot.addEventListener('click', () => {
          const value = (plot as unknown as { value?: LambdaZPoint | null }).value;
          if (value) onPointClick(value.time);
        });
      }
      return plot;
    },
    [points, lambdaZ, intercept, timeLabel, concLabel, onPointClick, height],
  );
  return (
    <PlotBox
      name="concentration-time plot"
      className="plot"
      plotRef={ref}
      data-testid="concentration-time-plot"
      role="img"
      aria-label={`Concentration against time on a log scale; ${points.filter((p) => p.used).length} points in the λz regression are highlighted`}
    />
  );
}
