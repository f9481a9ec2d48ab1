/**
 * The server on several cores: `evlab serve --workers N` (or EVLAB_WORKERS). Node's cluster module runs N
 * worker processes that share one listening socket; each worker is a whole evlab server (its own workbench
 * and database connection) on the same data directory. Why this is safe:
 *
 * - SQLite in WAL mode serves readers in several processes at once; writers are serialized by SQLite's
 *   write lock (BEGIN IMMEDIATE) and the busy timeout, as they already are for a CLI writing beside the
 *   server. PostgreSQL: every worker has its own pool.
 * - The audit chain's head is read inside the writer's transaction (SQLite's write lock, PostgreSQL's
 *   advisory lock), never from process memory: src/store/audit-chain.ts.
 * - Sessions, tokens, lockouts and jobs live in the database; the SQLite job queue claims a job with one
 *   atomic UPDATE, so each worker's in-process job runner takes different jobs; job and upload temp files
 *   carry their writer's PID and are only removed when that process is dead.
 * - The once-per-start tasks (crash reconciliation, demo seed, first-start sign-in link) run once, in the
 *   primary, before any worker is forked.
 *
 * What is per worker: the in-memory rate limiter of the sign-in route (N workers allow N× the burst; the
 * lockout after repeated failures is in the database and shared).
 *
 * The primary serves nothing itself: it forks, restarts a worker that dies (at most
 * MAX_RESTARTS_PER_MINUTE, then it stops restarting and says so), and on close asks every worker to finish
 * its requests and exit (SIGTERM), killing what is left after SHUTDOWN_GRACE_MS.
 *
 * Measured (bench/results/api-load.md, `node bin/run-ts.mjs bench/api-load.bench.ts --server-workers 2`):
 * on a 2-core machine a single server process saturates one core at 50 clients while the load generator
 * uses a fifth of the other.
 */
import cluster, { type Worker } from 'node:cluster';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  exposureWarning,
  type FirstStartSignIn,
  firstStartSignIn,
  openServerWorkbench,
  prepareDataDirectory,
  type RunningServer,
  type StartServerOptions,
  startServer,
  urlHost,
} from './start-server.ts';

/** More than this many unexpected worker deaths in a minute: a crash loop, stop restarting. */
export const MAX_RESTARTS_PER_MINUTE = 10;
/** How long close() waits for workers to finish their requests before SIGKILL. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** Upper bound of --workers: beyond the cores of any machine evlab targets, a typo rather than a choice. */
export const MAX_WORKERS = 64;

interface ListeningMessage {
  type: 'evlab-worker-listening';
  port: number;
}
interface FailedMessage {
  type: 'evlab-worker-failed';
  message: string;
}
type WorkerMessage = ListeningMessage | FailedMessage;

function isWorkerMessage(value: unknown): value is WorkerMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'evlab-worker-listening' || type === 'evlab-worker-failed';
}

export interface ClusterEvent {
  kind: 'worker-exit' | 'worker-restarted' | 'restarts-stopped';
  pid: number | undefined;
  message: string;
}

export interface ClusterOptions {
  workers: number;
  /**
   * The script a worker runs (default: this process's own entry, `process.argv[1]`, with the same
   * arguments). The worker must call `serveAsClusterWorker` with the same server options.
   */
  exec?: string;
  args?: string[];
  /** Worker deaths and restarts, for the CLI to print. */
  onEvent?: (event: ClusterEvent) => void;
}

export interface RunningCluster {
  url: string;
  host: string;
  port: number;
  warning: string | null;
  seeded: boolean;
  signIn: FirstStartSignIn | null;
  reconciled: RunningServer['reconciled'];
  /** PIDs of the live worker processes. */
  workerPids(): number[];
  close(): Promise<void>;
}

/** True in a process forked by `startServerCluster`. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * In the primary: runs the once-per-start tasks, forks `workers` server processes and resolves once every
 * one of them listens. Rejects (and stops the workers already started) when one fails to start.
 */
