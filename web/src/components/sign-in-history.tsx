/**
 * Sign-in history (issue 10): the `access` category of the audit trail — sign-in successes, failures,
 * lockouts and sign-outs, newest first — from GET /api/audit (QA and administrators).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AuditEvent } from '../../../src/domain/measurement.ts';
import { type Page, request, toApiError } from '../api/client.ts';

const ACTION_LABELS: Record<string, string> = {
  'sign-in': 'signed in',
  'sign-in-failed': 'sign-in refused',
  lockout: 'locked out',
  'sign-out': 'signed out',
};

const REASON_LABELS: Record<string, string> = {
  invalid: 'wrong name or password',
  locked: 'account locked',
  disabled: 'account disabled',
};

const PAGE_SIZE = 50;

function detailOf(after: unknown): string {
  if (typeof after !== 'object' || after === null) return '';
  const a = after as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof a.reason === 'string') parts.push(REASON_LABELS[a.reason] ?? a.reason);
  if (typeof a.failedSignIns === 'number') parts.push(`${a.failedSignIns} failed in a row`);
  if (typeof a.lockedUntil === 'string')
    parts.push(`locked until ${a.lockedUntil.replace('T', ' ').slice(0, 19)} UTC`);
  return parts.join('; ');
}

export function SignInHistory() {
  const [page, setPage] = useState<Page<AuditEvent> | null>(null);
  const [offset, setOffset] = useState(0);
  const [failuresOnly, setFailuresOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    request<Page<AuditEvent>>('GET', '/api/audit', {
      query: { category: 'access', entityType: 'sign-in', limit: PAGE_SIZE, offset },
    })
      .then((p) => {
        setPage(p);
        setError(null);
      })
      .catch((e) => setError(toApiError(e).detail ?? toApiError(e).title));
  }, [offset]);
  useEffect(load, [load]);
  const rows = (page?.items ?? []).filter(
    (e) => !failuresOnly || (e.action !== 'sign-in' && e.action !== 'sign-out'),
  );
  return (
    <section className="stack" aria-labelledby="sign-in-history-title">
      <h2 id="sign-in-history-title">Sign-in history</h2>
      <p className="field-hint">
        Every sign-in, refused attempt, lockout and sign-out, newest first (UTC). Part of the hash-chained
        audit trail: <code>evlab audit verify</code> checks it.
      </p>
      <div className="form-actions">
        <label className="checkbox">
          <input type="checkbox" checked={failuresOnly} onChange={(e) => setFailuresOnly(e.target.checked)} />{' '}
          Refused attempts and lockouts only
        </label>{' '}
        <button type="button" className="button" onClick={load}>
          Refresh
        </button>
      </div>
      {error ? (
        <p className="text-error" role="alert">
          {error}
        </p>
      ) : page === null ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>No sign-in events {failuresOnly ? 'of this kind ' : ''}yet.</p>
      ) : (
        <table className="table" aria-label="Sign-in history">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>User</th>
              <th>Event</th>
              <th>How</th>
              <th>From</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const after = (e.after ?? {}) as Record<string, unknown>;
              return (
                <tr key={e.id} data-action={e.action}>
                  <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                  <td>{e.actor}</td>
                  <td>{ACTION_LABELS[e.action] ?? e.action}</td>
                  <td>{typeof after.via === 'string' ? after.via : ''}</td>
                  <td>{typeof after.clientAddress === 'string' ? after.clientAddress : ''}</td>
                  <td>{detailOf(e.after)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {page && page.total > PAGE_SIZE ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Newer
          </button>{' '}
          <span>
            {offset + 1}–{Math.min(offset + PAGE_SIZE, page.total)} of {page.total}
          </span>{' '}
          <button
            type="button"
            className="button"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Older
          </button>
        </div>
      ) : null}
    </section>
  );
}
