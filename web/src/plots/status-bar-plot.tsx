/** Batches per status as horizontal bars, coloured like the status chips; counts are printed on the bars. */

import * as Plot from '@observablehq/plot';
import { BATCH_STATUSES, type BatchStatus } from '../../../src/domain/batch.ts';
import { PlotBox } from '../components/plot-box.tsx';
import { formatCount } from '../lib/format.ts';
import { STATUS_COLORS, STATUS_LABELS } from '../lib/labels.ts';
import { usePlot } from './use-plot.ts';

export function StatusBarPlot({ counts }: { counts: Record<BatchStatus, number> }) {
  const rows = BATCH_STATUSES.map((status) => ({
    status,
    label: STATUS_LABELS[status],
    count: counts[status] ?? 0,
  }));
  const max = Math.max(1, ...rows.map((r) => r.count));
  const key = rows.map((r) => r.count).join(',');
  const ref = usePlot(
    (width) =>
      Plot.plot({
        width,
        height: 26 * rows.length + 8,
        marginLeft: 70,
        marginRight: 48,
        marginTop: 4,
        marginBottom: 4,
        style: { fontSize: '12px', fontFamily: 'inherit' },
        x: { axis: null, domain: [0, max] },
        y: { label: null, domain: rows.map((r) => r.label), tickSize: 0 },
        color: { domain: rows.map((r) => r.label), range: rows.map((r) => STATUS_COLORS[r.status]) },
        marks: [
          Plot.barX(rows, { x: 'count', y: 'label', fill: 'label', insetTop: 4, insetBottom: 4, rx: 2 }),
          Plot.text(rows, {
            x: 'count',
            y: 'label',
            text: (d: (typeof rows)[number]) => formatCount(d.count),
            dx: 6,
            textAnchor: 'start',
            fill: '#33404d',
            fontWeight: 600,
          }),
          Plot.ruleX([0], { stroke: '#9aa5b1' }),
        ],
      }),
    [key],
  );
  return (
    <PlotBox
      name="batches by status"
      className="plot"
      plotRef={ref}
      role="img"
      aria-label="Batches by status"
    />
  );
}
