/**
 * The batch page's isolation protocol (issue 9 item 8): the protocol builder's own step form (readable
 * labels, units, hints; no JSON), checked by the method tables as the user types and saved with PATCH
 * /api/batches/:id. A stored protocol survives an untouched save exactly (protocol-drafts.ts: unknown
 * parameters such as `fractionsPooled` and keys such as `mwcoKDa` are kept). A released or rejected batch
 * is locked: its protocol is listed read-only.
 */
import { useMemo, useState } from 'react';
import type { Batch } from '../../../../src/domain/batch.ts';
import { canonicalJson } from '../../../../src/domain/canonical-json.ts';
import { isolationProtocolSchema } from '../../../../src/domain/isolation-protocol.ts';
import { isLockedStatus } from '../../../../src/domain/qc/release.ts';
import { resolveStepParameters } from '../../../../src/science/isolation-chain/step-parameters.ts';
import { api } from '../../api/client.ts';
import { plural } from '../../lib/format.ts';
import { useFormSubmit } from '../../lib/use-form-submit.ts';
import { ProtocolSteps } from '../isolation-protocol-editor.tsx';
import { ErrorPanel } from '../states.tsx';
import { draftsOf, draftsToProtocol, type ParameterValue, type StepDraft } from './protocol-drafts.ts';
import { ProtocolStepList } from './protocol-step-list.tsx';
import './protocol-builder.css';

export function BatchProtocolForm({ batch, onSaved }: { batch: Batch; onSaved: (batch: Batch) => void }) {
  const stored = batch.isolationProtocol;
  const [name, setName] = useState(stored.name);
  // Fields the stored protocol does not set stay empty (the model's default shows as placeholder).
  const [drafts, setDrafts] = useState<StepDraft[]>(() => draftsOf(stored, { fillDefaults: false }));
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, submit } = useFormSubmit();

  const protocol = useMemo(() => draftsToProtocol(name, drafts), [name, drafts]);
  // Key order does not matter: an untouched stored protocol is not a change.
  const dirty = canonicalJson(protocol) !== canonicalJson(stored);
  const issues = useMemo(
    () =>
      protocol.steps.map((s, i) => {
        const out: Record<string, string> = {};
        for (const issue of resolveStepParameters(s.method, s.parameters as Record<string, ParameterValue>, i)
          .issues) {
          const key = issue.path[4];
          if (typeof key === 'string') out[key] = issue.message.replace(/^step \d+ \([^)]*\): /, '');
        }
        return out;
      }),
    [protocol],
  );
  const issueCount = issues.reduce((n, i) => n + Object.keys(i).length, 0);

  if (isLockedStatus(batch.status)) {
    return (
      <div className="protocol-view">
        <h3>{stored.name || 'Unnamed protocol'}</h3>
        <ProtocolSteps protocol={stored} />
        <p className="muted small">The batch is {batch.status}: its protocol can no longer be changed.</p>
      </div>
    );
  }

  return (
    <form
      className="stack"
      aria-label="Isolation protocol"
      onSubmit={async (e) => {
        e.preventDefault();
        const check = isolationProtocolSchema.safeParse(protocol);
        await submit(async () => {
          const updated = await api.updateBatch(batch.id, { isolationProtocol: protocol });
          setSaved(`Saved: ${plural(updated.isolationProtocol.steps.length, 'step')}.`);
          onSaved(updated);
        }, check);
      }}
    >
      <label className="field">
        <span className="field-label">Protocol name</span>
        <input
          value={name}
          maxLength={200}
          aria-label="Protocol name"
          onChange={(e) => {
            setName(e.target.value);
            setSaved(null);
          }}
        />
      </label>
      <ProtocolStepList
        drafts={drafts}
        onChange={(update) => {
          setDrafts(update);
          setSaved(null);
        }}
        errorsOf={(i) => issues[i] ?? {}}
        initialMethod="differential-ultracentrifugation"
      />
      {error ? <ErrorPanel error={error} compact /> : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!dirty || busy || issueCount > 0}>
          {busy ? 'Saving…' : 'Save protocol'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!dirty || busy}
          onClick={() => {
            setName(stored.name);
            setDrafts(draftsOf(stored, { fillDefaults: false }));
          }}
        >
          Revert
        </button>
        {issueCount > 0 ? (
          <span className="text-error small">Fix {plural(issueCount, 'field')} marked above to save.</span>
        ) : saved ? (
          <span className="muted small" role="status">
            {saved}
          </span>
        ) : null}
      </div>
    </form>
  );
}
