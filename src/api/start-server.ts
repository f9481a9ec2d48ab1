/**
 * Starts the evlab server: opens the workbench (migrating the database), seeds the demo data on a first
 * start (empty store), listens, and returns the URL. Prints nothing; the CLI decides what to say.
 */
import type { FastifyInstance } from 'fastify';
import { ensureFirstStartAccess } from '../jobs/accounts.ts';
import { type ReconcileReport, reconcileBlobStore } from '../jobs/data-integrity.ts';
import { seedDemo } from '../jobs/seed-demo.ts';
import { openWorkbench, type Workbench } from '../jobs/workbench.ts';
import { buildServer } from './build-server.ts';
import { type OidcOptions, oidcOptionsFromEnv } from './oidc.ts';

export interface StartServerOptions {
  /** Interface to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  /** TCP port; default 8080; 0 = any free port. */
  port?: number;
  dataDir: string;
  /** Database URL; null/undefined = embedded SQLite in dataDir. */
  db?: string | null;
  /** Built web UI (web/dist); null = none. */
  webDistDir?: string | null;
  /** Seed the demo project when the store has no projects (default true). */
  seedDemoOnFirstStart?: boolean;
  /** Actor recorded for the demo data. */
  actor?: string;
  logger?: boolean;
  maxUploadBytes?: number;
  pgSchema?: string;
  /** Extra host names the server answers to (default: EVLAB_ALLOWED_HOSTS, comma-separated). */
  allowedHosts?: readonly string[];
  /** OpenID Connect single sign-on (default: from the EVLAB_OIDC_* variables; null = off). */
  oidc?: OidcOptions | null;
  /** Create the first administrator and a one-time sign-in link when nobody can sign in (default true). */
  firstStartAccess?: boolean;
  /**
   * Run the once-per-start tasks (crash reconciliation of the blob store, demo seed, first-start access)
   * before listening (default true). False in the worker processes of a cluster, where the primary has run
   * them once before forking (src/api/start-server-cluster.ts).
   */
  startupTasks?: boolean;
}

/** What the once-per-start tasks did: see `prepareDataDirectory`. */
export interface PreparedDataDirectory {
  reconciled: ReconcileReport;
  seeded: boolean;
  access: Awaited<ReturnType<typeof ensureFirstStartAccess>> | null;
}

const NOTHING_RECONCILED: ReconcileReport = { removedTempFiles: [], orphanBlobs: [], removedOrphanBlobs: [] };

/**
 * The tasks a start runs once, before any request is served: crash leftovers (.part files of dead writers
 * go, blobs without a row go after a grace period), the demo seed on an empty store, and the first
 * administrator with a one-time sign-in link when nobody can sign in.
 */
export async function prepareDataDirectory(
  workbench: Workbench,
  options: Pick<StartServerOptions, 'seedDemoOnFirstStart' | 'actor' | 'firstStartAccess'>,
): Promise<PreparedDataDirectory> {
  const reconciled = await reconcileBlobStore(workbench);
  let seeded = false;
  if (options.seedDemoOnFirstStart !== false) {
    const projects = await workbench.store.listProjects({ limit: 1 });
    if (projects.total === 0) {
      const demo = await seedDemo(workbench, { actor: options.actor ?? 'evlab-demo' });
      seeded = demo.created;
    }
  }
  const access =
    options.firstStartAccess === false
      ? null
      : await ensureFirstStartAccess(workbench.store, options.actor ?? 'evlab');
  return { reconciled, seeded, access };
}

/** The one-time sign-in link of a first start, on the server's URL. */
export function firstStartSignIn(
  url: string,
  access: PreparedDataDirectory['access'],
): FirstStartSignIn | null {
  return access?.signInToken && access.expiresAt
    ? {
        url: `${url}/api/auth/link?token=${access.signInToken}`,
        userName: access.userName,
        createdUser: access.created,
        expiresAt: access.expiresAt,
      }
    : null;
}

/** The host names the server answers to: EVLAB_ALLOWED_HOSTS (or the option) plus the one it listens on. */
function allowedHostsFor(host: string, options: StartServerOptions): string[] {
  const configuredHosts =
    options.allowedHosts ??
    (process.env.EVLAB_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
  // The host it listens on is a name it answers to (all interfaces: the machine's own names, added by the policy).
  return host === '0.0.0.0' || host === '::' ? [...configuredHosts] : [...configuredHosts, host];
}

/** The one-time sign-in link printed on a first start (Jupyter-style). */
export interface FirstStartSignIn {
  url: string;
  userName: string;
  /** True when this start created the administrator. */
  createdUser: boolean;
  expiresAt: string;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  host: string;
  port: number;
  /** Set when listening beyond loopback: anyone who can reach the port can read and write. */
  warning: string | null;
  /** True when this start created the demo data. */
  seeded: boolean;
  /** Set when nobody can sign in with a password yet: open this link once to sign in as the administrator. */
  signIn: FirstStartSignIn | null;
  /** Start-up reconciliation of the blob store (crash leftovers): temp files removed, orphan blobs found. */
  reconciled: ReconcileReport;
  app: FastifyInstance;
  workbench: Workbench;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export function exposureWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `evlab is listening on ${host}, reachable from other machines, over plain HTTP: passwords and session ` +
    'cookies cross the network unencrypted. Put it behind an HTTPS reverse proxy, or use --host 127.0.0.1 unless the network is trusted.'
  );
}

export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return host === '::' ? '[::1]' : '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The workbench a server (or a cluster primary) opens on the options' data directory and database. */
export function openServerWorkbench(options: StartServerOptions): Promise<Workbench> {
  return openWorkbench({
    dataDir: options.dataDir,
    db: options.db ?? null,
    ...(options.maxUploadBytes !== undefined ? { maxUploadBytes: options.maxUploadBytes } : {}),
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
  });
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const workbench = await openServerWorkbench(options);
  let app: FastifyInstance | null = null;
  try {
    const { reconciled, seeded, access } =
      options.startupTasks === false
        ? { reconciled: NOTHING_RECONCILED, seeded: false, access: null }
        : await prepareDataDirectory(workbench, options);
    const allowedHosts = allowedHostsFor(host, options);
    app = await buildServer(workbench, {
      logger: options.logger ?? false,
      webDistDir: options.webDistDir ?? null,
      allowedHosts,
      oidc: options.oidc === undefined ? oidcOptionsFromEnv() : options.oidc,
    });
    await app.listen({ host, port });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const running = app;
    let closed = false;
    const url = `http://${urlHost(host)}:${actualPort}`;
    return {
      url,
      signIn: firstStartSignIn(url, access),
      host,
      port: actualPort,
      warning: exposureWarning(host),
      seeded,
      reconciled,
      app: running,
      workbench,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await running.close();
        } finally {
          await workbench.close();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await workbench.close().catch(() => {});
    throw error;
  }
}
