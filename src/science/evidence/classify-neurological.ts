/**
 * Whether a trial's condition is neurological, and which of evlab's neurological disorders it is, from
 * the condition texts of a registration (then its title), with the term that matched so it can be shown.
 *
 * Disorder terms come from NEUROLOGICAL_DISORDERS (src/domain/neurological-disorder.ts: the disorders
 * Li et al. 2025, Front Cell Dev Biol 13:1626996, section 6 and Table 5, cover). A few general words of
 * neurology below mark a condition as neurological without naming one of those disorders
 * (`other-neurological`).
 */
import { NEUROLOGICAL_DISORDERS, type NeurologicalDisorder } from '../../domain/neurological-disorder.ts';

export interface NeurologicalClassification {
  neurological: boolean;
  /** The disorder slug, `other-neurological` for a general term, null when not neurological. */
  disorder: NeurologicalDisorder | null;
  /** One line a person can check: where, which term, which disorder (or why none). */
  rule: string;
  /** The term that matched (lower case, as listed), or null. */
  term: string | null;
}

/**
 * General neurological words (disease-category names in MeSH tree C10 "Nervous System Diseases" and
 * common condition names) that mark a condition neurological when no specific disorder term matched.
 */
export const GENERAL_NEUROLOGICAL_TERMS: readonly string[] = [
  'nervous system',
  'neurological',
  'neurodegenerat',
  'neuropathy',
  'neuromyelitis',
  'neuralgia',
  'encephalopathy',
  'encephalitis',
  'myelopathy',
  'cerebral palsy',
  'huntington',
  'dystonia',
  'ataxia',
  'migraine',
  'brain',
  'cerebral',
];

/**
 * A term matches at the start of a word. Terms of five letters or more also match longer words
 * ("alzheimer" in "Alzheimer's", "seizure" in "seizures"); shorter ones ("tbi") only as whole words.
 */
function termPattern(term: string): RegExp {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
  return new RegExp(term.length >= 5 ? `\\b${escaped}` : `\\b${escaped}\\b`, 'i');
}

interface TermEntry {
  disorder: NeurologicalDisorder;
  term: string;
  pattern: RegExp;
}

const DISORDER_TERMS: readonly TermEntry[] = NEUROLOGICAL_DISORDERS.flatMap((d) =>
  d.terms.map((term) => ({ disorder: d.slug as NeurologicalDisorder, term, pattern: termPattern(term) })),
);
const GENERAL_TERMS: readonly TermEntry[] = GENERAL_NEUROLOGICAL_TERMS.map((term) => ({
  disorder: 'other-neurological',
  term,
  pattern: termPattern(term),
}));

/**
 * The most specific term that matches `text`: the longest disorder term (so "hypoxic-ischemic brain
 * injury" is neonatal brain injury, not traumatic brain injury; ties keep the list order), else the
 * longest general term.
 */
export function matchNeurologicalTerm(text: string, options: { general?: boolean } = {}): TermEntry | null {
  for (const entries of options.general === false ? [DISORDER_TERMS] : [DISORDER_TERMS, GENERAL_TERMS]) {
    let best: TermEntry | null = null;
    for (const e of entries) {
      if (e.pattern.test(text) && (best === null || e.term.length > best.term.length)) best = e;
    }
    if (best) return best;
  }
  return null;
}

/**
 * Classifies a trial's conditions. Each condition is read in the order registered; the first that matches
 * decides. When no condition matches, the brief title is read for a specific disorder term only (a title's
 * "brain" or "cerebral" is too often about the target organ). Nothing matches → not neurological.
 */
export function classifyNeurological(input: {
  conditions: readonly string[];
  title?: string | null;
}): NeurologicalClassification {
  for (const condition of input.conditions) {
    const hit = matchNeurologicalTerm(condition);
    if (hit) {
      return {
        neurological: true,
        disorder: hit.disorder,
        rule: `condition "${condition}" contains "${hit.term}" → ${hit.disorder}`,
        term: hit.term,
      };
    }
  }
  if (input.title) {
    const hit = matchNeurologicalTerm(input.title, { general: false });
    if (hit) {
      return {
        neurological: true,
        disorder: hit.disorder,
        rule: `no condition matched; title contains "${hit.term}" → ${hit.disorder}`,
        term: hit.term,
      };
    }
  }
  return {
    neurological: false,
    disorder: null,
    rule:
      input.conditions.length === 0
        ? 'no conditions registered and no neurological term in the title → not neurological'
        : 'no neurological term in the conditions or title → not neurological',
    term: null,
  };
}
