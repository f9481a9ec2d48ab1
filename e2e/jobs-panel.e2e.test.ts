/**
 * Background jobs in the browser (issue 10, scale-out): on the dashboard, "Check workers" starts a job; the
 * jobs panel shows it running with a progress bar and the worker's message, then completed, and "Show
 * result" opens its result. On a batch page the certificate of analysis renders as a job whose progress
 * shows in place and whose PDF is downloadable; the jobs panel lists it with a link to the file. A running
 * job's Cancel button stops it: the row reads "cancelling…", then "cancelled by <user>", with no Cancel left.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from '../test/support/environment.ts';
import { openUiSession, type UiSession, unexpectedConsoleErrors } from './support/ui-session.ts';

process.env.EVLAB_SCRYPT_LOG2N = '14';

describeWithChromium('jobs panel in Chromium', () => {
  let session: UiSession;
  beforeAll(async () => {
    session = await openUiSession('jobs-panel');
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('start a job → progress → completed → open its result', async () => {
    const { page } = session;
    await page.goto(`${session.server.url}/`);
    await page.getByRole('heading', { name: 'Background jobs' }).waitFor();
    await page.getByRole('button', { name: /Check workers/ }).click();
    const table = page.getByRole('table', { name: 'Background jobs' });
    const row = table.locator('tbody tr').first();
    await expect.poll(() => row.locator('td').first().textContent()).toBe('diagnostic.sleep');
    // Running: the bar moves between 0 and 1 and the worker's message shows ("step n of 10").
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const value = Number(await row.locator('progress').getAttribute('value'));
          seen.push(value);
          return (await row.getAttribute('data-state')) === 'running' && value > 0 && value < 1;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(true);
    expect(await row.textContent()).toMatch(/step \d+ of 10/);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('completed');
    expect(await row.textContent()).toContain('100 %');
    await row.getByRole('button', { name: 'Show result' }).click();
    const result = page.getByTestId('job-result');
    await result.waitFor();
    expect(JSON.parse((await result.textContent()) ?? '{}')).toMatchObject({ sleptMs: 5000 });
    expect(seen.some((v) => v > 0 && v < 1)).toBe(true);
  }, 90_000);

  it('a batch’s certificate of analysis renders as a job; its PDF opens from the batch page and the panel', async () => {
    const { page } = session;
    const batches = await session.server.workbench.store.listBatches({ limit: 1 });
    const batch = batches.items[0];
    if (!batch) throw new Error('the demo seeds batches');
    await page.goto(`${session.server.url}/batches/${batch.id}`);
    await page.getByRole('heading', { name: 'Documents (PDF)' }).waitFor();
    await page.getByRole('button', { name: 'Render certificate of analysis' }).click();
    const link = page.getByRole('link', { name: /^Download coa-.*\.pdf/ });
    await link.waitFor({ timeout: 30_000 });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/jobs\/[^/]+\/file$/);
    // The browser's own session (cookie) fetches the file.
    const pdf = await page.request.get(`${session.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.goto(`${session.server.url}/`);
    const row = page
      .getByRole('table', { name: 'Background jobs' })
      .locator('tbody tr', { hasText: 'report.certificate-of-analysis' });
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('completed');
    expect(await row.getByRole('link', { name: /^coa-.*\.pdf$/ }).getAttribute('href')).toBe(href);
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  }, 90_000);
  it('cancel a running job from the panel: cancelling… → cancelled, no Cancel button left', async () => {
    const { page } = session;
    await page.goto(`${session.server.url}/`);
    await page.getByRole('heading', { name: 'Background jobs' }).waitFor();
    await page.getByRole('button', { name: /Check workers/ }).click();
    const row = page.getByRole('table', { name: 'Background jobs' }).locator('tbody tr').first();
    await expect
      .poll(async () => (await row.getAttribute('data-state')) === 'running', {
        timeout: 15_000,
        interval: 100,
      })
      .toBe(true);
    await row.getByRole('button', { name: /^Cancel diagnostic\.sleep/ }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('cancelled');
    await expect.poll(() => row.getByTestId('job-state').textContent()).toMatch(/^cancelled by /);
    expect(await row.getByRole('button', { name: /^Cancel / }).count()).toBe(0);
    expect(Number(await row.locator('progress').getAttribute('value'))).toBeLessThan(1);
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  }, 60_000);
});
