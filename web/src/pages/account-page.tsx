/** Your account: password change and your own API tokens. */
import { useCallback, useEffect, useState } from 'react';
import type { ApiToken, User } from '../../../src/domain/account.ts';
import { request, toApiError } from '../api/client.ts';
import { sessionRenewed, useSession } from '../api/user.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function AccountPage() {
  useDocumentTitle('Account');
  const session = useSession();
  const user = session.user;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [tokenName, setTokenName] = useState('');
  const [newToken, setNewToken] = useState<string | null>(null);
  const reload = useCallback(
    () =>
      request<{ items: ApiToken[] }>('GET', '/api/auth/tokens')
        .then((r) => setTokens(r.items))
        .catch(() => setTokens([])),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  if (!user) return null;
  const welcome = new URLSearchParams(window.location.search).has('welcome');
  return (
    <div className="stack">
      <h1>Account</h1>
      <p>
        Signed in as <strong>{user.displayName}</strong> ({user.name}, {session.role})
      </p>
      {welcome && !user.hasPassword ? (
        <p className="notice" role="status">
          Welcome! Set a password now: the sign-in link worked only once.
        </p>
      ) : null}
      {user.sso ? null : (
        <form
          className="form"
          aria-label="Change password"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              const r = await request<{ csrfToken: string; user: User }>('POST', '/api/auth/password', {
                body: { currentPassword: current, newPassword: next },
              });
              sessionRenewed(r.csrfToken, r.user);
              setCurrent('');
              setNext('');
              setMessage('Password changed.');
            } catch (error) {
              const e2 = toApiError(error);
              setMessage(e2.fieldError(['newPassword']) ?? e2.detail ?? e2.title);
            }
          }}
        >
          <h2>{user.hasPassword ? 'Change password' : 'Set a password'}</h2>
          {user.hasPassword ? (
            <label className="field">
              <span className="field-label">Current password</span>
              <input
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            </label>
          ) : null}
          <label className="field">
            <span className="field-label">New password (at least 12 characters)</span>
            <input
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          </label>
          {message ? <p role="status">{message}</p> : null}
          <div className="form-actions">
            <button type="submit" className="button primary">
              Save password
            </button>
          </div>
        </form>
      )}
      <section aria-label="API tokens">
        <h2>API tokens</h2>
        <p className="field-hint">
          For scripts and the CLI against this server: send <code>Authorization: Bearer TOKEN</code>.
        </p>
        <form
          className="form"
          aria-label="New API token"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await request<{ token: string }>('POST', '/api/auth/tokens', {
              body: { name: tokenName || 'script' },
            });
            setNewToken(r.token);
            setTokenName('');
            void reload();
          }}
        >
          <label className="field">
            <span className="field-label">Token name</span>
            <input
              value={tokenName}
              onChange={(e) => setTokenName(e.target.value)}
              placeholder="e.g. plate-reader export"
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="button">
              Create token (90 days)
            </button>
          </div>
          {newToken ? (
            <p role="status">
              Copy it now, it is shown only once: <code>{newToken}</code>
            </p>
          ) : null}
        </form>
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Expires</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.role}</td>
                <td>{t.expiresAt.slice(0, 10)}</td>
                <td>{t.revokedAt ? 'revoked' : 'active'}</td>
                <td>
                  {t.revokedAt ? null : (
                    <button
                      type="button"
                      className="button"
                      onClick={async () => {
                        await request('DELETE', `/api/auth/tokens/${t.id}`);
                        void reload();
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
