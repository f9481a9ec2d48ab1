/**
 * /qc/compare?a=id,id&b=id,id&margin=20 — comparability of two processes (e.g. UC lots vs TFF→SEC lots):
 * pick the batches of each group, the margin, then a table of metrics with Welch/TOST verdicts, a dot plot per
 * metric and the overlaid pooled size distributions (POST /api/qc/comparability; the PDF from /pdf as a background job with progress). Every plot
 * exports SVG and PNG (PlotBox). Selections live in the query string, so a comparison is bookmarkable.
 */

import * as Plot from '@observablehq/plot';
import { useState } from 'react';
import type { Batch } from '../../../src/domain/batch.ts';
import type { ComparabilityMetricRow, ComparabilityReport } from '../../../src/jobs/qc/comparability.ts';
import { api, request, toApiError } from '../api/client.ts';
import { followJob, type Job, jobsApi } from '../api/jobs-client.ts';
import { useApi } from '../api/use-api.ts';
import { JobProgress } from '../components/job-progress.tsx';
import { PlotBox } from '../components/plot-box.tsx';
import { ApiView, Empty } from '../components/states.tsx';

import { formatSignificant } from '../lib/format.ts';
import { usePlot } from '../plots/use-plot.ts';
import { Link, setQuery, useLocation } from '../router.tsx';

const COLOURS = { A: '#1f6fb2', B: '#c2571a' } as const;
const VERDICT: Record<ComparabilityMetricRow['verdict'], string> = {
  equivalent: 'Equivalent',
  'not-equivalent': 'Not shown equivalent',
  'insufficient-data': 'Insufficient data',
};

const ids = (text: string | null) => (text ?? '').split(',').filter((s) => s !== '');
const n = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : formatSignificant(v, 4);

function BatchPicker({
  group,
  batches,
  chosen,
  other,
}: {
  group: 'a' | 'b';
  batches: Batch[];
  chosen: string[];
  other: string[];
}) {
  const label = group === 'a' ? 'Process A (test)' : 'Process B (reference)';
  return (
    <fieldset className="panel">
      <legend>{label}</legend>
      {batches.map((b) => (
        <label key={b.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(b.id)}
            disabled={other.includes(b.id)}
            onChange={(e) =>
              setQuery({
                [group]:
                  (e.target.checked ? [...chosen, b.id] : chosen.filter((x) => x !== b.id)).join(',') || null,
              })
            }
          />{' '}
          {b.code} <span className="muted">({b.status})</span>
        </label>
      ))}
    </fieldset>
  );
}

function DotPlot({ row }: { row: ComparabilityMetricRow }) {
  const points = [
    ...row.valuesA.map((v) => ({ ...v, group: 'A' })),
    ...row.valuesB.map((v) => ({ ...v, group: 'B' })),
  ];
  const ref = usePlot(
    (width) =>
      Plot.plot({
        width: Math.min(width, 640),
        height: 110,
        marginLeft: 40,
        style: { fontFamily: 'inherit', fontSize: '12px' },
        x: { label: `${row.label}${row.unit ? ` (${row.unit})` : ''}`, grid: true },
        y: { label: null, domain: ['A', 'B'] },
        color: { domain: ['A', 'B'], range: [COLOURS.A, COLOURS.B] },
        marks: [
          Plot.dot(points, {
            x: 'value',
            y: 'group',
            fill: 'group',
            r: 4,
            title: (d: { batchCode: string }) => d.batchCode,
          }),
          Plot.tickX(
            [
              { group: 'A', mean: row.a.mean },
              { group: 'B', mean: row.b.mean },
            ].filter((d) => Number.isFinite(d.mean)),
            { x: 'mean', y: 'group', stroke: '#222' },
          ),
        ],
      }),
    [row],
  );
  return (
    <PlotBox
      plotRef={ref}
      name={`comparability ${row.metric}`}
      role="img"
      aria-label={`Values of ${row.label} per batch, A and B`}
    />
  );
}

