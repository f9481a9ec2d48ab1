/** Organ × time heatmap of biodistribution values (%ID/g, %ID or relative signal), values printed in cells. */

import * as Plot from '@observablehq/plot';
import { PlotBox } from '../components/plot-box.tsx';
import { formatSci } from '../lib/format.ts';
import { usePlot } from './use-plot.ts';

export interface HeatmapCell {
  organ: string;
  timeH: number;
  value: number;
}

export function BiodistributionHeatmap({
  cells,
  organs,
  unit,
}: {
  cells: HeatmapCell[];
  /** Organ names in display order (top to bottom). */
  organs: string[];
  unit: string;
}) {
  const times = [...new Set(cells.map((c) => c.timeH))].sort((a, b) => a - b);
  const key = JSON.stringify([cells, organs, unit]);
  const ref = usePlot(
    (width) => {
      if (cells.length === 0) return null;
      const max = Math.max(...cells.map((c) => c.value));
      return Plot.plot({
        width,
        height: 34 * organs.length + 50,
        marginLeft: 110,
        marginBottom: 36,
        style: { fontSize: '12px', fontFamily: 'inherit' },
        x: { type: 'band', domain: times, label: 'time after dosing (h)', tickFormat: (t: number) => `${t}` },
        y: { type: 'band', domain: organs, label: null },
        color: { type: 'sqrt', scheme: 'blues', domain: [0, max > 0 ? max : 1], legend: true, label: unit },
        marks: [
          Plot.cell(cells, {
            x: 'timeH',
            y: 'organ',
            fill: 'value',
            inset: 1,
            title: (d: HeatmapCell) => `${d.organ}, ${d.timeH} h: ${formatSci(d.value, 3)} ${unit}`,
          }),
          Plot.text(cells, {
            x: 'timeH',
            y: 'organ',
            text: (d: HeatmapCell) => formatSci(d.value, 2),
            fill: (d: HeatmapCell) => (max > 0 && Math.sqrt(d.value / max) > 0.6 ? 'white' : '#1c2631'),
          }),
        ],
      });
    },
    [key],
  );
  return (
    <PlotBox
      name="biodistribution heatmap"
      className="plot"
      plotRef={ref}
      role="img"
      aria-label={`Biodistribution heatmap, organ by time, ${unit}`}
    />
  );
}
