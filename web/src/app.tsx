/** The workbench shell: header bar (navigation, acting user), the routed page, a footer with server info. */
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { api, type Health } from './api/client.ts';
import { loadSession, signOut, useSession } from './api/user.ts';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { Link, lazyPage, matchPath, NavLink, useLocation } from './router.tsx';

// One script chunk per page, loaded on first visit (issue 9 item 20).
const AccountPage = lazyPage(() => import('./pages/account-page.tsx'), 'AccountPage');
const BatchPage = lazyPage(() => import('./pages/batch-page.tsx'), 'BatchPage');
const BatchesPage = lazyPage(() => import('./pages/batches-page.tsx'), 'BatchesPage');
const DashboardPage = lazyPage(() => import('./pages/dashboard-page.tsx'), 'DashboardPage');
const EvidencePage = lazyPage(() => import('./pages/evidence-page.tsx'), 'EvidencePage');
const IsolationPlannerPage = lazyPage(
  () => import('./pages/isolation-planner-page.tsx'),
  'IsolationPlannerPage',
);
const MeasurementPage = lazyPage(() => import('./pages/measurement-page.tsx'), 'MeasurementPage');
const OverlayPage = lazyPage(() => import('./pages/overlay-page.tsx'), 'OverlayPage');
const PkPage = lazyPage(() => import('./pages/pk-page.tsx'), 'PkPage');
const SourcesPage = lazyPage(() => import('./pages/sources-page.tsx'), 'SourcesPage');
const UsersPage = lazyPage(() => import('./pages/users-page.tsx'), 'UsersPage');
const BatchCharacterizationPage = lazyPage(
  () =>
    import('./pages/batch-characterization-page.tsx').then((m) => ({
      BatchCharacterizationPage: m.BatchCharacterizationPage,
    })),
  'BatchCharacterizationPage',
);
const CharacterizationComparePage = lazyPage(
  () =>
    import('./pages/batch-characterization-page.tsx').then((m) => ({
      CharacterizationComparePage: m.CharacterizationComparePage,
    })),
  'CharacterizationComparePage',
);
const QcPage = lazyPage(() => import('./pages/qc-page.tsx'), 'QcPage');
const QcSpecificationsPage = lazyPage(
  () => import('./pages/qc-specifications-page.tsx'),
  'QcSpecificationsPage',
);
const QcComparePage = lazyPage(() => import('./pages/qc-compare-page.tsx'), 'QcComparePage');
const TrackSizingPage = lazyPage(() => import('./pages/track-sizing-page.tsx'), 'TrackSizingPage');

const ROUTES: [pattern: string, render: (params: Record<string, string>) => ReactNode][] = [
  ['/', () => <DashboardPage />],
  ['/batches', () => <BatchesPage />],
  ['/batches/:id', (p) => <BatchPage key={p.id} batchId={p.id ?? ''} />],
  ['/batches/:id/characterization', (p) => <BatchCharacterizationPage key={p.id} batchId={p.id ?? ''} />],
  ['/characterization', () => <CompareRoute />],
  ['/batches/:id/qc', (p) => <QcPage key={p.id} batchId={p.id ?? ''} />],
  ['/qc/compare', () => <QcComparePage />],
  ['/batches/:id/qc/specifications', (p) => <QcSpecificationsPage key={p.id} batchId={p.id ?? ''} />],
  ['/sources', () => <SourcesPage />],
  ['/measurements/:id', (p) => <MeasurementPage key={p.id} measurementId={p.id ?? ''} />],
  ['/overlay', () => <OverlayPage />],
  ['/tracks', () => <TrackSizingPage />],
  ['/isolation', () => <IsolationPlannerPage />],
  ['/pk', () => <PkPage />],
  ['/evidence', () => <EvidencePage />],
  ['/account', () => <AccountPage />],
  ['/users', () => <UsersPage />],
];

function routeFor(pathname: string): ReactNode {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params) return render(params);
  }
  return <NotFoundPage />;
}

/** The signed-in user (instead of a free-text name): display name, role, account page, sign-out. */
function UserBox() {
  const session = useSession();
  const user = session.user;
  if (!user) return null;
  return (
    <div className="userbox">
      <Link to="/account" title={`Signed in as ${user.name} (${session.role}); recorded in the audit trail`}>
        <span className="user-name">{user.displayName}</span>{' '}
        <span className="user-role">{session.role}</span>
      </Link>
      <button type="button" className="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
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
        <span>store: {health.dialect}</span>
      ) : down ? (
        <span className="text-error">API unreachable</span>
      ) : null}
      <a href="/api/docs" target="_blank" rel="noreferrer">
        API docs
      </a>
    </footer>
  );
}

function CompareRoute() {
  const { search } = useLocation();
  const ids = (search.get('ids') ?? '').split(',').filter((s) => s !== '');
  return <CharacterizationComparePage ids={ids} />;
}

export function App() {
  const { pathname } = useLocation();
  const session = useSession();
  useEffect(() => {
    void loadSession();
  }, []);
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
          <NavLink to="/tracks">Track sizing</NavLink>
          <NavLink to="/characterization">Compare batches</NavLink>
          <NavLink to="/isolation">Isolation planner</NavLink>
          <NavLink to="/pk">PK</NavLink>
          <NavLink to="/evidence">Evidence</NavLink>
          {session.role === 'admin' ? <NavLink to="/users">Users</NavLink> : null}
        </nav>
        <UserBox />
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {!session.loaded ? null : session.user ? (
          <Suspense fallback={<p className="muted">Loading…</p>}>{routeFor(pathname)}</Suspense>
        ) : (
          <SignInPage />
        )}
      </main>
      <Footer />
    </div>
  );
}
