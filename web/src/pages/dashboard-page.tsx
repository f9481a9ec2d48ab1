/** Dashboard: counts, batches by status, recent measurements and the projects (with a create form). */
import { useState } from 'react';
import { BATCH_STATUSES } from '../../../src/domain/batch.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { Field } from '../components/field.tsx';
import { FormError } from '../components/form-error.tsx';
import { JobsPanel } from '../components/jobs-panel.tsx';
import { MeasurementLabelCells } from '../components/measurement-label-cells.tsx';
import { ApiView, Empty } from '../components/states.tsx';
import { MeasurementStatusChip, StatusChip } from '../components/status-chip.tsx';
import { formatCount, formatDateTime, formatRelative, plural } from '../lib/format.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useFormSubmit } from '../lib/use-form-submit.ts';
import { StatusBarPlot } from '../plots/status-bar-plot.tsx';
import { Link } from '../router.tsx';

export function DemoHint() {
  return (
    <>
      Create one on the <Link to="/batches?new=1">Batches</Link> page, or load example data with{' '}
      <code>npx evlab demo</code> (an MSC source, three batches and synthetic NanoSight exports).
    </>
  );
}

function CreateProjectForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { busy, error, fieldError, submit } = useFormSubmit();
  return (
    <form
      className="form inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        await submit(async () => {
          await api.createProject({ name, description });
          setName('');
          setDescription('');
          onCreated();
        });
      }}
    >
      <Field label="New project" error={fieldError('name')}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. UC-MSC EV for ARDS"
          required
        />
      </Field>
      <Field label="Description" error={fieldError('description')}>
        <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="optional" />
      </Field>
      <button type="submit" className="button primary" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create project'}
      </button>
      <FormError error={error} />
    </form>
  );
}

export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const dashboard = useApi((signal) => api.dashboard(signal), []);
  const projects = useApi((signal) => api.listProjects({ limit: 100 }, signal), []);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Dashboard</h1>
        <div className="page-actions">
          <Link to="/batches?new=1" className="button primary">
            + New batch
          </Link>
          <Link to="/overlay" className="button">
            Compare NTA
          </Link>
        </div>
      </div>

      <ApiView state={dashboard} what="dashboard">
        {(d) => (
          <>
            {d.batchCount === 0 ? (
              <Empty title="No batches yet — create one or run the demo">
                <DemoHint />
              </Empty>
            ) : null}
            <div className="grid dashboard-top">
              <section className="panel stat-panel">
                <div className="stat">
                  <span className="stat-value">{formatCount(d.projectCount)}</span>
                  <span className="stat-label">{d.projectCount === 1 ? 'project' : 'projects'}</span>
                </div>
                <div className="stat">
                  <span className="stat-value">{formatCount(d.batchCount)}</span>
                  <span className="stat-label">{d.batchCount === 1 ? 'batch' : 'batches'}</span>
                </div>
                <div className="stat">
                  <span className="stat-value">{formatCount(d.batchesByStatus['in-qc'] ?? 0)}</span>
                  <span className="stat-label">awaiting QC decision</span>
                </div>
              </section>
              <section className="panel">
                <h2>Batches by status</h2>
                <div className="chips" data-testid="status-chips">
                  {BATCH_STATUSES.map((s) => (
                    <Link
                      key={s}
                      to={`/batches?status=${s}`}
                      className="chip-link"
                      title={`Show ${s} batches`}
                    >
                      <StatusChip status={s} count={d.batchesByStatus[s] ?? 0} />
                    </Link>
                  ))}
                </div>
                {d.batchCount > 0 ? <StatusBarPlot counts={d.batchesByStatus} /> : null}
              </section>
            </div>
            <section className="panel">
              <div className="panel-head">
                <h2>Recent measurements</h2>
                <Link to="/overlay">Overlay NTA distributions →</Link>
              </div>
              {d.recentMeasurements.length === 0 ? (
                <Empty title="No measurements yet">
                  Open a batch and drop NanoSight <code>ExperimentSummary.csv</code> exports on its upload
                  zone.
                </Empty>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th>Batch</th>
                      <th>File</th>
                      <th>Sample</th>
                      <th>Captured</th>
                      <th>Kind</th>
                      <th>Instrument</th>
                      <th>Status</th>
                      <th>Added</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {d.recentMeasurements.map((m) => (
                      <tr key={m.id}>
                        <td>
                          <Link to={`/batches/${m.batchId}`} className="mono">
                            {m.batchCode}
                          </Link>
                        </td>
                        <MeasurementLabelCells measurement={m} />
                        <td className="upper">{m.kind}</td>
                        <td>{m.instrument}</td>
                        <td>
                          <MeasurementStatusChip status={m.status} />
                          {m.error ? <span className="muted small"> {m.error.code}</span> : null}
                        </td>
                        <td title={formatDateTime(m.createdAt)}>{formatRelative(m.createdAt)}</td>
                        <td className="right">
                          <Link to={`/measurements/${m.id}`}>Open →</Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </ApiView>

      <section className="panel">
        <div className="panel-head">
          <h2>Projects</h2>
          {projects.data ? <span className="muted">{plural(projects.data.total, 'project')}</span> : null}
        </div>
        <ApiView
          state={projects}
          what="projects"
          isEmpty={(p) => p.items.length === 0}
          empty={<Empty title="No projects yet — create the first one below or run the demo" />}
        >
          {(p) => (
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Description</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {p.items.map((project) => (
                  <tr key={project.id}>
                    <td className="strong">{project.name}</td>
                    <td className="muted clip">{project.description || '—'}</td>
                    <td>{formatDateTime(project.createdAt).slice(0, 10)}</td>
                    <td className="right nowrap">
                      <Link to={`/batches?projectId=${project.id}`}>Batches</Link>
                      {' · '}
                      <Link to={`/sources?projectId=${project.id}`}>Sources</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ApiView>
        <CreateProjectForm
          onCreated={() => {
            projects.reload();
            dashboard.reload();
          }}
        />
      </section>
      <JobsPanel />
    </div>
  );
}
