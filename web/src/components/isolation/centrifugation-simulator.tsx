/**
 * Centrifugation simulator (Isolation planner): pick a rotor, set speed, time, temperature, medium and EV
 * density, and see which vesicles pellet — the pelleting curve, the cut-off diameter d* and a small table,
 * recomputed in the browser while the sliders move (sedimentation model of Livshits et al. 2015,
 * Sci Rep 5:17319). A k-factor helper converts the run time to another rotor. Besides the built-in library,
 * the user can define, import and delete their own rotors ("Your rotors", kept in localStorage).
 */

import { useId, useMemo, useState } from 'react';
import type { Rotor } from '../../../../src/science/centrifugation/centrifugation-types.ts';
import { findRotor } from '../../../../src/science/centrifugation/rotor-library.ts';
import { rcfAtRadius } from '../../../../src/science/centrifugation/sedimentation.ts';
import type { SpinField } from '../../../../src/science/centrifugation/spin-calculation.ts';
import { formatDecimals, formatFractionPercent, formatInteger } from '../../lib/format.ts';
import { PelletingCurvePlot } from '../../plots/pelleting-curve-plot.tsx';
import { CentrifugationCustomRotors } from './centrifugation-custom-rotors.tsx';
import {
  INITIAL_SIMULATOR_STATE,
  type MediumChoice,
  rotorsByType,
  type SimulatorState,
  simulate,
} from './centrifugation-simulation.ts';
import './centrifugation-simulator.css';
import { loadCustomRotors, type RotorStorage, saveCustomRotors } from './custom-rotors.ts';

/** The picker's entry that opens the custom rotor form instead of choosing a rotor. */
const CUSTOM_ROTOR_OPTION = '__custom-rotor__';

/** window.localStorage, or null where it is unavailable (no window, storage disabled by the browser). */
function browserStorage(): RotorStorage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

const fmtInt = (n: number) => formatInteger(n);
const fmtPct = (f: number) => formatFractionPercent(f, 1);

