/**
 * One PK study: what was dosed (batch, species, animal, route, dose, label, day), its concentration–time
 * data with an NCA summary and its biodistribution analysis, both computed in the browser, the source
 * tables kept as given (download links to the raw files), and an editor for the study and its data (PATCH).
 */
import { useEffect, useRef, useState } from 'react';
import { ADMINISTRATION_ROUTE_LABELS } from '../../../../src/domain/administration-route.ts';
import { EV_LABELS } from '../../../../src/domain/ev-label.ts';
import {
  DOSE_UNIT_LABELS,
  PK_SPECIES_LABELS,
  type PkStudy,
  type PkStudySourceKind,
} from '../../../../src/domain/pk-study.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { useApi } from '../../api/use-api.ts';
import { DASH, formatBytes, formatDateTime, formatSci, formatSignificant } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { ApiView } from '../states.tsx';
import { PkStudyBiodistribution } from './pk-study-biodistribution.tsx';
import { PkStudyForm } from './pk-study-form.tsx';
import { PkStudyNca } from './pk-study-nca.tsx';
import './pk-study.css';

export function formatStudyDose(dose: PkStudy['dose']): string {
  return `${formatSci(dose.value, 3)} ${DOSE_UNIT_LABELS[dose.unit]}${dose.perKg ? '/kg' : ''}`;
}

export function PkStudyDetail({
  studyId,
  batchCodeOf,
  onClose,
  onChanged,
}: {
  studyId: string;
  /** The code of a batch by id, when the page knows it (else the id is shown). */
  batchCodeOf?: (batchId: string) => string | undefined;
  onClose: () => void;
  /** Called after a save, so lists can refresh their counts. */
  onChanged: () => void;
}) {
  const state = useApi((signal) => pkApi.getPkStudy(studyId, signal), [studyId]);
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when another study is opened.
  useEffect(() => {
    setEditing(false);
    ref.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [studyId]);

  const title = state.data ? state.data.title || 'Untitled PK study' : 'PK study';
  return (
    <section className="pk-study-detail" aria-labelledby="pk-study-detail-title" ref={ref}>
      <div className="panel-head">
        <h3 id="pk-study-detail-title" className="pk-subhead">
          {title}
        </h3>
        <div className="pk-study-actions">
          {state.data && state.data.observations.concentrationTime.length > 0 ? (
            <Link
              className="button small"
              to={`/pk?study=${encodeURIComponent(studyId)}&analyse=${encodeURIComponent(studyId)}`}
              title="NCA and model fits of this study's concentration–time data, with its dose"
            >
              Analyse on PK page
            </Link>
          ) : null}
          {state.data ? (
            <button
              type="button"
              className="button small"
              aria-pressed={editing}
              onClick={() => setEditing((e) => !e)}
            >
              {editing ? 'Stop editing' : 'Edit study and data'}
            </button>
          ) : null}
          <button type="button" className="button small" onClick={onClose} aria-label="Close PK study">
            Close
          </button>
        </div>
      </div>
      <ApiView state={state} what="PK study">
        {(study) => {
          const batchCode = batchCodeOf?.(study.batchId);
          return (
            <>
              {editing ? (
                <PkStudyForm
                  key={study.updatedAt}
                  study={study}
                  {...(batchCode !== undefined ? { batchCode } : {})}
                  onCancel={() => setEditing(false)}
                  onSaved={() => {
                    setEditing(false);
                    state.reload();
                    onChanged();
                  }}
                />
              ) : null}
              <StudyFacts study={study} batchCode={batchCode} />
              <SourceFiles study={study} />
              <section aria-labelledby="pk-study-ct-title">
                <h4 id="pk-study-ct-title" className="pk-subhead">
                  Concentration–time data and NCA
                </h4>
                <PkStudyNca study={study} />
              </section>
              <section aria-labelledby="pk-study-bd-title">
                <h4 id="pk-study-bd-title" className="pk-subhead">
                  Biodistribution
                </h4>
                <PkStudyBiodistribution study={study} />
              </section>
            </>
          );
        }}
      </ApiView>
    </section>
  );
}

function StudyFacts({ study, batchCode }: { study: PkStudy; batchCode?: string | undefined }) {
  return (
    <dl className="pk-study-facts" aria-label="Study facts">
      <div>
        <dt>Batch</dt>
        <dd>
          <Link to={`/batches/${study.batchId}`}>{batchCode ?? study.batchId}</Link>
        </dd>
      </div>
      <div>
        <dt>Species</dt>
        <dd>
          {PK_SPECIES_LABELS[study.species]}
          {study.strain ? <span className="muted"> {study.strain}</span> : null}
          {study.bodyWeightKg !== null ? (
            <span className="muted"> · {formatSignificant(study.bodyWeightKg * 1000, 6)} g</span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>Route</dt>
        <dd>{ADMINISTRATION_ROUTE_LABELS[study.route]}</dd>
      </div>
      <div>
        <dt>Dose</dt>
        <dd>{formatStudyDose(study.dose)}</dd>
      </div>
      <div>
        <dt>Label</dt>
        <dd>
          {study.label ? (
            <>
              {study.label} <span className="muted">({EV_LABELS[study.label]})</span>
            </>
          ) : (
            DASH
          )}
        </dd>
      </div>
      <div>
        <dt>Dosed on</dt>
        <dd>{study.dosedOn ?? DASH}</dd>
      </div>
      <div>
        <dt>Data</dt>
        <dd>
          {study.observations.concentrationTime.length} concentration–time ·{' '}
          {study.observations.biodistribution.length} organ rows
        </dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd>{formatDateTime(study.updatedAt)}</dd>
      </div>
      {study.notes ? (
        <div>
          <dt>Notes</dt>
          <dd>{study.notes}</dd>
        </div>
      ) : null}
    </dl>
  );
}

const SOURCE_KIND_LABELS: Record<PkStudySourceKind, string> = {
  'concentration-time': 'Concentration–time',
  biodistribution: 'Biodistribution',
};

/** The tables the study's rows were read from, as given, each a download of the raw file's bytes. */
function SourceFiles({ study }: { study: PkStudy }) {
  return (
    <section aria-labelledby="pk-study-sources-title">
      <h4 id="pk-study-sources-title" className="pk-subhead">
        Source tables
      </h4>
      {study.sourceFiles.length === 0 ? (
        <p className="muted small">
          No source tables kept: the rows were saved without the table they came from.
        </p>
      ) : (
        <table className="table" aria-label="Source tables">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Data</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {study.sourceFiles.map((f) => (
              <tr key={f.rawFileId}>
                <td>
                  <a href={pkApi.sourceFileUrl(f)} download={f.name}>
                    {f.name}
                  </a>
                </td>
                <td>{SOURCE_KIND_LABELS[f.kind]}</td>
                <td className="num">{formatBytes(f.sizeBytes)}</td>
                <td>
                  <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
