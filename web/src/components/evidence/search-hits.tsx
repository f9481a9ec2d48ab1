/** Full-text hits over trials, findings, sources, routes and labels; a hit opens its detail pane. */
import type { ReactNode } from 'react';
import type { SearchHit } from '../../api/evidence-client.ts';

/** The server marks matching words with **…**; show them highlighted. */
export function Snippet({ text }: { text: string }): ReactNode {
  const parts = text.split('**');
  return (
    <span className="ev-snippet">
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts are positional.
        i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>,
      )}
    </span>
  );
}

export function SearchHits({ hits, onOpen }: { hits: SearchHit[]; onOpen: (hit: SearchHit) => void }) {
  return (
    <ul className="ev-hits" aria-label="Search results">
      {hits.map((h) => (
        <li key={`${h.kind}:${h.id}`}>
          <button type="button" onClick={() => onOpen(h)}>
            <span className="ev-kind">{h.kind}</span> <strong>{h.title}</strong>
            {h.snippet ? <Snippet text={h.snippet} /> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
