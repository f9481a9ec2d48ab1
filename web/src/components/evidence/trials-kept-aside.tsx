/**
 * Imported ClinicalTrials.gov studies that do not name both MSCs and EVs are kept aside (relevance
 * "pending"), not added to the registered MSC-EV trials. This list shows the rule and lets the user
 * confirm each one or set it aside for good (issue 9 item 5).
 */
import { useState } from 'react';
import { TRIAL_RELEVANCE_RULE } from '../../../../src/science/evidence/trial-relevance.ts';
import { toApiError } from '../../api/client.ts';
import { curationApi } from '../../api/curation-client.ts';
import { evidenceApi } from '../../api/evidence-client.ts';
import { useApi } from '../../api/use-api.ts';

export function TrialsKeptAside({ version, onChanged }: { version: number; onChanged: () => void }) {
  const pending = useApi(
    (signal) => evidenceApi.listTrials({ relevance: 'pending', limit: 100 }, signal),
    [version],
  );
  const [error, setError] = useState<string | null>(null);
  const items = pending.data?.items ?? [];
  if (items.length === 0) return null;
  const decide = async (nctId: string, relevance: 'relevant' | 'set-aside') => {
    try {
      await curationApi.setTrialRelevance(nctId, relevance);
      setError(null);
      pending.reload();
      onChanged();
    } catch (e) {
      setError(toApiError(e).detail ?? 'Could not save');
    }
  };
  return (
    <section className="stack ev-kept-aside" aria-label="Imported studies kept aside">
      <h3>
        Kept aside: {items.length} imported {items.length === 1 ? 'study' : 'studies'} to check
      </h3>
      <p className="muted small">{TRIAL_RELEVANCE_RULE}</p>
      <ul>
        {items.map((t) => (
          <li key={t.nctId}>
            <span className="mono">{t.nctId}</span> {t.title}{' '}
            <button type="button" className="button small" onClick={() => decide(t.nctId, 'relevant')}>
              Add to MSC-EV trials
            </button>{' '}
            <button type="button" className="button small" onClick={() => decide(t.nctId, 'set-aside')}>
              Keep aside
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="text-error small" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
