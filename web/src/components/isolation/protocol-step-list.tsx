/**
 * The editable step list of an isolation protocol (issue 9 item 8): one ProtocolStepEditor per step
 * (method, parameters with readable labels and units, notes; reorder and remove) and "+ Add step". The
 * protocol builder and the batch page use this same form, so a protocol reads and edits alike in both.
 */
import { useState } from 'react';
import type { IsolationMethod } from '../../../../src/domain/isolation-protocol.ts';
import type { StepReport } from '../../../../src/science/isolation-chain/simulate-protocol.ts';
import { METHOD_SPECS } from '../../../../src/science/isolation-chain/step-parameters.ts';
import { plural } from '../../lib/format.ts';
import { Empty } from '../states.tsx';
import { draftFor, type StepDraft } from './protocol-drafts.ts';
import { ProtocolStepEditor } from './protocol-step-editor.tsx';

/** Most steps a protocol holds (isolationProtocolSchema: steps ≤ 50). */
const MAX_STEPS = 50;

export function ProtocolStepList({
  drafts,
  onChange,
  reports,
  errorsOf,
  initialMethod = 'size-exclusion-chromatography',
}: {
  drafts: StepDraft[];
  onChange: (update: (drafts: StepDraft[]) => StepDraft[]) => void;
  /** The simulated result of each step (the builder); null where there is none. */
  reports?: readonly (StepReport | null)[];
  /** Field errors of step `index`: parameter key → message. */
  errorsOf?: (index: number) => Record<string, string>;
  initialMethod?: IsolationMethod;
}) {
  const [addMethod, setAddMethod] = useState<IsolationMethod>(initialMethod);
  const update = (index: number, draft: StepDraft) =>
    onChange((list) => list.map((d, i) => (i === index ? draft : d)));
  const move = (index: number, delta: -1 | 1) =>
    onChange((list) => {
      const target = index + delta;
      if (target < 0 || target >= list.length) return list;
      const copy = [...list];
      [copy[index], copy[target]] = [copy[target] as StepDraft, copy[index] as StepDraft];
      return copy;
    });
  return (
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
            report={reports?.[i] ?? null}
            errors={errorsOf?.(i) ?? {}}
            onChange={(draft) => update(i, draft)}
            onRemove={() => onChange((list) => list.filter((_, j) => j !== i))}
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
          disabled={drafts.length >= MAX_STEPS}
          onClick={() => onChange((list) => [...list, draftFor(addMethod)])}
        >
          + Add step
        </button>
      </div>
      <p className="muted small">* marks typical values (assumptions): replace them with your own.</p>
    </fieldset>
  );
}
