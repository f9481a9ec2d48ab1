/** The workbench shell: header bar (navigation, acting user), the routed page, a footer with server info. */
import { type ReactNode, useEffect, useState } from 'react';
import { api, type Health } from './api/client.ts';
import { setUserName, useUserName } from './api/user.ts';
import { BatchPage } from './pages/batch-page.tsx';
import { BatchesPage } from './pages/batches-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { EvidencePage } from './pages/evidence-page.tsx';
import { IsolationPlannerPage } from './pages/isolation-planner-page.tsx';
import { MeasurementPage } from './pages/measurement-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OverlayPage } from './pages/overlay-page.tsx';
import { PkPage } from './pages/pk-page.tsx';
import { SourcesPage } from './pages/sources-page.tsx';
import { Link, matchPath, NavLink, useLocation } from './router.tsx';

const ROUTES: [pattern: string, render: (params: Record<string, string>) => ReactNode][] = [
  ['/', () => <DashboardPage />],
  ['/batches', () => <BatchesPage />],
  ['/batches/:id', (p) => <BatchPage key={p.id} batchId={p.id ?? ''} />],
  ['/sources', () => <SourcesPage />],
  ['/measurements/:id', (p) => <MeasurementPage key={p.id} measurementId={p.id ?? ''} />],
  ['/overlay', () => <OverlayPage />],
  ['/isolation', () => <IsolationPlannerPage />],
  ['/pk', () => <PkPage />],
  ['/evidence', () => <EvidencePage />],
];

function routeFor(pathname: string): ReactNode {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params) return render(params);
  }
  return <NotFoundPage />;
}

function UserBox() {
  const saved = useUserName();
  const [draft, setDraft] = useState(saved);
  useEffect(() => setDraft(saved), [saved]);
  const commit = () => {
    if (draft.trim() !== saved) setUserName(draft);
  };
  return (
    <form
      className="userbox"
      onSubmit={(e) => {
        e.preventDefault();
        commit();
        (document.activeElement as HTMLElement | null)?.blur();
      }}
    >
      <label
        htmlFor="evlab-user"
        title="Recorded in the audit trail as the author of your changes (X-Evlab-User)"
      >
        Acting as
      </label>
      <input
        id="evlab-user"
        value={draft}
        placeholder="unknown user"
        autoComplete="name"
        spellCheck={false}
        maxLength={100}
        className={saved ? '' : 'unset'}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
      />
    </form>
  );
}

function Footer() {
  const [health, setHealth] = useState<Health | null>(null);
  const [down, setDown] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    api
      .health(controller.signal)
      .then(setHealth)
      .catch(() => {
        if (!controller.signal.aborted) setDown(true);
      });
    return () => controller.abort();
  }, []);
  return (
    <footer className="footer">
      <span>evlab {health ? `v${health.version}` : ''}</span>
      {health ? (
        <span>
          store: {health.dialect} · {health.dataDir}
        </span>
      ) : down ? (
        <span className="text-error">API unreachable</span>
      ) : null}
      <a href="/api/docs" target="_blank" rel="noreferrer">
        API docs
      </a>
    </footer>
  );
}

export function App() {
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
            <circle cx="16" cy="16" r="12" fill="none" stroke="currentColor" strokeWidth="3.5" />
            <circle cx="16" cy="16" r="4.5" fill="currentColor" />
          </svg>
          <span className="brand-name">evlab</span>
          <span className="brand-tag">MSC-EV workbench</span>
        </Link>
        <nav className="nav">
          <NavLink to="/" exact>
            Dashboard
          </NavLink>
          <NavLink to="/batches">Batches</NavLink>
          <NavLink to="/sources">Sources</NavLink>
          <NavLink to="/overlay">NTA overlay</NavLink>
          <NavLink to="/isolation">Isolation planner</NavLink>
          <NavLink to="/pk">PK</NavLink>
          <NavLink to="/evidence">Evidence</NavLink>
        </nav>
        <UserBox />
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {routeFor(pathname)}
      </main>
      <Footer />
    </div>
  );
}
