/** Pure helpers of the evidence views: detail addressing, filters from the URL, facet options, labels. */
import { describe, expect, it } from 'vitest';
import { parseDetail } from './evidence-detail.tsx';
import { facetOptions, readFilters } from './evidence-filters.tsx';
import { disorderName, facetValueLabel, phasesLabel, sourceName, statusName } from './evidence-labels.ts';

describe('evidence detail addressing', () => {
  it('reads kind:id and rejects unknown kinds', () => {
    expect(parseDetail('trial:NCT04388982')).toEqual({ kind: 'trial', id: 'NCT04388982' });
    expect(parseDetail('finding:uc-alzheimers-fallahi-2024')).toEqual({
      kind: 'finding',
      id: 'uc-alzheimers-fallahi-2024',
    });
    expect(parseDetail('batch:1')).toBeNull();
    expect(parseDetail('trial')).toBeNull();
    expect(parseDetail(null)).toBeNull();
  });
});

describe('evidence filters', () => {
  it('reads every facet from the query string, missing ones as empty', () => {
    const f = readFilters(new URLSearchParams('q=stroke&source=bone-marrow&year=2024&neuro=true'));
    expect(f).toMatchObject({ q: 'stroke', source: 'bone-marrow', year: '2024', neuro: 'true', route: '' });
  });

  it('merges findings and trials counts per value, ordered by total, keeping the selected value', () => {
    const opts = facetOptions(
      'source',
      [
        { 'umbilical-cord': 11, adipose: 6 },
        { 'umbilical-cord': 9, 'not-stated': 13 },
      ],
      'dental-pulp',
    );
    expect(opts.map((o) => o.value)).toEqual(['umbilical-cord', 'not-stated', 'adipose', 'dental-pulp']);
    expect(opts[0]?.label).toBe('Umbilical cord (11 / 9)');
    expect(opts[3]?.label).toBe('Dental pulp (0 / 0)');
  });

  it('orders years newest first', () => {
    expect(
      facetOptions('year', [{ '2020': 4, '2025': 3, '2014': 1 }], '', 'value-desc').map((o) => o.value),
    ).toEqual(['2025', '2020', '2014']);
  });
});

describe('evidence labels', () => {
  it('names vocabulary values and falls back to the raw value', () => {
    expect(sourceName('wharton-jelly')).toBe("Wharton's jelly");
    expect(sourceName(null)).toBe('Not stated');
    expect(disorderName('als')).toBe('Amyotrophic lateral sclerosis');
    expect(disorderName('made-up')).toBe('made-up');
    expect(statusName('NOT_YET_RECRUITING')).toBe('Not yet recruiting');
    expect(phasesLabel(['PHASE1', 'PHASE2'])).toBe('Phase 1 / Phase 2');
    expect(phasesLabel([])).toBe('—');
    expect(facetValueLabel('neurological', 'true')).toBe('Neurological');
  });
});
