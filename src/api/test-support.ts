/**
 * Test helper (not used at runtime): a Fastify instance over a test workbench (src/jobs/test-support.ts) and
 * a multipart body builder for fastify.inject.
 */
import type { FastifyInstance } from 'fastify';
import { openTestWorkbench, type TestWorkbench } from '../jobs/test-support.ts';
import type { Dialect } from '../store/evlab-store.ts';
import { type BuildServerOptions, buildServer } from './build-server.ts';

export { openTestWorkbench, type TestWorkbench };

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
  parts: (
    | { name: string; fileName: string; contentType?: string; content: Uint8Array | string }
    | { name: string; value: string }
  )[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----evlabtest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(
        typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : Buffer.from(part.content),
      );
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
