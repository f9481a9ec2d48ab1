/**
 * Simulate mode: pick a model and a regimen, move log-scale sliders for each parameter, and the curve is
 * recomputed in the browser (pure src/science model code) on every change.
 */
import { useMemo, useState } from 'react';
import {
  COMPARTMENT_MODELS,
  findModel,
  unitString,
} from '../../../../src/science/pk/models/model-registry.ts';
import { modelParameters } from '../../../../src/science/pk/models/model-types.ts';
import { simulateModel } from '../../../../src/science/pk/models/simulate-model.ts';
import { ModelFitPlot } from '../../plots/model-fit-plot.tsx';
import { Empty } from '../states.tsx';
import { formatEstimate } from './model-fit-tables.tsx';
import { NumberField } from './model-number-field.tsx';

/** Illustrative starting values (per h, L, mg) for the sliders; users move them to their case. */
const DEFAULTS: Record<string, number> = {
  k10: 0.2,
  k12: 0.5,
  k21: 0.3,
  k13: 0.1,
  k31: 0.05,
  V1: 10,
  ka: 1,
  tlag: 0.25,
  Vmax: 20,
  Km: 2,
  factor: 2,
};

export function ModelSimulator() {
  const [modelId, setModelId] = useState('2cmt-iv-bolus');
  const [values, setValues] = useState<Record<string, number>>(DEFAULTS);
  const [dose, setDose] = useState('100');
  const [doses, setDoses] = useState('1');
  const [tau, setTau] = useState('24');
  const [duration, setDuration] = useState('1');
  const [lag, setLag] = useState(false);
  const [logScale, setLogScale] = useState(true);
  const model = findModel(modelId);
  const specs = model ? modelParameters(model, { lag }) : [];

  const simulation = useMemo(() => {
    if (!model) return { error: 'Unknown model.' };
    try {
      const params = Object.fromEntries(specs.map((s) => [s.name, values[s.name] ?? 1]));
      const result = simulateModel({
        model: model.id,
        params,
        dose: Number(dose),
        doses: Number(doses) || 1,
        tauH: Number(tau) || 0,
        ...(model.input === 'iv-infusion' ? { durationH: Number(duration) } : {}),
      });
      return { result };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [model, specs, values, dose, doses, tau, duration]);

  return (
    <div>
      <div className="form-grid">
        <label className="field">
          <span className="field-label">Model</span>
          <span className="field-control">
            <select
              value={modelId}
              onChange={(e) => setModelId(e.target.value)}
              aria-label="Simulation model"
            >
              {COMPARTMENT_MODELS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                </option>
              ))}
            </select>
          </span>
        </label>
        <NumberField label="Dose" name="Simulation dose" unit="mg" value={dose} onChange={setDose} />
        <NumberField label="Doses" name="Simulation doses" value={doses} onChange={setDoses} />
        <NumberField label="Interval τ" name="Simulation interval τ" unit="h" value={tau} onChange={setTau} />
        {model?.input === 'iv-infusion' ? (
          <NumberField
            label="Duration"
            name="Simulation infusion duration"
            unit="h"
            value={duration}
            onChange={setDuration}
          />
        ) : null}
        {model?.input === 'first-order' ? (
          <label className="field">
            <span className="field-label">Lag time</span>
            <span className="field-control">
              <input
                type="checkbox"
                checked={lag}
                onChange={(e) => setLag(e.target.checked)}
                aria-label="Include lag time"
              />
            </span>
          </label>
        ) : null}
      </div>
      {model ? <p className="muted">{model.description}</p> : null}
      <div className="model-sliders">
        {specs.map((s) => {
          const value = values[s.name] ?? 1;
          const base = DEFAULTS[s.name] ?? 1;
          // Log-scale slider: base/20 … base·20.
          const position = Math.log(value / base) / Math.log(20);
          return (
            <label key={s.name} className="field model-slider">
              <span className="field-label">
                {s.name} <span className="muted">({s.description})</span>
              </span>
              <span className="field-control">
                <input
                  type="range"
                  min={-1}
                  max={1}
                  step={0.005}
                  value={position}
                  aria-label={`Parameter ${s.name}`}
                  onChange={(e) =>
                    setValues((v) => ({ ...v, [s.name]: base * 20 ** Number(e.target.value) }))
                  }
                />
                <output>
                  {formatEstimate(value, 3)} {unitString(s.unitKind)}
                </output>
              </span>
            </label>
          );
        })}
      </div>
      <div className="form-actions">
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />{' '}
          semi-log axis
        </label>
      </div>
      {'result' in simulation && simulation.result ? (
        <>
          <ModelFitPlot
            observed={[]}
            curves={[
              {
                label: simulation.result.model,
                times: simulation.result.times,
                conc: simulation.result.conc,
              },
            ]}
            logScale={logScale}
            concUnit="mg/L"
          />
          <p className="muted">
            {simulation.result.derived
              .filter((d) => d.value !== null)
              .map(
                (d) =>
                  `${d.name} ${formatEstimate(d.value)} ${unitString(d.unitKind) === '–' ? '' : unitString(d.unitKind)}`,
              )
              .join(' · ')}
          </p>
        </>
      ) : (
        <Empty title="Cannot simulate">{'error' in simulation ? simulation.error : null}</Empty>
      )}
    </div>
  );
}
