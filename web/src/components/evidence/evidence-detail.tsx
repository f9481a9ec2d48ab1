/**
 * The detail pane of the evidence page: one trial (from the API: merged curated + CT.gov, status history,
 * classification rules), one finding, one MSC source (markers with conflicts), route or label modality.
 * Selected through ?detail=kind:id so a detail is bookmarkable.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { LI_2025_REVIEW } from '../../../../src/domain/citation.ts';
import {
  ADMINISTRATION_ROUTE_PROFILES,
  curatedTrial,
  LABEL_MODALITY_PROFILES,
  NEURO_FINDINGS,
  sourceProfileFor,
} from '../../../../src/domain/evidence/index.ts';
import type { EvidenceSource } from '../../../../src/domain/evidence-source.ts';
import { evidenceApi } from '../../api/evidence-client.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiView, Empty } from '../states.tsx';
import { CitationList, CitationRef, CitedStatements } from './citation-list.tsx';
import { disorderName, phasesLabel, sourceName, statusName } from './evidence-labels.ts';
import { FindingList } from './finding-list.tsx';
import { SourceProfileCard } from './source-profiles.tsx';

export type DetailKind = 'trial' | 'finding' | 'source' | 'route' | 'label';

export function parseDetail(value: string | null): { kind: DetailKind; id: string } | null {
  if (!value) return null;
  const i = value.indexOf(':');
  if (i < 0) return null;
  const kind = value.slice(0, i) as DetailKind;
  if (!['trial', 'finding', 'source', 'route', 'label'].includes(kind)) return null;
  return { kind, id: value.slice(i + 1) };
}

function TrialDetail({ nctId }: { nctId: string }) {
  const state = useApi((signal) => evidenceApi.getTrial(nctId, signal), [nctId]);
  const curated = curatedTrial(nctId);
  return (
    <ApiView state={state} what={`trial ${nctId}`}>
      {(t) => (
        <div className="stack">
          <h3 style={{ margin: 0 }}>
            <a
              href={`https://clinicaltrials.gov/study/${t.nctId}`}
              target="_blank"
              rel="noreferrer"
              className="mono"
            >
              {t.nctId}
            </a>{' '}
            {t.title}
          </h3>
          {t.officialTitle && t.officialTitle !== t.title ? (
            <div className="muted">{t.officialTitle}</div>
          ) : null}
          <dl>
            <dt>Status</dt>
            <dd>
              {statusName(t.status)}
              {t.statusObservedAt ? <span className="muted"> (as of {t.statusObservedAt})</span> : null}
            </dd>
            <dt>Phase</dt>
            <dd>{phasesLabel(t.phases)}</dd>
            <dt>First posted</dt>
            <dd>{t.firstPosted ?? '—'}</dd>
            <dt>Conditions</dt>
            <dd>{t.conditions.join('; ')}</dd>
            <dt>Neurological</dt>
            <dd>
              {t.neurological ? `Yes — ${disorderName(t.disorder)}` : 'No'}
              <div className="muted small">{t.neurologicalRule}</div>
            </dd>
            <dt>MSC source</dt>
            <dd>
              {sourceName(t.mscSource)}
              <div className="muted small">{t.mscSourceRule}</div>
            </dd>
            <dt>Locations</dt>
            <dd>{t.locations.join('; ') || '—'}</dd>
            <dt>Results</dt>
            <dd>
              {t.hasResults ? 'Results or a results summary reported' : 'No results posted'}
              {curated?.hasResults ? <div className="muted small">{curated.resultsAsListed}</div> : null}
            </dd>
            <dt>Origin</dt>
            <dd>
              {t.origin === 'both'
                ? 'Review Table 5 and ClinicalTrials.gov import'
                : t.origin === 'curated'
                  ? 'Review Table 5'
                  : 'ClinicalTrials.gov import'}
            </dd>
          </dl>
          {t.statusHistory.length > 0 ? (
            <div>
              <div className="muted small">Status history</div>
              <table className="table" aria-label="Status history">
                <tbody>
                  {t.statusHistory.map((h) => (
                    <tr key={`${h.status}-${h.at}-${h.recordedAt ?? ''}`}>
                      <td className="nowrap">{h.at ?? '—'}</td>
                      <td>{statusName(h.status)}</td>
                      <td className="muted">
                        {h.origin === 'ctgov' ? 'ClinicalTrials.gov' : h.origin === 'curated' ? 'Review' : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <CitationList
            citations={
              t.citations && t.citations.length > 0
                ? t.citations
                : [{ ...LI_2025_REVIEW, location: 'Table 5' }]
            }
          />
        </div>
      )}
    </ApiView>
  );
}

function RouteDetail({ slug }: { slug: string }) {
  const r = ADMINISTRATION_ROUTE_PROFILES.find((p) => p.slug === slug);
  if (!r) return <Empty title="The review does not discuss this route" />;
  const findings = NEURO_FINDINGS.filter((f) => f.route === r.slug);
  return (
    <div className="stack">
      <h3 style={{ margin: 0 }}>
        {r.name} {r.abbreviation ? `(${r.abbreviation})` : ''}
      </h3>
      <dl>
        <dt>Distribution</dt>
        <dd>{r.distribution ?? 'not in Table 4'}</dd>
        <dt>Half-life</dt>
        <dd>{r.halfLife ?? 'not in Table 4'}</dd>
        <dt>Bioavailability</dt>
        <dd>{r.bioavailability ?? 'not in Table 4'}</dd>
        <dt>Characteristics</dt>
        <dd>{r.characteristics}</dd>
      </dl>
      <CitedStatements items={r.evidence} />
      <CitationList citations={r.citations} />
      {findings.length > 0 ? <FindingList findings={findings} label={`Findings using ${r.name}`} /> : null}
    </div>
  );
}

function LabelDetail({ slug }: { slug: string }) {
  const l = LABEL_MODALITY_PROFILES.find((p) => p.slug === slug);
  if (!l) return <Empty title="The review does not discuss this label" />;
  return (
    <div className="stack">
      <h3 style={{ margin: 0 }}>{l.name}</h3>
      <div className="mono small">{l.examples.join(', ')}</div>
      <div>{l.principle}</div>
      <ul>
        {l.caveats.map((c) => (
          <li key={c.id}>
            <span className="ev-tag warn">caveat</span> {c.text} <CitationRef citation={c.citation} />
          </li>
        ))}
        {l.observations.map((o) => (
          <li key={o.text}>
            {o.text} <CitationRef citation={o.citation} />
          </li>
        ))}
      </ul>
      <CitationList citations={l.citations} />
    </div>
  );
}

export function EvidenceDetail({ kind, id, onClose }: { kind: DetailKind; id: string; onClose: () => void }) {
  // Opening an item lower on the page (a trial at the bottom of the table) brings its detail to where the
  // user is looking, and moves keyboard focus there (issue 9 item 4).
  const sectionRef = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again whenever another item is opened.
  useEffect(() => {
    const el = sectionRef.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: 'auto' });
    el.focus({ preventScroll: true });
  }, [kind, id]);
  let body: ReactNode;
  if (kind === 'trial') body = <TrialDetail nctId={id} />;
  else if (kind === 'finding') {
    const f = NEURO_FINDINGS.find((x) => x.id === id);
    body = f ? <FindingList findings={[f]} label="Finding" /> : <Empty title={`No finding ${id}`} />;
  } else if (kind === 'source') {
    const p = sourceProfileFor(id as EvidenceSource);
    body = p ? (
      <SourceProfileCard profile={p} />
    ) : (
      <Empty title={`No profile for source ${sourceName(id)}`} />
    );
  } else if (kind === 'route') body = <RouteDetail slug={id} />;
  else body = <LabelDetail slug={id} />;
  return (
    <section className="panel ev-detail" aria-label="Evidence detail" ref={sectionRef} tabIndex={-1}>
      <div className="panel-head">
        <h2>
          {kind === 'trial'
            ? 'Trial'
            : kind === 'finding'
              ? 'Finding'
              : kind === 'source'
                ? 'MSC source'
                : kind === 'route'
                  ? 'Administration route'
                  : 'Label modality'}
        </h2>
        <button type="button" className="button small" onClick={onClose} aria-label="Close detail">
          Close ✕
        </button>
      </div>
      {body}
    </section>
  );
}
