/**
 * Dose preparation: pick a batch and the measurement that gives the concentration (NanoSight or ZetaView
 * particles/mL, or a protein plate sample in µg/mL; its QC status and dilution shown; QC errors must be
 * accepted with a reason that is recorded in the audit trail first, retracted ones cannot be picked), the dose and the animal, the
 * route (its maximum injection volume comes from the route library); the plan is computed in the browser
 * with src/science/pk/dosing/dose-preparation.ts.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  ADMINISTRATION_ROUTE_LABELS,
  ADMINISTRATION_ROUTES,
  type AdministrationRoute,
} from '../../../../src/domain/administration-route.ts';
import { routeProfile } from '../../../../src/domain/evidence/accessors.ts';
import {
  DOSE_UNIT_LABELS,
  DOSE_UNITS,
  type DoseUnit,
  PK_SPECIES,
  PK_SPECIES_LABELS,
  type PkSpecies,
} from '../../../../src/domain/pk-study.ts';
import {
  chooseDoseConcentration,
  type DoseConcentrationSource,
  DoseSourceError,
} from '../../../../src/science/pk/dosing/dose-concentration-source.ts';
import { type DosePreparation, prepareDose } from '../../../../src/science/pk/dosing/dose-preparation.ts';
import { DosingInputError } from '../../../../src/science/pk/dosing/human-equivalent-dose.ts';
import { ROUTE_LIBRARY } from '../../../../src/science/pk/dosing/route-library.ts';
import { api } from '../../api/client.ts';
import { pkApi } from '../../api/pk-studies-client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatInputNumber, formatSci, formatVolumeUl } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { Field } from '../field.tsx';
import { VocabularySelect } from '../vocabulary-select.tsx';
import { DecimalInput } from './decimal-input.tsx';
import { DoseNotes } from './dose-notes.tsx';
import { DoseSourcePicker, doseSourceKey } from './dose-source-picker.tsx';

const ul = (v: number) => formatVolumeUl(v, 3);

export function DosePrepareForm() {
  const batches = useApi((signal) => api.listBatches({ limit: 200 }, signal), []);
  const [batchId, setBatchId] = useState('');
  const [concentration, setConcentration] = useState('');
  const [dose, setDose] = useState('1e10');
  const [unit, setUnit] = useState<DoseUnit>('particles');
  const [perKg, setPerKg] = useState(false);
  const [species, setSpecies] = useState<PkSpecies>('mouse');
  const [weightG, setWeightG] = useState('25');
  const [route, setRoute] = useState<AdministrationRoute>('intravenous');
  const [volumeUl, setVolumeUl] = useState('');
  const [maxVolumeUl, setMaxVolumeUl] = useState('');
  const [animals, setAnimals] = useState('1');
  const [overage, setOverage] = useState('0');

  const sources = useApi(
    (signal) => (batchId === '' ? Promise.resolve(null) : pkApi.doseSources(batchId, signal)),
    [batchId],
  );
  // The measurement the concentration comes from: none until the user picks one (never a silent default).
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [acceptQcErrors, setAcceptQcErrors] = useState(false);
  // QC errors are used only after the override, with its reason, is in the audit trail (never silently).
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideRecorded, setOverrideRecorded] = useState(false);
  const [overrideError, setOverrideError] = useState<string | null>(null);
  const source = sources.data?.sources.find((x) => doseSourceKey(x) === sourceId) ?? null;
  // A dilution entered later changes the stock concentration: follow it.
  useEffect(() => {
    if (source?.concentrationPerMl) setConcentration(formatInputNumber(source.concentrationPerMl, 4));
  }, [source?.concentrationPerMl]);
  const pickBatch = (id: string) => {
    setBatchId(id);
    setSourceId(null);
    resetOverride();
  };
  const resetOverride = () => {
    setAcceptQcErrors(false);
    setOverrideReason('');
    setOverrideRecorded(false);
    setOverrideError(null);
  };
  const pickSource = (s: DoseConcentrationSource) => {
    setSourceId(doseSourceKey(s));
    resetOverride();
    setUnit(s.unit);
    if (s.concentrationPerMl) setConcentration(formatInputNumber(s.concentrationPerMl, 4));
  };
  const typeConcentration = (text: string) => {
    setConcentration(text);
    setSourceId(null); // typed by hand: no longer the measurement's
  };

  const outcome = useMemo((): { plan: DosePreparation } | { error: string } | null => {
    if (concentration.trim() === '') return null;
    const num = (text: string) => (text.trim() === '' ? null : Number(text));
    const weight = num(weightG);
    try {
      // The same rule as POST /api/pk/dose/prepare with measurementId: retracted refused, QC errors accepted explicitly.
      const chosen = source
        ? chooseDoseConcentration(source, {
            acceptQcErrors: acceptQcErrors && overrideRecorded,
            overrideReason,
            unit,
          })
        : null;
      const plan = prepareDose({
        stockConcentrationPerMl: chosen ? chosen.stockConcentrationPerMl : Number(concentration),
        dose: Number(dose),
        unit,
        perKg,
        bodyWeightKg: weight === null ? null : weight / 1000,
        injectionVolumeUl: num(volumeUl),
        maxVolumeUl: num(maxVolumeUl),
        route,
        species,
        animals: Number(animals),
        overagePercent: Number(overage),
      });
      return { plan: chosen ? { ...plan, notes: [...chosen.notes, ...plan.notes] } : plan };
    } catch (e) {
      return {
        error: e instanceof DosingInputError || e instanceof DoseSourceError ? e.message : String(e),
      };
    }
  }, [
    concentration,
    source,
    acceptQcErrors,
    overrideRecorded,
    overrideReason,
    dose,
    unit,
    perKg,
    weightG,
    volumeUl,
    maxVolumeUl,
    route,
    species,
    animals,
    overage,
  ]);

  const u = DOSE_UNIT_LABELS[unit];
  const review = routeProfile(route);
  const library = ROUTE_LIBRARY[route];
  return (
    <section aria-label="Dose preparation">
      <h3 className="pk-subhead">Dose preparation</h3>
      <div className="form-grid">
        <Field
          label="Batch"
          hint="optional: lists its NTA, ZetaView and protein-assay measurements to take the concentration from"
        >
          <select aria-label="Preparation batch" value={batchId} onChange={(e) => pickBatch(e.target.value)}>
            <option value="">— none —</option>
            {(batches.data?.items ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.code}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Batch concentration"
          unit={`${u}/mL`}
          hint={
            source
              ? `from ${source.fileName ?? source.measurementId}${source.sampleId ? ` (${source.sampleId})` : ''}`
              : 'typed in, or picked below'
          }
        >
          <DecimalInput
            name="Batch concentration per mL"
            value={concentration}
            placeholder="2.5e11"
            onChange={typeConcentration}
          />
        </Field>
        <Field label={perKg ? 'Dose per kg' : 'Dose per animal'} unit={perKg ? `${u}/kg` : u}>
          <DecimalInput name="Target dose" value={dose} onChange={setDose} />
        </Field>
        <Field label="Unit">
          <VocabularySelect
            name="Preparation dose unit"
            values={DOSE_UNITS}
            labels={DOSE_UNIT_LABELS}
            value={unit}
            onChange={setUnit}
          />
        </Field>
        <label className="pk-check">
          <input
            type="checkbox"
            aria-label="Preparation dose per kg"
            checked={perKg}
            onChange={(e) => setPerKg(e.target.checked)}
          />{' '}
          Dose per kg
        </label>
        <Field label="Species">
          <VocabularySelect
            name="Preparation species"
            values={PK_SPECIES}
            labels={PK_SPECIES_LABELS}
            value={species}
            onChange={setSpecies}
          />
        </Field>
        <Field label="Animal weight" unit="g">
          <DecimalInput name="Preparation animal weight (g)" value={weightG} onChange={setWeightG} />
        </Field>
        <Field label="Route">
          <VocabularySelect
            name="Preparation route"
            values={ADMINISTRATION_ROUTES}
            labels={ADMINISTRATION_ROUTE_LABELS}
            value={route}
            onChange={setRoute}
          />
        </Field>
        <Field label="Injection volume" unit="µL" hint="empty = undiluted stock">
          <DecimalInput name="Injection volume (µL)" value={volumeUl} onChange={setVolumeUl} />
        </Field>
        <Field label="Max volume" unit="µL" hint="empty = route library">
          <DecimalInput name="Maximum volume (µL)" value={maxVolumeUl} onChange={setMaxVolumeUl} />
        </Field>
        <Field label="Animals">
          <DecimalInput name="Preparation animals" integer value={animals} onChange={setAnimals} />
        </Field>
        <Field label="Overage" unit="%">
          <DecimalInput name="Overage (%)" value={overage} onChange={setOverage} />
        </Field>
      </div>
      {batchId ? (
        <section aria-label="Concentration source" className="dose-sources">
          <h4 className="pk-subhead">Which measurement gives the concentration?</h4>
          {sources.error ? (
            <p className="text-error" role="alert">
              Could not read the measurements: {sources.error.detail ?? sources.error.title}
            </p>
          ) : sources.data ? (
            <DoseSourcePicker
              sources={sources.data.sources}
              selected={sourceId}
              onSelect={pickSource}
              onDilutionChanged={sources.reload}
            />
          ) : (
            <p className="muted small">Reading the measurements…</p>
          )}
          {source && source.qc.errors.length > 0 ? (
            <div className="dose-override">
              <label className="pk-check">
                <input
                  type="checkbox"
                  checked={acceptQcErrors}
                  disabled={overrideRecorded}
                  onChange={(e) => setAcceptQcErrors(e.target.checked)}
                />{' '}
                Use this measurement despite its QC errors
              </label>
              {acceptQcErrors ? (
                <>
                  <Field label="Reason" hint="written to the audit trail with your name">
                    <input
                      aria-label="Reason for using a measurement with QC errors"
                      value={overrideReason}
                      disabled={overrideRecorded}
                      onChange={(e) => setOverrideReason(e.target.value)}
                    />
                  </Field>
                  {overrideRecorded ? (
                    <span className="small" role="status">
                      Override recorded in the audit trail.
                    </span>
                  ) : (
                    <button
                      type="button"
                      disabled={overrideReason.trim() === ''}
                      onClick={async () => {
                        try {
                          await pkApi.prepareDoseFromSource({
                            measurementId: source.measurementId,
                            ...(source.sampleId ? { sampleId: source.sampleId } : {}),
                            acceptQcErrors: true,
                            overrideReason,
                            dose: Number(dose) > 0 ? Number(dose) : 1,
                            unit: source.unit,
                          });
                          setOverrideRecorded(true);
                          setOverrideError(null);
                        } catch (e) {
                          setOverrideError(e instanceof Error ? e.message : String(e));
                        }
                      }}
                    >
                      Record the override and use it
                    </button>
                  )}
                  {overrideError ? (
                    <p className="text-error small" role="alert">
                      {overrideError}
                    </p>
                  ) : null}
                </>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
      <p className="pk-review">
        <strong>{ADMINISTRATION_ROUTE_LABELS[route]}</strong>: {library.assumption}
        {review ? (
          <>
            {' '}
            Review (Li et al. 2025): {review.characteristics}
            {review.distribution ? ` Distribution: ${review.distribution}.` : ''}
          </>
        ) : null}
        {batchId ? (
          <>
            {' '}
            <Link to={`/batches/${batchId}`}>Open the batch</Link>
          </>
        ) : null}
      </p>
      {outcome === null ? (
        <p className="muted small">
          Enter the batch concentration (or pick a batch with an NTA measurement).
        </p>
      ) : 'error' in outcome ? (
        <p className="text-error" role="alert">
          {outcome.error}
        </p>
      ) : (
        <PreparationResult plan={outcome.plan} unit={u} />
      )}
    </section>
  );
}

function PreparationResult({ plan, unit }: { plan: DosePreparation; unit: string }) {
  const mix = plan.finalMix;
  return (
    <div className="pk-result" role="status" aria-label="Preparation result">
      <div>
        Draw <span className="pk-big">{ul(plan.stockVolumePerAnimalUl)}</span> of stock per animal (
        {formatSci(plan.dosePerAnimal, 3)} {unit}); inject {ul(plan.injectionVolumeUl)} at{' '}
        {formatSci(plan.finalConcentrationPerMl, 3)} {unit}/mL (1:{formatSci(plan.dilutionFactor, 3)}).
      </div>
      {plan.maxVolume ? (
        <div className="muted small">
          Maximum: {plan.maxVolume.goodPracticeUl === null ? '—' : ul(plan.maxVolume.goodPracticeUl)}
          {plan.maxVolume.possibleMaxUl !== null ? ` (possible max ${ul(plan.maxVolume.possibleMaxUl)})` : ''}{' '}
          — {plan.maxVolume.basis}
          {plan.maxVolume.citation
            ? ` [${plan.maxVolume.citation.authors} ${plan.maxVolume.citation.year}]`
            : ''}
        </div>
      ) : null}
      <table className="table" aria-label="Dilution plan">
        <thead>
          <tr>
            <th>Step</th>
            <th>From</th>
            <th className="num">Transfer</th>
            <th className="num">Diluent</th>
            <th className="num">Total</th>
            <th className="num">Concentration ({unit}/mL)</th>
          </tr>
        </thead>
        <tbody>
          {plan.intermediateSteps.map((s) => (
            <tr key={s.step}>
              <td>{s.step}</td>
              <td>{s.from === 'stock' ? 'stock' : `step ${s.from}`}</td>
              <td className="num">{ul(s.transferUl)}</td>
              <td className="num">{ul(s.diluentUl)}</td>
              <td className="num">{ul(s.totalUl)}</td>
              <td className="num">{formatSci(s.concentrationPerMl, 3)}</td>
            </tr>
          ))}
          <tr>
            <td>
              final ({mix.animals} animal{mix.animals === 1 ? '' : 's'}
              {mix.overagePercent ? ` + ${mix.overagePercent} %` : ''})
            </td>
            <td>{mix.from === 'stock' ? 'stock' : `step ${mix.from}`}</td>
            <td className="num">{ul(mix.transferUl)}</td>
            <td className="num">{ul(mix.diluentUl)}</td>
            <td className="num">{ul(mix.totalUl)}</td>
            <td className="num">{formatSci(plan.finalConcentrationPerMl, 3)}</td>
          </tr>
        </tbody>
      </table>
      <DoseNotes notes={plan.notes} label="Preparation warnings" />
    </div>
  );
}
