import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes `NAME.br` (brotli quality 11) and `NAME.gz` (gzip level 9) beside every emitted text asset of 1 kB
 * or more, once at build time: the server sends them as they are (@fastify/static `preCompressed`), so
 * the scripts cost no compression per request and come out smaller than the per-response brotli the API
 * uses (quality 2, src/api/build-server.ts). Source maps are skipped: they are never served.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'evlab-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const names = Object.keys(bundle).filter((name) => /\.(?:js|mjs|css|html|svg|json|txt)$/.test(name));
      await Promise.all(
        names.map(async (name) => {
          const file = join(outDir, name);
          const bytes = await readFile(file);
          if (bytes.byteLength < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
              },
            }),
            gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * The evlab web workbench. `npm run build:web` writes web/dist, which the Fastify server serves at /
 * (SPA fallback). `npm run dev:web` serves it with hot reload and proxies /api to a running `evlab serve`.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No public source maps (issue 9 item 20): `hidden` writes .map files for debugging a deployed build,
    // never referenced from the scripts; the server does not serve *.map (src/api/build-server.ts).
    sourcemap: 'hidden',
    // The largest chunk is the plotting library (Observable Plot + d3) shared by the pages that plot; the
    // page chunks are far smaller. 600 kB keeps Vite silent for it while still flagging a new giant chunk.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    // The web code imports pure types and schemas from ../src/domain and ../src/science.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: process.env.EVLAB_API_URL ?? 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