function SizePlot({ sd }: { sd: NonNullable<ComparabilityReport['sizeDistribution']> }) {
  const share = (d: { centresNm: readonly number[]; weights: readonly number[] }, group: string) => {
    const total = d.weights.reduce((s, w) => s + w, 0) || 1;
    return d.centresNm.map((x, i) => ({ x, y: (100 * (d.weights[i] ?? 0)) / total, group }));
  };
  const nameA = `A (${sd.instrumentsA.join(', ')})`;
  const nameB = `B (${sd.instrumentsB.join(', ')})`;
  const rows = [...share(sd.pooledA, nameA), ...share(sd.pooledB, nameB)];
  const ref = usePlot(
    (width) =>
      Plot.plot({
        width,
        height: 260,
        style: { fontFamily: 'inherit', fontSize: '12px' },
        x: { label: 'Diameter (nm)' },
        y: { label: 'Share of particles per bin (%)', grid: true },
        color: { domain: [nameA, nameB], range: [COLOURS.A, COLOURS.B], legend: true },
        marks: [Plot.line(rows, { x: 'x', y: 'y', stroke: 'group', z: 'group' }), Plot.ruleY([0])],
      }),
    [sd],
  );
  return (
    <PlotBox
      plotRef={ref}
      name="comparability size distributions"
      role="img"
      aria-label="Pooled size distributions of processes A and B"
    />
  );
}

/** Which instrument and file gave each batch's size distribution (NanoSight, ZetaView, track table). */
function SizeSources({ sd }: { sd: NonNullable<ComparabilityReport['sizeDistribution']> }) {
  const rows = [
    ...sd.sourcesA.map((s) => ({ ...s, group: 'A' })),
    ...sd.sourcesB.map((s) => ({ ...s, group: 'B' })),
  ];
  const without = [
    ...sd.batchesWithoutDistributionA.map((c) => `${c} (A)`),
    ...sd.batchesWithoutDistributionB.map((c) => `${c} (B)`),
  ];
  return (
    <>
      <table className="data-table" data-testid="cmp-size-sources">
        <thead>
          <tr>
            <th>Group</th>
            <th>Batch</th>
            <th>Instrument</th>
            <th>Measurement</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={`${s.group}-${s.batchId}`}>
              <td>{s.group}</td>
              <td>{s.batchCode}</td>
              <td>{s.instrument}</td>
              <td>
                <Link to={`/measurements/${s.measurementId}`}>{s.fileName}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {without.length > 0 && (
        <p className="muted">
          Without a usable size distribution (left out of the pooling): {without.join(', ')}
        </p>
      )}
    </>
  );
}

