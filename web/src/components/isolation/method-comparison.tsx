/**
 * Sortable comparison of every isolation method in the catalogue: recovery, purity, time, volume, cost,
 * GMP/scalability and co-isolates. Every number carries its sources (hover or expand); values from sources
 * that disagree are listed one under the other. The review's Table 2 (Li et al. 2025) advantages and
 * limitations are shown beside the catalogue's own, with the review citation.
 */

import { useMemo, useState } from 'react';
import { ISOLATION_TECHNIQUE_SUMMARIES } from '../../../../src/domain/evidence/isolation-technique-summaries.ts';
import type { IsolationMethod } from '../../../../src/domain/isolation-protocol.ts';
import {
  COST_CLASSES,
  GMP_LEVELS,
  type MethodEntry,
  type Metric,
  type SourcedRange,
} from '../../../../src/science/isolation-methods/method-catalogue-schema.ts';
import { metricFigure } from '../../../../src/science/isolation-methods/method-profile.ts';
import { formatHours, formatMl } from '../../../../src/science/isolation-methods/quantity-format.ts';
import { isolationMethodsApi, type MethodCatalogue } from '../../api/isolation-methods-client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatSci } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';
import { ApiView } from '../states.tsx';
import { CitationItem, CitationToggle } from './method-citations.tsx';
import './method-isolation.css';

type SortKey = 'name' | 'recovery' | 'purity' | 'time' | 'volume' | 'cost' | 'gmp';

const COLUMNS: { key: SortKey; label: string; unit?: string }[] = [
  { key: 'name', label: 'Method' },
  { key: 'recovery', label: 'Recovery', unit: '%' },
  { key: 'purity', label: 'Purity', unit: 'particles/µg protein' },
  { key: 'time', label: 'Time' },
  { key: 'volume', label: 'Sample volume' },
  { key: 'cost', label: 'Cost' },
  { key: 'gmp', label: 'GMP / scale' },
];

/** The value a column sorts by; null (not reported) sorts last either way. */
function sortValue(m: MethodEntry, key: SortKey): number | string | null {
  const rep = (metric: Metric, scale: 'linear' | 'log' = 'linear') =>
    metricFigure(metric, null, scale)?.representative ?? null;
  switch (key) {
    case 'name':
      return m.name;
    case 'recovery':
      return rep(m.recoveryPercent);
    case 'purity':
      return rep(m.purityParticlesPerUgProtein, 'log');
    case 'time':
      return rep(m.processingTimeH);
    case 'volume':
      return metricFigure(m.sampleVolumeMl, null)?.max ?? null;
    case 'cost':
      return COST_CLASSES.indexOf(m.cost.class);
    case 'gmp':
      return GMP_LEVELS.indexOf(m.scalability.gmp);
  }
}

const FORMATS: Record<'recovery' | 'purity' | 'time' | 'volume', (x: number) => string> = {
  recovery: (x) => `${x}`,
  purity: (x) => formatSci(x, 2),
  time: formatHours,
  volume: formatMl,
};

function RangeValue({ range, format }: { range: SourcedRange; format: (x: number) => string }) {
  const text = range.min === range.max ? format(range.min) : `${format(range.min)}–${format(range.max)}`;
  return (
    <>
      <span className="method-value">
        {text}
        {range.confidence === 'approximate' ? (
          <abbr className="method-approx" title={range.note || 'approximate'}>
            ~
          </abbr>
        ) : null}
      </span>
      {range.context ? <span className="method-context">{range.context}</span> : null}
      <CitationToggle citations={range.citations} />
    </>
  );
}

function MetricCell({ metric, format }: { metric: Metric; format: (x: number) => string }) {
  if (metric.values.length === 0) {
    return (
      <td>
        <span className="muted" title={metric.notReported}>
          not reported
        </span>
      </td>
    );
  }
  return (
    <td>
      <ul className="method-values">
        {metric.values.map((range) => (
          <li key={`${range.min}-${range.max}-${range.context}`}>
            <RangeValue range={range} format={format} />
          </li>
        ))}
      </ul>
    </td>
  );
}

function ReviewSummary({ slug }: { slug: IsolationMethod }) {
  const summary = ISOLATION_TECHNIQUE_SUMMARIES.find((s) => s.method === slug);
  if (!summary) return null;
  return (
    <div>
      <div className="strong">
        Review summary ({summary.citation.authors} {summary.citation.year}, {summary.reviewLocation})
      </div>
      <div>Advantages: {summary.advantages.join('; ')}</div>
      <div>Limitations: {summary.limitations.join('; ')}</div>
    </div>
  );
}

function MethodDetails({ m }: { m: MethodEntry }) {
  return (
    <details className="method-details">
      <summary>Details</summary>
      <p>{m.principle}</p>
      {m.variants.length > 0 ? <p className="muted">Variants: {m.variants.join('; ')}</p> : null}
      <div className="strong">Advantages</div>
      <ul>
        {m.advantages.map((a) => (
          <li key={a.text}>
            {a.text} <CitationToggle citations={a.citations} />
          </li>
        ))}
      </ul>
      <div className="strong">Limitations</div>
      <ul>
        {m.limitations.map((a) => (
          <li key={a.text}>
            {a.text} <CitationToggle citations={a.citations} />
          </li>
        ))}
      </ul>
      <div>
        <span className="strong">Integrity and function:</span> {m.integrity.effect} — {m.integrity.text}{' '}
        <CitationToggle citations={m.integrity.citations} />
      </div>
      <div>
        <span className="strong">Equipment:</span> {m.equipmentText}
      </div>
      <ReviewSummary slug={m.slug} />
    </details>
  );
}

