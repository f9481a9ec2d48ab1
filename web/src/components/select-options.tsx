/** The <option> lists that form selects and list filters share: a labelled vocabulary, projects, MSC sources. */
import type { MscSource } from '../../../src/domain/msc-source.ts';
import type { Project } from '../../../src/domain/project.ts';
import { sourceLabel } from '../lib/labels.ts';

/** One option per value of a domain vocabulary (statuses, tissues, methods…), shown by its label. */
export function VocabularyOptions<T extends string>({
  values,
  labels,
}: {
  values: readonly T[];
  labels: Record<T, string>;
}) {
  return values.map((v) => (
    <option key={v} value={v}>
      {labels[v]}
    </option>
  ));
}

export function ProjectOptions({ projects }: { projects: readonly Project[] }) {
  return projects.map((p) => (
    <option key={p.id} value={p.id}>
      {p.name}
    </option>
  ));
}

export function SourceOptions({ sources }: { sources: readonly MscSource[] }) {
  return sources.map((s) => (
    <option key={s.id} value={s.id}>
      {sourceLabel(s)}
    </option>
  ));
}
