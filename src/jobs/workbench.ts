/**
 * The workbench: one open store plus the blob store of a data directory, with the limits the front ends
 * share. The CLI and the HTTP API each open one and pass it to the jobs.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BlobStore } from '../store/blob-store.ts';
import type { Dialect, EvlabStore } from '../store/evlab-store.ts';
import { createFsBlobStore } from '../store/fs-blob-store.ts';
import { openStore } from '../store/open-store.ts';
import { verifyCredentialsByName } from './accounts.ts';

/** Default upload limit per file, 50 MiB: a NanoSight ExperimentSummary.csv is 0.3–0.4 MB (reference exports). */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface WorkbenchOptions {
  /** Data directory: blobs in `<dataDir>/blobs`, the embedded SQLite database when `db` is empty. */
  dataDir: string;
  /** Database URL (`postgres://…`) or SQLite file; null/undefined = embedded SQLite in dataDir. */
  db?: string | null;
  /** Largest accepted upload, bytes. Default: EVLAB_MAX_UPLOAD_MB (MiB) or 50 MiB. */
  maxUploadBytes?: number;
  /** PostgreSQL schema (tests isolate themselves in one schema per file). */
  pgSchema?: string;
  /** Apply pending migrations on open (default true; idempotent). */
  migrate?: boolean;
}

export interface Workbench {
  store: EvlabStore;
  blobs: BlobStore;
  /** Absolute data directory. */
  dataDir: string;
  dialect: Dialect;
  maxUploadBytes: number;
  /**
   * The PostgreSQL URL the store was opened with (null for SQLite): the pg-boss job queue connects with it,
   * so `evlab serve --db postgres://…` runs jobs without EVLAB_DB being set as well.
   */
  databaseUrl?: string | null;
  /**
   * Re-authentication at signing (src/jobs/signatures.ts): true when `password` is the current password of
   * the enabled account `user`. Injection point for the accounts module; undefined = signing unavailable
   * (the API answers 503).
   */
  verifyCredentials?: (user: string, password: string) => Promise<boolean>;
  close(): Promise<void>;
}

/** EVLAB_MAX_UPLOAD_MB as bytes, or the default when unset or not a positive number. */
export function maxUploadBytesFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.EVLAB_MAX_UPLOAD_MB?.trim();
  if (!raw) return DEFAULT_MAX_UPLOAD_BYTES;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) {
    throw new Error(`EVLAB_MAX_UPLOAD_MB must be a positive number of MiB, got "${raw}"`);
  }
  return Math.floor(mb * 1024 * 1024);
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const dataDir = resolve(options.dataDir);
  const maxUploadBytes = options.maxUploadBytes ?? maxUploadBytesFromEnv();
  if (!Number.isFinite(maxUploadBytes) || maxUploadBytes <= 0) {
    throw new Error(`maxUploadBytes must be a positive number, got ${maxUploadBytes}`);
  }
  await mkdir(dataDir, { recursive: true });
  const blobDir = join(dataDir, 'blobs');
  await mkdir(blobDir, { recursive: true });

  const db =
    options.db === undefined || options.db === null || options.db.trim() === '' ? undefined : options.db;
  const store = await openStore({
    db,
    dataDir,
    migrate: options.migrate ?? true,
    ...(options.pgSchema ? { schema: options.pgSchema } : {}),
  });
  const blobs = createFsBlobStore(blobDir);

  let closed = false;
  return {
    store,
    blobs,
    dataDir,
    dialect: store.dialect,
    maxUploadBytes,
    databaseUrl: store.dialect === 'postgres' ? (db ?? null) : null,
    // Signing re-authenticates against the accounts store (src/jobs/accounts.ts); tests may replace it.
    verifyCredentials: (user, password) => verifyCredentialsByName(store, user, password),
    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
}
