/**
 * NTA number-weighted size distribution: the average of the videos (particles/mL per 1 nm bin) with its
 * ±SE band, optionally each video's own line. x is the hydrodynamic diameter in nm.
 */

import * as Plot from '@observablehq/plot';
import type { NtaReport } from '../../../src/science/nta/nta-report.ts';
import { PlotBox } from '../components/plot-box.tsx';
import { formatSci, formatSciTick } from '../lib/format.ts';
import { diameterFrame } from './diameter-frame.ts';
import { AVERAGE_COLOR, BAND_COLOR, seriesColorScale } from './palette.ts';
import { usePlot } from './use-plot.ts';

interface AverageRow {
  x: number;
  y: number;
  se: number;
  lo: number;
  hi: number;
}
interface VideoRow {
  x: number;
  y: number;
  video: string;
}

export function SizeDistributionPlot({
  distribution,
  videoLabels,
  xMaxNm,
  showVideos,
  showBand,
  height = 360,
}: {
  distribution: NtaReport['distribution'];
  videoLabels: string[];
  xMaxNm: number;
  showVideos: boolean;
  showBand: boolean;
  height?: number;
}) {
  const ref = usePlot(
    (width) => {
      const { binCentersNm, concentrationPerMl, standardErrorPerMl, perVideoPerMl } = distribution;
      const average: AverageRow[] = [];
      for (let i = 0; i < binCentersNm.length; i++) {
        const x = binCentersNm[i] as number;
        if (x > xMaxNm) break;
        const y = concentrationPerMl[i] ?? 0;
        const se = standardErrorPerMl[i] ?? 0;
        average.push({ x, y, se, lo: Math.max(0, y - se), hi: y + se });
      }
      const videos: VideoRow[] = [];
      if (showVideos) {
        perVideoPerMl.forEach((series, v) => {
          const video = videoLabels[v] ?? `Video ${v + 1}`;
          for (let i = 0; i < average.length; i++)
            videos.push({ x: average[i]?.x ?? 0, y: series[i] ?? 0, video });
        });
      }
      let yMax = 0;
      for (const r of average) yMax = Math.max(yMax, showBand ? r.hi : r.y);
      for (const r of videos) yMax = Math.max(yMax, r.y);
      const labels = perVideoPerMl.map((_, v) => videoLabels[v] ?? `Video ${v + 1}`);
      return Plot.plot({
        ...diameterFrame(width, height, xMaxNm),
        y: {
          domain: [0, yMax > 0 ? yMax * 1.05 : 1],
          label: '↑ Concentration (particles/mL per 1 nm bin)',
          grid: true,
          ticks: 6,
          tickFormat: formatSciTick,
        },
        color: seriesColorScale(labels),
        marks: [
          showBand
            ? Plot.areaY(average, { x: 'x', y1: 'lo', y2: 'hi', fill: BAND_COLOR, fillOpacity: 0.28 })
            : null,
          showVideos
            ? Plot.lineY(videos, {
                x: 'x',
                y: 'y',
                z: 'video',
                stroke: 'video',
                strokeWidth: 1,
                strokeOpacity: 0.85,
              })
            : null,
          Plot.lineY(average, { x: 'x', y: 'y', stroke: AVERAGE_COLOR, strokeWidth: 2 }),
          Plot.ruleY([0]),
          Plot.ruleX(average, Plot.pointerX({ x: 'x', stroke: '#8a96a3', strokeDasharray: '3,3' })),
          Plot.tip(
            average,
            Plot.pointerX({
              x: 'x',
              y: 'y',
              title: (d: AverageRow) =>
                `${d.x} nm\naverage ${formatSci(d.y, 3)} particles/mL\n±SE ${formatSci(d.se, 2)} particles/mL`,
            }),
          ),
        ],
      });
    },
    [distribution, videoLabels.join('|'), xMaxNm, showVideos, showBand, height],
  );
  return (
    <PlotBox
      name="size distribution"
      className="plot"
      plotRef={ref}
      data-testid="size-distribution-plot"
      role="img"
      aria-label="Number-weighted size distribution, particles/mL against diameter in nm"
    />
  );
}
