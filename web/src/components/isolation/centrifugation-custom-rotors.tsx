/**
 * "Custom rotor" in the centrifugation simulator: a form for the user's own rotor (geometry from its manual),
 * an import of `--rotor-file` JSON (pasted or a file), and the list of saved rotors ("Your rotors") with
 * delete and export. Validation and storage are the pure helpers in custom-rotors.ts (the CLI/API zod schema);
 * the parent keeps the list and persists it to localStorage.
 */
import { useId, useState } from 'react';
import type { Rotor } from '../../../../src/science/centrifugation/centrifugation-types.ts';
import { formatInteger } from '../../lib/format.ts';
import {
  type CustomRotorDraft,
  type CustomRotorField,
  EMPTY_ROTOR_DRAFT,
  importCustomRotors,
  serializeCustomRotors,
  validateRotorDraft,
} from './custom-rotors.ts';

function DraftField({
  field,
  label,
  unit,
  hint,
  draft,
  error,
  onChange,
}: {
  field: Exclude<CustomRotorField, 'type'>;
  label: string;
  unit?: string;
  hint?: string;
  draft: CustomRotorDraft;
  error: string | undefined;
  onChange: (field: CustomRotorField, value: string) => void;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <span className="field-control">
        <input
          id={id}
          inputMode={field === 'name' ? 'text' : 'decimal'}
          value={draft[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? `${id}-msg` : undefined}
          onChange={(e) => onChange(field, e.target.value)}
        />
        {unit ? <span className="field-unit">{unit}</span> : null}
      </span>
      {error ? (
        <span className="field-error" id={`${id}-msg`}>
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint" id={`${id}-msg`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** The form for one new rotor; `onSave` gets the validated rotor. */
function CustomRotorForm({
  existing,
  onSave,
  onCancel,
}: {
  existing: readonly Rotor[];
  onSave: (rotor: Rotor) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<CustomRotorDraft>(EMPTY_ROTOR_DRAFT);
  const [errors, setErrors] = useState<Partial<Record<CustomRotorField, string>>>({});
  const typeId = useId();
  const change = (field: CustomRotorField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    // The message goes once the field is edited; the next save validates again.
    setErrors((e) => {
      const { [field]: _dropped, ...rest } = e;
      return rest;
    });
  };
  const save = () => {
    const checked = validateRotorDraft(draft, existing);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    onSave(checked.rotor);
    setDraft(EMPTY_ROTOR_DRAFT);
    setErrors({});
  };
  const fixed = draft.type === 'fixed-angle';
  const count = Object.keys(errors).length;
  return (
    <form
      className="spin-custom-form"
      aria-label="Custom rotor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="form-grid">
        <DraftField field="name" label="Rotor name" draft={draft} error={errors.name} onChange={change} />
        <div className="field">
          <label className="field-label" htmlFor={typeId}>
            Rotor type
          </label>
          <select
            id={typeId}
            value={draft.type}
            onChange={(e) => change('type', e.target.value as CustomRotorDraft['type'])}
          >
            <option value="swinging-bucket">Swinging bucket</option>
            <option value="fixed-angle">Fixed angle</option>
          </select>
        </div>
        <DraftField
          field="rMinMm"
          label="Rmin"
          unit="mm"
          hint="axis to the liquid surface"
          draft={draft}
          error={errors.rMinMm}
          onChange={change}
        />
        <DraftField
          field="rAvMm"
          label="Rav"
          unit="mm"
          hint="optional; empty = (Rmin + Rmax)/2"
          draft={draft}
          error={errors.rAvMm}
          onChange={change}
        />
        <DraftField
          field="rMaxMm"
          label="Rmax"
          unit="mm"
          hint="axis to the tube bottom"
          draft={draft}
          error={errors.rMaxMm}
          onChange={change}
        />
        {fixed ? (
          <>
            <DraftField
              field="tubeDiameterMm"
              label="Tube diameter"
              unit="mm"
              hint="inner diameter: the sedimentation path"
              draft={draft}
              error={errors.tubeDiameterMm}
              onChange={change}
            />
            <DraftField
              field="angleDeg"
              label="Tube angle"
              unit="°"
              hint="from the rotation axis"
              draft={draft}
              error={errors.angleDeg}
              onChange={change}
            />
          </>
        ) : null}
        <DraftField
          field="maxRpm"
          label="Maximum speed"
          unit="rpm"
          draft={draft}
          error={errors.maxRpm}
          onChange={change}
        />
        <DraftField
          field="tubeVolumeMl"
          label="Tube volume"
          unit="mL"
          hint="optional"
          draft={draft}
          error={errors.tubeVolumeMl}
          onChange={change}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary">
          Save rotor
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Close
        </button>
        {count > 0 ? (
          <span className="text-error small" role="alert">
            {count === 1 ? '1 field needs attention' : `${count} fields need attention`}
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** Import of `--rotor-file` JSON, pasted or from a file. */
function RotorImport({
  existing,
  onImport,
}: {
  existing: readonly Rotor[];
  onImport: (rotors: Rotor[]) => void;
}) {
  const [text, setText] = useState('');
  const [issues, setIssues] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const id = useId();
  const run = (json: string) => {
    const result = importCustomRotors(json, existing);
    if (!result.ok) {
      setIssues(result.issues);
      setDone(null);
      return;
    }
    onImport(result.rotors);
    setIssues([]);
    setText('');
    setDone(`Imported ${result.rotors.map((r) => r.name).join(', ')}.`);
  };
  return (
    <section className="spin-custom-import" aria-label="Import rotors">
      <div className="field">
        <label className="field-label" htmlFor={id}>
          Import JSON
        </label>
        <textarea
          id={id}
          className="mono spin-custom-json"
          rows={5}
          spellCheck={false}
          value={text}
          aria-invalid={issues.length > 0 ? true : undefined}
          placeholder={
            '[{ "name": "My SW 32", "type": "swinging-bucket",\n   "rMinMm": 66.8, "rMaxMm": 152.5, "maxRpm": 32000 }]'
          }
          onChange={(e) => {
            setText(e.target.value);
            setDone(null);
          }}
        />
        <span className="field-hint">
          The <code>--rotor-file</code> format of <code>evlab spin</code>: a JSON array of rotors, lengths in
          mm.
        </span>
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={text.trim() === ''} onClick={() => run(text)}>
          Import pasted JSON
        </button>
        <label className="button">
          Choose JSON file…
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Rotor JSON file"
            className="spin-custom-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) run(await file.text());
            }}
          />
        </label>
      </div>
      {issues.length > 0 ? (
        <div className="state state-error compact" role="alert">
          <div className="state-title">Nothing imported</div>
          <ul className="spin-custom-issues">
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {done ? (
        <p className="text-ok small" role="status">
          {done}
        </p>
      ) : null}
    </section>
  );
}

function geometry(rotor: Rotor): string {
  const head =
    rotor.type === 'swinging-bucket'
      ? 'swinging bucket'
      : `fixed angle ${rotor.angleDeg}°, tube Ø ${rotor.tubeDiameterMm} mm`;
  return `${head} · Rmin ${rotor.rMinMm} · Rav ${rotor.rAvMm} · Rmax ${rotor.rMaxMm} mm · max ${formatInteger(rotor.maxRpm)} rpm${rotor.tubeVolumeMl !== null ? ` · ${rotor.tubeVolumeMl} mL` : ''}`;
}

/**
 * The "Custom rotor" area under the rotor picker: the saved rotors (with delete and export) and, when open,
 * the form and the JSON import.
 */
export function CentrifugationCustomRotors({
  rotors,
  open,
  storageProblem,
  onOpenChange,
  onAdd,
  onDelete,
}: {
  rotors: readonly Rotor[];
  open: boolean;
  storageProblem: string | null;
  onOpenChange: (open: boolean) => void;
  onAdd: (rotors: Rotor[]) => void;
  onDelete: (name: string) => void;
}) {
  const exportHref = `data:application/json;charset=utf-8,${encodeURIComponent(serializeCustomRotors(rotors))}`;
  return (
    <div className="spin-custom">
      <div className="spin-custom-head">
        <button
          type="button"
          className="button small"
          aria-expanded={open}
          onClick={() => onOpenChange(!open)}
        >
          {open ? 'Hide custom rotor form' : 'Custom rotor…'}
        </button>
        {rotors.length > 0 ? (
          <a className="button small" href={exportHref} download="evlab-rotors.json">
            Export your rotors (JSON)
          </a>
        ) : null}
      </div>
      {storageProblem ? <p className="spin-note">{storageProblem}</p> : null}
      {rotors.length > 0 ? (
        <ul className="spin-custom-list" aria-label="Your rotors">
          {rotors.map((r) => (
            <li key={r.name}>
              <span>
                <strong>{r.name}</strong> <span className="muted small">{geometry(r)}</span>
              </span>
              <button
                type="button"
                className="button small danger"
                aria-label={`Delete rotor ${r.name}`}
                onClick={() => onDelete(r.name)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {open ? (
        <div className="spin-custom-body">
          <p className="muted small">
            Enter the geometry from the rotor manual. It is checked like <code>--rotor-file</code> and kept in
            this browser only.
          </p>
          <CustomRotorForm
            existing={rotors}
            onSave={(r) => onAdd([r])}
            onCancel={() => onOpenChange(false)}
          />
          <RotorImport existing={rotors} onImport={onAdd} />
        </div>
      ) : null}
    </div>
  );
}
