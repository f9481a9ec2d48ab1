/** "Save to batch": pick a batch and store the built protocol as its isolationProtocol (PATCH /api/batches/:id). */
import { useState } from 'react';
import type { IsolationProtocol } from '../../../../src/domain/isolation-protocol.ts';
import { api } from '../../api/client.ts';
import { isolationProtocolApi } from '../../api/isolation-protocol-client.ts';
import { useApi } from '../../api/use-api.ts';
import { useFormSubmit } from '../../lib/use-form-submit.ts';
import { ErrorPanel } from '../states.tsx';

export function ProtocolSaveToBatch({
  protocol,
  disabled,
}: {
  protocol: IsolationProtocol;
  disabled: boolean;
}) {
  const batches = useApi((signal) => api.listBatches({ limit: 200 }, signal), []);
  const [batchId, setBatchId] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, submit } = useFormSubmit();
  const items = batches.data?.items ?? [];
  return (
    <div className="stack">
      <div className="pb-save">
        <label className="field">
          <span className="field-label">Batch</span>
          <select
            aria-label="Batch to save the protocol to"
            value={batchId}
            onChange={(e) => {
              setBatchId(e.target.value);
              setSaved(null);
            }}
          >
            <option value="">
              {batches.data
                ? items.length
                  ? 'Choose a batch…'
                  : 'No batches yet'
                : batches.error
                  ? 'Batches unavailable'
                  : 'Loading…'}
            </option>
            {items.map((b) => (
              <option key={b.id} value={b.id}>
                {b.code} ({b.status})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button primary"
          disabled={disabled || !batchId || busy}
          onClick={() =>
            submit(async () => {
              const batch = await isolationProtocolApi.saveToBatch(batchId, protocol);
              setSaved(`Saved to ${batch.code}: ${batch.isolationProtocol.steps.length} steps.`);
            })
          }
        >
          {busy ? 'Saving…' : 'Save to batch'}
        </button>
      </div>
      {disabled ? <p className="muted small">Fix the protocol’s errors before saving.</p> : null}
      {saved ? (
        <p className="text-ok" role="status">
          {saved}
        </p>
      ) : null}
      {batches.error ? <ErrorPanel error={batches.error} compact onRetry={batches.reload} /> : null}
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
}
