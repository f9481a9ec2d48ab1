/**
 * End to end through a real browser: the real server (SQLite in a temp dir, demo seeded on first start)
 * serving the built web UI, driven by Debian's Chromium through playwright-core. Covers the dashboard with
 * the demo batches, creating a batch through the form, uploading NanoSight exports through the drop zone's
 * file input, the NTA view (plot SVG and the instrument-vs-evlab statistics) and a broken file's error line.
 * Screenshots land in /tmp/evlab-shots (EVLAB_SHOTS_DIR) for a human to look at.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../src/api/start-server.ts';
import { describeWithChromium, describeWithReference, referencePath } from '../test/support/environment.ts';
import { launchChromium, screenshot } from './support/browser.ts';
import { ensureWebBuilt } from './support/web-build.ts';

const TEST_TIMEOUT_MS = 90_000;

/** The instrument's own number-weighted mean of video 1, read from the export text (not from evlab). */
function instrumentMeanOfVideo1(csv: string): number {
  const sizeData = csv.slice(csv.indexOf('[Size Data]'));
  const match = /^Mean,([^,\r\n]+),/m.exec(sizeData);
  if (!match?.[1]) throw new Error('no Mean row in [Size Data]');
  return Number(match[1]);
}

/**
 * Breaks one number in the first data row of the number-weighted Graph Data table; returns the text and
 * the 1-based line of the damage.
 */
function breakGraphData(csv: string): { text: string; line: number } {
  const lines = csv.split('\n');
  const header = lines.findIndex((l) => l.startsWith('Bin centre (nm)'));
  if (header < 0) throw new Error('no Graph Data table');
  const row = header + 1;
  lines[row] = (lines[row] as string).replace(/^([^,]+),([^,]+),/, '$1,12x4,');
  return { text: lines.join('\n'), line: row + 1 };
}

