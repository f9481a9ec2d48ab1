import { describe, expect, it } from 'vitest';
import { curatedTrial } from '../../domain/evidence/index.ts';
import { curatedTrialFacts } from './curated-evidence.ts';
import { CURATED_TRIALS_AS_OF, effectiveTrial } from './effective-trial.ts';
import { csvCell, toCsv } from './evidence-csv.ts';
import type { TrialFacts } from './trial-facts.ts';

const curated = (id: string) => {
  const c = curatedTrialFacts().find((t) => t.nctId === id);
  if (!c) throw new Error(`no curated ${id}`);
  return c;
};

const ctgov = (over: Partial<TrialFacts> = {}): TrialFacts => ({
  nctId: 'NCT03384433',
  title: 'Allogenic Mesenchymal Stem Cell Derived Exosome in Patients With Acute Ischemic Stroke',
  officialTitle: null,
  status: 'COMPLETED',
  conditions: ['Cerebrovascular Disorders'],
  phases: ['PHASE1', 'PHASE2'],
  firstPosted: '2017-12-27',
  interventions: [
    { type: 'BIOLOGICAL', name: 'Exosome', description: 'from bone marrow MSCs', otherNames: [] },
  ],
  locations: [{ facility: 'Hospital', city: 'Tehran', country: 'Iran, Islamic Republic of' }],
  hasResults: false,
  lastUpdatePosted: '2021-06-01',
  ...over,
});

describe('effectiveTrial', () => {
  it('shows a curated trial as the review lists it, citing Table 5', () => {
    const t = effectiveTrial({ curated: curated('NCT06812637') });
    const review = curatedTrial('NCT06812637');
    expect(t.origin).toBe('curated');
    expect(t.mscSource).toBe(review?.mscSource);
    expect(t.mscSourceRule).toContain('"Warton Jelly"');
    expect(t.status).toBe(review?.status);
    expect(t.countries).toEqual(review?.countries);
    expect(t.citation).toMatchObject({ authors: 'Li et al.', year: 2025, location: 'Table 5' });
    expect(t.statusObservedAt).toBe(CURATED_TRIALS_AS_OF);
  });

  it('takes registry facts from CT.gov, keeps the review as first citation, classifies a source the review left open', () => {
    // Table 5 lists NCT03384433's source as "Not mentioned": the CT.gov intervention text decides.
    const t = effectiveTrial({ curated: curated('NCT03384433'), ctgov: ctgov() });
    expect(t.origin).toBe('both');
    expect(t.status).toBe('COMPLETED');
    expect(t.mscSource).toBe('bone-marrow');
    expect(t.mscSourceRule).toContain('"Not mentioned"');
    expect(t.locations).toEqual(['Tehran, Iran, Islamic Republic of']);
    expect(t.neurological).toBe(true);
    expect(t.disorder).toBe('ischemic-stroke');
    expect(t.citations.map((c) => c.authors)).toEqual(['Li et al.', 'ClinicalTrials.gov']);
    expect(t.citations[1]?.url).toBe('https://clinicaltrials.gov/study/NCT03384433');
    expect(t.statusObservedAt).toBe('2021-06-01');
  });

  it('keeps the review source when it states one and notes a disagreeing registration', () => {
    const t = effectiveTrial({
      curated: curated('NCT04388982'),
      ctgov: ctgov({ nctId: 'NCT04388982', conditions: ['Alzheimer Disease'] }),
    });
    expect(t.mscSource).toBe('adipose');
    expect(t.mscSourceRule).toContain('suggests bone-marrow');
  });

  it('classifies a CT.gov-only trial by its text', () => {
    const t = effectiveTrial({ ctgov: ctgov({ nctId: 'NCT09990001' }) });
    expect(t).toMatchObject({ origin: 'ctgov', mscSource: 'bone-marrow', neurological: true });
    expect(t.neurologicalRule).toContain('"cerebrovascular"');
  });
});

describe('evidence CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x\ny']])).toBe('a,b\r\n1,"x\ny"\r\n');
  });
});