/** The comparability PDF as a background job (Prefer: respond-async): progress, then a download link. */
function PdfJob({ body }: { body: unknown }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = job?.state === 'queued' || job?.state === 'running';
  const start = async () => {
    setError(null);
    try {
      const started = await jobsApi.start('/api/qc/comparability/pdf', body);
      setJob(started.job);
      await followJob(started.job.id, setJob);
    } catch (e) {
      setError(toApiError(e).detail ?? toApiError(e).title);
    }
  };
  return (
    <>
      <button type="button" className="button small" disabled={busy} onClick={() => void start()}>
        {busy ? 'Rendering PDF report…' : 'Render PDF report'}
      </button>{' '}
      {job ? <JobProgress job={job} label="Comparability report" /> : null}
      {error ? (
        <span className="text-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

function Report({ body }: { body: { a: string[]; b: string[]; marginPct: number } }) {
  const state = useApi(
    (signal) => request<ComparabilityReport>('POST', '/api/qc/comparability', { body, signal }),
    [body.a.join(','), body.b.join(','), body.marginPct],
  );
  return (
    <ApiView state={state} what="comparison">
      {(r) => (
        <>
          <section className="panel" aria-labelledby="cmp-metrics">
            <h2 id="cmp-metrics">
              Metrics (margin ± {r.marginPct} % of the B mean, TOST α {r.alpha})
            </h2>
            <p>
              {r.summary.equivalent} equivalent · {r.summary.notEquivalent} not shown equivalent ·{' '}
              {r.summary.insufficientData} with insufficient data <PdfJob body={body} />
            </p>
            {r.metrics.length === 0 ? (
              <Empty title="No metric has values in both groups" />
            ) : (
              <table className="data-table" data-testid="cmp-metrics-table">
                <thead>
                  <tr>
                    <th>Metric</th>
                    <th>A: n, mean ± SD</th>
                    <th>B: n, mean ± SD</th>
                    <th>A − B (90 % CI)</th>
                    <th>Margin ±</th>
                    <th>p (Welch / TOST)</th>
                    <th>Verdict</th>
                  </tr>
                </thead>
                <tbody>
                  {r.metrics.map((m) => (
                    <tr key={m.metric} data-metric={m.metric}>
                      <td>
                        {m.label}
                        {m.unit ? ` (${m.unit})` : ''}
                      </td>
                      <td>
                        {m.a.n}, {n(m.a.mean)} ± {n(m.a.sd)}
                      </td>
                      <td>
                        {m.b.n}, {n(m.b.mean)} ± {n(m.b.sd)}
                      </td>
                      <td>
                        {m.tost
                          ? `${n(m.tost.welch.difference)} (${n(m.tost.ciLow)} to ${n(m.tost.ciHigh)})`
                          : '–'}
                      </td>
                      <td>{m.tost ? n(m.tost.margin) : '–'}</td>
                      <td>{m.tost ? `${n(m.tost.welch.pValue)} / ${n(m.tost.pValue)}` : (m.note ?? '–')}</td>
                      <td className={`verdict-${m.verdict}`}>{VERDICT[m.verdict]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" aria-labelledby="cmp-dots">
            <h2 id="cmp-dots">Values per batch</h2>
            {r.metrics.length === 0 ? (
              <p className="muted">No metric to plot.</p>
            ) : (
              r.metrics.map((m) => <DotPlot key={m.metric} row={m} />)
            )}
          </section>
          <section className="panel" aria-labelledby="cmp-size">
            <h2 id="cmp-size">Size distributions (pooled; each batch weighs the same)</h2>
            {r.sizeDistribution ? (
              <>
                <p data-testid="cmp-size-distances">
                  Wasserstein-1 distance {n(r.sizeDistribution.wassersteinNm)} nm · Kolmogorov–Smirnov D{' '}
                  {n(r.sizeDistribution.ksStatistic)} at {n(r.sizeDistribution.ksLocationNm)} nm
                </p>
                <p>
                  Instruments: A {r.sizeDistribution.instrumentsA.join(', ')} · B{' '}
                  {r.sizeDistribution.instrumentsB.join(', ')}
                </p>
                <SizeSources sd={r.sizeDistribution} />
                <SizePlot sd={r.sizeDistribution} />
              </>
            ) : (
              <Empty title="No size distribution in one of the groups">
                A NanoSight NTA, ZetaView or NTA track-table measurement is needed in each group.
              </Empty>
            )}
          </section>
        </>
      )}
    </ApiView>
  );
}

export function QcComparePage() {
  const { search } = useLocation();
  const a = ids(search.get('a'));
  const b = ids(search.get('b'));
  const margin = Number(search.get('margin') ?? '20');
  const marginPct = margin > 0 && margin <= 1000 ? margin : 20;
  const batches = useApi((signal) => api.listBatches({ limit: 200 }, signal), []);
  return (
    <div className="stack">
      <h1>Comparability of two processes</h1>
      <p className="muted">
        Welch t-test and TOST equivalence per metric (margin in % of the reference mean), Wasserstein-1 and
        Kolmogorov–Smirnov distances between the pooled size distributions (NanoSight NTA, ZetaView or NTA
        track tables; the instrument behind each batch is named).
      </p>
      <ApiView
        state={batches}
        what="batches"
        isEmpty={(p) => p.items.length === 0}
        empty={<Empty title="No batches yet">Create batches or run the demo first.</Empty>}
      >
        {(page) => (
          <div className="grid-2">
            <BatchPicker group="a" batches={page.items} chosen={a} other={b} />
            <BatchPicker group="b" batches={page.items} chosen={b} other={a} />
          </div>
        )}
      </ApiView>
      <label className="field">
        <span className="field-label">Equivalence margin (% of the B mean)</span>
        <input
          type="number"
          min={0.1}
          max={1000}
          step={0.1}
          value={marginPct}
          onChange={(e) => setQuery({ margin: e.target.value || null })}
        />
      </label>
      {a.length === 0 || b.length === 0 ? (
        <Empty title="Pick at least one batch in each group" />
      ) : (
        <Report body={{ a, b, marginPct }} />
      )}
    </div>
  );
}
