/**
 * The curated evidence (src/domain/evidence, from Li et al. 2025, Front Cell Dev Biol 13:1626996) in the
 * shapes the evidence store and search use: Table 5 trials as `CuratedTrialFacts`, section 6 findings
 * with a one-line title and the text full-text search indexes.
 */
import type { Citation } from '../../domain/citation.ts';
import { citationLabel } from '../../domain/citation.ts';
import { NEURO_FINDINGS, type NeuroFinding, REGISTERED_TRIALS } from '../../domain/evidence/index.ts';
import { EVIDENCE_SOURCE_LABELS } from '../../domain/evidence-source.ts';
import { NEUROLOGICAL_DISORDERS } from '../../domain/neurological-disorder.ts';
import type { CuratedTrialFacts } from './effective-trial.ts';

/** Table 5 as curated trial facts, in the review's order. */
export function curatedTrialFacts(): CuratedTrialFacts[] {
  return REGISTERED_TRIALS.map((t) => ({
    nctId: t.nctId,
    title: t.title,
    status: t.status,
    conditions: [...t.conditions],
    phases: [...t.phases],
    firstPosted: t.firstPosted,
    mscSource: t.mscSource,
    sourceAsListed: t.sourceAsListed,
    ...(t.sourceNote !== undefined ? { sourceNote: t.sourceNote } : {}),
    locations: [...t.locations],
    countries: [...t.countries],
    hasResults: t.hasResults,
    neurological: t.neurological,
    disorder: t.disorder,
    order: t.order,
  }));
}

/** The curated section 6 findings, in the review's order. */
export function curatedFindings(): NeuroFinding[] {
  return NEURO_FINDINGS;
}

export function disorderLabel(slug: string | null): string {
  if (slug === null) return '';
  return NEUROLOGICAL_DISORDERS.find((d) => d.slug === slug)?.label ?? slug;
}

/** "Umbilical cord · Alzheimer's disease: Less Aβ accumulation …" */
export function findingTitle(f: NeuroFinding): string {
  return `${EVIDENCE_SOURCE_LABELS[f.mscSource]} · ${disorderLabel(f.disorder)}: ${f.outcome}`;
}

/** A citation on one line: "Li et al. 2025. Title. Journal. doi:10.… (Table 5)". */
export function citationText(c: Citation): string {
  const parts = [citationLabel(c), c.title, c.journal, c.doi ? `doi:${c.doi}` : c.url].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  return `${parts.join('. ')}${c.location ? ` (${c.location})` : ''}`;
}

/** Everything a person may search a finding by: outcome, mechanism, model, molecules, route, reference. */
export function findingSearchBody(f: NeuroFinding): string {
  return [
    f.mechanism,
    f.model.species,
    f.model.description,
    f.route,
    f.routeNote,
    f.dose,
    f.evType,
    f.molecules.join(' '),
    f.note,
    disorderLabel(f.disorder),
    EVIDENCE_SOURCE_LABELS[f.mscSource],
    citationText(f.reference),
  ]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join(' · ');
}
