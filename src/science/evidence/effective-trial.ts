/**
 * One trial as evlab shows it, merged from what the curated review table says (Li et al. 2025, Front Cell
 * Dev Biol 13:1626996, Table 5) and what a ClinicalTrials.gov record says, with the classifications and
 * the rule behind each.
 *
 * Merge rules:
 * - Registry facts (titles, status, conditions, phases, first-posted date, locations, results) come from
 *   the CT.gov record when there is one: it is the registry itself and usually newer than the review.
 * - The MSC source is the review's when it states one (a cited reading of the registration); otherwise the
 *   classifier reads the CT.gov intervention and title text (or the review's title).
 * - Neurological / disorder are the review's for curated trials; the term classifier decides otherwise.
 */
import { type Citation, LI_2025_REVIEW } from '../../domain/citation.ts';
import { TABLE_5_SEARCH_DATE } from '../../domain/evidence/index.ts';
import type { EvidenceSource } from '../../domain/evidence-source.ts';
import type { NeurologicalDisorder } from '../../domain/neurological-disorder.ts';
import { classifyMscSource } from './classify-msc-source.ts';
import { classifyNeurological } from './classify-neurological.ts';
import { countriesOf, type TrialFacts, type TrialIntervention } from './trial-facts.ts';

/**
 * Date the review's Table 5 reflects: its ClinicalTrials.gov search (TABLE_5_SEARCH_DATE, Li et al. 2025
 * section 5). Curated statuses are recorded in the status history at this date.
 */
export const CURATED_TRIALS_AS_OF: string = TABLE_5_SEARCH_DATE;

/** What the curated data (src/domain/evidence REGISTERED_TRIALS) says about one trial. */
export interface CuratedTrialFacts {
  nctId: string;
  title: string;
  status: string;
  conditions: string[];
  phases: string[];
  firstPosted: string;
  mscSource: EvidenceSource;
  /** The review's source column verbatim ("Warton Jelly", "Not mentioned"). */
  sourceAsListed: string;
  sourceNote?: string | undefined;
  /** The review's locations column (a country or a city). */
  locations: string[];
  countries: string[];
  hasResults: boolean;
  neurological: boolean;
  disorder: NeurologicalDisorder | null;
  /** Row number in Table 5. */
  order: number;
}

export type TrialOrigin = 'curated' | 'ctgov' | 'both';

export interface EffectiveTrial {
  nctId: string;
  title: string;
  officialTitle: string | null;
  status: string;
  conditions: string[];
  phases: string[];
  firstPosted: string | null;
  mscSource: EvidenceSource;
  mscSourceRule: string;
  neurological: boolean;
  neurologicalRule: string;
  disorder: NeurologicalDisorder | null;
  /** "City, Country" (CT.gov) or the review's location text, unique, in order. */
  locations: string[];
  countries: string[];
  interventions: TrialIntervention[];
  hasResults: boolean;
  origin: TrialOrigin;
  /** The source a person should check first (the review for curated trials, the registry record otherwise). */
  citation: Citation;
  /** Every source the record draws on. */
  citations: Citation[];
  /** Where the shown status was observed (YYYY-MM-DD): CT.gov's last update post, or the review's search date. */
  statusObservedAt: string | null;
}

/** The registry record as a citation (https://clinicaltrials.gov/study/NCT…). */
export function ctgovCitation(
  facts: Pick<TrialFacts, 'nctId' | 'title' | 'lastUpdatePosted' | 'firstPosted'>,
): Citation {
  const year = Number((facts.lastUpdatePosted ?? facts.firstPosted ?? '').slice(0, 4));
  return {
    authors: 'ClinicalTrials.gov',
    year: Number.isInteger(year) && year >= 1900 ? year : 2000,
    title: `${facts.nctId}: ${facts.title}`,
    url: `https://clinicaltrials.gov/study/${facts.nctId}`,
    location: facts.nctId,
  };
}

export const TABLE_5_CITATION: Citation = { ...LI_2025_REVIEW, location: 'Table 5' };

