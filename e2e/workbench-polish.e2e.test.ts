/**
 * Issue 9 workbench items in real Chromium against the real server (demo seeded): a trial opened low in
 * the table shows its detail in view (4); re-uploading a file already on the batch says so and links the
 * existing measurement, and a retracted measurement shows its badge (6); plots offer SVG and PNG downloads
 * and the NTA statistics a CSV (15). The uploaded file is synthetic text made here.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from '../test/support/environment.ts';
import { screenshot } from './support/browser.ts';
import { openUiSession, type UiSession, unexpectedConsoleErrors } from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 45_000;

describeWithChromium('workbench polish (issue 9) in Chromium', () => {
  let session: UiSession;
  let page: Page;

  beforeAll(async () => {
    session = await openUiSession('polish');
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it(
    'opening the last trial of the table brings its detail into view',
    async () => {
      await page.goto(`${session.server.url}/evidence`);
      const table = page.getByRole('table', { name: 'Registered trials' });
      const last = table.locator('tbody tr').last();
      await last.waitFor();
      await last.scrollIntoViewIfNeeded();
      await last.locator('button').first().click();
      const detail = page.getByRole('region', { name: 'Evidence detail' });
      await detail.waitFor();
      await expect
        .poll(() =>
          detail.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= 0 && r.top < window.innerHeight;
          }),
        )
        .toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Evidence detail',
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a second upload of the same file links the existing measurement; a retraction shows a badge',
    async () => {
      const batches = (await (
        await fetch(`${session.server.url}/api/batches?status=draft&limit=100`, {
          headers: session.authHeaders,
        })
      ).json()) as {
        items: { id: string; code: string }[];
      };
      const batch = batches.items[0];
      if (!batch) throw new Error('no demo batch');
      await page.goto(`${session.server.url}/batches/${batch.id}`);
      await page.locator('[data-testid=measurements-table]').waitFor();
      const file = {
        name: 'synthetic-notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('synthetic e2e bytes'),
      };
      const input = page.locator('.upload input[type=file]');
      await input.setInputFiles(file);
      await page.locator('.upload-item[data-phase=failed]').first().waitFor();
      await input.setInputFiles(file);
      const dup = page.locator('.upload-result.dup');
      await dup.waitFor();
      expect(await dup.textContent()).toContain('Already on this batch');
      const link = dup.getByRole('link', { name: /existing measurement/ });
      expect(await link.getAttribute('href')).toMatch(/^\/measurements\//);
      await screenshot(page, 'polish-01-duplicate-upload');

      const row = page.locator('[data-testid=measurements-table] tbody tr', {
        hasText: 'synthetic-notes.txt',
      });
      await row.getByRole('button', { name: 'Retract…' }).click();
      await row.getByLabel('Reason').fill('Wrong file: notes, not an export');
      await row.getByRole('button', { name: 'Retract', exact: true }).click();
      await row.locator('.badge-retracted').waitFor();
      expect(await row.getAttribute('class')).toContain('retracted');
      await screenshot(page, 'polish-02-retracted');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the size distribution offers SVG and PNG downloads, and the statistics a CSV',
    async () => {
      const list = (await (
        await fetch(`${session.server.url}/api/measurements?kind=nta&limit=10`, {
          headers: session.authHeaders,
        })
      ).json()) as {
        items: { id: string; status: string }[];
      };
      const m = list.items.find((x) => x.status === 'parsed');
      if (!m) throw new Error('no parsed demo measurement');
      await page.goto(`${session.server.url}/measurements/${m.id}`);
      await page.locator('[data-testid=size-distribution-plot] svg').first().waitFor();
      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download size distribution as SVG' }).click(),
      ]);
      expect(svg.suggestedFilename()).toBe('size-distribution.svg');
      const svgText = await streamText(await svg.createReadStream());
      expect(svgText).toContain('<svg');
      expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download size distribution as PNG' }).click(),
      ]);
      const pngBytes = await streamBytes(await png.createReadStream());
      expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export statistics CSV' }).click(),
      ]);
      const csvText = await streamText(await csv.createReadStream());
      expect(csvText.split('\r\n')[0]).toMatch(/^video,file,Mean .* \(nm\)/);
    },
    TEST_TIMEOUT_MS,
  );

  it('raised no browser errors', () => {
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  return (await streamBytes(stream)).toString('utf8');
}
