/** Batches list: filter by status, source, project and code text; paginated; create form. */
import { useEffect, useMemo, useState } from 'react';
import { BATCH_STATUSES, type BatchStatus } from '../../../src/domain/batch.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { CreateBatchForm } from '../components/create-batch-form.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { PagedView } from '../components/paged-view.tsx';
import { ProjectOptions, SourceOptions, VocabularyOptions } from '../components/select-options.tsx';
import { Empty, ErrorPanel, Loading } from '../components/states.tsx';
import { StatusChip } from '../components/status-chip.tsx';
import { DASH, formatDateTime, formatFixed, formatRelative } from '../lib/format.ts';
import { STATUS_LABELS, sourceLabel } from '../lib/labels.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useOffsetQuery } from '../lib/use-offset-query.ts';
import { Link, navigate, setQuery, useLocation } from '../router.tsx';
import { DemoHint } from './dashboard-page.tsx';

const PAGE_SIZE = 50;

function isStatus(value: string | null): value is BatchStatus {
  return value !== null && (BATCH_STATUSES as readonly string[]).includes(value);
}

export function BatchesPage() {
  useDocumentTitle('Batches');
  const { search } = useLocation();
  const statusParam = search.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const sourceId = search.get('sourceId') ?? undefined;
  const projectId = search.get('projectId') ?? undefined;
  const q = search.get('q') ?? '';
  const [offset, setOffset] = useOffsetQuery();
  const creating = search.get('new') === '1';

  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text === q) return;
    const timer = setTimeout(() => setQuery({ q: text.trim(), offset: null }), 250);
    return () => clearTimeout(timer);
  }, [text, q]);

  const batches = useApi(
    (signal) =>
      api.listBatches({ status, sourceId, projectId, q: q || undefined, limit: PAGE_SIZE, offset }, signal),
    [status, sourceId, projectId, q, offset],
  );
  const projects = useApi((signal) => api.listProjects({ limit: 1000 }, signal), []);
  const sources = useApi((signal) => api.listSources({ limit: 1000 }, signal), []);
  const sourceById = useMemo(
    () => new Map((sources.data?.items ?? []).map((s) => [s.id, s])),
    [sources.data],
  );
  const filtered = Boolean(status || sourceId || projectId || q);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Batches</h1>
        <div className="page-actions">
          {!creating ? (
            <button type="button" className="button primary" onClick={() => setQuery({ new: '1' })}>
              + New batch
            </button>
          ) : null}
        </div>
      </div>

      {creating ? (
        projects.data && sources.data ? (
          <CreateBatchForm
            projects={projects.data.items}
            sources={sources.data.items}
            defaultProjectId={projectId}
            onCancel={() => setQuery({ new: null })}
          />
        ) : projects.error ? (
          <ErrorPanel error={projects.error} onRetry={projects.reload} />
        ) : sources.error ? (
          <ErrorPanel error={sources.error} onRetry={sources.reload} />
        ) : (
          <Loading what="projects and sources" />
        )
      ) : null}

      <div className="filters panel">
        <FilterSelect label="Status" param="status" value={status}>
          <VocabularyOptions values={BATCH_STATUSES} labels={STATUS_LABELS} />
        </FilterSelect>
        <FilterSelect label="MSC source" param="sourceId" value={sourceId}>
          <SourceOptions sources={sources.data?.items ?? []} />
        </FilterSelect>
        <FilterSelect label="Project" param="projectId" value={projectId}>
          <ProjectOptions projects={projects.data?.items ?? []} />
        </FilterSelect>
        <label className="grow">
          <span>Code contains</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. UC-0"
          />
        </label>
        {filtered ? (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setText('');
              navigate('/batches', { replace: true });
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>

      <section className="panel flush">
        <PagedView
          state={batches}
          what="batches"
          pageSize={PAGE_SIZE}
          onOffset={setOffset}
          empty={
            filtered ? (
              <Empty title="No batches match these filters">Clear the filters to see every batch.</Empty>
            ) : (
              <Empty title="No batches yet — create one or run the demo">
                <DemoHint />
              </Empty>
            )
          }
        >
          {(page) => (
            <div className={batches.loading ? 'table-wrap reloading' : 'table-wrap'}>
              <table className="table" data-testid="batches-table">
                <thead>
                  <tr>
                    <th>Code</th>
                    <th>Status</th>
                    <th>MSC source</th>
                    <th className="num">Cond. medium (mL)</th>
                    <th className="num">Final vol. (mL)</th>
                    <th>Buffer</th>
                    <th className="num">Storage (°C)</th>
                    <th>Harvest</th>
                    <th>Isolation</th>
                    <th>Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((b) => {
                    const source = b.sourceId ? sourceById.get(b.sourceId) : undefined;
                    return (
                      <tr key={b.id} className="clickable" onClick={() => navigate(`/batches/${b.id}`)}>
                        <td>
                          <Link
                            to={`/batches/${b.id}`}
                            className="mono strong"
                            onClick={(e) => e.stopPropagation()}
                          >
                            {b.code}
                          </Link>
                        </td>
                        <td>
                          <StatusChip status={b.status} />
                        </td>
                        <td>{source ? sourceLabel(source) : b.sourceId ? '…' : DASH}</td>
                        <td className="num">{formatFixed(b.conditionedMediumVolumeMl, 0)}</td>
                        <td className="num">{formatFixed(b.finalVolumeMl, 2)}</td>
                        <td>{b.buffer || DASH}</td>
                        <td className="num">{b.storageTemperatureC ?? DASH}</td>
                        <td className="nowrap">{b.harvestDate ?? DASH}</td>
                        <td className="nowrap">{b.isolationDate ?? DASH}</td>
                        <td className="nowrap" title={formatDateTime(b.updatedAt)}>
                          {formatRelative(b.updatedAt)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </PagedView>
      </section>
    </div>
  );
}
