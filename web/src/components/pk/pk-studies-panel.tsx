/**
 * PK studies linked to the batch that was dosed: the list (with a link to each batch), a form to record one
 * with its data, and the detail view of the study named by `?study=<id>` (links from the batch page open it).
 */

import { useState } from 'react';
import { ADMINISTRATION_ROUTE_LABELS } from '../../../../src/domain/administration-route.ts';
import { PK_SPECIES_LABELS } from '../../../../src/domain/pk-study.ts';
import { api, toApiError } from '../../api/client.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';
import { Link, setQuery, useLocation } from '../../router.tsx';
import { ApiView, ErrorPanel } from '../states.tsx';
import { formatStudyDose, PkStudyDetail } from './pk-study-detail.tsx';
import { PkStudyForm } from './pk-study-form.tsx';
import './pk.css';
import './pk-study.css';

export function PkStudiesPanel() {
  const studies = useApi((signal) => pkApi.listPkStudies({ limit: 100 }, signal), []);
  const batches = useApi((signal) => api.listBatches({ limit: 200 }, signal), []);
  const [creating, setCreating] = useState(false);
  const [deleteError, setDeleteError] = useState<ReturnType<typeof toApiError> | null>(null);
  const codeOf = new Map((batches.data?.items ?? []).map((b) => [b.id, b.code]));
  const openId = useLocation().search.get('study');
  const openStudy = (id: string | null) => setQuery({ study: id });

  return (
    <section className="panel" aria-labelledby="pk-studies-title">
      <div className="panel-head">
        <h2 id="pk-studies-title">PK studies</h2>
        <button type="button" className="button" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close' : 'New PK study'}
        </button>
      </div>
      {creating ? (
        <ApiView state={batches} what="batches">
          {(page) => (
            <PkStudyForm
              batches={page.items}
              onCreated={(study) => {
                setCreating(false);
                studies.reload();
                openStudy(study.id);
              }}
            />
          )}
        </ApiView>
      ) : null}
      {deleteError ? <ErrorPanel error={deleteError} compact /> : null}
      {openId ? (
        <PkStudyDetail
          studyId={openId}
          batchCodeOf={(batchId) => codeOf.get(batchId)}
          onClose={() => openStudy(null)}
          onChanged={studies.reload}
        />
      ) : null}
      <ApiView
        state={studies}
        what="PK studies"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <p className="muted">No PK studies yet. Record one to link a dosing experiment to its batch.</p>
        }
      >
        {(page) => (
          <div className="table-scroll" {...SCROLLABLE}>
            <table className="table" aria-label="PK studies">
              <thead>
                <tr>
                  <th>Study</th>
                  <th>Batch</th>
                  <th>Species</th>
                  <th>Route</th>
                  <th className="num">Dose</th>
                  <th>Label</th>
                  <th className="num">Data rows</th>
                  <th>Recorded</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {page.items.map((s) => (
                  <tr key={s.id} className={s.id === openId ? 'pk-study-selected' : undefined}>
                    <td>{s.title || <span className="muted">untitled</span>}</td>
                    <td>
                      <Link to={`/batches/${s.batchId}`}>{codeOf.get(s.batchId) ?? s.batchId}</Link>
                    </td>
                    <td>
                      {PK_SPECIES_LABELS[s.species]}
                      {s.strain ? <span className="muted"> {s.strain}</span> : null}
                    </td>
                    <td>{ADMINISTRATION_ROUTE_LABELS[s.route]}</td>
                    <td className="num nowrap">{formatStudyDose(s.dose)}</td>
                    <td>{s.label ?? '—'}</td>
                    <td className="num" title="concentration–time + biodistribution rows">
                      {s.concentrationTimeRows} + {s.biodistributionRows}
                    </td>
                    <td className="nowrap">{formatDateTime(s.createdAt)}</td>
                    <td className="nowrap">
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Open PK study ${s.title || s.id}`}
                        aria-pressed={s.id === openId}
                        onClick={() => openStudy(s.id === openId ? null : s.id)}
                      >
                        {s.id === openId ? 'Opened' : 'Open'}
                      </button>{' '}
                      <button
                        type="button"
                        className="button small danger"
                        aria-label={`Delete PK study ${s.title || s.id}`}
                        onClick={async () => {
                          if (!window.confirm('Delete this PK study? The audit trail keeps a record.'))
                            return;
                          try {
                            setDeleteError(null);
                            await pkApi.deletePkStudy(s.id);
                            if (s.id === openId) openStudy(null);
                            studies.reload();
                          } catch (e) {
                            setDeleteError(toApiError(e));
                          }
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ApiView>
    </section>
  );
}
