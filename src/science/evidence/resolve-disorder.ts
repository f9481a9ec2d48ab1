/**
 * Reads what a person typed for a disorder ("stroke", "Alzheimer's disease", "als", "ischemic-stroke")
 * as one of evlab's NeurologicalDisorder slugs: an exact slug, a label, else the disorder whose term
 * the text contains (classify-neurological.ts). Null when nothing matches.
 */
import { NEUROLOGICAL_DISORDERS, type NeurologicalDisorder } from '../../domain/neurological-disorder.ts';
import { matchNeurologicalTerm } from './classify-neurological.ts';

export function resolveDisorder(text: string | null | undefined): NeurologicalDisorder | null {
  const t = text?.trim().toLowerCase() ?? '';
  if (t === '') return null;
  const bySlug = NEUROLOGICAL_DISORDERS.find((d) => d.slug === t);
  if (bySlug) return bySlug.slug;
  const byLabel = NEUROLOGICAL_DISORDERS.find((d) => d.label.toLowerCase() === t);
  if (byLabel) return byLabel.slug;
  return matchNeurologicalTerm(t, { general: false })?.disorder ?? null;
}
