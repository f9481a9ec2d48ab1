/**
 * Records a PK study for a batch — species, animal, route, dose, label — with its concentration–time and
 * biodistribution data (pasted or uploaded, previewed before saving); with `study` it edits that study
 * instead (PATCH; the batch stays fixed and the data tables replace the stored rows). The tables the user
 * gave are sent as `sources` exactly as pasted or read from the file, beside the rows parsed from them.
 */
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
  type PkStudy,
  pkStudyInputSchema,
  pkStudyPatchSchema,
} from '../../../../src/domain/pk-study.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { formatInputNumber } from '../../lib/format.ts';
import { ISO_DATE_INPUT } from '../../lib/iso-date-input.ts';
import { useFormSubmit } from '../../lib/use-form-submit.ts';
import { Field } from '../field.tsx';
import { FormError } from '../form-error.tsx';
import { ErrorPanel } from '../states.tsx';
import { VocabularySelect } from '../vocabulary-select.tsx';
import { DecimalInput } from './decimal-input.tsx';
import { PkStudyDataEditor, useObservationDrafts } from './pk-study-data-editor.tsx';
import { sourceSizeProblem } from './pk-study-observations.ts';

/** grams as typed from a stored kg value, without float noise (0.025 kg → "25"). */
function gramsText(kg: number | null): string {
  return kg === null ? '' : formatInputNumber(kg * 1000, 12);
}

type PkStudyFormProps =
  | { batches: Batch[]; onCreated: (study: PkStudy) => void; study?: undefined; onSaved?: undefined }
  | {
      study: PkStudy;
      /** Code of the study's batch, shown (the batch cannot change). */
      batchCode?: string;
      onSaved: (study: PkStudy) => void;
      onCancel?: () => void;
      batches?: undefined;
      onCreated?: undefined;
    };

export function PkStudyForm(props: PkStudyFormProps) {
  const study = props.study;
  const batches = props.batches ?? [];
  const [batchId, setBatchId] = useState(study?.batchId ?? '');
  const [title, setTitle] = useState(study?.title ?? '');
  const [species, setSpecies] = useState<PkSpecies>(study?.species ?? 'mouse');
  const [strain, setStrain] = useState(study?.strain ?? '');
  const [weightG, setWeightG] = useState(gramsText(study?.bodyWeightKg ?? null));
  const [route, setRoute] = useState<AdministrationRoute>(study?.route ?? 'intravenous');
  const [doseValue, setDoseValue] = useState(study ? String(study.dose.value) : '');
  const [doseUnit, setDoseUnit] = useState<DoseUnit>(study?.dose.unit ?? 'particles');
  const [perKg, setPerKg] = useState(study?.dose.perKg ?? false);
  const [label, setLabel] = useState<EvLabel | ''>(study?.label ?? '');
  const [dosedOn, setDosedOn] = useState(study?.dosedOn ?? '');
  const [notes, setNotes] = useState(study?.notes ?? '');
  const [dataError, setDataError] = useState<string | null>(null);
  const drafts = useObservationDrafts(study?.observations);
  const { busy, error, fieldError, submit } = useFormSubmit();

  if (!study && batches.length === 0) {
    return <p className="muted">Create a batch first: a PK study records which batch was dosed.</p>;
  }
  const formName = study ? 'Edit PK study' : 'New PK study';

  return (
    <form
      className="form"
      aria-label={formName}
      onSubmit={async (e) => {
        e.preventDefault();
        const observations = drafts.observations;
        if (!observations) {
          setDataError('Fix the data table errors shown above before saving.');
          return;
        }
        const sources = drafts.sources;
        const tooLarge = sources.map(sourceSizeProblem).find((p) => p !== null);
        if (tooLarge) {
          setDataError(tooLarge);
          return;
        }
        setDataError(null);
        const weight = weightG.trim() === '' ? null : Number(weightG) / 1000;
        const fields = {
          title,
          species,
          strain,
          bodyWeightKg: weight,
          route,
          dose: { value: Number(doseValue), unit: doseUnit, perKg },
          label: label === '' ? null : label,
          dosedOn: dosedOn === '' ? null : dosedOn,
          notes,
          observations,
        };
        if (props.study) {
          const { onSaved } = props;
          const id = props.study.id;
          await submit(
            async () =>
              onSaved(await pkApi.updatePkStudy(id, sources.length > 0 ? { ...fields, sources } : fields)),
            pkStudyPatchSchema.safeParse(fields),
          );
        } else {
          const { onCreated } = props;
          const input = { ...fields, batchId };
          await submit(async () => {
            const created = await pkApi.createPkStudy(sources.length > 0 ? { ...input, sources } : input);
            setTitle('');
            setNotes('');
            drafts.setConcText('');
            drafts.setConcFile(undefined);
            drafts.setBioText('');
            drafts.setBioFile(undefined);
            onCreated(created);
          }, pkStudyInputSchema.safeParse(input));
        }
      }}
    >
      <div className="form-grid">
        <Field label="Batch dosed" error={fieldError('batchId')}>
          {props.study ? (
            <input aria-label="Batch dosed" value={props.batchCode ?? props.study.batchId} readOnly />
          ) : (
            <select aria-label="Batch dosed" value={batchId} onChange={(e) => setBatchId(e.target.value)}>
              <option value="">Choose the batch that was dosed…</option>
              {batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.code}
                </option>
              ))}
            </select>
          )}
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
          <DecimalInput name="Study body weight (g)" value={weightG} onChange={setWeightG} />
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
          <DecimalInput name="Dose" value={doseValue} onChange={setDoseValue} placeholder="1e10" required />
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
            {...ISO_DATE_INPUT}
            aria-label="Dosed on"
            value={dosedOn}
            onChange={(e) => setDosedOn(e.target.value)}
          />
        </Field>
        <Field label="Notes" error={fieldError('notes')} wide>
          <input aria-label="Study notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
      </div>
      <PkStudyDataEditor
        drafts={drafts}
        {...(study
          ? {
              stored: {
                concentrationTime: study.observations.concentrationTime.length,
                biodistribution: study.observations.biodistribution.length,
              },
            }
          : {})}
      />
      {error?.errors.some((e) => e.path[0] === 'observations') ? <ErrorPanel error={error} compact /> : null}
      {dataError ? (
        <p className="field-error" role="alert">
          {dataError}
        </p>
      ) : null}
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : study ? 'Save changes' : 'Record PK study'}
        </button>
        {props.study && props.onCancel ? (
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
        <span className="muted small">Recorded in the batch's audit trail.</span>
      </div>
    </form>
  );
}
