/** Label caveat flags of a biodistribution analysis, with their citations and evidence from the data. */
import { citationLabel } from '../../../../src/domain/citation.ts';
import type { CaveatFlag } from '../../../../src/science/pk/biodistribution/label-caveats.ts';

export function BiodistCaveats({ flags }: { flags: CaveatFlag[] }) {
  const sorted = [...flags].sort((a, b) => Number(b.level === 'warning') - Number(a.level === 'warning'));
  return (
    <ul className="pk-caveats" aria-label="Label caveats">
      {sorted.map((f) => (
        <li key={f.code} className={`pk-caveat ${f.level}`} data-code={f.code}>
          <div>
            <span className="pk-caveat-title">{f.title}</span>{' '}
            <span className="muted small">
              ({f.level === 'warning' ? 'seen in these data' : 'caveat of the label'})
            </span>
          </div>
          <div>{f.message}</div>
          {f.evidence ? <div className="pk-caveat-evidence">{f.evidence}</div> : null}
          {f.citations.length > 0 ? (
            <div className="pk-cite">
              {f.citations.map((c) => (
                <span key={`${c.authors}${c.year}`}>
                  {c.doi ? (
                    <a href={`https://doi.org/${c.doi}`} target="_blank" rel="noreferrer">
                      {citationLabel(c)}
                    </a>
                  ) : (
                    citationLabel(c)
                  )}
                  {c.journal ? `, ${c.journal}` : ''}
                  {'; '}
                </span>
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
