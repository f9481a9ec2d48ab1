/**
 * EV flow panel on the batch page: the batch's flow measurements (first 20) with events, channels, spillover
 * and the median of each channel whose $PnS label names an EV/MSC marker, each linked to its measurement page.
 */
import type { Measurement } from '../../../../src/domain/measurement.ts';
import type { FlowMetrics } from '../../../../src/science/flow/flow-channel-statistics.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatCount, formatSignificant } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { ApiView, Empty } from '../states.tsx';

/** EV tetraspanins and MSC markers (same lists as science/flow/ev-controls.ts). */
const MARKER = /CD9\b|CD63|CD81|CD73|CD90|CD105/i;

export function BatchFlowPanel({ batchId, version }: { batchId: string; version?: number }) {
  const flows = useApi(
    async (signal) => {
      const page = await api.listMeasurements({ batchId, kind: 'flow', limit: 20 }, signal);
      return Promise.all(page.items.map((m) => api.getMeasurement(m.id, signal)));
    },
    [batchId, version],
  );
  return (
    <section className="panel" aria-label="EV flow cytometry">
      <div className="panel-head">
        <h2>EV flow cytometry</h2>
      </div>
      <ApiView
        state={flows}
        what="flow measurements"
        isEmpty={(items: Measurement[]) => items.length === 0}
        empty={<Empty title="No flow measurements">Drop FCS files (.fcs, .lmd) on the upload zone.</Empty>}
      >
        {(items: Measurement[]) => (
          <table className="table" data-testid="batch-flow-table">
            <thead>
              <tr>
                <th>file</th>
                <th>events</th>
                <th>channels</th>
                <th>spillover</th>
                <th>marker medians</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const f = m.status === 'parsed' ? (m.metrics as FlowMetrics | null) : null;
                const markers = (f?.channels ?? []).filter((c) => c.label && MARKER.test(c.label));
                return (
                  <tr key={m.id}>
                    <td>{f?.file ?? m.error?.message ?? '–'}</td>
                    <td>{f ? formatCount(f.events) : '–'}</td>
                    <td>{f ? f.channels.length : '–'}</td>
                    <td>{f ? (f.spillover ? 'yes' : 'no') : '–'}</td>
                    <td>
                      {markers.length
                        ? markers.map((c) => `${c.label} ${formatSignificant(c.median, 3)}`).join(' · ')
                        : '–'}
                    </td>
                    <td>
                      <Link to={`/measurements/${m.id}`}>Open →</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </ApiView>
    </section>
  );
}
