/** Creates a batch with the fields a scientist knows at harvest; the rest is edited on the batch page. */
import { useState } from 'react';
import { batchInputSchema } from '../../../src/domain/batch.ts';
import type { MscSource } from '../../../src/domain/msc-source.ts';
import type { Project } from '../../../src/domain/project.ts';
import { type ApiError, api, toApiError } from '../api/client.ts';
import { issuesByPath, toNumberOrNull, toStringOrNull } from '../lib/form-values.ts';
import { sourceLabel } from '../lib/labels.ts';
import { Link, navigate } from '../router.tsx';
import { Field } from './field.tsx';
import { ErrorPanel } from './states.tsx';

export function CreateBatchForm({
  projects,
  sources,
  defaultProjectId,
  onCancel,
}: {
  projects: Project[];
  sources: MscSource[];
  defaultProjectId?: string;
  onCancel: () => void;
}) {
  const [projectId, setProjectId] = useState(defaultProjectId ?? projects[0]?.id ?? '');
  const [code, setCode] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [cmVolume, setCmVolume] = useState('');
  const [harvestDate, setHarvestDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const projectSources = sources.filter((s) => s.projectId === projectId);

  if (projects.length === 0) {
    return (
      <div className="panel create-panel">
        <p>
          A batch belongs to a project. Create a project on the <Link to="/">dashboard</Link> first, or run{' '}
          <code>npx evlab demo</code>.
        </p>
      </div>
    );
  }

  const fieldError = (path: string) => issues[path] ?? error?.fieldError([path]) ?? null;

  return (
    <form
      className="panel create-panel form"
      aria-label="New batch"
      onSubmit={async (e) => {
        e.preventDefault();
        const input = {
          projectId,
          code,
          sourceId: sourceId || null,
          conditionedMediumVolumeMl: toNumberOrNull(cmVolume),
          harvestDate: toStringOrNull(harvestDate),
        };
        const check = batchInputSchema.safeParse(input);
        if (!check.success) {
          setIssues(issuesByPath(check.error.issues));
          return;
        }
        setIssues({});
        setBusy(true);
        setError(null);
        try {
          const batch = await api.createBatch(input);
          navigate(`/batches/${batch.id}`);
        } catch (err) {
          setError(toApiError(err));
          setBusy(false);
        }
      }}
    >
      <h2>New batch</h2>
      <div className="form-grid">
        <Field label="Project" error={fieldError('projectId')}>
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Batch code" error={fieldError('code')}>
          <input
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="e.g. EV-2025-014"
            required
          />
        </Field>
        <Field label="MSC source" error={fieldError('sourceId')}>
          <select name="sourceId" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
            <option value="">— not recorded —</option>
            {projectSources.map((s) => (
              <option key={s.id} value={s.id}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Conditioned medium" unit="mL" error={fieldError('conditionedMediumVolumeMl')}>
          <input
            inputMode="decimal"
            value={cmVolume}
            onChange={(e) => setCmVolume(e.target.value)}
            placeholder="500"
          />
        </Field>
        <Field label="Harvest date" error={fieldError('harvestDate')}>
          <input type="date" value={harvestDate} onChange={(e) => setHarvestDate(e.target.value)} />
        </Field>
      </div>
      {error && error.errors.length === 0 ? <ErrorPanel error={error} compact /> : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create batch'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <span className="muted small">
          Status starts as draft; every other field can be filled in on the batch page.
        </span>
      </div>
    </form>
  );
}
