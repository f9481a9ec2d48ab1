/**
 * Test helper (not used at runtime): a workbench on one dialect in a temporary data directory. PostgreSQL
 * (EVLAB_TEST_PG_URL) runs in a schema unique to the caller, dropped again by dispose().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../store/evlab-store.ts';
import { dropPostgresSchema } from '../store/open-store.ts';
import { uniqueTestSchema } from '../store/open-test-store.ts';
import { openWorkbench, type Workbench } from './workbench.ts';

export interface TestWorkbench {
  wb: Workbench;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function openTestWorkbench(
  dialect: Dialect,
  options: { prefix?: string; maxUploadBytes?: number } = {},
): Promise<TestWorkbench> {
  const dataDir = await mkdtemp(join(tmpdir(), `${options.prefix ?? 'evlab-test'}-`));
  const pgUrl = process.env.EVLAB_TEST_PG_URL;
  if (dialect === 'postgres' && !pgUrl) throw new Error('postgres tests need EVLAB_TEST_PG_URL');
  const schema =
    dialect === 'postgres' ? uniqueTestSchema((options.prefix ?? 'evlab_test').replace(/-/g, '_')) : null;
  const wb = await openWorkbench({
    dataDir,
    db: dialect === 'postgres' ? pgUrl : null,
    ...(schema ? { pgSchema: schema } : {}),
    ...(options.maxUploadBytes !== undefined ? { maxUploadBytes: options.maxUploadBytes } : {}),
  });
  let disposed = false;
  return {
    wb,
    dataDir,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await wb.close();
      if (schema && pgUrl) await dropPostgresSchema(pgUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
