/** User administration (admins): create users, change roles, disable, reset passwords, memberships, tokens. */
import { useCallback, useEffect, useState } from 'react';
import { ROLE_DESCRIPTIONS, ROLES, type Role, type User } from '../../../src/domain/account.ts';
import type { Project } from '../../../src/domain/project.ts';
import { type Page, request, toApiError } from '../api/client.ts';
import { useSession } from '../api/user.ts';
import { SignInHistory } from '../components/sign-in-history.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

function UserRow({ user, projects, onChanged }: { user: User; projects: Project[]; onChanged: () => void }) {
  const [memberOf, setMemberOf] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setMessage(done);
      onChanged();
    } catch (error) {
      const e = toApiError(error);
      setMessage(e.detail ?? e.title);
    }
  };
  useEffect(() => {
    request<{ projectIds: string[] }>('GET', `/api/users/${user.id}/projects`)
      .then((r) => setMemberOf(r.projectIds))
      .catch(() => setMemberOf([]));
  }, [user.id]);
  return (
    <tr>
      <td>
        <strong>{user.name}</strong>
        <br />
        <span className="field-hint">{user.displayName}</span>
      </td>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          onChange={(e) =>
            run(
              () => request('PATCH', `/api/users/${user.id}`, { body: { role: e.target.value } }),
              'Role changed.',
            )
          }
        >
          {ROLES.map((r) => (
            <option key={r} value={r} title={ROLE_DESCRIPTIONS[r]}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td>
        {projects.map((p) => (
          <label key={p.id} className="checkbox">
            <input
              type="checkbox"
              checked={memberOf?.includes(p.id) ?? false}
              disabled={memberOf === null}
              onChange={(e) => {
                const next = e.target.checked
                  ? [...(memberOf ?? []), p.id]
                  : (memberOf ?? []).filter((id) => id !== p.id);
                void run(async () => {
                  const r = await request<{ projectIds: string[] }>('PUT', `/api/users/${user.id}/projects`, {
                    body: { projectIds: next },
                  });
                  setMemberOf(r.projectIds);
                }, 'Memberships saved.');
              }}
            />{' '}
            {p.name}
          </label>
        ))}
      </td>
      <td>
        {user.disabled
          ? 'disabled'
          : user.sso
            ? 'single sign-on'
            : user.hasPassword
              ? 'password'
              : 'link only'}
      </td>
      <td>
        <button
          type="button"
          className="button"
          onClick={() =>
            run(
              () => request('PATCH', `/api/users/${user.id}`, { body: { disabled: !user.disabled } }),
              user.disabled ? 'Enabled.' : 'Disabled.',
            )
          }
        >
          {user.disabled ? 'Enable' : 'Disable'}
        </button>{' '}
        <button
          type="button"
          className="button"
          onClick={() => {
            const password = window.prompt(`New password for ${user.name} (at least 12 characters)`);
            if (password)
              void run(
                () => request('POST', `/api/users/${user.id}/password`, { body: { password } }),
                'Password reset.',
              );
          }}
        >
          Reset password
        </button>{' '}
        <button
          type="button"
          className="button"
          onClick={() =>
            run(async () => {
              const r = await request<{ token: string }>('POST', `/api/users/${user.id}/tokens`, {
                body: { name: 'issued by admin' },
              });
              setMessage(`Token (shown once): ${r.token}`);
            }, '')
          }
        >
          New token
        </button>
        {message ? <div role="status">{message}</div> : null}
      </td>
    </tr>
  );
}

export function UsersPage() {
  useDocumentTitle('Users');
  const session = useSession();
  const [users, setUsers] = useState<User[]>([]);
  const [projects, setProjects] = useState<Project[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    request<{ items: User[] }>('GET', '/api/users').then((r) => setUsers(r.items));
    request<Page<Project>>('GET', '/api/projects', { query: { limit: 1000 } }).then((r) =>
      setProjects(r.items),
    );
  }, []);
  useEffect(() => {
    if (session.role === 'admin') reload();
  }, [session.role, reload]);
  if (session.role !== 'admin') return <p>User administration is for administrators.</p>;
  return (
    <div className="stack">
      <h1>Users</h1>
      <form
        className="form"
        aria-label="New user"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await request('POST', '/api/users', { body: { name, role, password: password || null } });
            setName('');
            setPassword('');
            setError(null);
            reload();
          } catch (err) {
            const e2 = toApiError(err);
            setError(
              e2.errors.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') || e2.detail || e2.title,
            );
          }
        }}
      >
        <div className="form-grid">
          <label className="field">
            <span className="field-label">User name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label className="field">
            <span className="field-label">Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r} — {ROLE_DESCRIPTIONS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Password (optional, at least 12 characters)</span>
            <input
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
        </div>
        {error ? (
          <p className="text-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button primary">
            Create user
          </button>
        </div>
      </form>
      <table className="table" aria-label="Users">
        <thead>
          <tr>
            <th>User</th>
            <th>Role</th>
            <th>Projects</th>
            <th>Sign-in</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} projects={projects} onChanged={reload} />
          ))}
        </tbody>
      </table>
      <SignInHistory />
    </div>
  );
}
