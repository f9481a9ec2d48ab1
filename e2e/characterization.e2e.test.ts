/**
 * End to end in Chromium: a demo batch gets a BCA plate (long CSV) and a Western blot table (both
 * synthetic, written by this test) through the real upload route; the batch characterization page shows
 * the metrics table with particles/µg, the plate's measurement page draws the standard curve and exports
 * it as SVG, and the blot's page shows the calls.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from '../test/support/environment.ts';
import { openUiSession, type UiSession, unexpectedConsoleErrors } from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 60_000;

async function upload(
  base: string,
  batchId: string,
  name: string,
  text: string,
  headers: Record<string, string>,
): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), name);
  const res = await fetch(`${base}/api/batches/${batchId}/files`, { method: 'POST', body: form, headers });
  if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
}

describeWithChromium('batch characterization in Chromium', () => {
  let s: UiSession;
  let batch: { id: string; code: string };
  beforeAll(async () => {
    s = await openUiSession('characterization');
    const page = (await (
      await fetch(`${s.server.url}/api/batches?status=draft&limit=10`, { headers: s.authHeaders })
    ).json()) as {
      items: { id: string; code: string }[];
    };
    batch = page.items[0] as { id: string; code: string };
    const levels = [0, 25, 125, 250, 500, 750, 1000, 1500, 2000];
    const bca = [
      'type,id,concentration (µg/mL),response,dilution',
      ...levels.flatMap((c) =>
        [0.98, 1.02].map(
          (f) => `standard,S${c},${c},${((0.1 + 0.0011 * c - 1.2e-7 * c * c) * f).toFixed(4)},`,
        ),
      ),
      `sample,${batch.code},,0.52,2`,
      `sample,${batch.code},,0.53,2`,
    ].join('\n');
    await upload(s.server.url, batch.id, 'bca-plate.csv', bca, s.authHeaders);
    const blot = [
      'Marker,Lane,Sample,Role,Loading_ug,Area',
      `CD81,1,${batch.code},ev,10,7000`,
      'CD81,2,MSC lysate,lysate,10,900',
      `calnexin,1,${batch.code},ev,10,50`,
      'calnexin,2,MSC lysate,lysate,10,6000',
    ].join('\n');
    await upload(s.server.url, batch.id, 'blot-densitometry.csv', blot, s.authHeaders);
  }, TEST_TIMEOUT_MS);
  afterAll(async () => {
    await s?.close();
  });

  it(
    'shows every measurement and the metrics with particles/µg and marker calls',
    async () => {
      const { page } = s;
      await page.goto(`${s.server.url}/batches/${batch.id}/characterization`);
      const table = page.getByTestId('batch-metrics-table');
      await table.waitFor();
      const text = (await table.textContent()) ?? '';
      expect(text).toContain('Purity (particles/µg protein)');
      expect(text).toContain('Protein concentration');
      expect(text).toContain('present, enriched vs lysate');
      expect(await page.getByTestId('characterization-measurements').locator('tbody tr').count()).toBe(3);
      expect(unexpectedConsoleErrors(s.consoleErrors)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'draws the standard curve and exports it as SVG',
    async () => {
      const { page } = s;
      await page.getByRole('link', { name: 'bca-plate.csv' }).first().click();
      const plot = page.getByRole('img', { name: /Standard curve/ });
      await plot.locator('svg').first().waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download standard curve as SVG' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('standard-curve.svg');
      expect(await page.getByTestId('assay-samples').textContent()).toContain(batch.code);
      expect(unexpectedConsoleErrors(s.consoleErrors)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
