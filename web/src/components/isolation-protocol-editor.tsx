/**
 * An isolation protocol as a read-only step list (method, parameters with units, notes): shown for a locked
 * (released or rejected) batch. Editing uses the protocol builder's form (isolation/batch-protocol-form.tsx).
 */
import type { IsolationProtocol } from '../../../src/domain/isolation-protocol.ts';
import { describeParameter, METHOD_LABELS } from '../lib/labels.ts';

export function ProtocolSteps({ protocol }: { protocol: IsolationProtocol }) {
  if (protocol.steps.length === 0) {
    return <p className="muted">No isolation steps recorded.</p>;
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
