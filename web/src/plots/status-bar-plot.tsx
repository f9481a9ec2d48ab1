/** Batches per status as horizontal bars, coloured like the status chips. */
import * as Plot from '@observablehq/plot';
import { BATCH_STATUSES, type BatchStatus } from '../../../src/domain/batch.ts';
import { STATUS_COLORS, STATUS_LABELS } from '../lib/labels.ts';
import { usePlot } from './use-plot.ts';

export function StatusBarPlot({ counts }: { counts: Record<BatchStatus, number> }) {
  const rows = BATCH_STATUSES.map((status) => ({
    status,
    label: STATUS_LABELS[status],
    count: counts[status] ?? 0,
  }));
  const key = rows.map((r) => r.count).join(',');
  const ref = usePlot(
    (width) =>
      Plot.plot({
        width,
        height: 24 * rows.length + 36,
        marginLeft: 70,
        marginRight: 40,
        marginTop: 6,
        style: { fontSize: '12px', fontFamily: 'inherit' },
        x: {
          label: 'batches',
          grid: true,
          nice: true,
          tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''),
        },
        y: { label: null, domain: rows.map((r) => r.label) },
        color: { domain: rows.map((r) => r.label), range: rows.map((r) => STATUS_COLORS[r.status]) },
        marks: [
          Plot.barX(rows, { x: 'count', y: 'label', fill: 'label', insetTop: 3, insetBottom: 3 }),
          Plot.text(rows, {
            x: 'count',
            y: 'label',
            text: (d: (typeof rows)[number]) => String(d.count),
            dx: 4,
            textAnchor: 'start',
            fill: '#333',
          }),
          Plot.ruleX([0]),
        ],
      }),
    [key],
  );
  return <div className="plot" ref={ref} role="img" aria-label="Batches by status" />;
}
