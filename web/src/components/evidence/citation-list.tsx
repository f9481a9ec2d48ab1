/** Citations shown next to a fact: "Li et al. 2025 · Table 5", with a DOI or URL link when there is one. */
import { type Citation, citationLabel } from '../../../../src/domain/citation.ts';

function href(c: Citation): string | null {
  if (c.doi) return `https://doi.org/${c.doi}`;
  if (c.url) return c.url;
  return null;
}

export function CitationRef({ citation }: { citation: Citation }) {
  const link = href(citation);
  const label = citationLabel(citation);
  const where = citation.location ? ` · ${citation.location}` : '';
  return (
    <cite className="ev-cite" title={citation.title ?? undefined}>
      {link ? (
        <a href={link} target="_blank" rel="noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
      {where}
    </cite>
  );
}

/** A compact, de-duplicated list of citations. */
export function CitationList({ citations, label = 'Sources' }: { citations: Citation[]; label?: string }) {
  const seen = new Set<string>();
  const unique = citations.filter((c) => {
    const key = `${c.authors}|${c.year}|${c.location ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return null;
  return (
    <span className="ev-cites" title={label}>
      {unique.map((c, i) => (
        <span key={`${c.authors}|${c.year}|${c.location ?? ''}`}>
          {i > 0 ? '; ' : ''}
          <CitationRef citation={c} />
        </span>
      ))}
    </span>
  );
}

/** A bullet list of statements, each followed by its citation. */
export function CitedStatements({
  items,
  className,
}: {
  items: readonly { text: string; citation: Citation }[];
  className?: string;
}) {
  return (
    <ul className={className}>
      {items.map((s) => (
        <li key={s.text}>
          {s.text} <CitationRef citation={s.citation} />
        </li>
      ))}
    </ul>
  );
}
