/**
 * The Evidence search box, read once for every place that searches: the store turns a parsed query into
 * SQLite FTS5 / PostgreSQL tsquery expressions, and `matchesQuery` applies the same query to in-memory
 * text (the curated source, route and label profiles). Pure: no I/O, runs in the browser too.
 *
 * Syntax (what a search box user expects):
 * - words are ANDed: `umbilical stroke`;
 * - `"dry eye"` is a phrase (the words contiguous, in order);
 * - `-word` / `-"a phrase"` excludes documents that contain it;
 * - `a OR b` (also `a | b`) needs either; OR binds tighter than AND, so `umbilical stroke OR alzheimer`
 *   means umbilical AND (stroke OR alzheimer). OR next to an exclusion is ignored;
 * - a token stays whole: `miR-124`, `CD63+`, `IL-6` are one term each, matched as its word sequence
 *   (mir 124 / cd63 / il 6), so `miR-124` finds "miR-124" and "miR-124-3p" but not "miR-1246";
 * - nothing else is syntax: `*`, `NEAR(`, `^`, parentheses and quotes inside words are punctuation.
 * A query without any positive term (empty, only exclusions, only punctuation) matches nothing.
 *
 * Words are what the databases index as words: runs of letters and digits, lower-cased, diacritics
 * removed (SQLite unicode61 `remove_diacritics 2`). The databases also stem (Porter on SQLite, Snowball
 * English on PostgreSQL); `matchesQuery` folds only the inflections both stemmers agree on (plural -s,
 * -es, -ies and final -y), and PostgreSQL alone drops English stop words.
 */

export interface SearchTerm {
  /** The term as typed, without the exclusion sign and quotes ("miR-124", "dry eye"). */
  text: string;
  /** Its words, lower-cased, diacritics removed (["mir", "124"]); never empty. */
  words: string[];
  /** Typed in double quotes. */
  phrase: boolean;
  negated: boolean;
}

export interface SearchQuery {
  /** Every term in the order typed (exclusions included), e.g. for highlighting. */
  terms: SearchTerm[];
  /** Required groups: a document matches when, for every group, at least one of its terms occurs. */
  anyOf: SearchTerm[][];
  /** A document containing any of these does not match. */
  excluded: SearchTerm[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower case without diacritics: "Müller" → "muller". */
function normalizeWord(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a text (letters and digits), normalized, with their offsets in the text. */
export function tokenize(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = normalizeWord(m[0]);
    if (word !== '') out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const VOWEL = /[aeiouy]/;

/**
 * Inflection folding both database stemmers share (Porter 1980 step 1a and 1c; Snowball English
 * step 1a/1c): "vesicles" → "vesicle", "studies"/"study" → "studi", "virus" unchanged. Words with
 * digits are identifiers and stay as they are.
 */
export function foldWord(word: string): string {
  if (word.length < 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('ss') || w.endsWith('us')) {
    // unchanged
  } else if (w.endsWith('s') && VOWEL.test(w.slice(0, -2))) w = w.slice(0, -1);
  if (w.length > 2 && w.endsWith('y') && !VOWEL.test(w.charAt(w.length - 2))) w = `${w.slice(0, -1)}i`;
  return w;
}

const TOKEN = /(-?)"([^"]*)(?:"|$)|(\S+)/g;

/** Reads what was typed in a search box. Never throws; unknown syntax is read as words. */
export function parseSearchQuery(input: string): SearchQuery {
  const terms: SearchTerm[] = [];
  const anyOf: SearchTerm[][] = [];
  const excluded: SearchTerm[] = [];
  let pendingOr = false;
  let previousPositive = false;
  for (const m of input.matchAll(TOKEN)) {
    const quoted = m[2] !== undefined;
    let negated = m[1] === '-';
    let text = quoted ? (m[2] ?? '') : (m[3] ?? '');
    if (!quoted) {
      if (text === 'OR' || text === '|') {
        pendingOr = previousPositive;
        continue;
      }
      if (text.startsWith('-')) {
        negated = true;
        text = text.slice(1);
      }
    }
    text = text.replace(/\s+/g, ' ').trim();
    const words = tokenize(text).map((t) => t.word);
    if (words.length === 0) continue;
    const term: SearchTerm = { text, words, phrase: quoted, negated };
    terms.push(term);
    if (negated) {
      excluded.push(term);
      previousPositive = false;
    } else {
      const last = anyOf[anyOf.length - 1];
      if (pendingOr && last) last.push(term);
      else anyOf.push([term]);
      previousPositive = true;
    }
    pendingOr = false;
  }
  return { terms, anyOf, excluded };
}

/** True when the query has something to look for (otherwise it matches nothing). */
export function isSearchable(query: SearchQuery): boolean {
  return query.anyOf.length > 0;
}

/** Where `words` occur contiguously in `tokens` (folded), as token indexes. */
function occurrences(folded: readonly string[], words: readonly string[]): number[] {
  const needle = words.map(foldWord);
  const out: number[] = [];
  for (let i = 0; i + needle.length <= folded.length; i++) {
    if (needle.every((w, j) => folded[i + j] === w)) out.push(i);
  }
  return out;
}

/** A text prepared for repeated matching. */
export interface SearchableText {
  text: string;
  tokens: { word: string; start: number; end: number }[];
  folded: string[];
}

export function searchableText(text: string): SearchableText {
  const tokens = tokenize(text);
  return { text, tokens, folded: tokens.map((t) => foldWord(t.word)) };
}

/**
 * Whether a text matches a query with the database search's semantics: every group has a term that
 * occurs (its words contiguous), no excluded term occurs. A query with nothing positive matches nothing.
 */
export function matchesQuery(query: SearchQuery, text: string | SearchableText): boolean {
  if (!isSearchable(query)) return false;
  const doc = typeof text === 'string' ? searchableText(text) : text;
  const has = (t: SearchTerm) => occurrences(doc.folded, t.words).length > 0;
  return query.anyOf.every((group) => group.some(has)) && !query.excluded.some(has);
}

/** Character ranges of the positive terms' occurrences in the text, sorted, non-overlapping. */
export function matchRanges(
  query: SearchQuery,
  text: string | SearchableText,
): { start: number; end: number }[] {
  const doc = typeof text === 'string' ? searchableText(text) : text;
  const ranges: { start: number; end: number }[] = [];
  for (const term of query.anyOf.flat()) {
    for (const i of occurrences(doc.folded, term.words)) {
      const first = doc.tokens[i];
      const last = doc.tokens[i + term.words.length - 1];
      if (first && last) ranges.push({ start: first.start, end: last.end });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const prev = out[out.length - 1];
    if (prev && r.start <= prev.end) prev.end = Math.max(prev.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
