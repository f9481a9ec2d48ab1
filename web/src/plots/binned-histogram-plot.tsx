/**
 * A number-weighted size histogram (bars from bin edges) with an optional second series drawn as a line on
 * the same axes: ZetaView bins, TEM ECD vs NTA, naive vs maximum-likelihood track sizing. x is diameter, nm.
 */
import * as Plot from '@observablehq/plot';
import { useRef } from 'react';
import { PlotExportButtons } from '../components/plot-box.tsx';
import { AVERAGE_COLOR, BAND_COLOR } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface HistogramBar {
  fromNm: number;
  toNm: number;
  value: number;
}

export interface HistogramLine {
  xNm: number;
  value: number;
}

export function BinnedHistogramPlot({
  bars,
  barsLabel,
  line,
  lineLabel,
  yLabel,
  xMaxNm,
  exportName,
  title,
  height = 320,
}: {
  bars: readonly HistogramBar[];
  barsLabel: string;
  line?: readonly HistogramLine[];
  lineLabel?: string;
  yLabel: string;
  xMaxNm: number;
  exportName: string;
  title: string;
  height?: number;
}) {
  const frame = useRef<HTMLDivElement | null>(null);
  const ref = usePlot(
    (width) => {
      const shown = bars.filter((b) => b.fromNm < xMaxNm);
      const lineShown = (line ?? []).filter((p) => p.xNm <= xMaxNm);
      if (shown.length === 0 && lineShown.length === 0) return null;
      return Plot.plot({
        width,
        height,
        marginLeft: 64,
        x: { label: 'Diameter (nm)', domain: [0, xMaxNm] },
        y: { label: yLabel, grid: true, zero: true },
        color: {
          legend: Boolean(line),
          domain: line ? [barsLabel, lineLabel ?? 'line'] : [barsLabel],
          range: [BAND_COLOR, AVERAGE_COLOR],
        },
        marks: [
          Plot.rectY(shown, {
            x1: 'fromNm',
            x2: 'toNm',
            y: 'value',
            fill: BAND_COLOR,
            stroke: AVERAGE_COLOR,
            strokeOpacity: 0.3,
            tip: true,
          }),
          ...(lineShown.length > 0
            ? [Plot.lineY(lineShown, { x: 'xNm', y: 'value', stroke: AVERAGE_COLOR, strokeWidth: 2 })]
            : []),
          Plot.ruleY([0]),
        ],
      });
    },
    [bars, line, xMaxNm, height],
  );
  return (
    <figure className="plot-figure" ref={frame} aria-label={title}>
      <figcaption className="plot-caption">
        {title}
        <PlotExportButtons target={frame} name={exportName} label={title} />
      </figcaption>
      <div ref={ref} className="plot" role="img" aria-label={title} />
    </figure>
  );
}
