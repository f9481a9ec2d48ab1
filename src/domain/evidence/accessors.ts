import type { AdministrationRoute } from '../administration-route.ts';
import type { LabelModality } from '../ev-label.ts';
import type { EvidenceSource } from '../evidence-source.ts';
import type { IsolationMethod } from '../isolation-protocol.ts';
import type { Tissue } from '../msc-source.ts';
import type { NeurologicalDisorder } from '../neurological-disorder.ts';
import { ADMINISTRATION_ROUTE_PROFILES } from './administration-route-profiles.ts';
import type {
  AdministrationRouteProfile,
  ConflictingMarker,
  CuratedTrial,
  IsolationTechniqueSummary,
  LabelModalityProfile,
  MscSourceProfile,
  NeuroFinding,
} from './evidence-schemas.ts';
import { ISOLATION_TECHNIQUE_SUMMARIES } from './isolation-technique-summaries.ts';
import { LABEL_MODALITY_PROFILES } from './label-modality-profiles.ts';
import { MSC_SOURCE_PROFILES } from './msc-source-profiles.ts';
import { NEURO_FINDINGS } from './neuro-findings.ts';
import { REGISTERED_TRIALS } from './registered-trials.ts';

/**
 * The Table 6 profile that covers an evidence source. Wharton's jelly shares the umbilical-cord row
 * ("Umbilical Cord/ Wharton's jelly"); 'other' and 'not-stated' have no profile.
 */
export function sourceProfileFor(source: EvidenceSource): MscSourceProfile | undefined {
  return MSC_SOURCE_PROFILES.find((p) => p.slug === source || p.tissues.includes(source as Tissue));
}

/** The profile for a batch's MSC tissue (src/domain/msc-source.ts). */
export function sourceProfileForTissue(tissue: Tissue): MscSourceProfile | undefined {
  return MSC_SOURCE_PROFILES.find((p) => p.tissues.includes(tissue));
}

/** Evidence sources a tissue counts as: wharton-jelly findings also apply to umbilical cord and back. */
export function evidenceSourcesForTissue(tissue: Tissue): EvidenceSource[] {
  const profile = sourceProfileForTissue(tissue);
  if (!profile) return [tissue];
  const out = new Set<EvidenceSource>([profile.slug, ...profile.tissues]);
  return [...out];
}

export function routeProfile(route: AdministrationRoute): AdministrationRouteProfile | undefined {
  return ADMINISTRATION_ROUTE_PROFILES.find((r) => r.slug === route);
}

export function labelModalityProfile(modality: LabelModality): LabelModalityProfile | undefined {
  return LABEL_MODALITY_PROFILES.find((l) => l.slug === modality);
}

export function isolationTechniqueSummary(method: IsolationMethod): IsolationTechniqueSummary | undefined {
  return ISOLATION_TECHNIQUE_SUMMARIES.find((s) => s.method === method);
}

export function findingsFor(filter: {
  sources?: readonly EvidenceSource[];
  disorder?: NeurologicalDisorder;
  route?: AdministrationRoute;
}): NeuroFinding[] {
  return NEURO_FINDINGS.filter(
    (f) =>
      (filter.sources === undefined || filter.sources.includes(f.mscSource)) &&
      (filter.disorder === undefined || f.disorder === filter.disorder) &&
      (filter.route === undefined || f.route === filter.route),
  );
}

export function curatedTrial(nctId: string): CuratedTrial | undefined {
  const id = nctId.trim().toUpperCase();
  return REGISTERED_TRIALS.find((t) => t.nctId === id);
}

/**
 * Markers listed both positive and negative for one source, computed from the lists themselves — the
 * check behind `conflictingMarkers` ('same-marker' entries). Case-insensitive.
 */
export function markersListedBothWays(
  profile: Pick<MscSourceProfile, 'positiveMarkers' | 'negativeMarkers'>,
): string[] {
  const negative = new Set(profile.negativeMarkers.map((m) => m.toLowerCase()));
  return profile.positiveMarkers.filter((m) => negative.has(m.toLowerCase()));
}

/** Marker conflict flag for one marker of a profile, if any. */
export function markerConflict(profile: MscSourceProfile, marker: string): ConflictingMarker | undefined {
  const m = marker.toLowerCase();
  return profile.conflictingMarkers.find((c) => c.marker.toLowerCase() === m);
}