/** A slider and a number input bound to the same value; `log` makes the slider logarithmic. */
function SliderField({
  label,
  unit,
  value,
  min,
  max,
  step,
  log,
  error,
  disabled,
  hint,
  onChange,
}: {
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  step: number;
  log?: boolean;
  error?: string | null;
  disabled?: boolean;
  hint?: string;
  onChange: (value: number) => void;
}) {
  const id = useId();
  const toSlider = (v: number) => (log ? Math.log10(Math.max(v, min)) : v);
  const fromSlider = (s: number) => {
    if (!log) return s;
    const v = 10 ** s;
    // Round to 3 significant digits so the number box shows tidy values while dragging.
    const magnitude = 10 ** Math.floor(Math.log10(v) - 2);
    return Math.round(v / magnitude) * magnitude;
  };
  const sliderValue = Math.min(
    toSlider(max),
    Math.max(toSlider(min), toSlider(Number.isFinite(value) ? value : min)),
  );
  return (
    <div className={`spin-slider field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="spin-slider-row">
        <input
          type="range"
          aria-label={`${label} slider`}
          min={toSlider(min)}
          max={toSlider(max)}
          step={log ? 'any' : step}
          value={sliderValue}
          disabled={disabled}
          onKeyDown={(e) => {
            // Log sliders: arrow keys move LOG_SLIDER_STEP decades (Home/End still reach min/max exactly).
            if (!log) return;
            const delta = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1 }[e.key];
            if (delta === undefined) return;
            e.preventDefault();
            const next = Math.min(
              toSlider(max),
              Math.max(toSlider(min), sliderValue + delta * LOG_SLIDER_STEP),
            );
            onChange(fromSlider(next));
          }}
          onChange={(e) => onChange(fromSlider(Number(e.target.value)))}
        />
        <input
          id={id}
          type="number"
          step={step}
          value={Number.isFinite(value) ? value : ''}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
        <span className="field-unit">{unit}</span>
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

/**
 * Step of a log-scale slider, in decades: 0.05 decade ≈ ×1.12 per arrow key, 20 presses per decade (a run
 * time moves 10 → 11.2 → 12.6 min), so the keyboard moves in useful steps; exact values go in the number box.
 */
const LOG_SLIDER_STEP = 0.05;

export function CentrifugationSimulator() {
  const [state, setState] = useState<SimulatorState>(INITIAL_SIMULATOR_STATE);
  const [logX, setLogX] = useState(true);
  const [saved] = useState(() => loadCustomRotors(browserStorage()));
  const [customRotors, setCustomRotors] = useState<readonly Rotor[]>(saved.rotors);
  const [storageProblem, setStorageProblem] = useState<string | null>(
    saved.problems.length > 0 ? saved.problems.join('; ') : null,
  );
  const [customOpen, setCustomOpen] = useState(false);
  const set = <K extends keyof SimulatorState>(key: K, value: SimulatorState[K]) =>
    setState((s) => ({
      ...s,
      [key]: value,
      // The k-factor comparison follows the simulated rotor until the user picks another one.
      ...(key === 'rotorName' && s.compareRotorName === s.rotorName
        ? { compareRotorName: value as string }
        : {}),
    }));

  const sim = useMemo(() => simulate(state, customRotors), [state, customRotors]);
  const rotor = sim.rotor ?? findRotor(INITIAL_SIMULATOR_STATE.rotorName);
  const groups = useMemo(() => rotorsByType(customRotors), [customRotors]);

  const updateCustomRotors = (next: readonly Rotor[]) => {
    setCustomRotors(next);
    setStorageProblem(saveCustomRotors(browserStorage(), next));
  };
  const addCustomRotors = (added: Rotor[]) => {
    updateCustomRotors([...customRotors, ...added]);
    // A rotor defined in the form is the one the user wants to simulate next.
    const first = added[0];
    if (added.length === 1 && first) set('rotorName', first.name);
  };
  const deleteCustomRotor = (name: string) => {
    updateCustomRotors(customRotors.filter((r) => r.name !== name));
    setState((s) => ({
      ...s,
      rotorName: s.rotorName === name ? INITIAL_SIMULATOR_STATE.rotorName : s.rotorName,
      compareRotorName: s.compareRotorName === name ? '' : s.compareRotorName,
    }));
  };
  const errorFor = (...fields: SpinField[]) => (!sim.ok && fields.includes(sim.field) ? sim.message : null);
  const maxRcfG = rotor ? rcfAtRadius(rotor.maxRpm, rotor.rAvMm) : 1_000_000;
  const otherError =
    !sim.ok && !['rcf', 'rpm', 'minutes', 'temperature', 'evDensity', 'mediumDensity'].includes(sim.field)
      ? sim.message
      : null;

  const onSpeedMode = (mode: 'rcf' | 'rpm') => {
    // Carry the current speed over so switching does not jump.
    if (sim.ok)
      setState((s) => ({
        ...s,
        speedMode: mode,
        rcfG: Math.round(sim.result.rcfAvg),
        rpm: Math.round(sim.result.rpm),
      }));
    else set('speedMode', mode);
  };

  return (
    <section className="panel" aria-labelledby="spin-title">
      <div className="panel-head">
        <h2 id="spin-title">Centrifugation simulator</h2>
        <span className="muted small">Sedimentation model of Livshits et al. 2015, Sci Rep 5:17319</span>
      </div>
      <div className="spin-layout">
        <div className="spin-controls">
          <div className="field">
            <label className="field-label" htmlFor="spin-rotor">
              Rotor
            </label>
            <select
              id="spin-rotor"
              value={state.rotorName}
              onChange={(e) => {
                if (e.target.value === CUSTOM_ROTOR_OPTION) setCustomOpen(true);
                else set('rotorName', e.target.value);
              }}
            >
              {groups.map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.rotors.map((r) => (
                    <option key={r.name} value={r.name}>
                      {r.name} — {r.userDefined ? 'your rotor' : r.manufacturer}
                    </option>
                  ))}
                </optgroup>
              ))}
              <option value={CUSTOM_ROTOR_OPTION}>Custom rotor…</option>
            </select>
            {rotor ? (
              <span className="spin-geometry" data-testid="rotor-geometry">
                {rotor.type === 'swinging-bucket'
                  ? 'Swinging bucket'
                  : `Fixed angle ${rotor.angleDeg}°, tube Ø ${rotor.tubeDiameterMm} mm`}
                {' · '}Rmin {rotor.rMinMm} · Rav {rotor.rAvMm} · Rmax {rotor.rMaxMm} mm · max{' '}
                {fmtInt(rotor.maxRpm)} rpm ({fmtInt(rcfAtRadius(rotor.maxRpm, rotor.rMaxMm))} ×g at Rmax)
                {rotor.tubes !== null && rotor.tubeVolumeMl !== null
                  ? ` · ${rotor.tubes} × ${rotor.tubeVolumeMl} mL`
                  : ''}
              </span>
            ) : null}
            {rotor?.note ? <span className="spin-note">Note: {rotor.note}</span> : null}
            <CentrifugationCustomRotors
              rotors={customRotors}
              open={customOpen}
              storageProblem={storageProblem}
              onOpenChange={setCustomOpen}
              onAdd={addCustomRotors}
              onDelete={deleteCustomRotor}
            />
          </div>

          <fieldset className="x-range" aria-label="Speed given as">
            <span className="control-label">Speed as</span>
            <span className="segmented">
              {(['rcf', 'rpm'] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  className={state.speedMode === m ? 'active' : ''}
                  aria-pressed={state.speedMode === m}
                  onClick={() => onSpeedMode(m)}
                >
                  {m === 'rcf' ? 'RCF (×g at Rav)' : 'rpm'}
                </button>
              ))}
            </span>
          </fieldset>

          {state.speedMode === 'rcf' ? (
            <SliderField
              label="RCF at Rav"
              unit="×g"
              value={state.rcfG}
              min={100}
              max={Math.max(200, maxRcfG)}
              step={100}
              log
              error={errorFor('rcf', 'rpm')}
              onChange={(v) => set('rcfG', v)}
            />
          ) : (
            <SliderField
              label="Rotor speed"
              unit="rpm"
              value={state.rpm}
              min={500}
              max={rotor?.maxRpm ?? 100_000}
              step={100}
              error={errorFor('rpm', 'rcf')}
              hint={rotor ? `maximum ${fmtInt(rotor.maxRpm)} rpm` : undefined}
              onChange={(v) => set('rpm', v)}
            />
          )}
          <SliderField
            label="Run time"
            unit="min"
            value={state.minutes}
            min={1}
            max={1440}
            step={1}
            log
            error={errorFor('minutes')}
            onChange={(v) => set('minutes', v)}
          />

          <div className="field">
            <label className="field-label" htmlFor="spin-medium">
              Medium (viscosity)
            </label>
            <select
              id="spin-medium"
              value={state.medium}
              onChange={(e) => set('medium', e.target.value as MediumChoice)}
            >
              <option value="paper">Fixed 1.55 cP (Livshits et al. 2015)</option>
              <option value="water">Water (IAPWS 2008)</option>
              <option value="pbs">PBS</option>
              <option value="culture-medium">Culture medium with serum</option>
            </select>
            {sim.ok ? (
              <span className="field-hint">
                {formatDecimals(sim.result.viscosityCp, 3)} cP — {sim.result.viscositySource}
              </span>
            ) : null}
          </div>
          <SliderField
            label="Temperature"
            unit="°C"
            value={state.temperatureC}
            min={0}
            max={40}
            step={0.5}
            disabled={state.medium === 'paper'}
            error={errorFor('temperature')}
            hint={
              state.medium === 'paper'
                ? 'choose a medium to derive the viscosity from the temperature'
                : undefined
            }
            onChange={(v) => set('temperatureC', v)}
          />
          <div className="form-grid">
            <NumberField
              label="EV density"
              unit="g/mL"
              value={state.evDensity}
              step={0.01}
              error={errorFor('evDensity')}
              onChange={(v) => set('evDensity', v)}
            />
            <NumberField
              label="Medium density"
              unit="g/mL"
              value={state.mediumDensity}
              step={0.001}
              error={errorFor('mediumDensity')}
              onChange={(v) => set('mediumDensity', v)}
            />
          </div>
          {otherError ? (
            <div className="state state-error compact" role="alert">
              {otherError}
            </div>
          ) : null}
        </div>

        <div>
          <div className="plot-controls">
            <fieldset className="x-range" aria-label="Diameter axis">
              <span className="control-label">Diameter axis</span>
              <span className="segmented">
                {[true, false].map((l) => (
                  <button
                    key={String(l)}
                    type="button"
                    className={logX === l ? 'active' : ''}
                    aria-pressed={logX === l}
                    onClick={() => setLogX(l)}
                  >
                    {l ? 'log' : 'linear'}
                  </button>
                ))}
              </span>
            </fieldset>
          </div>
          {sim.ok ? (
            <>
              <p className="spin-headline" data-testid="spin-headline">
                {fmtInt(sim.result.rpm)} rpm · {fmtInt(sim.result.rcfAvg)} ×g at Rav · {sim.result.minutes}{' '}
                min → cut-off d* <strong>{fmtInt(sim.result.cutoffDiameterNm)} nm</strong>
              </p>
              <PelletingCurvePlot
                curve={sim.curve}
                marked={sim.result.pelleted}
                cutoffDiameterNm={sim.result.cutoffDiameterNm}
                logX={logX}
                comparison={sim.equivalence && 'curve' in sim.equivalence ? sim.equivalence.curve : null}
                comparisonLabel={
                  sim.equivalence && 'rotor' in sim.equivalence
                    ? `dashed: ${sim.equivalence.rotor.name}, k-equivalent time`
                    : undefined
                }
              />
              <div className="spin-results">
                <table className="table" aria-label="Fraction pelleted by diameter">
                  <thead>
                    <tr>
                      <th className="num">Diameter</th>
                      <th className="num">Pelleted</th>
                      <th className="num">k-factor estimate</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sim.result.pelleted.map((p, i) => (
                      <tr key={p.diameterNm}>
                        <td className="num">{p.diameterNm} nm</td>
                        <td className="num">{fmtPct(p.fraction)}</td>
                        <td className="num">
                          {fmtPct(sim.result.kFactorEstimate.pelleted[i]?.fraction ?? 0)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <table className="table" aria-label="Run summary">
                  <tbody>
                    <tr>
                      <th>Cut-off d*</th>
                      <td className="num">{fmtInt(sim.result.cutoffDiameterNm)} nm</td>
                    </tr>
                    <tr>
                      <th>Speed</th>
                      <td className="num">{fmtInt(sim.result.rpm)} rpm</td>
                    </tr>
                    <tr>
                      <th>RCF Rmin / Rav / Rmax</th>
                      <td className="num">
                        {fmtInt(sim.result.rcfMin)} / {fmtInt(sim.result.rcfAvg)} /{' '}
                        {fmtInt(sim.result.rcfMax)} ×g
                      </td>
                    </tr>
                    <tr>
                      <th>k-factor at this speed</th>
                      <td className="num">{formatDecimals(sim.result.kFactor, 1)}</td>
                    </tr>
                    <tr>
                      <th>d* by the k-factor (Stokes, Rmin → Rmax)</th>
                      <td className="num">{fmtInt(sim.result.kFactorEstimate.cutoffDiameterNm)} nm</td>
                    </tr>
                  </tbody>
                </table>
              </div>
              <p className="muted small" data-testid="k-factor-explanation">
                Livshits et al. 2015 d* {fmtInt(sim.result.cutoffDiameterNm)} nm, k-factor estimate{' '}
                {fmtInt(sim.result.kFactorEstimate.cutoffDiameterNm)} nm.{' '}
                {sim.result.kFactorEstimate.explanation}
              </p>
            </>
          ) : (
            // No role="alert" here: the field that caused it already announces the same message.
            <div className="state state-error">
              <div className="state-title">Cannot compute this run</div>
              <div className="state-body">{sim.message}</div>
            </div>
          )}

          <div className="spin-equivalence">
            <div className="field">
              <label className="field-label" htmlFor="spin-compare">
                k-factor equivalent on another rotor (same RCF at Rav)
              </label>
              <select
                id="spin-compare"
                value={state.compareRotorName}
                onChange={(e) => set('compareRotorName', e.target.value)}
              >
                <option value="">— none —</option>
                {groups.map((g) => (
                  <optgroup key={g.label} label={g.label}>
                    {g.rotors.map((r) => (
                      <option key={r.name} value={r.name}>
                        {r.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            {sim.ok && sim.equivalence ? (
              'error' in sim.equivalence ? (
                <p className="field-error" role="alert">
                  {sim.equivalence.error}
                </p>
              ) : (
                <p className="spin-equivalence-line" data-testid="k-equivalence">
                  Run {formatMinutes(sim.result.minutes)} on <strong>{sim.result.rotor}</strong> ={' '}
                  {formatMinutes(sim.equivalence.minutes)} on <strong>{sim.equivalence.rotor.name}</strong> at{' '}
                  {fmtInt(sim.equivalence.result.rpm)} rpm (k {formatInteger(sim.result.kFactor)} →{' '}
                  {formatInteger(sim.equivalence.result.kFactor)}). Under the Livshits model that run has d*{' '}
                  {fmtInt(sim.equivalence.result.cutoffDiameterNm)} nm
                  {sim.equivalence.rotor.type !== sim.rotor.type
                    ? ' — the k-factor ignores the shorter path of fixed-angle tubes, so the two runs differ'
                    : ''}
                  .
                </p>
              )
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}

function formatMinutes(minutes: number): string {
  if (minutes >= 90) return `${formatInteger(minutes)} min (${formatDecimals(minutes / 60, 1)} h)`;
  return `${minutes < 10 ? formatDecimals(minutes, 1) : formatInteger(minutes)} min`;
}

function NumberField({
  label,
  unit,
  value,
  step,
  error,
  onChange,
}: {
  label: string;
  unit: string;
  value: number;
  step: number;
  error: string | null;
  onChange: (value: number) => void;
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
          type="number"
          step={step}
          value={Number.isFinite(value) ? value : ''}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
        <span className="field-unit">{unit}</span>
      </span>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
