/** Display labels for the evidence vocabularies (sources, disorders, routes, CT.gov statuses and phases). */
import {
  ADMINISTRATION_ROUTE_LABELS,
  type AdministrationRoute,
} from '../../../../src/domain/administration-route.ts';
import { CTGOV_PHASE_LABELS, CTGOV_STATUS_LABELS } from '../../../../src/domain/evidence/index.ts';
import { EVIDENCE_SOURCE_LABELS, type EvidenceSource } from '../../../../src/domain/evidence-source.ts';
import { NEUROLOGICAL_DISORDERS } from '../../../../src/domain/neurological-disorder.ts';

const DISORDER_LABELS = new Map<string, string>(NEUROLOGICAL_DISORDERS.map((d) => [d.slug, d.label]));

export function sourceName(slug: string | null | undefined): string {
  if (!slug) return 'Not stated';
  return EVIDENCE_SOURCE_LABELS[slug as EvidenceSource] ?? slug;
}

export function disorderName(slug: string | null | undefined): string {
  if (!slug) return '—';
  return DISORDER_LABELS.get(slug) ?? slug;
}

export function routeName(slug: string | null | undefined): string {
  if (!slug) return 'Not stated';
  return ADMINISTRATION_ROUTE_LABELS[slug as AdministrationRoute] ?? slug;
}

export function statusName(status: string): string {
  return (CTGOV_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function phaseName(phase: string): string {
  return (CTGOV_PHASE_LABELS as Record<string, string>)[phase] ?? phase;
}

export function phasesLabel(phases: string[]): string {
  if (phases.length === 0) return '—';
  return phases.map(phaseName).join(' / ');
}

/** Labels for the values of one facet. */
export function facetValueLabel(facet: string, value: string): string {
  switch (facet) {
    case 'source':
      return sourceName(value);
    case 'disorder':
      return disorderName(value);
    case 'route':
      return routeName(value);
    case 'status':
      return statusName(value);
    case 'phase':
      return phaseName(value);
    case 'neurological':
      return value === 'true' ? 'Neurological' : value === 'false' ? 'Other' : value;
    default:
      return value;
  }
}
