/**
 * Human-equivalent dose, computed in the browser with the same pure function the API and CLI use
 * (src/science/pk/dosing/human-equivalent-dose.ts): FDA (2005) Km factors, allometry or 1:1 per kg.
 */
import { useMemo, useState } from 'react';
import {
  ADMINISTRATION_ROUTE_LABELS,
  ADMINISTRATION_ROUTES,
  type AdministrationRoute,
} from '../../../../src/domain/administration-route.ts';
import { citationLabel } from '../../../../src/domain/citation.ts';
import {
  DOSE_UNIT_LABELS,
  DOSE_UNITS,
  type DoseUnit,
  PK_SPECIES_LABELS,
} from '../../../../src/domain/pk-study.ts';
import {
  DosingInputError,
  FDA_ALLOMETRIC_EXPONENT,
  HED_METHODS,
  type HedMethod,
  type HedResult,
  humanEquivalentDose,
  KLEIBER_EXPONENT,
} from '../../../../src/science/pk/dosing/human-equivalent-dose.ts';
import { FDA_KM_TABLE, KM_SPECIES, type KmSpecies } from '../../../../src/science/pk/dosing/km-factors.ts';
import { formatSci } from '../../lib/format.ts';
import { Field } from '../field.tsx';
import { VocabularyOptions } from '../select-options.tsx';
import { VocabularySelect } from '../vocabulary-select.tsx';
import { DecimalInput } from './decimal-input.tsx';
import { DoseNotes } from './dose-notes.tsx';

const METHOD_LABELS: Record<HedMethod, string> = {
  bsa: 'Body surface area (Km)',
  allometry: 'Allometry (W^(1−b))',
  'per-kg': '1:1 per kg',
};

export function DoseHedForm() {
  const [species, setSpecies] = useState<KmSpecies>('mouse');
  const [dose, setDose] = useState('1e10');
  const [unit, setUnit] = useState<DoseUnit>('particles');
  const [method, setMethod] = useState<HedMethod>('bsa');
  const [exponent, setExponent] = useState(String(FDA_ALLOMETRIC_EXPONENT));
  const [animalWeight, setAnimalWeight] = useState('');
  const [humanWeight, setHumanWeight] = useState('60');
  const [route, setRoute] = useState<AdministrationRoute | ''>('');

  const outcome = useMemo((): { result: HedResult } | { error: string } => {
    try {
      const num = (text: string) => (text.trim() === '' ? null : Number(text));
      return {
        result: humanEquivalentDose({
          species,
          dosePerKg: Number(dose),
          unit,
          method,
          exponent: method === 'allometry' ? Number(exponent) : undefined,
          animalWeightKg: num(animalWeight),
          humanWeightKg: num(humanWeight),
          route: route === '' ? null : route,
        }),
      };
    } catch (e) {
      return { error: e instanceof DosingInputError ? e.message : String(e) };
    }
  }, [species, dose, unit, method, exponent, animalWeight, humanWeight, route]);

  const u = DOSE_UNIT_LABELS[unit];
  return (
    <section aria-label="Human-equivalent dose">
      <h3 className="pk-subhead">Human-equivalent dose</h3>
      <div className="form-grid">
        <Field label="Species">
          <select
            aria-label="HED species"
            value={species}
            onChange={(e) => setSpecies(e.target.value as KmSpecies)}
          >
            {KM_SPECIES.map((s) => (
              <option key={s} value={s}>
                {PK_SPECIES_LABELS[s]} (Km {FDA_KM_TABLE[s].km})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Animal dose" unit={`${u}/kg`}>
          <DecimalInput name="Animal dose per kg" value={dose} onChange={setDose} />
        </Field>
        <Field label="Unit">
          <VocabularySelect
            name="HED unit"
            values={DOSE_UNITS}
            labels={DOSE_UNIT_LABELS}
            value={unit}
            onChange={setUnit}
          />
        </Field>
        <Field label="Method">
          <VocabularySelect
            name="HED method"
            values={HED_METHODS}
            labels={METHOD_LABELS}
            value={method}
            onChange={setMethod}
          />
        </Field>
        {method === 'allometry' ? (
          <Field label="Exponent b" hint={`${FDA_ALLOMETRIC_EXPONENT} FDA 2005, ${KLEIBER_EXPONENT} Kleiber`}>
            <select
              aria-label="Allometric exponent"
              value={exponent}
              onChange={(e) => setExponent(e.target.value)}
            >
              <option value={String(FDA_ALLOMETRIC_EXPONENT)}>0.67 (FDA 2005)</option>
              <option value={String(KLEIBER_EXPONENT)}>0.75 (Kleiber)</option>
            </select>
          </Field>
        ) : null}
        <Field
          label="Animal weight"
          unit="kg"
          hint={`reference ${FDA_KM_TABLE[species].referenceWeightKg} kg`}
        >
          <DecimalInput
            name="Animal weight (kg)"
            value={animalWeight}
            placeholder={String(FDA_KM_TABLE[species].referenceWeightKg)}
            onChange={setAnimalWeight}
          />
        </Field>
        <Field label="Human weight" unit="kg">
          <DecimalInput name="Human weight (kg)" value={humanWeight} onChange={setHumanWeight} />
        </Field>
        <Field label="Route">
          <select
            aria-label="HED route"
            value={route}
            onChange={(e) => setRoute(e.target.value as AdministrationRoute | '')}
          >
            <option value="">— any —</option>
            <VocabularyOptions values={ADMINISTRATION_ROUTES} labels={ADMINISTRATION_ROUTE_LABELS} />
          </select>
        </Field>
      </div>
      {'error' in outcome ? (
        <p className="text-error" role="alert">
          {outcome.error}
        </p>
      ) : (
        <div className="pk-result" role="status" aria-label="HED result">
          <div>
            HED <span className="pk-big">{formatSci(outcome.result.hedPerKg, 3)}</span> {u}/kg · 60 kg adult:{' '}
            <strong>{formatSci(outcome.result.hedFor60Kg, 3)}</strong> {u}
            {outcome.result.humanWeightKg !== 60 ? (
              <>
                {' '}
                · {outcome.result.humanWeightKg} kg: <strong>{formatSci(outcome.result.hedTotal, 3)}</strong>{' '}
                {u}
              </>
            ) : null}
          </div>
          <div className="muted small">
            {outcome.result.formula} (factor {formatSci(outcome.result.factor, 3)}) ·{' '}
            {citationLabel(outcome.result.citation)}, {outcome.result.citation.location}
          </div>
          <DoseNotes notes={outcome.result.notes} label="HED notes" />
        </div>
      )}
    </section>
  );
}
