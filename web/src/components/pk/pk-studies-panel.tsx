/** PK studies linked to the batch that was dosed: list (with a link to each batch) and a form to record one. */
import { useState } from 'react';
import { ADMINISTRATION_ROUTE_LABELS } from '../../../../src/domain/administration-route.ts';
import { DOSE_UNIT_LABELS, PK_SPECIES_LABELS } from '../../../../src/domain/pk-study.ts';
import { api, toApiError } from '../../api/client.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime, formatSci } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { ApiView, ErrorPanel } from '../states.tsx';
import { PkStudyForm } from './pk-study-form.tsx';
import './pk.css';

export function PkStudiesPanel() {
  const studies = useApi((signal) => pkApi.listPkStudies({ limit: 100 }, signal), []);
  const batches = useApi((signal) => api.listBatches({ limit: 200 }, signal), []);
  const [creating, setCreating] = useState(false);
  const [deleteError, setDeleteError] = useState<ReturnType<typeof toApiError> | null>(null);
  const codeOf = new Map((batches.data?.items ?? []).map((b) => [b.id, b.code]));

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
              onCreated={() => {
                setCreating(false);
                studies.reload();
              }}
            />
          )}
        </ApiView>
      ) : null}
      {deleteError ? <ErrorPanel error={deleteError} compact /> : null}
      <ApiView
        state={studies}
        what="PK studies"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <p className="muted">No PK studies yet. Record one to link a dosing experiment to its batch.</p>
        }
      >
        {(page) => (
          <div className="table-scroll">
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
                  <tr key={s.id}>
                    <td>{s.title || <span className="muted">untitled</span>}</td>
                    <td>
                      <Link to={`/batches/${s.batchId}`}>{codeOf.get(s.batchId) ?? s.batchId}</Link>
                    </td>
                    <td>
                      {PK_SPECIES_LABELS[s.species]}
                      {s.strain ? <span className="muted"> {s.strain}</span> : null}
                    </td>
                    <td>{ADMINISTRATION_ROUTE_LABELS[s.route]}</td>
                    <td className="num">
                      {formatSci(s.dose.value, 3)} {DOSE_UNIT_LABELS[s.dose.unit]}
                      {s.dose.perKg ? '/kg' : ''}
                    </td>
                    <td>{s.label ?? '—'}</td>
                    <td className="num">{s.concentrationTimeRows + s.biodistributionRows}</td>
                    <td className="nowrap">{formatDateTime(s.createdAt)}</td>
                    <td>
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
