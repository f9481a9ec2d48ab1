/** Table 6 of Li et al. 2025 as cards: advantages, mechanisms, identity markers (conflicts flagged). */
import { MSC_SOURCE_PROFILES, type MscSourceProfile } from '../../../../src/domain/evidence/index.ts';
import { CitationList } from './citation-list.tsx';
import { MarkerList } from './marker-list.tsx';

export function SourceProfileCard({ profile: p }: { profile: MscSourceProfile }) {
  return (
    <article className="ev-card" aria-label={`Source ${p.name}`}>
      <h3>{p.name}</h3>
      {p.coverage === 'trials-only' ? (
        <p className="muted small">
          Not profiled in Table 6: the review mentions this source only as the MSC origin of a registered
          trial (NCT05738629). Advantages, mechanisms and markers are not given.
        </p>
      ) : (
        <>
          <div>
            <div className="muted small">Advantages</div>
            <ul>
              {p.advantages.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </div>
          <div>
            <div className="muted small">Mechanisms</div>
            <div>{p.mechanisms.summary}</div>
            <div className="small mono">{p.mechanisms.asListed}</div>
          </div>
        </>
      )}
      <MarkerList
        positive={p.positiveMarkers}
        negative={p.negativeMarkers}
        conflicting={p.conflictingMarkers}
      />
      <CitationList citations={p.citations} />
    </article>
  );
}

export function SourceProfiles() {
  return (
    <div className="ev-cards">
      {MSC_SOURCE_PROFILES.map((p) => (
        <SourceProfileCard key={p.slug} profile={p} />
      ))}
    </div>
  );
}
