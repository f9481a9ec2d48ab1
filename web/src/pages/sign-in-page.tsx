/** Sign-in: name and password, or single sign-on when the server offers it. */
import { useState } from 'react';
import { signIn, useSession } from '../api/user.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function SignInPage() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="signin">
      <h1>Sign in to evlab</h1>
      <form
        className="form"
        aria-label="Sign in"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(await signIn(name, password));
          setBusy(false);
        }}
      >
        <label className="field">
          <span className="field-label">User name</span>
          <input
            name="username"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span className="field-label">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error ? (
          <p className="text-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Sign in
          </button>
          {session.sso.enabled ? (
            <a className="button" href="/api/auth/oidc/start">
              {session.sso.label}
            </a>
          ) : null}
        </div>
      </form>
      <p className="field-hint">
        First start? The server printed a one-time sign-in link on its console. Lost it? Run{' '}
        <code>evlab user link admin</code>.
      </p>
    </div>
  );
}
