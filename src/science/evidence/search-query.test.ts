import { describe, expect, it } from 'vitest';
import { foldWord, matchesQuery, matchRanges, parseSearchQuery } from './search-query.ts';

/** A compact view of a parsed query: groups joined by AND, terms in a group by OR, exclusions with "-". */
function shape(input: string): string {
  const q = parseSearchQuery(input);
  const term = (t: { words: string[]; phrase: boolean }) =>
    t.phrase ? `"${t.words.join(' ')}"` : t.words.join('_');
  return [...q.anyOf.map((g) => g.map(term).join('|')), ...q.excluded.map((t) => `-${term(t)}`)].join(' & ');
}

describe('parseSearchQuery', () => {
  it.each([
    ['umbilical stroke', 'umbilical & stroke'],
    ['"dry eye"', '"dry eye"'],
    ['"dry   eye" -wharton', '"dry eye" & -wharton'],
    ['-"wharton jelly" cord', 'cord & -"wharton jelly"'],
    ['psoriasis OR fistula', 'psoriasis|fistula'],
    ['psoriasis | fistula', 'psoriasis|fistula'],
    ['umbilical stroke OR alzheimer', 'umbilical & stroke|alzheimer'],
    ['a OR b OR c d', 'a|b|c & d'],
    ['stroke or alzheimer', 'stroke & or & alzheimer'],
    ['miR-124', 'mir_124'],
    ['-miR-124 exosomes', 'exosomes & -mir_124'],
    ['CD63+', 'cd63'],
    ['IL-6 TNF-α', 'il_6 & tnf_α'],
    ["Alzheimer's", 'alzheimer_s'],
    ['Müller', 'muller'],
    ['"dry eye', '"dry eye"'],
    ['x*', 'x'],
    ['NEAR(stroke, 2)', 'near_stroke & 2'],
    ['title:stroke', 'title_stroke'],
    ['a OR -b', 'a & -b'],
    ['-b OR c', 'c & -b'],
    ['OR a', 'a'],
    ['a OR', 'a'],
    ['OR', ''],
    ['-', ''],
    ['*', ''],
    ['""', ''],
    ['', ''],
    ['   ', ''],
    ['-only', '-only'],
    ['" OR 1=1 --', '"or 1 1"'],
  ])('%j → %s', (input, expected) => {
    expect(shape(input)).toBe(expected);
  });

  it('keeps the typed text of each term and flags phrases and exclusions', () => {
    expect(parseSearchQuery('miR-124 -"dry eye" CD63+').terms).toEqual([
      { text: 'miR-124', words: ['mir', '124'], phrase: false, negated: false },
      { text: 'dry eye', words: ['dry', 'eye'], phrase: true, negated: true },
      { text: 'CD63+', words: ['cd63'], phrase: false, negated: false },
    ]);
  });
});

describe('foldWord', () => {
  it.each([
    ['vesicles', 'vesicle'],
    ['exosomes', 'exosome'],
    ['studies', 'studi'],
    ['study', 'studi'],
    ['ties', 'tie'],
    ['classes', 'class'],
    ['virus', 'virus'],
    ['stress', 'stress'],
    ['day', 'day'],
    ['cd63s', 'cd63s'],
  ])('%s → %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });
});

describe('matchesQuery', () => {
  const m = (q: string, text: string) => matchesQuery(parseSearchQuery(q), text);

  it('is case-insensitive and matches words, not substrings', () => {
    expect(m('EXOSOME', 'Exosomes from cord')).toBe(true);
    expect(m('cord', 'Exosomes from cord')).toBe(true);
    expect(m('cor', 'Exosomes from cord')).toBe(false);
  });

  it('needs phrase words contiguous and in order', () => {
    expect(m('"dry eye"', 'severe dry eye disease')).toBe(true);
    expect(m('"dry eye"', 'dry skin and eye irritation')).toBe(false);
    expect(m('dry eye', 'dry skin and eye irritation')).toBe(true);
    expect(m('"eye dry"', 'severe dry eye disease')).toBe(false);
  });

  it('excludes, and ORs inside a group', () => {
    expect(m('vesicles -umbilical', 'umbilical cord vesicles')).toBe(false);
    expect(m('vesicles -umbilical', 'adipose vesicles')).toBe(true);
    expect(m('umbilical fistula OR psoriasis', 'umbilical cord EVs in psoriasis')).toBe(true);
    expect(m('umbilical fistula OR psoriasis', 'bone marrow EVs in psoriasis')).toBe(false);
  });

  it('keeps marker and microRNA names whole', () => {
    expect(m('miR-124', 'miR-124 enriched exosomes')).toBe(true);
    expect(m('miR-124', 'miR-124-3p mediated polarization')).toBe(true);
    expect(m('miR-124', 'miR 124 expression')).toBe(true);
    expect(m('miR-124', 'miR-1246 levels')).toBe(false);
    expect(m('miR-124', 'miR-12 and 4 others')).toBe(false);
    expect(m('CD63+', 'CD63+ and CD81+ vesicles')).toBe(true);
    expect(m('CD63+', 'CD633 antibody')).toBe(false);
    expect(m('IL-6', 'lower IL-6 and TNF-α')).toBe(true);
    expect(m('IL-6', 'IL-10 rose')).toBe(false);
  });

  it('matches nothing when nothing positive is asked for', () => {
    for (const q of ['', '   ', '-only', 'OR', '-', '*', '""', '()', '-"" OR *']) {
      expect(m(q, 'only stroke OR anything NEAR( * ()')).toBe(false);
    }
    // Syntax of the databases is read as plain words.
    expect(m('NEAR(', 'stroke near the lesion')).toBe(true);
    expect(m('NEAR(', 'stroke at the lesion')).toBe(false);
  });

  it('reports where the positive terms occur', () => {
    const text = 'Intranasal miR-124 exosomes; miR 124 again';
    const ranges = matchRanges(parseSearchQuery('miR-124 -intranasal'), text);
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['miR-124', 'miR 124']);
  });
});
