/** A select over one of the domain's fixed vocabularies (tissues, culture formats, methods…), typed to it. */
import { VocabularyOptions } from './select-options.tsx';

export function VocabularySelect<T extends string>({
  values,
  labels,
  value,
  onChange,
  name,
}: {
  values: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
  /** The accessible name (aria-label), for selects whose visible label does not name them uniquely. */
  name?: string;
}) {
  return (
    <select aria-label={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
      <VocabularyOptions values={values} labels={labels} />
    </select>
  );
}