export async function startServerCluster(
  options: StartServerOptions,
  clusterOptions: ClusterOptions,
): Promise<RunningCluster> {
  if (!cluster.isPrimary) throw new Error('startServerCluster runs in the primary process only');
  const workers = clusterOptions.workers;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS)
    throw new RangeError(`workers must be an integer 1–${MAX_WORKERS} (got ${workers})`);
  const host = options.host ?? DEFAULT_HOST;
  const requestedPort = options.port ?? DEFAULT_PORT;

  const workbench = await openServerWorkbench(options);
  let prepared: Awaited<ReturnType<typeof prepareDataDirectory>>;
  try {
    prepared = await prepareDataDirectory(workbench, options);
  } finally {
    await workbench.close();
  }

  cluster.setupPrimary({
    ...(clusterOptions.exec ? { exec: clusterOptions.exec } : {}),
    ...(clusterOptions.args ? { args: clusterOptions.args } : {}),
  });

  const live = new Set<Worker>();
  let shuttingDown = false;
  let port = requestedPort;
  const restarts: number[] = [];
  let restartsStopped = false;

  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      live.add(worker);
      const onMessage = (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        worker.off('message', onMessage);
        worker.off('exit', onEarlyExit);
        if (message.type === 'evlab-worker-listening') {
          port = message.port;
          resolve(worker);
        } else {
          reject(new Error(message.message));
        }
      };
      const onEarlyExit = (code: number | null, signal: string | null) => {
        worker.off('message', onMessage);
        live.delete(worker);
        reject(new Error(`a server worker exited before listening (${signal ?? `exit code ${code}`})`));
      };
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
      worker.once('exit', () => live.delete(worker));
    });

  const stopAll = async (): Promise<void> => {
    shuttingDown = true;
    const exits = [...live].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    );
    const timer = setTimeout(() => {
      for (const worker of live) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS);
    await Promise.all(exits);
    clearTimeout(timer);
  };

  // The first worker picks the port when 0 was asked for; the others then share that socket.
  try {
    await fork();
    await Promise.all(Array.from({ length: workers - 1 }, fork));
  } catch (error) {
    await stopAll();
    throw error;
  }

  const onExit = (worker: Worker, code: number | null, signal: string | null) => {
    if (shuttingDown) return;
    const pid = worker.process.pid;
    clusterOptions.onEvent?.({
      kind: 'worker-exit',
      pid,
      message: `server worker ${pid ?? '?'} exited (${signal ?? `exit code ${code}`})`,
    });
    const now = Date.now();
    while (restarts.length > 0 && (restarts[0] as number) < now - 60_000) restarts.shift();
    if (restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      if (!restartsStopped) {
        restartsStopped = true;
        clusterOptions.onEvent?.({
          kind: 'restarts-stopped',
          pid,
          message: `${MAX_RESTARTS_PER_MINUTE} server workers died within a minute: not restarting any more (${live.size} left)`,
        });
      }
      return;
    }
    restarts.push(now);
    fork().then(
      (replacement) =>
        clusterOptions.onEvent?.({
          kind: 'worker-restarted',
          pid: replacement.process.pid,
          message: `started server worker ${replacement.process.pid ?? '?'} in its place`,
        }),
      (error: Error) =>
        clusterOptions.onEvent?.({
          kind: 'worker-exit',
          pid: undefined,
          message: `could not restart a server worker: ${error.message}`,
        }),
    );
  };
  cluster.on('exit', onExit);

  const url = `http://${urlHost(host)}:${port}`;
  let closed = false;
  return {
    url,
    host,
    port,
    warning: exposureWarning(host),
    seeded: prepared.seeded,
    signIn: firstStartSignIn(url, prepared.access),
    reconciled: prepared.reconciled,
    workerPids: () =>
      [...live].flatMap((w) => (w.isDead() || w.process.pid === undefined ? [] : [w.process.pid])),
    async close() {
      if (closed) return;
      closed = true;
      cluster.off('exit', onExit);
      await stopAll();
    },
  };
}

/**
 * In a worker: serves on the shared socket (no once-per-start tasks: the primary ran them), tells the
 * primary it listens, and closes cleanly on SIGTERM or SIGINT or when the primary goes away. Resolves
 * once closed.
 */
export async function serveAsClusterWorker(options: StartServerOptions): Promise<void> {
  if (!cluster.isWorker || !process.send)
    throw new Error('serveAsClusterWorker runs in a cluster worker only');
  let server: RunningServer;
  try {
    server = await startServer({ ...options, startupTasks: false });
  } catch (error) {
    process.send({ type: 'evlab-worker-failed', message: (error as Error).message } satisfies FailedMessage);
    process.exitCode = 1;
    return;
  }
  process.send({ type: 'evlab-worker-listening', port: server.port } satisfies ListeningMessage);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('disconnect', () => resolve());
  });
  await server.close();
}
