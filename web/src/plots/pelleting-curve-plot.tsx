/**
 * Pelleting curve of a centrifugation run: fraction of vesicles pelleted against diameter (20–500 nm,
 * log or linear x), the cut-off diameter d* as a rule, and the reported diameters as points.
 * Redrawn on every input change (the simulator recomputes in the browser while sliders move).
 */

import * as Plot from '@observablehq/plot';
import type { PelletedAt } from '../../../src/science/centrifugation/spin-calculation.ts';
import { PlotBox } from '../components/plot-box.tsx';
import { formatInteger, formatPercent } from '../lib/format.ts';
import { AVERAGE_COLOR, seriesColor } from './palette.ts';
import { usePlot } from './use-plot.ts';

export function PelletingCurvePlot({
  curve,
  marked,
  cutoffDiameterNm,
  logX,
  comparison,
  comparisonLabel,
  height = 300,
}: {
  curve: readonly PelletedAt[];
  /** Diameters listed in the results table, drawn as points. */
  marked: readonly PelletedAt[];
  cutoffDiameterNm: number;
  logX: boolean;
  /** Optional second curve (e.g. the k-equivalent run on another rotor). */
  comparison?: readonly PelletedAt[] | null;
  comparisonLabel?: string;
  height?: number;
}) {
  const ref = usePlot(
    (width) => {
      const rows = curve.map((p) => ({ x: p.diameterNm, y: p.fraction * 100 }));
      const points = marked.map((p) => ({ x: p.diameterNm, y: p.fraction * 100 }));
      const other = (comparison ?? []).map((p) => ({ x: p.diameterNm, y: p.fraction * 100 }));
      const showCutoff =
        Number.isFinite(cutoffDiameterNm) && cutoffDiameterNm >= 20 && cutoffDiameterNm <= 500;
      return Plot.plot({
        width,
        height,
        marginLeft: 52,
        marginBottom: 40,
        style: { fontSize: '12px', fontFamily: 'inherit', overflow: 'visible' },
        x: {
          type: logX ? 'log' : 'linear',
          domain: [20, 500],
          label: 'Diameter (nm) →',
          labelAnchor: 'right',
          grid: true,
          ...(logX ? { ticks: [20, 30, 50, 70, 100, 150, 200, 300, 500] } : {}),
        },
        y: { domain: [0, 100], label: '↑ Pelleted (%)', grid: true },
        marks: [
          other.length > 0
            ? Plot.lineY(other, {
                x: 'x',
                y: 'y',
                stroke: seriesColor(1),
                strokeWidth: 1.5,
                strokeDasharray: '5,4',
              })
            : null,
          Plot.lineY(rows, { x: 'x', y: 'y', stroke: AVERAGE_COLOR, strokeWidth: 2 }),
          Plot.dot(points, { x: 'x', y: 'y', fill: seriesColor(0), r: 3.5 }),
          showCutoff
            ? Plot.ruleX([cutoffDiameterNm], { stroke: seriesColor(5), strokeDasharray: '4,3' })
            : null,
          showCutoff
            ? Plot.text([cutoffDiameterNm], {
                x: (d: number) => d,
                y: 6,
                text: (d: number) => `d* ${Math.round(d)} nm`,
                textAnchor: 'end',
                dx: -4,
                fill: seriesColor(5),
              })
            : null,
          other.length > 0 && comparisonLabel
            ? Plot.text([comparisonLabel], { frameAnchor: 'top-left', dx: 6, dy: 6, fill: seriesColor(1) })
            : null,
          Plot.ruleY([0]),
          Plot.tip(
            rows,
            Plot.pointerX({
              x: 'x',
              y: 'y',
              title: (d: { x: number; y: number }) =>
                `${formatInteger(d.x)} nm\n${formatPercent(d.y, 1)} pelleted`,
            }),
          ),
        ],
      });
    },
    [curve, marked, cutoffDiameterNm, logX, comparison, comparisonLabel, height],
  );
  return (
    <PlotBox
      name="pelleting curve"
      className="plot"
      plotRef={ref}
      data-testid="pelleting-curve-plot"
      role="img"
      aria-label={`Pelleting curve: percent of vesicles pelleted against diameter in nm; cut-off diameter ${Number.isFinite(cutoffDiameterNm) ? Math.round(cutoffDiameterNm) : 'none'} nm`}
    />
  );
}
