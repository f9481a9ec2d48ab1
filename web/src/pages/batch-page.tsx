/** One batch: metadata form, isolation protocol, file upload, measurements and audit trail. */

import { useMemo, useState } from 'react';
import { BATCH_TRANSITIONS, type Batch } from '../../../src/domain/batch.ts';
import { type ApiError, api, toApiError } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { AuditTrail } from '../components/audit-trail.tsx';
import { BatchDocumentsPanel } from '../components/batch-documents-panel.tsx';
import { BatchMetadataForm } from '../components/batch-metadata-form.tsx';
import { BatchPkStudies } from '../components/batch-pk-studies.tsx';
import { BatchRawFiles } from '../components/batch-raw-files.tsx';
import { BatchEvidencePanel } from '../components/evidence/batch-evidence-panel.tsx';
import { BatchFlowPanel } from '../components/flow/batch-flow-panel.tsx';
import { BatchProtocolForm } from '../components/isolation/batch-protocol-form.tsx';
import { DilutionFactorField, RetractControl, RetractedBadge } from '../components/measurement-curation.tsx';
import { ApiView, Empty, ErrorPanel } from '../components/states.tsx';
import { MeasurementStatusChip, StatusChip } from '../components/status-chip.tsx';
import { UploadZone } from '../components/upload-zone.tsx';
import { DASH, formatBytes, formatDateTime, formatRelative } from '../lib/format.ts';
import { sourceLabel } from '../lib/labels.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { Link, navigate } from '../router.tsx';

export function BatchPage({ batchId }: { batchId: string }) {
  const loaded = useApi((signal) => api.getBatch(batchId, signal), [batchId]);
  const [override, setOverride] = useState<Batch | null>(null);
  const [version, setVersion] = useState(0);
  const batch = override ?? loaded.data;
  useDocumentTitle(batch?.code);

  const onSaved = (b: Batch) => {
    setOverride(b);
    setVersion((v) => v + 1);
  };

  return (
    <div className="stack">
      <nav className="breadcrumb">
        <Link to="/batches">Batches</Link> <span aria-hidden="true">/</span>{' '}
        <span className="mono">{batch?.code ?? '…'}</span> ·{' '}
        <Link to={`/batches/${batchId}/qc`}>QC and release</Link>
      </nav>
      <ApiView state={loaded} what="batch">
        {() =>
          batch ? (
            <BatchBody
              batch={batch}
              version={version}
              onSaved={onSaved}
              onChanged={() => setVersion((v) => v + 1)}
            />
          ) : null
        }
      </ApiView>
    </div>
  );
}

/** Resets the metadata form when the saved metadata changes, but not when only the protocol was saved. */
function metadataKey(batch: Batch): string {
  const { isolationProtocol: _p, updatedAt: _u, ...rest } = batch;
  return JSON.stringify(rest);
}

