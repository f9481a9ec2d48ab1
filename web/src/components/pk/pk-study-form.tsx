/** Records a PK study for a batch: species, animal, route, dose and label (data can be attached via the API). */
import { useState } from 'react';
import {
  ADMINISTRATION_ROUTE_LABELS,
  ADMINISTRATION_ROUTES,
  type AdministrationRoute,
} from '../../../../src/domain/administration-route.ts';
import type { Batch } from '../../../../src/domain/batch.ts';
import { EV_LABELS, type EvLabel } from '../../../../src/domain/ev-label.ts';
import {
  DOSE_UNIT_LABELS,
  DOSE_UNITS,
  type DoseUnit,
  PK_SPECIES,
  PK_SPECIES_LABELS,
  type PkSpecies,
  pkStudyInputSchema,
} from '../../../../src/domain/pk-study.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { useFormSubmit } from '../../lib/use-form-submit.ts';
import { Field } from '../field.tsx';
import { FormError } from '../form-error.tsx';
import { VocabularySelect } from '../vocabulary-select.tsx';

export function PkStudyForm({ batches, onCreated }: { batches: Batch[]; onCreated: () => void }) {
  const [batchId, setBatchId] = useState(batches[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [species, setSpecies] = useState<PkSpecies>('mouse');
  const [strain, setStrain] = useState('');
  const [weightG, setWeightG] = useState('');
  const [route, setRoute] = useState<AdministrationRoute>('intravenous');
  const [doseValue, setDoseValue] = useState('');
  const [doseUnit, setDoseUnit] = useState<DoseUnit>('particles');
  const [perKg, setPerKg] = useState(false);
  const [label, setLabel] = useState<EvLabel | ''>('');
  const [dosedOn, setDosedOn] = useState('');
  const [notes, setNotes] = useState('');
  const { busy, error, fieldError, submit } = useFormSubmit();

  if (batches.length === 0) {
    return <p className="muted">Create a batch first: a PK study records which batch was dosed.</p>;
  }

  return (
    <form
      className="form"
      aria-label="New PK study"
      onSubmit={async (e) => {
        e.preventDefault();
        const weight = weightG.trim() === '' ? null : Number(weightG) / 1000;
        const input = {
          batchId,
          title,
          species,
          strain,
          bodyWeightKg: weight,
          route,
          dose: { value: Number(doseValue), unit: doseUnit, perKg },
          label: label === '' ? null : label,
          dosedOn: dosedOn === '' ? null : dosedOn,
          notes,
        };
        const check = pkStudyInputSchema.safeParse(input);
        await submit(async () => {
          await pkApi.createPkStudy(input);
          setTitle('');
          setNotes('');
          onCreated();
        }, check);
      }}
    >
      <div className="form-grid">
        <Field label="Batch dosed" error={fieldError('batchId')}>
          <select aria-label="Batch dosed" value={batchId} onChange={(e) => setBatchId(e.target.value)}>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.code}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Title" error={fieldError('title')}>
          <input
            aria-label="Study title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="IV biodistribution, 99mTc"
          />
        </Field>
        <Field label="Species" error={fieldError('species')}>
          <VocabularySelect
            values={PK_SPECIES}
            labels={PK_SPECIES_LABELS}
            value={species}
            onChange={setSpecies}
          />
        </Field>
        <Field label="Strain" error={fieldError('strain')}>
          <input
            aria-label="Strain"
            value={strain}
            onChange={(e) => setStrain(e.target.value)}
            placeholder="C57BL/6J"
          />
        </Field>
        <Field label="Body weight" unit="g" error={fieldError('bodyWeightKg')}>
          <input
            aria-label="Study body weight (g)"
            inputMode="decimal"
            value={weightG}
            onChange={(e) => setWeightG(e.target.value)}
          />
        </Field>
        <Field label="Route" error={fieldError('route')}>
          <VocabularySelect
            values={ADMINISTRATION_ROUTES}
            labels={ADMINISTRATION_ROUTE_LABELS}
            value={route}
            onChange={setRoute}
          />
        </Field>
        <Field
          label="Dose"
          unit={perKg ? `${DOSE_UNIT_LABELS[doseUnit]}/kg` : DOSE_UNIT_LABELS[doseUnit]}
          error={fieldError('dose.value')}
        >
          <input
            aria-label="Dose"
            inputMode="decimal"
            value={doseValue}
            onChange={(e) => setDoseValue(e.target.value)}
            placeholder="1e10"
            required
          />
        </Field>
        <Field label="Dose unit">
          <VocabularySelect
            values={DOSE_UNITS}
            labels={DOSE_UNIT_LABELS}
            value={doseUnit}
            onChange={setDoseUnit}
          />
        </Field>
        <label className="pk-check">
          <input type="checkbox" checked={perKg} onChange={(e) => setPerKg(e.target.checked)} /> per kg
        </label>
        <Field label="Label" error={fieldError('label')}>
          <select
            aria-label="Study label"
            value={label}
            onChange={(e) => setLabel(e.target.value as EvLabel | '')}
          >
            <option value="">— none —</option>
            {(Object.keys(EV_LABELS) as EvLabel[]).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Dosed on" error={fieldError('dosedOn')}>
          <input
            type="date"
            aria-label="Dosed on"
            value={dosedOn}
            onChange={(e) => setDosedOn(e.target.value)}
          />
        </Field>
        <Field label="Notes" error={fieldError('notes')} wide>
          <input aria-label="Study notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Record PK study'}
        </button>
        <span className="muted small">Recorded in the batch's audit trail.</span>
      </div>
    </form>
  );
}
