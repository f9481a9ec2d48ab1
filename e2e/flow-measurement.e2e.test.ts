/**
 * End to end in Chromium through the real server: a small FCS file written by evlab's own FCS writer
 * (synthetic, made here) is uploaded into a batch, its measurement page is opened, the density canvas must be
 * painted, and a rectangle gate dragged over one population must report exactly that population's count.
 *
 * The file: 1,002 events on SSC-A × FL1-A — 500 "EVs" at 100…149 (both channels), 500 "beads" at 10,000…10,049,
 * and two anchors at 1 and 100,000 that fix the log display domain to 10⁰…10⁵ (400 px: one decade = 80 px).
 * The beads sit at x ≈ 320 px, y ≈ 80 px from the top; the EVs at x ≈ 160 px, y ≈ 240 px.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFcs } from '../src/formats/fcs/write-fcs.ts';
import { describeWithChromium } from '../test/support/environment.ts';
import { screenshot } from './support/browser.ts';
import { openUiSession, type UiSession, unexpectedConsoleErrors } from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 120_000;

function syntheticFcs(): Uint8Array {
  const n = 1002;
  const ssc = new Float32Array(n);
  const fl = new Float32Array(n);
  for (let i = 0; i < 500; i++) {
    ssc[i] = 100 + (i % 50);
    fl[i] = 100 + ((i * 7) % 50);
    ssc[500 + i] = 10_000 + (i % 50);
    fl[500 + i] = 10_000 + ((i * 3) % 50);
  }
  ssc[1000] = 1;
  fl[1000] = 1;
  ssc[1001] = 100_000;
  fl[1001] = 100_000;
  return writeFcs({
    parameters: [
      { name: 'SSC-A', range: 262_144 },
      { name: 'FL1-A', label: 'CD63-PE', range: 262_144 },
    ],
    columns: [ssc, fl],
  });
}

describeWithChromium('flow measurement page in Chromium (FCS upload → density plot → gate)', () => {
  let s: UiSession;
  let measurementId = '';
  beforeAll(async () => {
    s = await openUiSession('flow');
    const post = async (path: string, body: unknown) => {
      const r = await fetch(`${s.server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...s.authHeaders },
        body: JSON.stringify(body),
      });
      expect(r.status, await r.clone().text()).toBe(201);
      return (await r.json()) as { id: string };
    };
    const project = await post('/api/projects', { name: 'E2E flow' });
    const batch = await post('/api/batches', { projectId: project.id, code: 'E2E-FLOW-1' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(syntheticFcs())]), 'ev-beads.fcs');
    const up = await fetch(`${s.server.url}/api/batches/${batch.id}/files`, {
      method: 'POST',
      headers: s.authHeaders,
      body: form,
    });
    const answer = (await up.json()) as { results: { measurement: { id: string; kind: string } }[] };
    expect(up.status, JSON.stringify(answer).slice(0, 300)).toBe(201);
    expect(answer.results[0]?.measurement.kind).toBe('flow');
    measurementId = answer.results[0]?.measurement.id ?? '';
  }, TEST_TIMEOUT_MS);
  afterAll(async () => {
    await s?.close();
  });

  it(
    'paints the density canvas and counts the events inside a dragged rectangle gate',
    async () => {
      const { page } = s;
      await page.goto(`${s.server.url}/measurements/${measurementId}`);
      const canvas = page.getByRole('img', { name: /Density plot of FL1-A against SSC-A/ });
      await canvas.waitFor();
      await page.getByText('Loading events…').waitFor({ state: 'detached' });
      const painted = () =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(
            0,
            0,
            c.width,
            c.height,
          ).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 4) if ((d[i] as number) > 0) n++;
          return n;
        });
      await expect.poll(painted).toBeGreaterThan(10);

      const box = await canvas.boundingBox();
      if (!box) throw new Error('the density canvas has no box');
      // Drag from (240, 20) to (390, 160) px: the bead population only.
      await page.mouse.move(box.x + 240, box.y + 20);
      await page.mouse.down();
      await page.mouse.move(box.x + 390, box.y + 160, { steps: 5 });
      await page.mouse.up();
      const caption = page.locator('figcaption', { hasText: 'FL1-A vs SSC-A' });
      await expect.poll(() => caption.textContent()).toMatch(/gate: 500 events \(49\.90 %\)/);
      await screenshot(page, 'flow-measurement-gate');
      expect(unexpectedConsoleErrors(s.consoleErrors)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
