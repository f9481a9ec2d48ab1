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
import { ProtocolPurityPlot } from '../../plots/protocol-purity-plot.tsx';
import { ProtocolSizePlot } from '../../plots/protocol-size-plot.tsx';
import { useLocation } from '../../router.tsx';
import { Empty } from '../states.tsx';
import { draftsOf, draftsOfMethods, draftsToProtocol, type StepDraft } from './protocol-drafts.ts';
import {
  draftToPopulation,
  type InputDraft,
  ProtocolInputEditor,
  presetDraft,
} from './protocol-input-editor.tsx';
import { ProtocolResultsTable } from './protocol-results-table.tsx';
import { ProtocolSaveToBatch } from './protocol-save-to-batch.tsx';
import { ProtocolStepList } from './protocol-step-list.tsx';
import './protocol-builder.css';

export { draftsToProtocol } from './protocol-drafts.ts';

/** Query parameters that open a chain in the builder ("Open in protocol builder" of a recommendation). */
export const OPEN_CHAIN_QUERY = 'chain';
export const OPEN_CHAIN_NAME_QUERY = 'chainName';

/** The methods of a `?chain=a,b` query, or null when it names none or an unknown method. */
export function chainOfQuery(value: string | null): IsolationMethod[] | null {
  if (!value) return null;
  const methods = value.split(',').map((m) => m.trim());
  return methods.length > 0 && methods.length <= 50 && methods.every((m) => m in METHOD_SPECS)
    ? (methods as IsolationMethod[])
    : null;
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
  const location = useLocation();
  const [name, setName] = useState<string>(EXAMPLE_PROTOCOLS['duc-classic'].protocol.name);
  const [drafts, setDrafts] = useState<StepDraft[]>(() =>
    draftsOf(EXAMPLE_PROTOCOLS['duc-classic'].protocol),
  );
  const [input, setInput] = useState<InputDraft>(() => presetDraft('msc-cm-serum-free'));
  const [normalised, setNormalised] = useState(false);
  // A chain opened from a recommendation (?chain=…&chainName=…) replaces the steps once per link followed.
  const openedChain = `${location.search.get(OPEN_CHAIN_QUERY) ?? ''}|${location.search.get(OPEN_CHAIN_NAME_QUERY) ?? ''}`;
  const [appliedChain, setAppliedChain] = useState('|');
  if (openedChain !== appliedChain) {
    setAppliedChain(openedChain);
    const methods = chainOfQuery(location.search.get(OPEN_CHAIN_QUERY));
    if (methods) {
      setDrafts(draftsOfMethods(methods));
      setName(location.search.get(OPEN_CHAIN_NAME_QUERY) ?? '');
    }
  }

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
          <ProtocolStepList
            drafts={drafts}
            onChange={setDrafts}
            reports={drafts.map((_, i) => outcome.result?.steps[i] ?? null)}
            errorsOf={stepErrors}
          />
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
