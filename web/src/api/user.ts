/**
 * The signed-in session: who the server says is signed in (GET /api/auth/session), the CSRF token that
 * cookie-authenticated writes send as X-CSRF-Token, sign-in and sign-out. The session cookie itself is
 * HttpOnly: this page never sees it.
 */
import { useSyncExternalStore } from 'react';
import type { Role, User } from '../../../src/domain/account.ts';

export interface SessionState {
  /** null while loading the first time. */
  loaded: boolean;
  user: User | null;
  role: Role | null;
  projectIds: string[];
  csrfToken: string | null;
  sso: { enabled: boolean; label: string };
}

const CHANGE_EVENT = 'evlab:session-change';
let state: SessionState = {
  loaded: false,
  user: null,
  role: null,
  projectIds: [],
  csrfToken: null,
  sso: { enabled: false, label: 'Single sign-on' },
};

function set(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function getSession(): SessionState {
  return state;
}

/** The signed-in user's sign-in name ('' when nobody is signed in). */
export function getUserName(): string {
  return state.user?.name ?? '';
}

/** Header for cookie-authenticated writes. */
export function csrfHeader(): Record<string, string> {
  return state.csrfToken ? { 'X-CSRF-Token': state.csrfToken } : {};
}

/** The server ended the session (401): show the sign-in page. */
export function sessionEnded(): void {
  if (state.user) set({ user: null, role: null, projectIds: [], csrfToken: null });
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function loadSession(): Promise<void> {
  try {
    const response = await fetch('/api/auth/session', { headers: { Accept: 'application/json' } });
    const body = await readJson(response);
    set({
      loaded: true,
      user: (body.user as User | null) ?? null,
      role: (body.role as Role | null) ?? null,
      projectIds: (body.projectIds as string[]) ?? [],
      csrfToken: (body.csrfToken as string | null) ?? null,
      sso: (body.sso as SessionState['sso']) ?? state.sso,
    });
  } catch {
    set({ loaded: true });
  }
}

/** Signs in; resolves with an error message, or null on success. */
export async function signIn(name: string, password: string): Promise<string | null> {
  const response = await fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = await readJson(response);
  if (!response.ok)
    return typeof body.detail === 'string' ? body.detail : `Sign-in failed (${response.status})`;
  set({
    loaded: true,
    user: body.user as User,
    role: body.role as Role,
    projectIds: (body.projectIds as string[]) ?? [],
    csrfToken: body.csrfToken as string,
  });
  return null;
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/sign-out', { method: 'POST', headers: csrfHeader() }).catch(() => undefined);
  set({ user: null, role: null, projectIds: [], csrfToken: null });
}

/** After a password change the server starts a new session with a new CSRF token. */
export function sessionRenewed(csrfToken: string, user: User): void {
  set({ csrfToken, user });
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** The signed-in user's sign-in name ('' when nobody is signed in). */
export function useUserName(): string {
  return useSession().user?.name ?? '';
}