function locationLabels(facts: TrialFacts): string[] {
  const out: string[] = [];
  for (const l of facts.locations) {
    const label = [l.city, l.country].filter((p) => p !== '').join(', ');
    if (label !== '' && !out.includes(label)) out.push(label);
  }
  return out;
}

/** Merges curated and CT.gov facts (at least one must be given) into what evlab stores and shows. */
export function effectiveTrial(input: {
  curated?: CuratedTrialFacts | null;
  ctgov?: TrialFacts | null;
}): EffectiveTrial {
  const curated = input.curated ?? null;
  const ctgov = input.ctgov ?? null;
  if (curated === null && ctgov === null) throw new Error('effectiveTrial needs curated or CT.gov facts');
  const nctId = (ctgov?.nctId ?? curated?.nctId) as string;
  const origin: TrialOrigin = curated && ctgov ? 'both' : curated ? 'curated' : 'ctgov';
  const title = ctgov?.title ?? curated?.title ?? '';
  const conditions = ctgov && ctgov.conditions.length > 0 ? ctgov.conditions : (curated?.conditions ?? []);

  // MSC source
  const classified = classifyMscSource({
    title,
    officialTitle: ctgov?.officialTitle ?? null,
    interventions: ctgov?.interventions ?? [],
  });
  let mscSource: EvidenceSource;
  let mscSourceRule: string;
  if (curated && curated.mscSource !== 'not-stated') {
    mscSource = curated.mscSource;
    const agreement =
      ctgov === null || classified.source === 'not-stated'
        ? ''
        : classified.source === curated.mscSource
          ? '; the registration text agrees'
          : `; the registration text suggests ${classified.source} (${classified.rule})`;
    mscSourceRule = `Li et al. 2025 Table 5 lists "${curated.sourceAsListed}" → ${curated.mscSource}${
      curated.sourceNote ? ` (${curated.sourceNote})` : ''
    }${agreement}`;
  } else {
    mscSource = classified.source;
    mscSourceRule = curated
      ? `Li et al. 2025 Table 5 lists "${curated.sourceAsListed}"; ${classified.rule}`
      : classified.rule;
  }

  // Neurological
  const neuro = classifyNeurological({ conditions, title });
  let neurological: boolean;
  let disorder: NeurologicalDisorder | null;
  let neurologicalRule: string;
  if (curated) {
    neurological = curated.neurological;
    disorder = curated.disorder;
    const agrees = neuro.neurological === curated.neurological && neuro.disorder === curated.disorder;
    neurologicalRule = `Li et al. 2025 (Table 5, section 5): ${
      curated.neurological ? `neurological, ${curated.disorder ?? 'disorder not named'}` : 'not neurological'
    }; ${agrees ? 'term rule agrees: ' : 'term rule differs: '}${neuro.rule}`;
  } else {
    neurological = neuro.neurological;
    disorder = neuro.disorder;
    neurologicalRule = neuro.rule;
  }

  const useCtgovLocations = ctgov !== null && ctgov.locations.length > 0;
  const citations: Citation[] = [
    ...(curated ? [TABLE_5_CITATION] : []),
    ...(ctgov ? [ctgovCitation(ctgov)] : []),
  ];
  return {
    nctId,
    title,
    officialTitle: ctgov?.officialTitle ?? null,
    status: ctgov?.status ?? curated?.status ?? 'UNKNOWN',
    conditions,
    phases: ctgov && ctgov.phases.length > 0 ? ctgov.phases : (curated?.phases ?? ctgov?.phases ?? []),
    firstPosted: ctgov?.firstPosted ?? curated?.firstPosted ?? null,
    mscSource,
    mscSourceRule,
    neurological,
    neurologicalRule,
    disorder,
    locations: useCtgovLocations ? locationLabels(ctgov) : (curated?.locations ?? []),
    countries: useCtgovLocations ? countriesOf(ctgov.locations) : (curated?.countries ?? []),
    interventions: ctgov?.interventions ?? [],
    hasResults: ctgov ? ctgov.hasResults : (curated?.hasResults ?? false),
    origin,
    citation: citations[0] as Citation,
    citations,
    statusObservedAt: ctgov ? ctgov.lastUpdatePosted : CURATED_TRIALS_AS_OF,
  };
}
