/**
 * The evidence search box and facets. Everything lives in the query string so a filtered view is
 * bookmarkable: q, source, disorder, route, phase, status, country, year, neuro. Facet options show counts
 * from the server (trials and findings; route counts are findings, phase/status/country/year are trials).
 */
import { useEffect, useState } from 'react';
import type { FacetCounts } from '../../api/evidence-client.ts';
import { setQuery } from '../../router.tsx';
import { FilterSelect } from '../filter-select.tsx';
import { facetValueLabel } from './evidence-labels.ts';

export interface EvidenceFilterValues {
  q: string;
  source: string;
  disorder: string;
  route: string;
  phase: string;
  status: string;
  country: string;
  year: string;
  neuro: string;
}

export const FILTER_KEYS: (keyof EvidenceFilterValues)[] = [
  'q',
  'source',
  'disorder',
  'route',
  'phase',
  'status',
  'country',
  'year',
  'neuro',
];

export function readFilters(search: URLSearchParams): EvidenceFilterValues {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? ''])) as Record<
    keyof EvidenceFilterValues,
    string
  >;
}

const DETAIL: readonly string[] = ['detail'];

export function facetOptions(
  facet: string,
  counts: Record<string, number>[],
  current: string,
  order: 'count' | 'value-desc' = 'count',
): { value: string; label: string }[] {
  const merged = new Map<string, number[]>();
  counts.forEach((c, i) => {
    for (const [value, n] of Object.entries(c)) {
      const row = merged.get(value) ?? counts.map(() => 0);
      row[i] = n;
      merged.set(value, row);
    }
  });
  if (current && !merged.has(current))
    merged.set(
      current,
      counts.map(() => 0),
    );
  const rows = [...merged.entries()];
  rows.sort((a, b) =>
    order === 'value-desc'
      ? b[0].localeCompare(a[0])
      : b[1].reduce((s, n) => s + n, 0) - a[1].reduce((s, n) => s + n, 0) || a[0].localeCompare(b[0]),
  );
  return rows.map(([value, ns]) => ({
    value,
    label: `${facetValueLabel(facet, value)} (${ns.join(' / ')})`,
  }));
}

/** The options of one facet besides "All", as built by facetOptions. */
function FacetOptions({ opts }: { opts: { value: string; label: string }[] }) {
  return opts.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

export function EvidenceFilters({
  values,
  trialFacets,
  findingFacets,
}: {
  values: EvidenceFilterValues;
  trialFacets: FacetCounts | undefined;
  findingFacets: FacetCounts | undefined;
}) {
  const [text, setText] = useState(values.q);
  useEffect(() => setText(values.q), [values.q]);
  useEffect(() => {
    if (text === values.q) return;
    const timer = setTimeout(() => setQuery({ q: text.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text, values.q]);

  const tf = trialFacets ?? {};
  const ff = findingFacets ?? {};
  const anyFilter = FILTER_KEYS.some((k) => values[k] !== '');
  return (
    <div className="stack">
      <form
        className="ev-filters"
        aria-label="Evidence search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ q: text.trim() });
        }}
      >
        <label className="grow">
          <span>Search trials, findings, sources, routes and labels</span>
          <input
            type="search"
            value={text}
            placeholder="e.g. stroke, intranasal, miR-497, NCT06598202"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {anyFilter ? (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setText('');
              setQuery(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>
      <fieldset className="ev-filters ev-fieldset">
        <legend className="ev-sr">Facets</legend>
        <FilterSelect
          label="MSC source (findings / trials)"
          param="source"
          value={values.source}
          reset={DETAIL}
        >
          <FacetOptions opts={facetOptions('source', [ff.source ?? {}, tf.source ?? {}], values.source)} />
        </FilterSelect>
        <FilterSelect
          label="Disorder (findings / trials)"
          param="disorder"
          value={values.disorder}
          reset={DETAIL}
        >
          <FacetOptions
            opts={facetOptions('disorder', [ff.disorder ?? {}, tf.disorder ?? {}], values.disorder)}
          />
        </FilterSelect>
        <FilterSelect label="Route (findings)" param="route" value={values.route} reset={DETAIL}>
          <FacetOptions opts={facetOptions('route', [ff.route ?? {}], values.route)} />
        </FilterSelect>
        <FilterSelect label="Phase (trials)" param="phase" value={values.phase} reset={DETAIL}>
          <FacetOptions opts={facetOptions('phase', [tf.phase ?? {}], values.phase)} />
        </FilterSelect>
        <FilterSelect label="Status (trials)" param="status" value={values.status} reset={DETAIL}>
          <FacetOptions opts={facetOptions('status', [tf.status ?? {}], values.status)} />
        </FilterSelect>
        <FilterSelect label="Country (trials)" param="country" value={values.country} reset={DETAIL}>
          <FacetOptions opts={facetOptions('country', [tf.country ?? {}], values.country)} />
        </FilterSelect>
        <FilterSelect label="First posted (trials)" param="year" value={values.year} reset={DETAIL}>
          <FacetOptions opts={facetOptions('year', [tf.year ?? {}], values.year, 'value-desc')} />
        </FilterSelect>
        <label>
          <span>Trials</span>
          <select value={values.neuro} onChange={(e) => setQuery({ neuro: e.target.value, detail: null })}>
            <option value="">All conditions</option>
            <option value="true">Neurological only ({tf.neurological?.true ?? 0})</option>
          </select>
        </label>
      </fieldset>
    </div>
  );
}
