/**
 * Test helper (not used at runtime): a workbench in a temporary data directory on one dialect, and a Fastify
 * instance over it. PostgreSQL runs in a schema unique to the caller, dropped by dispose().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openWorkbench, type Workbench } from '../jobs/workbench.ts';
import type { Dialect } from '../store/evlab-store.ts';
import { dropPostgresSchema } from '../store/open-store.ts';
import { uniqueTestSchema } from '../store/open-test-store.ts';
import { buildServer, type BuildServerOptions } from './build-server.ts';

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
  const schema = dialect === 'postgres' ? uniqueTestSchema((options.prefix ?? 'evlab_test').replace(/-/g, '_')) : null;
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

export interface TestServer extends TestWorkbench {
  app: FastifyInstance;
}

export async function openTestServer(
  dialect: Dialect,
  options: { prefix?: string; maxUploadBytes?: number } & BuildServerOptions = {},
): Promise<TestServer> {
  const twb = await openTestWorkbench(dialect, options);
  const app = await buildServer(twb.wb, { logger: false, webDistDir: options.webDistDir ?? null });
  return {
    ...twb,
    app,
    async dispose() {
      await app.close();
      await twb.dispose();
    },
  };
}

/** A multipart/form-data body (what a browser's FormData sends), for fastify.inject. */
export function multipartBody(
  parts: ({ name: string; fileName: string; contentType?: string; content: Uint8Array | string } | { name: string; value: string })[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----evlabtest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : Buffer.from(part.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