function MethodRow({ m }: { m: MethodEntry }) {
  return (
    <tr>
      <td>
        <div className="strong">{m.name}</div>
        <div className="muted small">
          {m.family}
          {m.role === 'clearing' ? ' · clearing step' : ''}
        </div>
        <MethodDetails m={m} />
      </td>
      <MetricCell metric={m.recoveryPercent} format={FORMATS.recovery} />
      <MetricCell metric={m.purityParticlesPerUgProtein} format={FORMATS.purity} />
      <MetricCell metric={m.processingTimeH} format={FORMATS.time} />
      <MetricCell metric={m.sampleVolumeMl} format={FORMATS.volume} />
      <td>
        <span className="method-value">{m.cost.class}</span>
        <span className="method-context">{m.cost.text}</span>
        <CitationToggle citations={m.cost.citations} />
      </td>
      <td>
        <span className={`method-chip gmp-${m.scalability.gmp}`}>GMP {m.scalability.gmp}</span>
        <span className="method-chip">litres: {m.scalability.litreScale}</span>
        <span className="method-context">{m.scalability.text}</span>
        <CitationToggle citations={m.scalability.citations} />
      </td>
      <td>
        {m.coIsolates.length === 0 ? <span className="muted">none listed</span> : null}
        {m.coIsolates.map((c) => (
          <span
            key={c.kind}
            className={`method-chip sev-${c.severity}`}
            title={`${c.text}\n${c.citations.map((x) => `${x.authors} ${x.year}`).join(', ')}`}
          >
            {c.kind} ({c.severity})
          </span>
        ))}
      </td>
    </tr>
  );
}

export function MethodComparisonTable({ catalogue }: { catalogue: MethodCatalogue }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const rows = useMemo(() => {
    const sorted = [...catalogue.methods];
    sorted.sort((a, b) => {
      const va = sortValue(a, sort.key);
      const vb = sortValue(b, sort.key);
      if (va === null && vb === null) return 0;
      if (va === null) return 1;
      if (vb === null) return -1;
      const c = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
      return sort.descending ? -c : c;
    });
    return sorted;
  }, [catalogue, sort]);
  const t = catalogue.purityThresholds;

  return (
    <>
      {/* A scrollable region must be reachable by keyboard (WCAG 2.1.1): a focusable, named section. */}
      <section
        className="table-scroll"
        {...SCROLLABLE}
        aria-label="Isolation method comparison (scrolls sideways)"
      >
        <table className="table method-table" aria-label="Isolation method comparison">
          <thead>
            <tr>
              {COLUMNS.map((col) => {
                const active = sort.key === col.key;
                return (
                  <th
                    key={col.key}
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    scope="col"
                  >
                    <button
                      type="button"
                      className="method-sort"
                      onClick={() =>
                        setSort((s) => ({
                          key: col.key,
                          descending: s.key === col.key ? !s.descending : false,
                        }))
                      }
                    >
                      {col.label}
                      {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                    {col.unit ? <div className="muted small">{col.unit}</div> : null}
                  </th>
                );
              })}
              <th scope="col">Co-isolates</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <MethodRow key={m.slug} m={m} />
            ))}
          </tbody>
        </table>
      </section>
      <p className="muted small">
        Catalogue {catalogue.catalogueVersion} (reviewed {catalogue.reviewedOn}). Purity classes: high &gt;{' '}
        {formatSci(t.highPurityMinParticlesPerUg)}, low {formatSci(t.lowPurityMinParticlesPerUg)}–
        {formatSci(t.lowPurityMaxParticlesPerUg)}, impure &lt; {formatSci(t.impureMaxParticlesPerUg)}{' '}
        particles/µg ({t.citations.map((c) => `${c.authors} ${c.year}`).join(', ')}). ~ marks an approximate
        value (order of magnitude from the cited comparison); stacked values come from sources that disagree.
      </p>
      <details className="small">
        <summary>All sources</summary>
        <ul className="method-cite-list">
          {uniqueSources(catalogue).map((c) => (
            <CitationItem key={c.doi ?? c.authors} citation={c} />
          ))}
        </ul>
      </details>
    </>
  );
}

function uniqueSources(catalogue: MethodCatalogue) {
  const byDoi = new Map<string, MethodCatalogue['purityThresholds']['citations'][number]>();
  const visit = (cs: MethodCatalogue['purityThresholds']['citations']) => {
    for (const c of cs) if (!byDoi.has(c.doi)) byDoi.set(c.doi, { ...c, location: undefined });
  };
  visit(catalogue.purityThresholds.citations);
  for (const m of catalogue.methods) {
    for (const metric of [
      m.recoveryPercent,
      m.purityParticlesPerUgProtein,
      m.processingTimeH,
      m.sampleVolumeMl,
    ]) {
      for (const r of metric.values) visit(r.citations);
    }
    visit(m.cost.citations);
    visit(m.scalability.citations);
    visit(m.integrity.citations);
    for (const c of m.coIsolates) visit(c.citations);
  }
  return [...byDoi.values()].sort((a, b) => a.authors.localeCompare(b.authors) || a.year - b.year);
}

export function MethodComparison() {
  const state = useApi((signal) => isolationMethodsApi.catalogue(signal), []);
  return (
    <section className="panel" aria-labelledby="method-comparison-title">
      <div className="panel-head">
        <h2 id="method-comparison-title">Method comparison</h2>
      </div>
      <ApiView state={state} what="isolation methods" isEmpty={(c) => c.methods.length === 0}>
        {(catalogue) => <MethodComparisonTable catalogue={catalogue} />}
      </ApiView>
    </section>
  );
}
