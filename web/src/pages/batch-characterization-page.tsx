/**
 * A batch's characterization in one view: every measurement (kind, file, reader, QC) and the metrics
 * table (size, concentration, protein, particles/µg, marker calls, cargo) with units and provenance.
 */

import * as Plot from '@observablehq/plot';
import { useRef } from 'react';
import type { BatchMetric } from '../../../src/jobs/batch-metrics/batch-metric.ts';
import { characterizationApi } from '../api/characterization-client.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { MetricsTable, QcChip } from '../components/characterization/metrics-table.tsx';
import { PlotExportButtons as PlotExport } from '../components/plot-box.tsx';
import { ApiView } from '../components/states.tsx';
import { StatusChip } from '../components/status-chip.tsx';
import { DASH, formatDateTime, formatSignificant } from '../lib/format.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { usePlot } from '../plots/use-plot.ts';
import { Link } from '../router.tsx';

export function BatchCharacterizationPage({ batchId }: { batchId: string }) {
  const state = useApi((signal) => characterizationApi.batchMetrics(batchId, signal), [batchId]);
  useDocumentTitle(state.data ? `${state.data.batch.code} characterization` : 'Characterization');
  return (
    <div className="stack">
      <nav className="breadcrumb">
        <Link to="/batches">Batches</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/batches/${batchId}`} className="mono">
          {state.data?.batch.code ?? '…'}
        </Link>{' '}
        <span aria-hidden="true">/</span> characterization
      </nav>
      <ApiView state={state} what="characterization">
        {(data) => (
          <>
            <div className="page-head">
              <div>
                <h1>
                  {data.batch.code} — characterization <StatusChip status={data.batch.status as never} />
                </h1>
                <div className="subtitle">
                  {data.measurements.length} measurement(s) · {data.metrics.length} metric(s). Upload NTA,
                  plate (BCA/ELISA), Western blot densitometry or proteomics files on the batch page.
                </div>
              </div>
              <div className="page-actions">
                <Link className="button" to={`/characterization?ids=${data.batch.id}`}>
                  Compare with other batches
                </Link>
              </div>
            </div>
            <section className="panel">
              <h2>Measurements</h2>
              {data.measurements.length === 0 ? (
                <p className="muted">No measurements yet: drop instrument files on the batch page.</p>
              ) : (
                <table className="table" data-testid="characterization-measurements">
                  <thead>
                    <tr>
                      <th>Kind</th>
                      <th>File</th>
                      <th>Read by</th>
                      <th>Added</th>
                      <th>Status</th>
                      <th>QC</th>
                      <th className="num">Metrics</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.measurements.map((m) => (
                      <tr key={m.id}>
                        <td>{m.kind}</td>
                        <td>
                          <Link to={`/measurements/${m.id}`}>{m.fileName ?? m.id}</Link>
                        </td>
                        <td className="muted">
                          {m.instrument} · {m.readerName} {m.readerVersion}
                        </td>
                        <td className="nowrap">{formatDateTime(m.createdAt)}</td>
                        <td>
                          <span className={`chip ${m.status}`}>{m.status}</span>
                        </td>
                        <td>
                          <QcChip qc={m.qc} />
                        </td>
                        <td className="num">{m.metricCount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="panel">
              <h2>Metrics</h2>
              {data.metrics.length === 0 ? (
                <p className="muted">No metrics: parsed measurements of a known kind contribute them.</p>
              ) : (
                <MetricsTable
                  metrics={data.metrics}
                  caption="Every value with its unit, QC status and the file and method it came from"
                />
              )}
            </section>
          </>
        )}
      </ApiView>
    </div>
  );
}

/** Numeric metrics worth a bar chart when batches are compared. */
const COMPARE_KEYS = [
  'nta.concentrationPerMl',
  'nta.d50Nm',
  'nta.modeNm',
  'protein.concentrationUgPerMl',
  'purity.particlesPerUg',
];

function CompareBars({
  metricKey,
  rows,
}: {
  metricKey: string;
  rows: { batch: string; value: number; unit: string | null; label: string }[];
}) {
  const ref = usePlot(
    (width) =>
      rows.length === 0
        ? null
        : Plot.plot({
            width: Math.min(width, 520),
            height: 200,
            marginLeft: 70,
            x: { label: null },
            y: {
              label: `${rows[0]?.label} (${rows[0]?.unit ?? ''})`,
              grid: true,
              type: metricKey.startsWith('purity') ? 'log' : 'linear',
            },
            marks: [Plot.barY(rows, { x: 'batch', y: 'value', fill: '#3b6ea5', tip: true }), Plot.ruleY([0])],
          }),
    [rows, metricKey],
  );
  if (rows.length === 0) return null;
  return (
    <figure className="compare-plot">
      <div ref={ref} className="plot" role="img" aria-label={`${rows[0]?.label} by batch`} />
      <figcaption>
        {rows[0]?.label}{' '}
        <PlotExport target={ref} name={`compare-${metricKey}`} label={rows[0]?.label ?? metricKey} />
      </figcaption>
    </figure>
  );
}

export function CharacterizationComparePage({ ids }: { ids: string[] }) {
  const state = useApi(
    (signal) =>
      ids.length > 0 ? characterizationApi.compareBatches(ids, signal) : Promise.resolve({ batches: [] }),
    [ids.join(',')],
  );
  const batches = useApi((signal) => api.listBatches({ limit: 200 }, signal), []);
  const tableRef = useRef<HTMLDivElement | null>(null);
  useDocumentTitle('Batches side by side');
  const toggle = (id: string) => {
    const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(0, 20);
    const qs = next.length > 0 ? `?ids=${next.join(',')}` : '';
    window.history.replaceState(null, '', `/characterization${qs}`);
    window.dispatchEvent(new Event('evlab:navigate'));
  };
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Batches side by side</h1>
          <div className="subtitle">Characterization metrics of up to 20 batches, with their QC status.</div>
        </div>
      </div>
      <section className="panel">
        <h2>Batches</h2>
        <fieldset className="chips" aria-label="Batches to compare">
          {(batches.data?.items ?? []).map((b) => (
            <label key={b.id} className="chip">
              <input type="checkbox" checked={ids.includes(b.id)} onChange={() => toggle(b.id)} /> {b.code}
            </label>
          ))}
        </fieldset>
      </section>
      <ApiView
        state={state}
        what="batch metrics"
        isEmpty={(d) => d.batches.length === 0}
        empty={<p className="muted">Pick batches above.</p>}
      >
        {(data) => {
          const keys: { key: string; label: string; unit: string | null }[] = [];
          for (const b of data.batches)
            for (const m of b.metrics)
              if (!keys.some((k) => k.key === m.key)) keys.push({ key: m.key, label: m.label, unit: m.unit });
          const cell = (b: (typeof data.batches)[number], key: string): BatchMetric | undefined =>
            b.metrics
              .filter((m) => m.key === key)
              .sort((x, y) =>
                (y.provenance.recordedAt ?? '').localeCompare(x.provenance.recordedAt ?? ''),
              )[0];
          return (
            <>
              <section className="panel">
                <h2>Key figures</h2>
                <div className="compare-grid">
                  {COMPARE_KEYS.map((key) => (
                    <CompareBars
                      key={key}
                      metricKey={key}
                      rows={data.batches.flatMap((b) => {
                        const m = cell(b, key);
                        return m && typeof m.value === 'number'
                          ? [{ batch: b.batch.code, value: m.value, unit: m.unit, label: m.label }]
                          : [];
                      })}
                    />
                  ))}
                </div>
              </section>
              <section className="panel" ref={tableRef}>
                <h2>All metrics</h2>
                <div className="table-scroll">
                  <table className="table" data-testid="compare-table">
                    <thead>
                      <tr>
                        <th>Metric</th>
                        <th>Unit</th>
                        {data.batches.map((b) => (
                          <th key={b.batch.id} className="num">
                            <Link to={`/batches/${b.batch.id}/characterization`}>{b.batch.code}</Link>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {keys.map((k) => (
                        <tr key={k.key}>
                          <td>{k.label}</td>
                          <td>{k.unit ?? ''}</td>
                          {data.batches.map((b) => {
                            const m = cell(b, k.key);
                            return (
                              <td key={b.batch.id} className="num">
                                {m ? (
                                  <>
                                    {formatCell(m)} <QcChip qc={m.qc} />
                                  </>
                                ) : (
                                  <span className="muted">–</span>
                                )}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </>
          );
        }}
      </ApiView>
    </div>
  );
}

function formatCell(m: BatchMetric): string {
  if (typeof m.value === 'number') return formatSignificant(m.value, 3);
  return m.value ?? DASH;
}
