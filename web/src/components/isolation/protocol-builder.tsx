/**
 * Protocol builder: compose an isolation chain step by step (add, remove, reorder; per-method parameter
 * forms with defaults and cited hints), choose the starting material (log-normal preset or a batch's NTA
 * measurement), and see — recomputed in the browser by the pure simulator (src/science/isolation-chain) as
 * you type — the size distribution after each step, protein, lipoproteins and purity, with every assumption
 * listed. "Save to batch" stores the protocol as the batch's isolationProtocol.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { IsolationMethod, IsolationProtocol } from '../../../../src/domain/isolation-protocol.ts';
import { ChainInputError, type ChainIssue } from '../../../../src/science/isolation-chain/chain-types.ts';
import {
  EXAMPLE_PROTOCOLS,
  type ExampleProtocolKey,
} from '../../../../src/science/isolation-chain/example-protocols.ts';
import {
  type SimulationResult,
  simulateProtocol,
} from '../../../../src/science/isolation-chain/simulate-protocol.ts';
import { METHOD_SPECS } from '../../../../src/science/isolation-chain/step-parameters.ts';
import { plural } from '../../lib/format.ts';
import { ProtocolPurityPlot } from '../../plots/protocol-purity-plot.tsx';
import { ProtocolSizePlot } from '../../plots/protocol-size-plot.tsx';
import { Empty } from '../states.tsx';
import {
  draftToPopulation,
  type InputDraft,
  ProtocolInputEditor,
  presetDraft,
} from './protocol-input-editor.tsx';
import { ProtocolResultsTable } from './protocol-results-table.tsx';
import { ProtocolSaveToBatch } from './protocol-save-to-batch.tsx';
import { defaultParameters, ProtocolStepEditor, type StepDraft } from './protocol-step-editor.tsx';
import './protocol-builder.css';

let nextKey = 0;
const newKey = () => `s${++nextKey}`;

function draftFor(method: IsolationMethod, parameters: Record<string, unknown> = {}, notes = ''): StepDraft {
  const values = defaultParameters(method);
  for (const [k, v] of Object.entries(parameters)) if (v !== null && v !== undefined) values[k] = String(v);
  return { key: newKey(), method, parameters: values, notes };
}

function draftsOf(protocol: IsolationProtocol): StepDraft[] {
  return protocol.steps.map((s) => draftFor(s.method, s.parameters, s.notes));
}

/**
 * The protocol document of the drafts: numbers where the method expects numbers; blanks and untouched typical
 * values (assumptions) left out, so the model's defaults apply and are reported as assumptions.
 */
export function draftsToProtocol(name: string, drafts: StepDraft[]): IsolationProtocol {
  return {
    version: 1,
    name,
    steps: drafts.map((d) => {
      const parameters: Record<string, string | number> = {};
      for (const p of METHOD_SPECS[d.method].parameters) {
        const raw = (d.parameters[p.key] ?? '').trim();
        if (raw === '') continue;
        // A typical value left as it is stays out of the document, so it is still reported as an assumption.
        if (p.assumption && p.default !== null && raw === String(p.default)) continue;
        const n = Number(raw);
        parameters[p.key] = p.kind === 'number' && Number.isFinite(n) ? n : raw;
      }
      return { method: d.method, parameters, notes: d.notes };
    }),
  };
}

type Outcome = { result: SimulationResult; issues: [] } | { result: null; issues: ChainIssue[] };

function simulate(protocol: IsolationProtocol, input: InputDraft): Outcome {
  try {
    return { result: simulateProtocol({ protocol, input: draftToPopulation(input) }), issues: [] };
  } catch (error) {
    if (error instanceof ChainInputError) return { result: null, issues: error.issues };
    return {
      result: null,
      issues: [{ path: [], message: error instanceof Error ? error.message : String(error) }],
    };
  }
}

