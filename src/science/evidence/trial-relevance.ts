/**
 * Whether a ClinicalTrials.gov registration is about MSC-derived extracellular vesicles, with the rule a
 * person can check. A study joins "registered MSC-EV trials" only when its title, official title,
 * conditions or interventions name both
 *   1. mesenchymal stem/stromal cells (MSC, "mesenchymal", "stromal cell", "stem cell"), and
 *   2. extracellular vesicles or a vesicle fraction (extracellular vesicle, EV, exosome, secretome,
 *      conditioned medium, microvesicle, small EV/sEV),
 * the two concepts every trial of Li et al. 2025 (Front Cell Dev Biol 13:1626996, Table 5) names. Anything
 * else (e.g. an oncology drug study imported by a broad search) is kept aside as `pending` until a user
 * confirms it or sets it aside; nothing is added to the MSC-EV trials silently.
 */
import type { TrialFacts } from './trial-facts.ts';

export const TRIAL_RELEVANCE = ['relevant', 'pending', 'set-aside'] as const;
export type TrialRelevance = (typeof TRIAL_RELEVANCE)[number];

/** The rule as shown to users (UI, CLI, API docs). */
export const TRIAL_RELEVANCE_RULE =
  'A study counts as an MSC-EV trial when its title, conditions or interventions name both mesenchymal stem/stromal cells (MSC, "stem cell", "stromal cell") and extracellular vesicles (EV, exosome, secretome, supernatant, conditioned medium, microvesicle). Other studies are kept aside until you confirm them.';

const MSC = /\b(?:mesenchymal|msc|mscs|[a-z]{0,4}-?mscs?|stromal cells?|stem cells?|adscs?|dpscs?|shed)\b/i;
const EV =
  /\b(?:extracellular vesicles?|evs?|s?evs?|exosomes?|exosomal|exos?|secretome|conditioned media|conditioned medium|supernatants?|microvesicles?|nanovesicles?|vesicles?)\b/i;

export interface TrialRelevanceCheck {
  relevance: Extract<TrialRelevance, 'relevant' | 'pending'>;
  /** One line: which terms matched, or which concept is missing. */
  reason: string;
}

/** Text of the fields the rule reads, each at most 10,000 characters (linear-time regex on bounded text). */
function fieldsOf(t: TrialFacts): string[] {
  return [
    t.title,
    t.officialTitle ?? '',
    ...t.conditions,
    ...t.interventions.flatMap((i) => [i.name, i.description, ...i.otherNames]),
  ].map((s) => s.slice(0, 10_000));
}

export function checkTrialRelevance(t: TrialFacts): TrialRelevanceCheck {
  const fields = fieldsOf(t);
  let msc: string | null = null;
  let ev: string | null = null;
  for (const f of fields) {
    msc ??= MSC.exec(f)?.[0] ?? null;
    ev ??= EV.exec(f)?.[0] ?? null;
  }
  if (msc && ev) return { relevance: 'relevant', reason: `names "${msc}" and "${ev}"` };
  const missing = [
    msc ? null : 'mesenchymal stem/stromal cells',
    ev ? null : 'extracellular vesicles',
  ].filter(Boolean);
  return { relevance: 'pending', reason: `does not name ${missing.join(' or ')}` };
}
