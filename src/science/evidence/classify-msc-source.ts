/**
 * Which tissue the MSCs behind a trial's EVs come from, read from the intervention and title text of a
 * registration, with the rule that decided it so a person can check it.
 *
 * The tissue vocabulary is the evidence one (src/domain/evidence-source.ts). Umbilical cord, Wharton's
 * jelly, placenta, adipose ("fat"), bone marrow and iPSC are the sources Li et al. 2025 (Front Cell Dev
 * Biol 13:1626996, Table 5) report for registered MSC-EV trials; dental pulp (SHED/DPSC) is a source in its
 * preclinical tables (section 6). The abbreviations are the ones registrations use (UC-MSC, WJ-MSC, BM-MSC,
 * AD-MSC/ADSC, DPSC, SHED, iPSC/iMSC).
 */
import type { EvidenceSource } from '../../domain/evidence-source.ts';
import type { TrialFacts } from './trial-facts.ts';

/** Where in a registration a source term was found, most trustworthy first. */
export type SourceTextField = 'intervention' | 'title' | 'official-title';

export interface MscSourceClassification {
  source: EvidenceSource;
  /** One line a person can check: where, which term, which source (or why none). */
  rule: string;
  /** The text that matched exactly as written in the registration, or null. */
  matched: string | null;
  field: SourceTextField | null;
}

interface SourcePattern {
  source: EvidenceSource;
  /** Case-insensitive; written to start and end at word boundaries. */
  pattern: RegExp;
  /** Shown in the rule. */
  label: string;
}

/**
 * Ordered: more specific patterns first (Wharton's jelly before umbilical cord, cord blood before cord).
 * Wharton's jelly is spelt "Wharton's", "Whartons", "Wharton", "Warton" (Li et al. 2025 Table 5 has
 * "Warton Jelly").
 */
