/** Citation lists for isolation-method values: a compact "n sources" toggle that expands to the references. */
import type { Citation } from '../../../../src/domain/citation.ts';

export function citationText(c: Citation): string {
  return [
    `${c.authors} ${c.year}`,
    c.journal ?? null,
    c.location ? `(${c.location})` : null,
    c.doi ? `doi:${c.doi}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One reference with a DOI link. */
export function CitationItem({ citation }: { citation: Citation }) {
  return (
    <li>
      <span className="strong">
        {citation.authors} {citation.year}
      </span>
      {citation.title ? <span> — {citation.title}</span> : null}
      {citation.journal ? <span className="muted">. {citation.journal}</span> : null}
      {citation.location ? <span className="muted"> ({citation.location})</span> : null}
      {citation.doi ? (
        <>
          {' '}
          <a href={`https://doi.org/${citation.doi}`} target="_blank" rel="noreferrer">
            doi:{citation.doi}
          </a>
        </>
      ) : null}
    </li>
  );
}

/** "Böing et al. 2014 +1" that expands to the full list; the hover title lists them all. */
export function CitationToggle({ citations, label }: { citations: readonly Citation[]; label?: string }) {
  if (citations.length === 0) return null;
  const first = citations[0] as Citation;
  const summary =
    label ?? `${first.authors} ${first.year}${citations.length > 1 ? ` +${citations.length - 1}` : ''}`;
  return (
    <details className="method-cite">
      <summary title={citations.map(citationText).join('\n')}>{summary}</summary>
      <ul className="method-cite-list">
        {citations.map((c) => (
          <CitationItem key={`${c.doi ?? c.authors}-${c.location ?? ''}`} citation={c} />
        ))}
      </ul>
    </details>
  );
}