export function ProtocolBuilder() {
  const [name, setName] = useState<string>(EXAMPLE_PROTOCOLS['duc-classic'].protocol.name);
  const [drafts, setDrafts] = useState<StepDraft[]>(() =>
    draftsOf(EXAMPLE_PROTOCOLS['duc-classic'].protocol),
  );
  const [input, setInput] = useState<InputDraft>(() => presetDraft('msc-cm-serum-free'));
  const [addMethod, setAddMethod] = useState<IsolationMethod>('size-exclusion-chromatography');
  const [normalised, setNormalised] = useState(false);

  const protocol = useMemo(() => draftsToProtocol(name, drafts), [name, drafts]);
  const deferredProtocol = useDeferredValue(protocol);
  const deferredInput = useDeferredValue(input);
  const outcome = useMemo(() => simulate(deferredProtocol, deferredInput), [deferredProtocol, deferredInput]);
  // Keep the last good result on screen while the user fixes an error.
  const [lastResult, setLastResult] = useState<SimulationResult | null>(null);
  if (outcome.result && outcome.result !== lastResult) setLastResult(outcome.result);
  const result = outcome.result ?? lastResult;

  const stepErrors = (index: number): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const issue of outcome.issues) {
      const [a, b, i, c, key] = issue.path;
      if (a === 'protocol' && b === 'steps' && i === index && c === 'parameters' && typeof key === 'string')
        out[key] = issue.message.replace(/^step \d+ \([^)]*\): /, '');
    }
    return out;
  };
  const otherIssues = outcome.issues.filter((i) => !(i.path[0] === 'protocol' && i.path[3] === 'parameters'));

  const update = (index: number, draft: StepDraft) =>
    setDrafts((list) => list.map((d, i) => (i === index ? draft : d)));
  const move = (index: number, delta: -1 | 1) =>
    setDrafts((list) => {
      const target = index + delta;
      if (target < 0 || target >= list.length) return list;
      const copy = [...list];
      [copy[index], copy[target]] = [copy[target] as StepDraft, copy[index] as StepDraft];
      return copy;
    });

  const sizeSeries = useMemo(
    () =>
      result
        ? [
            { label: 'input', particlesByBin: result.input.particlesByBin },
            ...result.steps.map((s) => ({
              label: `${s.step}. ${s.label}`,
              particlesByBin: s.particlesByBin,
            })),
          ]
        : [],
    [result],
  );
  const purityPoints = useMemo(
    () =>
      result
        ? [
            {
              label: 'in',
              proteinUg: result.input.totalProteinUg,
              lipoproteins: result.input.lipoproteins.total,
              purityParticlesPerUg: result.input.purityParticlesPerUg,
            },
            ...result.steps.map((s) => ({
              label: String(s.step),
              proteinUg: s.totalProteinUg,
              lipoproteins: s.lipoproteins.total,
              purityParticlesPerUg: s.purityParticlesPerUg,
            })),
          ]
        : [],
    [result],
  );
  const assumptions = result?.assumptions.filter((a) => a.assumption) ?? [];

  return (
    <section className="panel" aria-labelledby="protocol-builder-title">
      <div className="panel-head">
        <h2 id="protocol-builder-title">Protocol builder</h2>
        <span className="muted small">
          Predicted recovery, size, protein, lipoproteins and purity after each step
        </span>
      </div>
      <div className="pb-toolbar">
        <label className="field">
          <span className="field-label">Protocol name</span>
          <input
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            aria-label="Protocol name"
          />
        </label>
        <label className="field">
          <span className="field-label">Start from an example</span>
          <select
            aria-label="Example protocol"
            value=""
            onChange={(e) => {
              const key = e.target.value as ExampleProtocolKey | '';
              if (!key) return;
              const example = EXAMPLE_PROTOCOLS[key];
              setName(example.protocol.name);
              setDrafts(draftsOf(example.protocol));
            }}
          >
            <option value="">Choose…</option>
            {(Object.keys(EXAMPLE_PROTOCOLS) as ExampleProtocolKey[]).map((k) => (
              <option key={k} value={k}>
                {EXAMPLE_PROTOCOLS[k].label} ({EXAMPLE_PROTOCOLS[k].source})
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="pb-layout">
        <div className="stack">
          <ProtocolInputEditor draft={input} onChange={setInput} />
          <fieldset className="stack">
            <legend>Steps ({plural(drafts.length, 'step')})</legend>
            {drafts.length === 0 ? <Empty title="No steps yet">Add a step below.</Empty> : null}
            <ol className="pb-steps">
              {drafts.map((d, i) => (
                <ProtocolStepEditor
                  key={d.key}
                  index={i}
                  count={drafts.length}
                  draft={d}
                  report={outcome.result?.steps[i] ?? null}
                  errors={stepErrors(i)}
                  onChange={(draft) => update(i, draft)}
                  onRemove={() => setDrafts((list) => list.filter((_, j) => j !== i))}
                  onMove={(delta) => move(i, delta)}
                />
              ))}
            </ol>
            <div className="pb-toolbar">
              <label className="field">
                <span className="field-label">New step</span>
                <select
                  aria-label="Method of the new step"
                  value={addMethod}
                  onChange={(e) => setAddMethod(e.target.value as IsolationMethod)}
                >
                  {Object.values(METHOD_SPECS).map((m) => (
                    <option key={m.method} value={m.method}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button"
                disabled={drafts.length >= 50}
                onClick={() => setDrafts((list) => [...list, draftFor(addMethod)])}
              >
                + Add step
              </button>
            </div>
            <p className="muted small">* marks typical values (assumptions): replace them with your own.</p>
          </fieldset>
        </div>
        <div className="stack">
          {otherIssues.length > 0 ? (
            <div className="state state-error compact" role="alert">
              <ul className="problem-errors">
                {otherIssues.map((i) => (
                  <li key={`${i.path.join('.')}:${i.message}`}>{i.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {outcome.issues.length > 0 && result ? (
            <p className="muted small" role="status">
              Showing the last valid simulation while the protocol has errors.
            </p>
          ) : null}
          {result ? (
            <>
              <div className="plot-controls">
                <span className="control-label">Size distribution after each step</span>
                <label className="toggle">
                  <input
                    type="checkbox"
                    checked={normalised}
                    onChange={(e) => setNormalised(e.target.checked)}
                  />{' '}
                  Normalise each curve
                </label>
              </div>
              <ProtocolSizePlot binsNm={result.binsNm} series={sizeSeries} normalised={normalised} />
              <ProtocolPurityPlot points={purityPoints} />
              <ProtocolResultsTable result={result} />
              {result.warnings.length > 0 ? (
                <details open>
                  <summary>Warnings ({result.warnings.length})</summary>
                  <ul className="pb-warnings">
                    {result.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              <details>
                <summary>Assumptions to check ({assumptions.length})</summary>
                <ul className="small">
                  {assumptions.map((a) => (
                    <li key={`${a.where}:${a.key}`}>
                      <strong>
                        {a.where} · {a.description}
                      </strong>{' '}
                      = {String(a.value)}
                      {a.unit ? ` ${a.unit}` : ''} — <span className="muted">{a.source}</span>
                    </li>
                  ))}
                </ul>
              </details>
            </>
          ) : outcome.issues.length === 0 ? (
            <Empty title="Nothing simulated yet" />
          ) : null}
          <fieldset className="stack">
            <legend>Save to batch</legend>
            <ProtocolSaveToBatch
              protocol={protocol}
              disabled={outcome.issues.length > 0 || drafts.length === 0}
            />
          </fieldset>
        </div>
      </div>
    </section>
  );
}
