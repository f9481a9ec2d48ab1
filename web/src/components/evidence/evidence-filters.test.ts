/**
 * The evidence facets are shared FilterSelects now: their visible labels (the accessible names e2e tests
 * use), "All" first, the server's counts in the option labels and the current value selected stay as before.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EvidenceFilters, readFilters } from './evidence-filters.tsx';

describe('EvidenceFilters', () => {
  const values = readFilters(new URLSearchParams('route=intranasal&year=2020'));
  const html = renderToStaticMarkup(
    createElement(EvidenceFilters, {
      values,
      trialFacets: { year: { '2020': 4, '2025': 3 }, phase: { PHASE1: 2 }, neurological: { true: 5 } },
      findingFacets: { route: { intravenous: 6, intranasal: 2 } },
    }),
  ).replace(/<!-- -->/g, '');

  it('labels every facet select as before', () => {
    const labels = [...html.matchAll(/<label[^>]*><span>([^<]*)<\/span><select/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'MSC source (findings / trials)',
      'Disorder (findings / trials)',
      'Route (findings)',
      'Phase (trials)',
      'Status (trials)',
      'Country (trials)',
      'First posted (trials)',
      'Trials',
    ]);
  });

  it('puts "All" first, counts in the labels and selects the current value', () => {
    const route = html.match(/<span>Route \(findings\)<\/span><select>(.*?)<\/select>/)?.[1] ?? '';
    expect(route).toMatch(/^<option value="">All<\/option><option value="intravenous">[^<]*\(6\)<\/option>/);
    expect(route).toMatch(/<option value="intranasal" selected="">[^<]*\(2\)<\/option>$/);
    const year = html.match(/<span>First posted \(trials\)<\/span><select>(.*?)<\/select>/)?.[1] ?? '';
    expect([...year.matchAll(/value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', '2025', '2020']);
    expect(year).toContain('<option value="2020" selected="">');
    expect(html).toContain('Neurological only (5)');
  });
});
