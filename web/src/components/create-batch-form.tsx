/** Creates a batch with the fields a scientist knows at harvest; the rest is edited on the batch page. */
import { useState } from 'react';
import { batchInputSchema } from '../../../src/domain/batch.ts';
import type { MscSource } from '../../../src/domain/msc-source.ts';
import type { Project } from '../../../src/domain/project.ts';
import { api } from '../api/client.ts';
import { toNumberOrNull, toStringOrNull } from '../lib/form-values.ts';
import { ISO_DATE_INPUT } from '../lib/iso-date-input.ts';
import { useFormSubmit } from '../lib/use-form-submit.ts';
import { Link, navigate } from '../router.tsx';
import { Field } from './field.tsx';
import { FormError } from './form-error.tsx';
import { ProjectOptions, SourceOptions } from './select-options.tsx';

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
  const { busy, error, fieldError, submit } = useFormSubmit();
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
        await submit(async () => {
          const batch = await api.createBatch(input);
          navigate(`/batches/${batch.id}`);
        }, check);
      }}
    >
      <h2>New batch</h2>
      <div className="form-grid">
        <Field label="Project" error={fieldError('projectId')}>
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <ProjectOptions projects={projects} />
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
            <SourceOptions sources={projectSources} />
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
          <input {...ISO_DATE_INPUT} value={harvestDate} onChange={(e) => setHarvestDate(e.target.value)} />
        </Field>
      </div>
      <FormError error={error} />
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
