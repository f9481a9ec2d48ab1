/**
 * Screenshots of a running evlab UI for design review (not a test):
 *   node bin/run-ts.mjs e2e/support/shoot-ui.ts http://127.0.0.1:8099 [/tmp/evlab-shots/dev]
 * Full pages plus close-ups of plots and tables.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './browser.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:8099';
const out = process.argv[3] ?? '/tmp/evlab-shots/dev';
mkdirSync(out, { recursive: true });

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

async function shot(path: string, name: string, ready: string, closeups: Record<string, string> = {}) {
  await page.goto(base + path);
  await page.locator(ready).first().waitFor({ timeout: 15_000 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  for (const [suffix, selector] of Object.entries(closeups)) {
    await page
      .locator(selector)
      .first()
      .screenshot({ path: join(out, `${name}-${suffix}.png`) });
  }
}

const measurements = (await (await fetch(`${base}/api/measurements?kind=nta&limit=100`)).json()) as {
  items: { id: string; status: string; batchId: string }[];
};
const parsed = measurements.items.filter((m) => m.status === 'parsed');
const first = parsed[0];
await shot('/', 'dashboard', '.plot svg', { status: '.dashboard-top' });
await shot('/batches', 'batches', '[data-testid=batches-table]');
await shot('/sources', 'sources', '[data-testid=sources-table]');
if (first) {
  await shot(`/batches/${first.batchId}`, 'batch', '[data-testid=measurements-table]', {
    protocol: '.protocol',
  });
  await shot(`/measurements/${first.id}`, 'measurement', '[data-testid=size-distribution-plot] svg', {
    plot: '[data-testid=size-distribution-plot]',
    header: '[data-testid=nta-header]',
    stats: '[data-testid=size-stats-table]',
  });
  const ids = parsed
    .slice(0, 4)
    .map((m) => m.id)
    .join(',');
  await shot(`/overlay?ids=${ids}`, 'overlay', '[data-testid=overlay-plot] svg', { plot: '.overlay-main' });
  await shot(`/overlay?ids=${ids}&norm=fraction`, 'overlay-fraction', '[data-testid=overlay-plot] svg');
}
await shot('/batches?q=zzz-none', 'batches-empty', '.state-empty');
await shot('/batches/does-not-exist', 'batch-404', '.state-error');
await shot('/nowhere', 'not-found', '.state-empty');
await browser.close();
process.stdout.write(
  `screenshots in ${out}\n${errors.length ? `browser errors:\n${errors.join('\n')}\n` : 'no browser errors\n'}`,
);
