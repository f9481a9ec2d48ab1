/**
 * The batch's isolation protocol as a readable step list (method, parameters with units, notes) next to a
 * JSON editor validated live against the domain schema (isolationProtocolSchema) before it can be saved.
 */
import { useMemo, useState } from 'react';
import type { Batch } from '../../../src/domain/batch.ts';
import {
  ISOLATION_METHODS,
  type IsolationMethod,
  type IsolationProtocol,
} from '../../../src/domain/isolation-protocol.ts';
import { api } from '../api/client.ts';
import { plural } from '../lib/format.ts';
import { describeParameter, METHOD_LABELS } from '../lib/labels.ts';
import { validateProtocolJson } from '../lib/protocol-json.ts';
import { useFormSubmit } from '../lib/use-form-submit.ts';
import { ErrorPanel } from './states.tsx';
import { VocabularySelect } from './vocabulary-select.tsx';

export function ProtocolSteps({ protocol }: { protocol: IsolationProtocol }) {
  if (protocol.steps.length === 0) {
    return <p className="muted">No isolation steps recorded yet. Add them in the JSON editor.</p>;
  }
  return (
    <ol className="steps">
      {protocol.steps.map((step, i) => {
        const params = Object.entries(step.parameters).map(([k, v]) => describeParameter(k, v));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity besides their order.
          <li key={i} className="step">
            <div className="step-method">{METHOD_LABELS[step.method] ?? step.method}</div>
            {params.length > 0 ? (
              <dl className="step-params">
                {params.map((p) => (
                  <div key={p.label}>
                    <dt>{p.label}</dt>
                    <dd>{p.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {step.notes ? <div className="step-notes">{step.notes}</div> : null}
          </li>
        );
      })}
    </ol>
  );
}

const TEMPLATES: Partial<Record<IsolationMethod, Record<string, number | string>>> = {
  'low-speed-centrifugation': { rcfG: 2000, minutes: 10, temperatureC: 4 },
  filtration: { poreSizeUm: 0.22 },
  'differential-ultracentrifugation': { rcfG: 100000, minutes: 70, temperatureC: 4, rotor: '' },
  'density-gradient-ultracentrifugation': {
    rcfG: 100000,
    minutes: 960,
    temperatureC: 4,
    medium: 'iodixanol',
  },
  ultrafiltration: { mwcoKda: 100 },
  'tangential-flow-filtration': { mwcoKda: 300, concentrationFactor: 10 },
  'size-exclusion-chromatography': { column: 'qEV original 70 nm', fractionVolumeMl: 0.5 },
  'polymer-precipitation': { pegPercent: 8, hours: 12, temperatureC: 4 },
};

export function IsolationProtocolEditor({
  batch,
  onSaved,
}: {
  batch: Batch;
  onSaved: (batch: Batch) => void;
}) {
  const original = useMemo(() => JSON.stringify(batch.isolationProtocol, null, 2), [batch.isolationProtocol]);
  const [text, setText] = useState(original);
  const [insertMethod, setInsertMethod] = useState<IsolationMethod>('differential-ultracentrifugation');
  const { busy, error, submit } = useFormSubmit();
  const validation = useMemo(() => validateProtocolJson(text), [text]);
  const [lastValid, setLastValid] = useState<IsolationProtocol>(batch.isolationProtocol);
  // Storing information from previous renders: the step list keeps the last valid version while typing.
  if (validation.ok && validation.protocol !== lastValid) {
    setLastValid(validation.protocol);
  }
  const dirty = text !== original;

  const insertStep = () => {
    const base: IsolationProtocol = validation.ok ? validation.protocol : lastValid;
    const next = {
      ...base,
      steps: [
        ...base.steps,
        { method: insertMethod, parameters: { ...(TEMPLATES[insertMethod] ?? {}) }, notes: '' },
      ],
    };
    setText(JSON.stringify(next, null, 2));
  };

  return (
    <div className="protocol">
      <div className="protocol-view">
        <h3>
          {lastValid.name || 'Unnamed protocol'}{' '}
          <span className="muted small">
            {lastValid.steps.length} {lastValid.steps.length === 1 ? 'step' : 'steps'}
          </span>
        </h3>
        <ProtocolSteps protocol={lastValid} />
        {!validation.ok ? (
          <p className="muted small">Showing the last valid version while the JSON has errors.</p>
        ) : null}
      </div>
      <div className="protocol-editor">
        <label className="field-label" htmlFor={`protocol-json-${batch.id}`}>
          Protocol JSON{' '}
          <span className="muted">(schema: version 1, name, steps[method, parameters, notes])</span>
        </label>
        <textarea
          id={`protocol-json-${batch.id}`}
          className={`code-editor${validation.ok ? '' : ' invalid'}`}
          spellCheck={false}
          rows={Math.min(24, Math.max(10, text.split('\n').length + 1))}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={!validation.ok}
        />
        <div className={validation.ok ? 'validation ok' : 'validation bad'} aria-live="polite">
          {validation.ok ? (
            <>✓ Valid protocol · {plural(validation.protocol.steps.length, 'step')}</>
          ) : (
            <ul>
              {validation.messages.map((m) => (
                <li key={`${m.where}:${m.message}`}>
                  <code>{m.where}</code> {m.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        {error ? <ErrorPanel error={error} compact /> : null}
        <div className="form-actions">
          <button
            type="button"
            className="button primary"
            disabled={!validation.ok || !dirty || busy}
            onClick={async () => {
              if (!validation.ok) return;
              const isolationProtocol = validation.protocol;
              await submit(async () => {
                const saved = await api.updateBatch(batch.id, { isolationProtocol });
                setText(JSON.stringify(saved.isolationProtocol, null, 2));
                onSaved(saved);
              });
            }}
          >
            {busy ? 'Saving…' : 'Save protocol'}
          </button>
          <button type="button" className="button" disabled={!dirty} onClick={() => setText(original)}>
            Revert
          </button>
          <button
            type="button"
            className="button"
            disabled={!validation.ok}
            onClick={() => validation.ok && setText(JSON.stringify(validation.protocol, null, 2))}
          >
            Format
          </button>
          <span className="insert-step">
            <VocabularySelect
              values={ISOLATION_METHODS}
              labels={METHOD_LABELS}
              value={insertMethod}
              onChange={setInsertMethod}
              name="Method of the step to add"
            />
            <button type="button" className="button" onClick={insertStep} disabled={!validation.ok}>
              + Add step
            </button>
          </span>
        </div>
      </div>
    </div>
  );
}
