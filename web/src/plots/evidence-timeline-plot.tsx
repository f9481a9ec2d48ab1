/** Registered MSC-EV trials per first-posted year, stacked by neurological vs other or by MSC source. */

import * as Plot from '@observablehq/plot';
import { PlotBox } from '../components/plot-box.tsx';
import { seriesColorScale } from './palette.ts';
import { usePlot } from './use-plot.ts';

export interface TimelineTrial {
  year: number;
  group: string;
}

export function EvidenceTimelinePlot({
  trials,
  groups,
  label,
}: {
  trials: TimelineTrial[];
  /** Stack order and legend (colours follow the order). */
  groups: string[];
  label: string;
}) {
  const years = trials.map((t) => t.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const domain = years.length === 0 ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const key = JSON.stringify([trials, groups]);
  const ref = usePlot(
    (width) =>
      Plot.plot({
        width,
        height: 240,
        marginLeft: 40,
        marginBottom: 34,
        style: { fontSize: '12px', fontFamily: 'inherit' },
        x: {
          label: 'First posted',
          domain,
          tickFormat: (y: number) => String(y),
          type: 'band',
          padding: 0.15,
        },
        y: { label: 'Trials', grid: true, tickFormat: 'd' },
        color: { ...seriesColorScale(groups), legend: true },
        marks: [
          Plot.barY(
            trials,
            Plot.groupX(
              {
                y: 'count',
                title: (d: TimelineTrial[]) => `${d[0]?.year}: ${d.length} ${d[0]?.group ?? ''}`,
              },
              { x: 'year', fill: 'group', order: groups },
            ),
          ),
          Plot.ruleY([0], { stroke: '#9aa5b1' }),
        ],
      }),
    [key],
  );
  return <PlotBox name="trial timeline" className="plot" plotRef={ref} role="img" aria-label={label} />;
}
