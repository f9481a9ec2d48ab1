/**
 * Edits every Batch field except the isolation protocol (its own editor). Status offers only the allowed
 * transitions (draft → in-qc → released/rejected, in-qc → draft). Saves only the fields that changed.
 */
import { useMemo, useState } from 'react';
import {
  BATCH_TRANSITIONS,
  type Batch,
  type BatchPatch,
  type BatchStatus,
  batchPatchSchema,
} from '../../../src/domain/batch.ts';
import type { MscSource } from '../../../src/domain/msc-source.ts';
import { type ApiError, api, toApiError } from '../api/client.ts';
import { fromNumber, issuesByPath, toNumberOrNull, toStringOrNull } from '../lib/form-values.ts';
import { STATUS_LABELS, sourceLabel } from '../lib/labels.ts';
import { Field } from './field.tsx';
import { ErrorPanel } from './states.tsx';

interface FormState {
  code: string;
  sourceId: string;
  conditionedMediumVolumeMl: string;
  finalVolumeMl: string;
  buffer: string;
  storageTemperatureC: string;
  harvestDate: string;
  isolationDate: string;
  status: BatchStatus;
  notes: string;
}

function toForm(b: Batch): FormState {
  return {
    code: b.code,
    sourceId: b.sourceId ?? '',
    conditionedMediumVolumeMl: fromNumber(b.conditionedMediumVolumeMl),
    finalVolumeMl: fromNumber(b.finalVolumeMl),
    buffer: b.buffer,
    storageTemperatureC: fromNumber(b.storageTemperatureC),
    harvestDate: b.harvestDate ?? '',
    isolationDate: b.isolationDate ?? '',
    status: b.status,
    notes: b.notes,
  };
}

function toPatch(form: FormState, batch: Batch): BatchPatch {
  const next: BatchPatch = {
    code: form.code.trim(),
    sourceId: form.sourceId || null,
    conditionedMediumVolumeMl: toNumberOrNull(form.conditionedMediumVolumeMl),
    finalVolumeMl: toNumberOrNull(form.finalVolumeMl),
    buffer: form.buffer,
    storageTemperatureC: toNumberOrNull(form.storageTemperatureC),
    harvestDate: toStringOrNull(form.harvestDate),
    isolationDate: toStringOrNull(form.isolationDate),
    status: form.status,
    notes: form.notes,
  };
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = (batch as unknown as Record<string, unknown>)[key];
    if (!Object.is(value, before)) patch[key] = value;
  }
  return patch as BatchPatch;
}

