/**
 * Edits every Batch field except the isolation protocol (its own editor). Status offers only the allowed
 * transitions (draft → in-qc → released/rejected, in-qc → draft). Saves only the fields that changed.
 */
import { type ChangeEvent, useMemo, useState } from 'react';
import {
  BATCH_TRANSITIONS,
  type Batch,
  type BatchPatch,
  type BatchStatus,
  batchPatchSchema,
} from '../../../src/domain/batch.ts';
import type { MscSource } from '../../../src/domain/msc-source.ts';
import { NEUROLOGICAL_DISORDERS } from '../../../src/domain/neurological-disorder.ts';
import { api } from '../api/client.ts';
import { fromNumber, toNumberOrNull, toStringOrNull } from '../lib/form-values.ts';
import { ISO_DATE_INPUT } from '../lib/iso-date-input.ts';
import { STATUS_LABELS } from '../lib/labels.ts';
import { useFormSubmit } from '../lib/use-form-submit.ts';
import { Field } from './field.tsx';
import { FormError } from './form-error.tsx';
import { SourceOptions } from './select-options.tsx';

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
  intendedIndication: string;
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
    intendedIndication: b.intendedIndication ?? '',
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
    intendedIndication: toStringOrNull(form.intendedIndication.trim()),
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
  const { busy, error, fieldError, submit, clear } = useFormSubmit();
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
  /** name, value and onChange of the control of one text field. */
  const bind = (key: Exclude<keyof FormState, 'status'>) => ({
    name: key,
    value: form[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      set(key)(e.target.value),
  });

  return (
    <form
      className="form"
      aria-label="Batch metadata"
      onSubmit={async (e) => {
        e.preventDefault();
        const check = batchPatchSchema.safeParse(patch);
        await submit(async () => {
          const saved = await api.updateBatch(batch.id, patch);
          setForm(toForm(saved));
          setSavedAt(Date.now());
          onSaved(saved);
        }, check);
      }}
    >
      <div className="form-grid">
        <Field label="Batch code" error={fieldError('code')}>
          <input {...bind('code')} required />
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
          <select {...bind('sourceId')}>
            <option value="">— not recorded —</option>
            <SourceOptions sources={projectSources} />
            {form.sourceId && !projectSources.some((s) => s.id === form.sourceId) ? (
              <option value={form.sourceId}>{form.sourceId}</option>
            ) : null}
          </select>
        </Field>
        <Field label="Conditioned medium" unit="mL" error={fieldError('conditionedMediumVolumeMl')}>
          <input inputMode="decimal" {...bind('conditionedMediumVolumeMl')} />
        </Field>
        <Field label="Final EV volume" unit="mL" error={fieldError('finalVolumeMl')}>
          <input inputMode="decimal" {...bind('finalVolumeMl')} />
        </Field>
        <Field label="Buffer" error={fieldError('buffer')}>
          <input {...bind('buffer')} list="evlab-buffers" />
        </Field>
        <Field label="Storage" unit="°C" error={fieldError('storageTemperatureC')}>
          <input inputMode="decimal" {...bind('storageTemperatureC')} />
        </Field>
        <Field label="Harvest date" error={fieldError('harvestDate')}>
          <input {...ISO_DATE_INPUT} {...bind('harvestDate')} />
        </Field>
        <Field label="Isolation date" error={fieldError('isolationDate')}>
          <input {...ISO_DATE_INPUT} {...bind('isolationDate')} />
        </Field>
        <Field
          label="Intended indication"
          error={fieldError('intendedIndication')}
          hint="a neurological disorder from the list or free text; links the batch to its evidence"
          wide
        >
          <input
            {...bind('intendedIndication')}
            list="evlab-indications"
            placeholder="e.g. ischemic-stroke"
          />
        </Field>
        <Field label="Notes" error={fieldError('notes')} wide>
          <textarea rows={2} {...bind('notes')} />
        </Field>
      </div>
      <datalist id="evlab-indications">
        {NEUROLOGICAL_DISORDERS.map((d) => (
          <option key={d.slug} value={d.slug} label={d.label} />
        ))}
      </datalist>
      <datalist id="evlab-buffers">
        <option value="PBS" />
        <option value="PBS + 0.1% HSA" />
        <option value="PBS + 25 mM trehalose" />
        <option value="0.9% NaCl" />
      </datalist>
      <FormError error={error} />
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
            clear();
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
