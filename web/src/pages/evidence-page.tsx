/**
 * The evidence workbench: search and facets over registered MSC-EV trials (the review's Table 5 plus
 * ClinicalTrials.gov imports) and the review's section 6 findings; the source × disorder matrix; the trials
 * table and timeline; MSC source profiles with their identity markers; the review's reference tables; a
 * CT.gov import box and CSV/JSON export. Every fact is shown with its citation.
 */
import '../components/evidence/evidence.css';
import { EVIDENCE_DATA_VERSION } from '../../../src/domain/evidence/index.ts';
import { evidenceApi, type SearchHit } from '../api/evidence-client.ts';
import { useApi } from '../api/use-api.ts';
import { CtgovImport } from '../components/evidence/ctgov-import.tsx';
import { EvidenceDetail, parseDetail } from '../components/evidence/evidence-detail.tsx';
import { EvidenceFilters, readFilters } from '../components/evidence/evidence-filters.tsx';
import { EvidenceMatrixPanel } from '../components/evidence/evidence-matrix.tsx';
import { FindingList } from '../components/evidence/finding-list.tsx';
import { ReferenceTables } from '../components/evidence/reference-tables.tsx';
import { SearchHits } from '../components/evidence/search-hits.tsx';
import { SourceProfiles } from '../components/evidence/source-profiles.tsx';
import { TrialTimeline } from '../components/evidence/trial-timeline.tsx';
import { TrialsTable } from '../components/evidence/trials-table.tsx';
import { ApiView, Empty } from '../components/states.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { setQuery, useLocation } from '../router.tsx';

/** Trials fetched per view: the whole registry slice evlab holds is a few hundred at most. */
const TRIAL_LIMIT = 500;

export function EvidencePage() {
  useDocumentTitle('Evidence');
  const { search } = useLocation();
  const f = readFilters(search);
  const detail = parseDetail(search.get('detail'));
  const open = (kind: string, id: string) => setQuery({ detail: `${kind}:${id}` });

  const trials = useApi(
    (signal) =>
      evidenceApi.listTrials(
        {
          q: f.q || undefined,
          source: f.source || undefined,
          disorder: f.disorder || undefined,
          phase: f.phase || undefined,
          status: f.status || undefined,
          country: f.country || undefined,
          year: f.year || undefined,
          neuro: f.neuro === 'true' ? true : undefined,
          limit: TRIAL_LIMIT,
        },
        signal,
      ),
    [f.q, f.source, f.disorder, f.phase, f.status, f.country, f.year, f.neuro],
  );
  const findings = useApi(
    (signal) =>
      evidenceApi.listFindings(
        {
          q: f.q || undefined,
          source: f.source || undefined,
          disorder: f.disorder || undefined,
          route: f.route || undefined,
          limit: 200,
        },
        signal,
      ),
    [f.q, f.source, f.disorder, f.route],
  );
  const hits = useApi(
    (signal) => (f.q ? evidenceApi.search(f.q, signal) : Promise.resolve({ hits: [] as SearchHit[] })),
    [f.q],
  );

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Evidence</h1>
          <div className="subtitle">
            Registered MSC-EV trials and neurological findings from Li et al. 2025 (Front Cell Dev Biol
            13:1626996), plus ClinicalTrials.gov imports · curated data v{EVIDENCE_DATA_VERSION}
          </div>
        </div>
        <div className="page-actions">
          <a className="button" href={evidenceApi.exportUrl('trials', 'csv')} download>
            Trials CSV
          </a>
          <a className="button" href={evidenceApi.exportUrl('trials', 'json')} download>
            Trials JSON
          </a>
          <a className="button" href={evidenceApi.exportUrl('findings', 'csv')} download>
            Findings CSV
          </a>
          <a className="button" href={evidenceApi.exportUrl('findings', 'json')} download>
            Findings JSON
          </a>
        </div>
      </div>

      <section className="panel">
        <EvidenceFilters values={f} trialFacets={trials.data?.facets} findingFacets={findings.data?.facets} />
      </section>

      {detail ? (
        <EvidenceDetail kind={detail.kind} id={detail.id} onClose={() => setQuery({ detail: null })} />
      ) : null}

      {f.q ? (
        <section className="panel" aria-label="Search results panel">
          <div className="panel-head">
            <h2>Search “{f.q}”</h2>
            <span className="muted small">{hits.data ? `${hits.data.hits.length} hits` : ''}</span>
          </div>
          <ApiView
            state={hits}
            what="search results"
            isEmpty={(d) => d.hits.length === 0}
            empty={<Empty title={`Nothing matches “${f.q}”`}>Try fewer words or another spelling.</Empty>}
          >
            {(d) => <SearchHits hits={d.hits} onOpen={(h) => open(h.kind, h.id)} />}
          </ApiView>
        </section>
      ) : null}

      <section className="panel">
        <div className="panel-head">
          <h2>Source × disorder</h2>
        </div>
        <EvidenceMatrixPanel
          onOpenTrials={(source, disorder) => setQuery({ source, disorder, detail: null })}
        />
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>Registered trials</h2>
          <span className="muted small">
            {trials.data
              ? `${trials.data.items.length} of ${trials.data.total} · ${trials.data.items.filter((t) => t.neurological).length} neurological`
              : ''}
          </span>
        </div>
        <ApiView
          state={trials}
          what="trials"
          isEmpty={(p) => p.items.length === 0}
          empty={<Empty title="No trials match these filters" />}
        >
          {(p) => (
            <div className="stack">
              <TrialTimeline trials={p.items} />
              <TrialsTable
                trials={p.items}
                selected={detail?.kind === 'trial' ? detail.id : null}
                onOpen={(id) => open('trial', id)}
              />
            </div>
          )}
        </ApiView>
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>Findings in neurological disorders</h2>
          <span className="muted small">
            {findings.data ? `${findings.data.total} findings · review section 6` : ''}
          </span>
        </div>
        <ApiView
          state={findings}
          what="findings"
          isEmpty={(p) => p.items.length === 0}
          empty={<Empty title="No findings match these filters" />}
        >
          {(p) => <FindingList findings={p.items} onOpen={(id) => open('finding', id)} />}
        </ApiView>
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>MSC sources (Table 6)</h2>
          <span className="muted small">⚠ marks a marker the review lists in conflicting ways</span>
        </div>
        <SourceProfiles />
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>Reference tables</h2>
          <span className="muted small">Li et al. 2025, Tables 1–4 and sections 2–4</span>
        </div>
        <ReferenceTables />
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>Import from ClinicalTrials.gov</h2>
        </div>
        <CtgovImport onImported={trials.reload} />
      </section>
    </div>
  );
}
