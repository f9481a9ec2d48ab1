import { describe, expect, it } from 'vitest';
import { REGISTERED_TRIALS } from '../../domain/evidence/index.ts';
import type { TrialFacts } from './trial-facts.ts';
import { checkTrialRelevance } from './trial-relevance.ts';

function facts(title: string, intervention = '', conditions: string[] = []): TrialFacts {
  return {
    nctId: 'NCT00000001',
    title,
    officialTitle: null,
    status: 'RECRUITING',
    conditions,
    phases: [],
    firstPosted: null,
    interventions: intervention
      ? [{ type: 'BIOLOGICAL', name: intervention, description: '', otherNames: [] }]
      : [],
    locations: [],
    hasResults: false,
    lastUpdatePosted: null,
  };
}

describe('checkTrialRelevance', () => {
  it('keeps an oncology drug study aside', () => {
    const c = checkTrialRelevance(
      facts('Pembrolizumab Plus Chemotherapy in Lung Cancer', 'Pembrolizumab', ['NSCLC']),
    );
    expect(c.relevance).toBe('pending');
    expect(c.reason).toMatch(/mesenchymal stem\/stromal cells or extracellular vesicles/);
  });

  it('keeps aside an MSC cell therapy without vesicles, and an exosome study without MSC', () => {
    expect(checkTrialRelevance(facts('Umbilical Cord Mesenchymal Stem Cells for Knee OA')).relevance).toBe(
      'pending',
    );
    expect(checkTrialRelevance(facts('Plasma Exosomes as Biomarkers of Sepsis')).relevance).toBe('pending');
  });

  it('accepts every Li et al. 2025 Table 5 title that names MSCs (their vesicle wording varies)', () => {
    const namingMsc = REGISTERED_TRIALS.filter((t) => /mesenchymal|\bMSC/i.test(t.title));
    expect(namingMsc.length).toBeGreaterThanOrEqual(5);
    const rejected = namingMsc
      .filter((t) => checkTrialRelevance(facts(t.title)).relevance !== 'relevant')
      .map((t) => `${t.nctId} ${t.title}`);
    expect(rejected).toEqual([]);
  });

  it('accepts an exosome title whose intervention names the MSC source', () => {
    const c = checkTrialRelevance(
      facts('Exosome Inhalation in COVID-19 Pneumonia', 'Exosomes of allogeneic MSC'),
    );
    expect(c).toEqual({ relevance: 'relevant', reason: 'names "MSC" and "Exosome"' });
  });
});