function BatchBody({
  batch,
  version,
  onSaved,
  onChanged,
}: {
  batch: Batch;
  version: number;
  onSaved: (b: Batch) => void;
  onChanged: () => void;
}) {
  const project = useApi((signal) => api.getProject(batch.projectId, signal), [batch.projectId]);
  const sources = useApi(
    (signal) => api.listSources({ projectId: batch.projectId, limit: 1000 }, signal),
    [batch.projectId],
  );
  const measurements = useApi(
    (signal) => api.listMeasurements({ batchId: batch.id, limit: 1000 }, signal),
    [batch.id, version],
  );
  const files = useApi((signal) => api.batchFiles(batch.id, signal), [batch.id, version]);
  const fileById = useMemo(() => new Map((files.data?.items ?? []).map((f) => [f.id, f])), [files.data]);
  const source = batch.sourceId ? sources.data?.items.find((s) => s.id === batch.sourceId) : undefined;
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const deletable = batch.status !== 'released' && (measurements.data?.total ?? 1) === 0;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            <span className="mono">{batch.code}</span> <StatusChip status={batch.status} />
          </h1>
          <div className="subtitle">
            {project.data ? project.data.name : DASH}
            {' · '}
            {source ? sourceLabel(source) : 'MSC source not recorded'}
            {' · '}
            updated {formatRelative(batch.updatedAt)}
          </div>
        </div>
        <div className="page-actions">
          <a className="button" href="#measurements">
            Upload files ↓
          </a>
          <Link className="button" to={`/batches/${batch.id}/characterization`}>
            Characterization
          </Link>
          {deletable ? (
            <button
              type="button"
              className="button danger"
              onClick={async () => {
                if (!window.confirm(`Delete batch ${batch.code}? This cannot be undone.`)) return;
                try {
                  await api.deleteBatch(batch.id);
                  navigate('/batches');
                } catch (err) {
                  setDeleteError(toApiError(err));
                }
              }}
            >
              Delete
            </button>
          ) : null}
        </div>
      </div>
      {deleteError ? <ErrorPanel error={deleteError} compact /> : null}

      <section className="panel">
        <div className="panel-head">
          <h2>Metadata</h2>
          <span className="muted small">
            created {formatDateTime(batch.createdAt)}
            {BATCH_TRANSITIONS[batch.status].length === 0 ? ' · terminal status' : ''}
          </span>
        </div>
        <BatchMetadataForm
          key={metadataKey(batch)}
          batch={batch}
          sources={sources.data?.items ?? []}
          onSaved={onSaved}
        />
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>Isolation protocol</h2>
        </div>
        <BatchProtocolForm key={batch.id} batch={batch} onSaved={onSaved} />
      </section>

      <section className="panel" id="measurements">
        <div className="panel-head">
          <h2>Measurements</h2>
          {measurements.data ? (
            <span className="muted small">
              {measurements.data.total} measurement{measurements.data.total === 1 ? '' : 's'} ·{' '}
              {files.data?.total ?? 0} raw file
              {(files.data?.total ?? 0) === 1 ? '' : 's'}
            </span>
          ) : null}
        </div>
        <UploadZone batchId={batch.id} onUploaded={onChanged} />
        <BatchRawFiles page={files.data} />
        <ApiView
          state={measurements}
          what="measurements"
          isEmpty={(p) => p.items.length === 0}
          empty={<Empty title="No measurements yet">Drop NanoSight exports on the zone above.</Empty>}
        >
          {(page) => (
            <table className="table" data-testid="measurements-table">
              <thead>
                <tr>
                  <th>File</th>
                  <th className="num">Size</th>
                  <th>Kind</th>
                  <th>Instrument</th>
                  <th>Status</th>
                  <th>Dilution</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {page.items.map((m) => {
                  const file = fileById.get(m.rawFileId);
                  return (
                    <tr key={m.id} className={m.retraction ? 'retracted' : undefined}>
                      <td className="clip">
                        {file ? (
                          <a
                            href={api.rawFileContentUrl(file.id)}
                            title={`Download ${file.originalName}`}
                            className="mono"
                          >
                            {file.originalName}
                          </a>
                        ) : (
                          <span className="muted">{m.rawFileId}</span>
                        )}
                      </td>
                      <td className="num nowrap">{file ? formatBytes(file.sizeBytes) : DASH}</td>
                      <td className="upper">{m.kind}</td>
                      <td>{m.instrument}</td>
                      <td>
                        <MeasurementStatusChip status={m.status} />
                        <RetractedBadge m={m} />
                        {m.error ? (
                          <span className="small text-error">
                            {' '}
                            {m.error.code}
                            {m.error.line !== null ? ` · line ${m.error.line}` : ''}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {m.fileDilutionFactor != null ? (
                          // The file records its own factor: shown, never edited (the API refuses with 409).
                          <span title="recorded in the file; not editable" data-dilution-origin="file">
                            ×{m.fileDilutionFactor} <span className="muted small">(from the file)</span>
                          </span>
                        ) : (
                          <DilutionFactorField m={m} onChanged={onChanged} />
                        )}
                      </td>
                      <td className="nowrap" title={formatDateTime(m.createdAt)}>
                        {formatDateTime(m.createdAt)}
                      </td>
                      <td className="right">
                        <Link to={`/measurements/${m.id}`}>Open →</Link>{' '}
                        <RetractControl m={m} onChanged={onChanged} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </ApiView>
      </section>

      <BatchEvidencePanel key={`${batch.sourceId}|${batch.intendedIndication}`} batchId={batch.id} />

      <BatchFlowPanel batchId={batch.id} version={version} />

      <BatchPkStudies batchId={batch.id} />

      <BatchDocumentsPanel batchId={batch.id} />

      <section className="panel">
        <div className="panel-head">
          <h2>Audit trail</h2>
        </div>
        <AuditTrail batchId={batch.id} version={version} files={files.data?.items} />
      </section>
    </>
  );
}