describeWithChromium('web workbench in Chromium (upload → NTA view)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;
  let batchUrl = '';
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const webDistDir = await ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'evlab-e2e-ui-'));
    const { startServer } = await import('../src/api/start-server.ts');
    server = await startServer({ port: 0, dataDir, webDistDir });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    // Signed in through the first-start link (sets the HttpOnly session cookie).
    await page.goto(server.signIn?.url ?? `${server.url}/`);
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'shows the seeded demo batches on a fresh dashboard instead of the empty state',
    async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      const chips = page.getByTestId('status-chips');
      await chips.waitFor();
      // The demo seeds three batches: one released, one in QC, one draft.
      await expect.poll(() => chips.textContent()).toMatch(/Draft\s*1/);
      expect(await chips.textContent()).toMatch(/In QC\s*1/);
      expect(await chips.textContent()).toMatch(/Released\s*1/);
      expect(await page.getByText('No batches yet').count()).toBe(0);
      expect(await page.locator('.plot svg').count()).toBeGreaterThan(0);
      await screenshot(page, '01-dashboard');

      await page.getByRole('navigation').getByRole('link', { name: 'Batches', exact: true }).click();
      await page.getByTestId('batches-table').waitFor();
      expect(await page.getByTestId('batches-table').textContent()).toContain('UC-EV-001');
      await screenshot(page, '02-batches');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'creates a batch through the form and lands on its page',
    async () => {
      await page.goto(`${server.url}/batches`);
      await page.getByRole('button', { name: '+ New batch' }).click();
      const form = page.getByRole('form', { name: 'New batch' });
      await form.waitFor();
      await form.locator('input[name=code]').fill('E2E-UI-001');
      await form.getByRole('button', { name: 'Create batch' }).click();
      await page.waitForURL(/\/batches\/[^/?]+$/);
      await page.getByRole('heading', { name: /E2E-UI-001/ }).waitFor();
      batchUrl = page.url();
      // The create event is in the audit trail, attributed to the signed-in user (first-start admin).
      await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('admin');

      // Status offers only the allowed transitions: draft → in QC.
      const metadata = page.getByRole('form', { name: 'Batch metadata' });
      const status = metadata.locator('select[name=status]');
      expect(await status.locator('option').allTextContents()).toEqual(['Draft (current)', '→ In QC']);
      await metadata.locator('input[name=finalVolumeMl]').fill('0.75');
      await status.selectOption('in-qc');
      await metadata.getByRole('button', { name: 'Save changes' }).click();
      await page
        .getByRole('heading', { name: /E2E-UI-001/ })
        .getByText('In QC')
        .waitFor();
      await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('status-change');
      expect(await metadata.locator('select[name=status] option').allTextContents()).toEqual([
        'In QC (current)',
        '→ Draft',
        '→ Released',
        '→ Rejected',
      ]);

      // The protocol is edited with the protocol builder's form: a bad value is refused next to its field.
      const protocolForm = page.getByRole('form', { name: 'Isolation protocol' });
      await protocolForm.getByLabel('Protocol name').fill('dUC pellet');
      await protocolForm
        .getByLabel('Method of the new step')
        .selectOption('differential-ultracentrifugation');
      await protocolForm.getByRole('button', { name: '+ Add step' }).click();
      const step = protocolForm.locator('ol.pb-steps > li').first();
      expect(await step.getAttribute('aria-label')).toBe('Step 1: Differential ultracentrifugation');
      const saveProtocol = protocolForm.getByRole('button', { name: 'Save protocol' });
      await step.locator('.pb-params [id$="-minutes"]').fill('-70');
      await step.locator('.field-error').first().waitFor();
      expect(await saveProtocol.isDisabled()).toBe(true);
      await step.locator('.pb-params [id$="-rcfG"]').fill('100000');
      await step.locator('.pb-params [id$="-minutes"]').fill('70');
      await expect.poll(() => saveProtocol.isEnabled()).toBe(true);
      await saveProtocol.click();
      await protocolForm.getByRole('status').filter({ hasText: 'Saved: 1 step.' }).waitFor();
      const savedBatch = (await (
        await page.request.get(`${server.url}/api/batches/${batchUrl.split('/').pop()}`)
      ).json()) as { isolationProtocol: { name: string; steps: { method: string; parameters: object }[] } };
      expect(savedBatch.isolationProtocol.name).toBe('dUC pellet');
      expect(savedBatch.isolationProtocol.steps[0]?.method).toBe('differential-ultracentrifugation');
      expect(savedBatch.isolationProtocol.steps[0]?.parameters).toMatchObject({ rcfG: 100000, minutes: 70 });
      await screenshot(page, '03-batch-new');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'uploads a synthetic NanoSight export and shows the distribution plot and the statistics',
    async () => {
      expect(batchUrl).not.toBe('');
      const { syntheticNtaSample } = await import('../src/science/nta/synthetic-nta-sample.ts');
      const { writeNanoSightExperimentSummary } = await import(
        '../src/formats/nanosight/write-experiment-summary.ts'
      );
      const record = syntheticNtaSample({
        medianDiameterNm: 105,
        geometricSd: 1.45,
        concentrationPerMl: 3.2e9,
        seed: 20250314,
        sampleDescription: 'E2E synthetic UC-EV',
        capturedAt: '2025-03-14T10:20:00',
      });
      const bytes = Buffer.from(writeNanoSightExperimentSummary(record));
      const expectedMean = instrumentMeanOfVideo1(bytes.toString('latin1'));

      await page.goto(batchUrl);
      await page.getByTestId('upload-dropzone').waitFor();
      await page.getByTestId('upload-input').setInputFiles({
        name: 'E2E synthetic 2025-03-14 10-20-00-ExperimentSummary.csv',
        mimeType: 'text/csv',
        buffer: bytes,
      });
      const done = page.locator('.upload-item[data-phase=done]');
      await done.waitFor({ timeout: 30_000 });
      expect(await done.textContent()).toContain('parsed');
      await page.getByTestId('measurements-table').waitFor();
      await screenshot(page, '04-batch-uploaded');

      await done.getByRole('link', { name: /Open measurement/ }).click();
      await page.waitForURL(/\/measurements\//);
      await assertNtaView(page, expectedMean);
      await screenshot(page, '05-measurement-synthetic');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the reader error with its line when a broken export is uploaded',
    async () => {
      const { syntheticNtaSample } = await import('../src/science/nta/synthetic-nta-sample.ts');
      const { writeNanoSightExperimentSummary } = await import(
        '../src/formats/nanosight/write-experiment-summary.ts'
      );
      const good = Buffer.from(
        writeNanoSightExperimentSummary(
          syntheticNtaSample({ medianDiameterNm: 95, geometricSd: 1.4, concentrationPerMl: 1e9, seed: 3 }),
        ),
      ).toString('latin1');
      const broken = breakGraphData(good);

      await page.goto(batchUrl);
      await page.getByTestId('upload-input').setInputFiles({
        name: 'broken-ExperimentSummary.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(broken.text, 'latin1'),
      });
      const failed = page.locator('.upload-item[data-phase=failed]');
      await failed.waitFor({ timeout: 30_000 });
      const text = (await failed.textContent()) ?? '';
      expect(text).toContain('malformed-number');
      expect(text).toContain(`line ${broken.line}`);
      // The unparsed measurement is listed with its code and line too (the raw file is kept).
      await expect
        .poll(() => page.getByTestId('measurements-table').textContent())
        .toContain(`line ${broken.line}`);
      // The audit trail shows the upload and the failed parse, naming the file, the code and the line.
      await expect
        .poll(() => page.getByTestId('audit-table').textContent())
        .toContain(`broken-ExperimentSummary.csv: NTA unparsed — malformed-number at line ${broken.line}`);
      await screenshot(page, '06-batch-broken-upload');
    },
    TEST_TIMEOUT_MS,
  );

  describeWithReference('nanosight', 'a real NanoSight NTA 3.3 export', () => {
    it(
      'shows the instrument’s and evlab’s statistics for 20210401 EMT1 d20',
      async () => {
        const dir = referencePath('nanosight', '20210401');
        const name = readdirSync(dir).find((f) => f.startsWith('20210401 EMT1 d20'));
        if (!name) throw new Error(`20210401 EMT1 d20 export missing in ${dir}`);
        const file = join(dir, name);
        const csv = readFileSync(file, 'latin1');
        // The export's own Size Data table: video 1 mean 94.7 nm.
        expect(instrumentMeanOfVideo1(csv)).toBe(94.7);

        await page.goto(batchUrl);
        await page.getByTestId('upload-input').setInputFiles(file);
        const done = page.locator('.upload-item[data-phase=done]').filter({ hasText: 'parsed' }).first();
        await done.waitFor({ timeout: 30_000 });
        await done.getByRole('link', { name: /Open measurement/ }).click();
        await page.waitForURL(/\/measurements\//);
        await assertNtaView(page, 94.7);
        expect(await page.getByTestId('nta-header').textContent()).toContain('d20');
        await screenshot(page, '07-measurement-reference');

        // Overlay it with a demo measurement from another batch.
        const measurementId = page.url().split('/').pop() as string;
        const demo = (await (
          await page.request.get(`${server.url}/api/measurements?kind=nta&limit=100`)
        ).json()) as {
          items: { id: string; status: string }[];
        };
        const other = demo.items.find((m) => m.id !== measurementId && m.status === 'parsed');
        expect(other).toBeDefined();
        await page.goto(`${server.url}/overlay?ids=${measurementId},${other?.id}`);
        const overlay = page.getByTestId('overlay-plot');
        await overlay.locator('svg').first().waitFor();
        await expect.poll(() => page.getByTestId('overlay-table').locator('tbody tr').count()).toBe(2);
        expect(await overlay.locator('svg [aria-label="line"] path').count()).toBe(2);
        await page.getByRole('button', { name: 'fraction' }).click();
        await page.waitForURL(/norm=fraction/);
        await screenshot(page, '08-overlay');
      },
      TEST_TIMEOUT_MS,
    );
  });

  it('raised no browser errors', () => {
    // 4xx answers the UI handles (the 422 upload) are logged by Chromium as failed resources; ignore those.
    expect(
      consoleErrors.filter(
        (e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e),
      ),
    ).toEqual([]);
  });
});

/** The NTA view: the plot SVG has drawn paths, and video 1's instrument and evlab means are shown. */
async function assertNtaView(page: Page, expectedInstrumentMean: number): Promise<void> {
  const plot = page.getByTestId('size-distribution-plot');
  await plot.locator('svg').first().waitFor();
  expect(await plot.locator('svg path').count()).toBeGreaterThan(2);

  const row = page.getByTestId('size-stats-table').locator('tbody tr[data-video="1"]');
  const instrumentMean = Number(await row.locator('td.instr').first().textContent());
  const evlabMean = Number(await row.locator('td.evlab').first().textContent());
  expect(instrumentMean).toBe(expectedInstrumentMean);
  // evlab recomputes the mean from the 1 nm bins; it agrees with the instrument to 0.1 nm.
  expect(Math.abs(evlabMean - expectedInstrumentMean)).toBeLessThanOrEqual(0.1 + 1e-9);
  expect(await page.getByTestId('conditions-table').textContent()).toMatch(/×10/);
}
