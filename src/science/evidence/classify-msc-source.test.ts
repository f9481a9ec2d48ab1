import { describe, expect, it } from 'vitest';
import { REGISTERED_TRIALS } from '../../domain/evidence/index.ts';
import { classifyMscSource } from './classify-msc-source.ts';
import type { TrialIntervention } from './trial-facts.ts';

const intervention = (name: string, description = '', otherNames: string[] = []): TrialIntervention => ({
  type: 'BIOLOGICAL',
  name,
  description,
  otherNames,
});
const byTitle = (title: string) => classifyMscSource({ title, officialTitle: null, interventions: [] });

describe('classifyMscSource against Li et al. 2025, Table 5 (source column)', () => {
  it('agrees with the review on every registered trial whose title names a tissue', () => {
    // The review read each registration; a title that names a tissue must give the review's source.
    const named = REGISTERED_TRIALS.map((t) => ({ t, c: byTitle(t.title) })).filter(
      ({ c }) => c.source !== 'not-stated',
    );
    expect(named.map(({ t }) => t.nctId).sort()).toEqual(
      [
        'NCT04388982', // "Allogenic Adipose MSC-Exos" — review: Fat
        'NCT05402748', // "Human Placenta Mesenchymal Stem Cells" — review: Placenta
        'NCT05499156', // "Placental Mesenchymal Stem Cell" — review: Placenta
        'NCT05738629', // "Pluripotent Stem Cell-derived MSC" — review: Pluripotent stem cells
        'NCT05808400', // "Umbilical Cord Mesenchymal Stem Cell Exosomes" — review: Umbilical cord
        'NCT06431152', // "UC-MSC Exosome" — review: Umbilical cord
        'NCT06812637', // "Wharton's Jelly-Derived" — review: "Warton Jelly"
      ].sort(),
    );
    for (const { t, c } of named) expect([t.nctId, c.source]).toEqual([t.nctId, t.mscSource]);
  });

  it('says not-stated for titles that name no tissue, with the reason', () => {
    const c = byTitle('MSC-Exos Promote Healing of MHs');
    expect(c).toMatchObject({ source: 'not-stated', matched: null, field: null });
    expect(c.rule).toMatch(/no MSC tissue named/);
  });

  it('shows the field, the words and the source in the rule', () => {
    const c = byTitle('Efficacy and Safety of Wharton’s Jelly-Derived Mesenchymal Stem Cell Exosomes');
    expect(c.source).toBe('wharton-jelly');
    expect(c.field).toBe('title');
    expect(c.matched).toBe('Wharton’s Jelly');
    expect(c.rule).toContain('"Wharton’s Jelly" (Wharton\'s jelly) → wharton-jelly');
  });
});

describe('classifyMscSource rules', () => {
  it('reads intervention text before the titles', () => {
    const c = classifyMscSource({
      title: 'Exosomes in knee osteoarthritis',
      officialTitle: 'A study of umbilical cord products',
      interventions: [intervention('Exosomes', 'EVs from bone marrow mesenchymal stromal cells')],
    });
    expect(c).toMatchObject({ source: 'bone-marrow', field: 'intervention', matched: 'bone marrow' });
  });

  it.each([
    ['hUC-MSC small extracellular vesicles', 'umbilical-cord'],
    ['UCMSC-Exos', 'umbilical-cord'],
    ['WJ-MSC exosome eye drops', 'wharton-jelly'],
    ["Umbilical cord Wharton's jelly MSC exosomes", 'wharton-jelly'],
    ['Warton Jelly MSC-EVs', 'wharton-jelly'],
    ['Umbilical cord blood MSC exosomes', 'umbilical-cord-blood'],
    ['BM-MSC EVs', 'bone-marrow'],
    ['BMSC-derived exosomes', 'bone-marrow'],
    ['ADSC exosomes', 'adipose'],
    ['Exosomes from fat-derived stromal cells', 'adipose'],
    ['Placental MSC exosomes', 'placenta'],
    ['DPSC exosomes', 'dental-pulp'],
    ['Stem cells from human exfoliated deciduous teeth, conditioned medium', 'dental-pulp'],
    ['iPSC-derived MSC EVs', 'ipsc'],
    ['Induced pluripotent stem cell derived exosomes', 'ipsc'],
    ['Autologous synovial fluid MSC exosomes', 'other'],
    ['Menstrual blood stem cell exosomes', 'other'],
    ['Mesenchymal stem cell exosomes', 'not-stated'],
  ])('%s → %s', (name, source) => {
    expect(
      classifyMscSource({ title: 'x', officialTitle: null, interventions: [intervention(name)] }).source,
    ).toBe(source);
  });

  it('is other when one field names two tissues, and says which', () => {
    const c = classifyMscSource({
      title: 'x',
      officialTitle: null,
      interventions: [intervention('BM-MSC exosomes'), intervention('Adipose MSC exosomes')],
    });
    expect(c.source).toBe('other');
    expect(c.rule).toContain('several tissues');
    expect(c.rule).toContain('(bone-marrow)');
    expect(c.rule).toContain('(adipose)');
  });

  it('does not read words inside other words', () => {
    // "fatigue" is not fat; "placentation" is not placenta; "embassy" is not a BMSC.
    expect(byTitle('Exosomes for post-COVID fatigue').source).toBe('not-stated');
    expect(byTitle('MSC-EVs and abnormal placentation').source).toBe('not-stated');
  });
});