export function BatchMetadataForm({
  batch,
  sources,
  onSaved,
}: {
  batch: Batch;
  sources: MscSource[];
  onSaved: (batch: Batch) => void;
}) {
  const [form, setForm] = useState<FormState>(() => toForm(batch));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  const patch = useMemo(() => toPatch(form, batch), [form, batch]);
  const dirty = Object.keys(patch).length > 0;
  const statusOptions: BatchStatus[] = [batch.status, ...BATCH_TRANSITIONS[batch.status]];
  const projectSources = sources.filter((s) => s.projectId === batch.projectId);
  const terminal = BATCH_TRANSITIONS[batch.status].length === 0;

  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      setSavedAt(null);
    };
  const fieldError = (path: keyof FormState) => issues[path] ?? error?.fieldError([path]) ?? null;

  return (
    <form
      className="form"
      aria-label="Batch metadata"
      onSubmit={async (e) => {
        e.preventDefault();
        const check = batchPatchSchema.safeParse(patch);
        if (!check.success) {
          setIssues(issuesByPath(check.error.issues));
          return;
        }
        setIssues({});
        setError(null);
        setBusy(true);
        try {
          const saved = await api.updateBatch(batch.id, patch);
          setForm(toForm(saved));
          setSavedAt(Date.now());
          onSaved(saved);
        } catch (err) {
          setError(toApiError(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className="form-grid">
        <Field label="Batch code" error={fieldError('code')}>
          <input name="code" value={form.code} onChange={(e) => set('code')(e.target.value)} required />
        </Field>
        <Field
          label="Status"
          error={fieldError('status')}
          hint={terminal ? 'terminal status: no further transitions' : 'draft → in QC → released / rejected'}
        >
          <select
            name="status"
            value={form.status}
            onChange={(e) => set('status')(e.target.value as BatchStatus)}
            disabled={terminal}
          >
            {statusOptions.map((s) => (
              <option key={s} value={s}>
                {s === batch.status ? `${STATUS_LABELS[s]} (current)` : `→ ${STATUS_LABELS[s]}`}
              </option>
            ))}
          </select>
        </Field>
        <Field label="MSC source" error={fieldError('sourceId')} wide>
          <select name="sourceId" value={form.sourceId} onChange={(e) => set('sourceId')(e.target.value)}>
            <option value="">— not recorded —</option>
            {projectSources.map((s) => (
              <option key={s.id} value={s.id}>
                {sourceLabel(s)}
              </option>
            ))}
            {form.sourceId && !projectSources.some((s) => s.id === form.sourceId) ? (
              <option value={form.sourceId}>{form.sourceId}</option>
            ) : null}
          </select>
        </Field>
        <Field label="Conditioned medium" unit="mL" error={fieldError('conditionedMediumVolumeMl')}>
          <input
            name="conditionedMediumVolumeMl"
            inputMode="decimal"
            value={form.conditionedMediumVolumeMl}
            onChange={(e) => set('conditionedMediumVolumeMl')(e.target.value)}
          />
        </Field>
        <Field label="Final EV volume" unit="mL" error={fieldError('finalVolumeMl')}>
          <input
            name="finalVolumeMl"
            inputMode="decimal"
            value={form.finalVolumeMl}
            onChange={(e) => set('finalVolumeMl')(e.target.value)}
          />
        </Field>
        <Field label="Buffer" error={fieldError('buffer')}>
          <input
            name="buffer"
            value={form.buffer}
            onChange={(e) => set('buffer')(e.target.value)}
            list="evlab-buffers"
          />
        </Field>
        <Field label="Storage" unit="°C" error={fieldError('storageTemperatureC')}>
          <input
            name="storageTemperatureC"
            inputMode="decimal"
            value={form.storageTemperatureC}
            onChange={(e) => set('storageTemperatureC')(e.target.value)}
          />
        </Field>
        <Field label="Harvest date" error={fieldError('harvestDate')}>
          <input
            name="harvestDate"
            type="date"
            value={form.harvestDate}
            onChange={(e) => set('harvestDate')(e.target.value)}
          />
        </Field>
        <Field label="Isolation date" error={fieldError('isolationDate')}>
          <input
            name="isolationDate"
            type="date"
            value={form.isolationDate}
            onChange={(e) => set('isolationDate')(e.target.value)}
          />
        </Field>
        <Field label="Notes" error={fieldError('notes')} wide>
          <textarea name="notes" rows={2} value={form.notes} onChange={(e) => set('notes')(e.target.value)} />
        </Field>
      </div>
      <datalist id="evlab-buffers">
        <option value="PBS" />
        <option value="PBS + 0.1% HSA" />
        <option value="PBS + 25 mM trehalose" />
        <option value="0.9% NaCl" />
      </datalist>
      {error && error.errors.length === 0 ? <ErrorPanel error={error} compact /> : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!dirty || busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!dirty || busy}
          onClick={() => {
            setForm(toForm(batch));
            setIssues({});
            setError(null);
          }}
        >
          Revert
        </button>
        {dirty ? (
          <span className="muted small">
            Unsaved: {Object.keys(patch).join(', ')}
            {patch.status ? ` (status ${STATUS_LABELS[batch.status]} → ${STATUS_LABELS[patch.status]})` : ''}
          </span>
        ) : savedAt ? (
          <span className="text-ok small">✓ Saved</span>
        ) : null}
      </div>
    </form>
  );
}
