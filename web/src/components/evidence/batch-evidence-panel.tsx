/**
 * Evidence for one batch: for its MSC source tissue and intended indication, the review's findings, the
 * registered trials, the administration routes used, and the identity markers expected for that tissue
 * (Li et al. 2025, Table 6; markers listed both ways are flagged). Empty state when no source is recorded.
 */
import './evidence.css';
import { LI_2025_REVIEW } from '../../../../src/domain/citation.ts';
import { sourceProfileFor } from '../../../../src/domain/evidence/index.ts';
import { type BatchEvidence, evidenceApi, type MatchedBy } from '../../api/evidence-client.ts';
import { useApi } from '../../api/use-api.ts';
import { Link } from '../../router.tsx';
import { ApiView, Empty } from '../states.tsx';
import { CitationList } from './citation-list.tsx';
import { disorderName, phasesLabel, routeName, sourceName, statusName } from './evidence-labels.ts';
import { FindingList } from './finding-list.tsx';
import { MarkerList } from './marker-list.tsx';

function matchRank(m: MatchedBy | undefined): number {
  return m ? m.length : 0;
}

function MatchTag({ matchedBy }: { matchedBy: MatchedBy | undefined }) {
  if (!matchedBy || matchedBy.length === 0) return null;
  const both = matchedBy.length === 2;
  return (
    <span className={both ? 'ev-tag warn' : 'ev-tag'} title="What this item shares with the batch">
      {both ? 'source + indication' : matchedBy[0] === 'source' ? 'same source' : 'same indication'}
    </span>
  );
}

function indicationLabel(indication: string | null): string | null {
  if (!indication) return null;
  const label = disorderName(indication);
  return label === indication ? indication : label;
}

function PanelBody({ ev }: { ev: BatchEvidence }) {
  if (ev.source === null) {
    return (
      <Empty title="No MSC source recorded">
        Choose the batch's MSC source in the metadata above to see the findings, trials, routes and identity
        markers the evidence base holds for that tissue.
      </Empty>
    );
  }
  const profile = sourceProfileFor(ev.source);
  const indication = indicationLabel(ev.disorder ?? ev.indication);
  return (
    <div className="stack">
      <p className="muted">
        MSC source <strong>{sourceName(ev.source)}</strong>
        {indication ? (
          <>
            {' '}
            · intended indication <strong>{indication}</strong>
          </>
        ) : (
          ' · no intended indication recorded (showing all disorders)'
        )}
        {' · '}
        <Link to={`/evidence?source=${encodeURIComponent(ev.source)}`}>open in Evidence</Link>
      </p>

      <section aria-label="Expected identity markers">
        <h3>Expected identity markers</h3>
        {profile && profile.coverage === 'trials-only' ? (
          <p className="muted small">
            The review gives no surface markers for {profile.name.toLowerCase()} (not profiled in Table 6).
          </p>
        ) : null}
        <MarkerList
          positive={ev.markers.positive}
          negative={ev.markers.negative}
          conflicting={ev.markers.conflicting}
        />
        <CitationList
          citations={
            ev.markers.citations && ev.markers.citations.length > 0
              ? ev.markers.citations
              : (profile?.citations ?? [{ ...LI_2025_REVIEW, location: 'Table 6' }])
          }
        />
      </section>

      <section aria-label="Related findings">
        <h3>
          Findings <span className="muted small">({ev.findings.length})</span>
        </h3>
        {ev.findings.length === 0 ? (
          <p className="muted">
            The review reports no finding for this source{indication ? ' and indication' : ''}.
          </p>
        ) : (
          <FindingList
            findings={[...ev.findings].sort((a, b) => matchRank(b.matchedBy) - matchRank(a.matchedBy))}
            label="Related findings"
            badge={(f) => <MatchTag matchedBy={(f as { matchedBy?: MatchedBy }).matchedBy} />}
          />
        )}
      </section>

      <section aria-label="Related trials">
        <h3>
          Registered trials <span className="muted small">({ev.trials.length})</span>
        </h3>
        {ev.trials.length === 0 ? (
          <p className="muted">
            No registered trial uses this source{indication ? ' for this indication' : ''}.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Related trials">
              <thead>
                <tr>
                  <th>NCT id</th>
                  <th>Title</th>
                  <th>Status</th>
                  <th>Phase</th>
                  <th>First posted</th>
                </tr>
              </thead>
              <tbody>
                {[...ev.trials]
                  .sort((a, b) => matchRank(b.matchedBy) - matchRank(a.matchedBy))
                  .map((t) => (
                    <tr key={t.nctId}>
                      <td className="mono nowrap">
                        <Link to={`/evidence?detail=trial:${encodeURIComponent(t.nctId)}`}>{t.nctId}</Link>
                      </td>
                      <td>
                        <MatchTag matchedBy={t.matchedBy} /> {t.title}
                        {t.neurological ? (
                          <span className="ev-tag neuro" title={t.neurologicalRule}>
                            {' '}
                            {disorderName(t.disorder)}
                          </span>
                        ) : null}
                      </td>
                      <td className="nowrap">{statusName(t.status)}</td>
                      <td className="nowrap">{phasesLabel(t.phases)}</td>
                      <td className="nowrap">{t.firstPosted ?? '—'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <CitationList citations={[{ ...LI_2025_REVIEW, location: 'Table 5' }]} />
          </div>
        )}
      </section>

      <section aria-label="Administration routes">
        <h3>Administration routes</h3>
        {ev.routes.length === 0 ? (
          <p className="muted">The related findings state no administration route.</p>
        ) : (
          <ul>
            {ev.routes.map((r) => (
              <li key={r.slug}>
                <Link to={`/evidence?detail=route:${r.slug}`}>{r.name || routeName(r.slug)}</Link>
                {r.findings !== undefined ? (
                  <span className="muted">
                    {' '}
                    ({r.findings} finding{r.findings === 1 ? '' : 's'})
                  </span>
                ) : null}
                <span className="muted"> — {r.characteristics}</span> <CitationList citations={r.citations} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function BatchEvidencePanel({ batchId }: { batchId: string }) {
  const state = useApi((signal) => evidenceApi.batchEvidence(batchId, signal), [batchId]);
  return (
    <section className="panel" aria-label="Batch evidence">
      <div className="panel-head">
        <h2>Evidence</h2>
        <span className="muted small">Li et al. 2025 review and registered trials</span>
      </div>
      <ApiView state={state} what="evidence">
        {(ev) => <PanelBody ev={ev} />}
      </ApiView>
    </section>
  );
}
