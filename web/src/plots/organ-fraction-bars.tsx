/** Stacked bars: the percent of the dose (or of the measured signal) in each organ at each time point. */

import * as Plot from '@observablehq/plot';
import { PlotBox } from '../components/plot-box.tsx';
import { formatSci } from '../lib/format.ts';
import { seriesColorScale } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface FractionBar {
  timeH: number;
  organ: string;
  percent: number;
}

export function OrganFractionBars({
  bars,
  organs,
  yLabel,
}: {
  bars: FractionBar[];
  organs: string[];
  yLabel: string;
}) {
  const times = [...new Set(bars.map((b) => b.timeH))].sort((a, b) => a - b);
  const key = JSON.stringify([bars, organs, yLabel]);
  const ref = usePlot(
    (width) => {
      if (bars.length === 0) return null;
      return Plot.plot({
        width,
        height: 280,
        marginLeft: 52,
        marginBottom: 36,
        style: { fontSize: '12px', fontFamily: 'inherit' },
        x: { type: 'band', domain: times, label: 'time after dosing (h)', padding: 0.25 },
        y: { label: yLabel, grid: true },
        color: { ...seriesColorScale(organs), legend: true },
        marks: [
          Plot.barY(bars, {
            x: 'timeH',
            y: 'percent',
            fill: 'organ',
            order: organs,
            title: (d: FractionBar) => `${d.organ}, ${d.timeH} h: ${formatSci(d.percent, 3)} %`,
          }),
          Plot.ruleY([0], { stroke: '#9aa5b1' }),
        ],
      });
    },
    [key],
  );
  return (
    <PlotBox
      name="organ fractions"
      className="plot"
      plotRef={ref}
      role="img"
      aria-label={`${yLabel} per organ over time`}
    />
  );
}
