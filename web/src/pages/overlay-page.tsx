/**
 * Overlay of NTA average size distributions from several measurements (any batches). The selection lives
 * in the URL (?ids=a,b,c) so a comparison can be bookmarked or sent to a colleague.
 */

import { useMemo, useState } from 'react';
import type { Batch } from '../../../src/domain/batch.ts';
import type { Measurement, MeasurementSummary } from '../../../src/domain/measurement.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { fileStem, MeasurementLabelBlock } from '../components/measurement-label-cells.tsx';
import { ApiView, Empty } from '../components/states.tsx';
import { StatusChip } from '../components/status-chip.tsx';
import { XRangeControl } from '../components/x-range-control.tsx';
import { downloadText } from '../lib/csv.ts';
import { DASH, formatDateTime, formatFixed, formatSci } from '../lib/format.ts';
import { isNtaReport, meanOf } from '../lib/nta.ts';
import { overlayCsv } from '../lib/nta-export.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { OverlayPlot, type OverlaySeries } from '../plots/overlay-plot.tsx';
import { seriesColor } from '../plots/palette.ts';
import { Link, setQuery, useLocation } from '../router.tsx';

/** Measurements never change once stored, so one fetch per id is enough for the page's lifetime. */
const measurementCache = new Map<string, Promise<Measurement>>();
function loadMeasurement(id: string): Promise<Measurement> {
  let p = measurementCache.get(id);
  if (!p) {
    p = api.getMeasurement(id);
    p.catch(() => measurementCache.delete(id));
    measurementCache.set(id, p);
  }
  return p;
}

/** At most this many curves: beyond it colours repeat and the plot stops being readable. */
const MAX_SERIES = 8;

export function OverlayPage() {
  useDocumentTitle('NTA overlay');
  const { search } = useLocation();
  const ids = useMemo(
    () =>
      (search.get('ids') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    [search],
  );
  const normalised = search.get('norm') === 'fraction';
  const [xMaxNm, setXMaxNm] = useState(500);
  const [filter, setFilter] = useState('');

  const measurements = useApi(
    (signal) => api.listMeasurements({ kind: 'nta', retracted: 'exclude', limit: 1000 }, signal),
    [],
  );
  const batches = useApi((signal) => api.listBatches({ limit: 1000 }, signal), []);
  const batchById = useMemo(() => new Map((batches.data?.items ?? []).map((b) => [b.id, b])), [batches.data]);
  const selected = useApi(() => Promise.all(ids.map(loadMeasurement)), [ids.join(',')]);

  const setIds = (next: string[]) => setQuery({ ids: next.join(',') });
  const toggle = (id: string) =>
    setIds(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-MAX_SERIES));

  const series: OverlaySeries[] = useMemo(() => {
    const out: OverlaySeries[] = [];
    for (const m of selected.data ?? []) {
      if (!isNtaReport(m.metrics)) continue;
      const code = batchById.get(m.batchId)?.code ?? m.batchId;
      out.push({
        key: m.id,
        label: `${code} · ${fileStem(m.metrics.file, code)}`,
        binCentersNm: m.metrics.distribution.binCentersNm,
        concentrationPerMl: m.metrics.distribution.concentrationPerMl,
      });
    }
    // Two measurements with the same label would merge into one curve.
    const seen = new Map<string, number>();
    for (const s of out) {
      const n = (seen.get(s.label) ?? 0) + 1;
      seen.set(s.label, n);
      if (n > 1) s.label = `${s.label} (${n})`;
    }
    return out;
  }, [selected.data, batchById]);

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>NTA overlay</h1>
          <div className="subtitle">
            Average number-weighted size distributions of several measurements on one axis.
          </div>
        </div>
      </div>
      <div className="overlay-layout">
        <aside className="panel picker">
          <div className="panel-head">
            <h2>Measurements</h2>
            {ids.length > 0 ? (
              <button type="button" className="button small" onClick={() => setIds([])}>
                Clear ({ids.length})
              </button>
            ) : null}
          </div>
          <input
            type="search"
            className="picker-filter"
            placeholder="Filter by batch code…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <ApiView
            state={measurements}
            what="NTA measurements"
            isEmpty={(p) => p.items.length === 0}
            empty={
              <Empty title="No NTA measurements yet">
                Upload NanoSight exports on a batch page, or run <code>npx evlab demo</code>.
              </Empty>
            }
          >
            {(page) => (
              <Picker
                items={page.items}
                batchById={batchById}
                filter={filter}
                selected={ids}
                onToggle={toggle}
                full={ids.length >= MAX_SERIES}
              />
            )}
          </ApiView>
        </aside>

        <section className="panel overlay-main">
          <div className="plot-controls">
            <XRangeControl value={xMaxNm} onChange={setXMaxNm} />
            <fieldset className="segmented" aria-label="Y axis">
              <button
                type="button"
                className={normalised ? '' : 'active'}
                aria-pressed={!normalised}
                onClick={() => setQuery({ norm: null })}
              >
                particles/mL
              </button>
              <button
                type="button"
                className={normalised ? 'active' : ''}
                aria-pressed={normalised}
                onClick={() => setQuery({ norm: 'fraction' })}
              >
                fraction
              </button>
            </fieldset>
          </div>
          {ids.length === 0 ? (
            <Empty title="Pick measurements to compare">
              Tick two or more NTA measurements on the left, from one batch or several. Use “fraction” to
              compare shapes of preparations with different yields.
            </Empty>
          ) : (
            <ApiView state={selected} what="selected measurements">
              {() => (
                <>
                  <div className="legend">
                    {series.map((s, i) => (
                      <span key={s.key} className="legend-item">
                        <span className="swatch line" style={{ background: seriesColor(i) }} /> {s.label}
                      </span>
                    ))}
                  </div>
                  <OverlayPlot series={series} normalised={normalised} xMaxNm={xMaxNm} />
                  <div className="form-actions">
                    <button
                      type="button"
                      className="button small"
                      onClick={() =>
                        downloadText(
                          normalised ? 'nta-overlay-fraction.csv' : 'nta-overlay.csv',
                          overlayCsv(
                            series.map((s) => {
                              const total = s.concentrationPerMl.reduce((a, b) => a + b, 0);
                              return {
                                label: s.label,
                                binCentersNm: s.binCentersNm,
                                values: normalised
                                  ? s.concentrationPerMl.map((v) => (total > 0 ? (100 * v) / total : 0))
                                  : s.concentrationPerMl,
                              };
                            }),
                            normalised ? '% per 1 nm bin' : 'particles/mL per 1 nm bin',
                          ),
                        )
                      }
                    >
                      Export overlay CSV
                    </button>
                  </div>
                  <SelectedTable
                    measurements={selected.data ?? []}
                    batchById={batchById}
                    onRemove={(id) => setIds(ids.filter((x) => x !== id))}
                  />
                </>
              )}
            </ApiView>
          )}
        </section>
      </div>
    </div>
  );
}

