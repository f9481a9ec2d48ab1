/**
 * End to end in Chromium: a particle-track table (evlab's simulated 100 nm Brownian population written as
 * an AllTracks-style table) uploaded to a draft demo batch through the drop zone. Without acquisition
 * parameters the server refuses it (missing-acquisition-parameters) and the form asks for them; with them the
 * measurement page shows the conditions and the naive vs maximum-likelihood size plot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../src/api/start-server.ts';
import { describeWithChromium } from '../test/support/environment.ts';
import { launchChromium, screenshot } from './support/browser.ts';
import { ensureWebBuilt } from './support/web-build.ts';

const TEST_TIMEOUT_MS = 120_000;

describeWithChromium('web workbench in Chromium (upload a track table → track sizing view)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    const webDistDir = await ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'evlab-e2e-tracks-'));
    const { startServer } = await import('../src/api/start-server.ts');
    server = await startServer({ port: 0, dataDir, webDistDir });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    await page.goto(server.signIn?.url ?? `${server.url}/`);
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'asks for the acquisition parameters, then shows naive vs ML sizing of the stored tracks',
    async () => {
      const { simulateBrownianTracks } = await import(
        '../src/science/nta-tracks/simulate-brownian-tracks.ts'
      );
      const sim = simulateBrownianTracks({
        population: [{ diameterNm: 100, fraction: 1 }],
        tracks: 1500,
        minSteps: 10,
        maxSteps: 30,
        fps: 30,
        umPerPx: 0.166,
        temperatureC: 25,
        frames: 900,
        seed: 2,
      });
      const csv = [
        'Particle ID,Frame,x,y',
        ...sim.frame.map((f, i) => `${sim.trackId[i]},${f},${sim.xPx[i]},${sim.yPx[i]}`),
      ].join('\n');
      const file = { name: 'video1-AllTracks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };

      // the demo's draft batch
      await page.goto(`${server.url}/batches`);
      await page.getByTestId('batches-table').getByRole('link', { name: 'UC-EV-003' }).click();
      await page.getByTestId('upload-dropzone').waitFor();

      await page.getByTestId('upload-input').setInputFiles(file);
      const failed = page.locator('.upload-item[data-phase=failed]');
      await failed.waitFor({ timeout: 30_000 });
      expect(await failed.textContent()).toMatch(/umPerPx|µm/);
      const fields = page.getByTestId('upload-acquisition');
      await fields.waitFor();

      await fields.locator('input[name=umPerPx]').fill('0.166');
      await fields.locator('input[name=fps]').fill('30');
      await fields.locator('input[name=temperatureC]').fill('25');
      await page.getByTestId('upload-input').setInputFiles(file);
      const done = page.locator('.upload-item[data-phase=done]');
      await done.waitFor({ timeout: 60_000 });
      expect(await done.textContent()).toContain('parsed');
      await screenshot(page, 'tracks-01-uploaded');

      await done.getByRole('link', { name: /Open measurement/ }).click();
      await page.waitForURL(/\/measurements\//);
      const header = page.getByTestId('tracks-header');
      await header.waitFor();
      expect(await header.textContent()).toContain('1500');
      const table = page.getByRole('table', { name: 'Naive and maximum-likelihood sizes' });
      const mlRow = table.getByRole('row', { name: /Maximum likelihood/ });
      const cells = await mlRow.getByRole('cell').allTextContents();
      // simulated 100 nm: the ML D50 is within 3 nm
      expect(Math.abs(Number(cells[2]) - 100)).toBeLessThanOrEqual(3);
      expect(await page.locator('.plot svg').count()).toBeGreaterThan(0);
      await screenshot(page, 'tracks-02-measurement');
    },
    TEST_TIMEOUT_MS,
  );
});
