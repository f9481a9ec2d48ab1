/**
 * Contaminants and purity after each step of a simulated isolation chain: total protein (µg), lipoprotein
 * particles and EV particles per µg protein, each on its own log axis; the purity chart shades the bands of
 * Webber & Clayton 2013 (J Extracell Vesicles 2:19861).
 */

import * as Plot from '@observablehq/plot';
import { PURITY_BANDS } from '../../../src/science/isolation-chain/particle-properties.ts';
import { PlotBox } from '../components/plot-box.tsx';
import { formatSci, plotTickFormat } from '../lib/format.ts';
import { seriesColor } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface PurityPoint {
  label: string;
  proteinUg: number;
  lipoproteins: number;
  purityParticlesPerUg: number | null;
}

interface Metric {
  key: 'proteinUg' | 'lipoproteins' | 'purityParticlesPerUg';
  title: string;
  colour: string;
}

const METRICS: Metric[] = [
  { key: 'proteinUg', title: 'Protein (µg)', colour: seriesColor(5) },
  { key: 'lipoproteins', title: 'Lipoprotein particles', colour: seriesColor(1) },
  { key: 'purityParticlesPerUg', title: 'EVs per µg protein', colour: seriesColor(2) },
];

/** Log-axis tick: the UI's one tick format (plain from 0.01 to 9,999, 1×10ⁿ beyond). */
const logTick = plotTickFormat;

export function ProtocolPurityPlot({ points, height = 220 }: { points: PurityPoint[]; height?: number }) {
  const ref = usePlot(
    (width) => {
      const container = document.createElement('div');
      container.className = 'pb-charts';
      const each = Math.max(200, Math.floor(width / 3) - 12);
      const domain = points.map((p) => p.label);
      for (const metric of METRICS) {
        const rows = points
          .map((p) => ({ label: p.label, y: p[metric.key] }))
          .filter((r): r is { label: string; y: number } => r.y !== null && r.y > 0);
        const figure = document.createElement('figure');
        figure.style.margin = '0';
        const caption = document.createElement('figcaption');
        caption.className = 'small strong';
        caption.textContent = metric.title;
        figure.append(caption);
        if (rows.length === 0) {
          const none = document.createElement('p');
          none.className = 'muted small';
          none.textContent = 'none at any step';
          figure.append(none);
          container.append(figure);
          continue;
        }
        const values = rows.map((r) => r.y);
        let lo = Math.min(...values);
        let hi = Math.max(...values);
        if (metric.key === 'purityParticlesPerUg') {
          lo = Math.min(lo, PURITY_BANDS.impureBelow / 3);
          hi = Math.max(hi, PURITY_BANDS.highAbove * 3);
        }
        if (hi / lo < 100) {
          lo /= 10;
          hi *= 10;
        }
        figure.append(
          Plot.plot({
            width: each,
            height,
            marginLeft: 58,
            style: { fontSize: '11px', fontFamily: 'inherit', overflow: 'visible' },
            x: { domain, label: 'step', padding: 0.2 },
            y: {
              type: 'log',
              domain: [lo, hi],
              grid: true,
              tickFormat: logTick,
              ticks: 4,
              label: null,
            },
            marks: [
              metric.key === 'purityParticlesPerUg'
                ? Plot.rectY([{ y1: PURITY_BANDS.highAbove, y2: hi }], {
                    y1: 'y1',
                    y2: 'y2',
                    fill: '#2f855a',
                    fillOpacity: 0.1,
                  })
                : null,
              metric.key === 'purityParticlesPerUg'
                ? Plot.rectY([{ y1: lo, y2: PURITY_BANDS.impureBelow }], {
                    y1: 'y1',
                    y2: 'y2',
                    fill: '#c2413b',
                    fillOpacity: 0.1,
                  })
                : null,
              Plot.lineY(rows, { x: 'label', y: 'y', stroke: metric.colour, strokeWidth: 1.5 }),
              Plot.dot(rows, {
                x: 'label',
                y: 'y',
                fill: metric.colour,
                r: 3.5,
                title: (d: { label: string; y: number }) => `${d.label}: ${formatSci(d.y, 3)}`,
              }),
            ],
          }),
        );
        container.append(figure);
      }
      return container;
    },
    [points, height],
  );
  return (
    <PlotBox
      name="protocol purity"
      plotRef={ref}
      data-testid="protocol-purity-plot"
      role="img"
      aria-label="Protein, lipoproteins and EVs per µg protein after each isolation step"
    />
  );
}