function Picker({
  items,
  batchById,
  filter,
  selected,
  onToggle,
  full,
}: {
  items: MeasurementSummary[];
  batchById: Map<string, Batch>;
  filter: string;
  selected: string[];
  onToggle: (id: string) => void;
  full: boolean;
}) {
  const groups = useMemo(() => {
    const byBatch = new Map<string, MeasurementSummary[]>();
    for (const m of items) {
      const list = byBatch.get(m.batchId) ?? [];
      list.push(m);
      byBatch.set(m.batchId, list);
    }
    const needle = filter.trim().toLowerCase();
    return [...byBatch.entries()]
      .map(([batchId, list]) => ({ batchId, batch: batchById.get(batchId), list }))
      .filter((g) => !needle || (g.batch?.code ?? g.batchId).toLowerCase().includes(needle))
      .sort((a, b) =>
        (a.batch?.code ?? a.batchId).localeCompare(b.batch?.code ?? b.batchId, 'en', { numeric: true }),
      );
  }, [items, batchById, filter]);

  if (groups.length === 0) return <Empty title="No batch matches the filter" />;
  return (
    <div className="picker-groups">
      {groups.map((g) => (
        <div key={g.batchId} className="picker-group">
          <div className="picker-batch">
            <Link to={`/batches/${g.batchId}`} className="mono strong">
              {g.batch?.code ?? g.batchId}
            </Link>
            {g.batch ? <StatusChip status={g.batch.status} /> : null}
          </div>
          {g.list.map((m, i) => {
            const checked = selected.includes(m.id);
            const disabled = m.status !== 'parsed' || (full && !checked);
            return (
              <label key={m.id} className={disabled ? 'picker-item disabled' : 'picker-item'}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={disabled}
                  onChange={() => onToggle(m.id)}
                />
                <MeasurementLabelBlock
                  measurement={m}
                  batchCode={g.batch?.code}
                  fallback={`NTA #${i + 1} (added ${formatDateTime(m.createdAt)})`}
                />
                {m.status !== 'parsed' ? <span className="small text-error">unparsed</span> : null}
                {checked ? (
                  <span
                    className="swatch dot"
                    style={{ background: seriesColor(selected.indexOf(m.id)) }}
                    aria-hidden="true"
                  />
                ) : null}
              </label>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function SelectedTable({
  measurements,
  batchById,
  onRemove,
}: {
  measurements: Measurement[];
  batchById: Map<string, Batch>;
  onRemove: (id: string) => void;
}) {
  return (
    <table className="table" data-testid="overlay-table">
      <caption className="muted small">
        Mode and D50: evlab's recomputation from the 1 nm bins, mean of the videos. Concentration: average ±
        SE of the videos as exported.
      </caption>
      <thead>
        <tr>
          <th />
          <th>Batch</th>
          <th>Sample</th>
          <th>File</th>
          <th className="num">Concentration (particles/mL)</th>
          <th className="num">Mode (nm)</th>
          <th className="num">D50 (nm)</th>
          <th className="num">Videos</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {measurements.map((m, i) => {
          const r = isNtaReport(m.metrics) ? m.metrics : null;
          return (
            <tr key={m.id}>
              <td>
                <span className="swatch dot" style={{ background: seriesColor(i) }} />
              </td>
              <td className="mono">
                <Link to={`/batches/${m.batchId}`}>{batchById.get(m.batchId)?.code ?? m.batchId}</Link>
              </td>
              <td>{r?.sample || DASH}</td>
              <td className="clip mono small">
                <Link to={`/measurements/${m.id}`}>{r?.file ?? m.id}</Link>
              </td>
              <td className="num">
                {r
                  ? `${formatSci(r.average.concentrationPerMl, 3)}${r.average.concentrationSE !== null ? ` ± ${formatSci(r.average.concentrationSE, 2)}` : ''}`
                  : DASH}
              </td>
              <td className="num" title="evlab, mean of videos">
                {formatFixed(r ? meanOf(r.videos.map((v) => v.computed.modeNm)) : null, 1)}
              </td>
              <td className="num" title="evlab, mean of videos">
                {formatFixed(r ? meanOf(r.videos.map((v) => v.computed.d50Nm)) : null, 1)}
              </td>
              <td className="num">{r?.videos.length ?? DASH}</td>
              <td className="right">
                <button
                  type="button"
                  className="button small"
                  onClick={() => onRemove(m.id)}
                  aria-label="Remove"
                >
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
