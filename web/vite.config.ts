import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The evlab web workbench. `npm run build:web` writes web/dist, which the Fastify server serves at /
 * (SPA fallback). `npm run dev:web` serves it with hot reload and proxies /api to a running `evlab serve`.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
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
