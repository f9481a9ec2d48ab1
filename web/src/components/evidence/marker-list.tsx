/** Identity markers expected for an MSC source (Table 6), with markers listed both ways flagged. */
import type { ConflictingMarker } from '../../../../src/domain/evidence/index.ts';

function MarkerChips({
  markers,
  kind,
  conflicts,
}: {
  markers: string[];
  kind: 'pos' | 'neg';
  conflicts: Map<string, ConflictingMarker | { marker: string; note: string }>;
}) {
  return (
    <span className="ev-markers">
      {markers.map((m) => {
        const conflict = conflicts.get(m.toLowerCase());
        return (
          <span
            key={`${kind}-${m}`}
            className={`ev-marker ${kind}${conflict ? ' conflict' : ''}`}
            title={conflict?.note}
          >
            {conflict ? '⚠ ' : ''}
            {m}
            {conflict ? <span className="ev-sr"> (conflicting listing)</span> : null}
          </span>
        );
      })}
    </span>
  );
}

export function MarkerList({
  positive,
  negative,
  conflicting,
}: {
  positive: string[];
  negative: string[];
  conflicting: (ConflictingMarker | { marker: string; note: string })[];
}) {
  const conflicts = new Map(conflicting.map((c) => [c.marker.toLowerCase(), c]));
  if (positive.length === 0 && negative.length === 0)
    return <span className="muted">The review lists no surface markers for this source.</span>;
  return (
    <div className="stack" style={{ gap: '0.4rem' }}>
      <div>
        <div className="muted small">Positive</div>
        <MarkerChips markers={positive} kind="pos" conflicts={conflicts} />
      </div>
      <div>
        <div className="muted small">Negative</div>
        <MarkerChips markers={negative} kind="neg" conflicts={conflicts} />
      </div>
      {conflicting.length > 0 ? (
        <ul className="small" aria-label="Marker conflicts">
          {conflicting.map((c) => (
            <li key={c.marker}>
              <span className="ev-tag warn">conflict</span> <strong>{c.marker}</strong>: {c.note}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