const SOURCE_PATTERNS: readonly SourcePattern[] = [
  {
    source: 'wharton-jelly',
    pattern: /\bw\s?h?arton[’'`]?s?\s+jelly\b|\bwj[\s-]?(?:d?[\s-]?msc|mscs|mesenchymal)/i,
    label: "Wharton's jelly",
  },
  {
    // Cord blood is a source apart from cord tissue (Wharton's jelly / cord lining); Li et al. 2025 Table 5
    // lists "Umbilical cord blood" separately.
    source: 'umbilical-cord-blood',
    pattern: /\b(?:umbilical\s+)?cord[\s-]+blood\b|\bucb[\s-]?mscs?\b/i,
    label: 'umbilical cord blood',
  },
  {
    source: 'umbilical-cord',
    pattern:
      /\bumbilical[\s-]+cord\b|\bh?uc[\s-]?mscs?\b|\bh?uc[\s-]?msc[\s-]?(?:exo|ev|sev)|\bcord[\s-]derived\b/i,
    label: 'umbilical cord',
  },
  {
    source: 'placenta',
    pattern:
      /\bplacenta(?:l)?\b|\bh?p[\s-]?mscs?\b|\bdecidua(?:l)?\b|\bchorionic\b|\bamnion\b|\bamniotic\s+membrane\b/i,
    label: 'placenta / fetal membranes',
  },
  {
    source: 'adipose',
    pattern:
      /\badipose\b|\badipocyte[\s-]derived\b|\bfat[\s-]derived\b|\bfat\b|\blipoaspirate\b|\bh?ad[\s-]?mscs?\b|\badscs?\b|\bstromal\s+vascular\s+fraction\b/i,
    label: 'adipose tissue',
  },
  {
    source: 'bone-marrow',
    pattern: /\bbone[\s-]+marrow\b|\bh?bm[\s-]?mscs?\b|\bbmscs?\b|\bmarrow[\s-]derived\b/i,
    label: 'bone marrow',
  },
  {
    source: 'dental-pulp',
    pattern: /\bdental[\s-]+pulp\b|\bdpscs?\b|\bexfoliated\s+deciduous\s+teeth\b|\bshed\s+cells\b/i,
    label: 'dental pulp',
  },
  {
    source: 'ipsc',
    pattern: /\bipscs?\b|\binduced\s+pluripotent\b|\bpluripotent\s+stem\s+cells?\b|\bpsc[\s-]msc|\bimscs?\b/i,
    label: 'induced pluripotent stem cells',
  },
  {
    source: 'other',
    pattern:
      /\bsynovial(?:\s+fluid|\s+membrane)?\b|\bmenstrual\s+blood\b|\bendometrial\s+(?:stem|stromal|mesenchymal)\b|\bgingiva(?:l)?[\s-]derived\b/i,
    label: 'another tissue',
  },
];

const FIELD_LABELS: Record<SourceTextField, string> = {
  intervention: 'intervention',
  title: 'title',
  'official-title': 'official title',
};

function excerpt(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

interface SourceHit {
  source: EvidenceSource;
  matched: string;
  label: string;
  text: string;
}

/** Every source the texts name (every pattern, not just the first: one text can name two tissues). */
function sourceHits(texts: readonly string[]): SourceHit[] {
  const hits: SourceHit[] = [];
  for (const text of texts) {
    for (const pattern of SOURCE_PATTERNS) {
      const m = pattern.pattern.exec(text);
      if (m && !hits.some((h) => h.source === pattern.source)) {
        hits.push({ source: pattern.source, matched: m[0], label: pattern.label, text });
      }
    }
  }
  return hits;
}

/** The hits that name a tissue of their own, not a part of another hit. */
function distinctTissues(hits: readonly SourceHit[]): SourceHit[] {
  // Wharton's jelly is part of the umbilical cord: "umbilical cord Wharton's jelly MSCs" is one tissue.
  const namesWharton = hits.some((o) => o.source === 'wharton-jelly');
  // "umbilical cord" inside "umbilical cord blood" is the cord-blood term, not a second tissue.
  const insideLongerMatch = (h: SourceHit) =>
    hits.some(
      (o) =>
        o !== h &&
        o.text === h.text &&
        o.matched.length > h.matched.length &&
        o.matched.toLowerCase().includes(h.matched.toLowerCase()),
    );
  return hits.filter((h) => !(h.source === 'umbilical-cord' && namesWharton) && !insideLongerMatch(h));
}

/**
 * Classifies the MSC source of a trial. Intervention text (name, other names, description) is read first,
 * then the brief title, then the official title; the first field that names a source decides. When one
 * field names two different tissues (e.g. a bone-marrow arm and an adipose arm) the trial is `other` and
 * the rule says which were named. No term anywhere → `not-stated`.
 */
export function classifyMscSource(
  facts: Pick<TrialFacts, 'title' | 'officialTitle' | 'interventions'>,
): MscSourceClassification {
  const fields: [SourceTextField, string[]][] = [
    [
      'intervention',
      facts.interventions.map((i) => [i.name, ...i.otherNames, i.description].filter(Boolean).join(' | ')),
    ],
    ['title', [facts.title]],
    ['official-title', facts.officialTitle ? [facts.officialTitle] : []],
  ];
  for (const [field, texts] of fields) {
    const sources = distinctTissues(sourceHits(texts));
    const first = sources[0];
    if (!first) continue;
    if (sources.length === 1) {
      return {
        source: first.source,
        rule: `${FIELD_LABELS[field]} "${excerpt(first.text)}" names "${first.matched}" (${first.label}) → ${first.source}`,
        matched: first.matched,
        field,
      };
    }
    return {
      source: 'other',
      rule: `${FIELD_LABELS[field]} text names several tissues: ${sources.map((s) => `"${s.matched}" (${s.source})`).join(', ')} → other`,
      matched: sources.map((s) => s.matched).join('; '),
      field,
    };
  }
  return {
    source: 'not-stated',
    rule: 'no MSC tissue named in the intervention, title or official title → not-stated',
    matched: null,
    field: null,
  };
}
