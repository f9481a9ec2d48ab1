/**
 * The batch page's PK studies: every study that dosed this batch (GET /api/batches/:id/pk-studies) with its
 * route, dose, species and label, each linking to its detail view on the PK page (/pk?study=<id>).
 */

import { ADMINISTRATION_ROUTE_LABELS } from '../../../src/domain/administration-route.ts';
import { PK_SPECIES_LABELS } from '../../../src/domain/pk-study.ts';
import { pkApi } from '../api/pk-studies-client.ts';
import { useApi } from '../api/use-api.ts';
import { DASH, formatDateTime } from '../lib/format.ts';
import { SCROLLABLE } from '../lib/scrollable.ts';
import { Link } from '../router.tsx';
import { formatStudyDose } from './pk/pk-study-detail.tsx';
import { ApiView, Empty } from './states.tsx';

export function BatchPkStudies({ batchId }: { batchId: string }) {
  const studies = useApi((signal) => pkApi.batchPkStudies(batchId, signal), [batchId]);
  return (
    <section className="panel" aria-labelledby="batch-pk-studies-title">
      <div className="panel-head">
        <h2 id="batch-pk-studies-title">PK studies</h2>
        <Link to="/pk" className="small">
          Record a PK study →
        </Link>
      </div>
      <ApiView
        state={studies}
        what="PK studies"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <Empty title="No PK studies for this batch yet">
            Record one on the <Link to="/pk">Pharmacokinetics page</Link> to link a dosing experiment and its
            data to this batch.
          </Empty>
        }
      >
        {(page) => (
          <div className="table-scroll" {...SCROLLABLE}>
            <table className="table" aria-label="PK studies of this batch">
              <thead>
                <tr>
                  <th>Study</th>
                  <th>Route</th>
                  <th className="num">Dose</th>
                  <th>Species</th>
                  <th>Label</th>
                  <th className="num">Data rows</th>
                  <th>Dosed on</th>
                  <th>Recorded</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/pk?study=${encodeURIComponent(s.id)}`}>
                        {s.title || 'Untitled PK study'}
                      </Link>
                    </td>
                    <td>{ADMINISTRATION_ROUTE_LABELS[s.route]}</td>
                    <td className="num nowrap">{formatStudyDose(s.dose)}</td>
                    <td>
                      {PK_SPECIES_LABELS[s.species]}
                      {s.strain ? <span className="muted"> {s.strain}</span> : null}
                    </td>
                    <td>{s.label ?? DASH}</td>
                    <td className="num" title="concentration–time + biodistribution rows">
                      {s.concentrationTimeRows} + {s.biodistributionRows}
                    </td>
                    <td className="nowrap">{s.dosedOn ?? DASH}</td>
                    <td className="nowrap">{formatDateTime(s.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.total > page.items.length ? (
              <p className="muted small">
                {page.items.length} of {page.total} shown; the PK page lists them all.
              </p>
            ) : null}
          </div>
        )}
      </ApiView>
    </section>
  );
}
