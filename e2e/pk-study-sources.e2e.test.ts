/**
 * End to end through a real browser: a PK study recorded on the Pharmacokinetics page (/pk) for demo batch
 * UC-EV-001 with a pasted concentration–time table and a pasted organ table (tabs, stray spaces, a "µ" and a
 * blank line, so only byte-for-byte keeping passes). The study detail's NCA summary is checked against the
 * table itself (Cmax and Tmax are its largest value and that value's time; the tail is C = 100·2^(−t/3), so
 * the terminal half-life is 3 h by construction), the "Source tables" downloads must return exactly the
 * pasted text (same bytes, same SHA-256), and the batch page lists the study and keeps the tables as raw
 * files of the batch (file count, audit trail, GET /api/batches/:id/files).
 * Screenshots land in /tmp/evlab-shots (EVLAB_SHOTS_DIR).
 */
import { createHash } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PkStudy } from '../src/domain/pk-study.ts';
import { describeWithChromium } from '../test/support/environment.ts';
import { screenshot } from './support/browser.ts';
import {
  openUiSession,
  parseDisplayedNumber,
  relativeDifference,
  type UiSession,
  unexpectedConsoleErrors,
} from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 60_000;
const BATCH_CODE = 'UC-EV-001';
const TITLE = 'E2E IP DiR mouse, pasted tables';

/** Terminal phase C(t) = 100·2^(−t/3) µg/mL: a mono-exponential decline with a half-life of exactly 3 h. */
const HALF_LIFE_H = 3;
const tail = (tH: number) => 100 * 2 ** (-tH / HALF_LIFE_H);

/** Absorption (0–2 h, peak 88 µg/mL at 2 h) then the exponential tail from 3 h; all values exact in binary. */
const SAMPLES: [timeH: number, conc: number][] = [
  [0, 0],
  [0.5, 12.5],
  [1, 40],
  [2, 88],
  ...[3, 6, 9, 12, 24].map((t): [number, number] => [t, tail(t)]),
];

/** Tab-separated with stray spaces around cells, a trailing blank line and a µ in the unit. */
const CONC_TEXT = [
  '  Animal \ttime (h)\t conc (µg/mL)  ',
  ...SAMPLES.map(([t, c], i) => (i % 2 === 0 ? `M1\t${t}\t${c}` : ` M1 \t ${t}  \t  ${c} `)),
  '',
  '',
].join('\n');

const TIMES_H = [1, 4, 24];
const ORGANS: Record<string, number[]> = {
  blood: [15, 7, 1],
  liver: [20, 30, 12],
  spleen: [25, 40, 18],
};
const BIO_TEXT = [
  `organ (%ID/g)\t${TIMES_H.map((t) => ` ${t} h`).join('\t')}`,
  ...Object.entries(ORGANS).map(([organ, v]) => `${organ} \t${v.join(' \t')}`),
  '',
].join('\n');

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function region(page: Page, name: string): Promise<Locator> {
  const section = page.getByRole('region', { name, exact: true });
  await section.waitFor();
  return section;
}

describeWithChromium('PK study with its source tables in Chromium', () => {
  let session: UiSession;
  let page: Page;
  let batchId: string;
  let study: PkStudy;

  beforeAll(async () => {
    session = await openUiSession('pk-sources');
    page = session.page;
    const res = await page.request.get(`${session.server.url}/api/batches?limit=200`);
    const batches = (await res.json()) as { items: { id: string; code: string }[] };
    const target = batches.items.find((b) => b.code === BATCH_CODE);
    if (!target) throw new Error(`demo batch ${BATCH_CODE} missing`);
    batchId = target.id;
    await page.goto(`${session.server.url}/pk`);
    await page.getByRole('heading', { name: 'Pharmacokinetics', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it(
    'records the study with both pasted tables and opens its detail',
    async () => {
      expect(CONC_TEXT).toContain('µ');
      expect(Buffer.byteLength(CONC_TEXT, 'utf8')).toBeGreaterThan(CONC_TEXT.length);

      const panel = await region(page, 'PK studies');
      await panel.getByRole('button', { name: 'New PK study' }).click();
      const form = panel.getByRole('form', { name: 'New PK study' });
      await form.waitFor();
      await form.getByLabel('Batch dosed').selectOption({ label: BATCH_CODE });
      await form.getByLabel('Study title').fill(TITLE);
      await form.getByLabel('Strain').fill('C57BL/6J');
      await form
        .locator('label.field')
        .filter({ hasText: /^Route/ })
        .locator('select')
        .selectOption('intraperitoneal');
      await form.getByLabel('Dose', { exact: true }).fill('2e10');
      await form.getByLabel('Study label').selectOption('DiR');

      await form.getByLabel('Concentration–time data', { exact: true }).fill(CONC_TEXT);
      const concPreview = form.locator('.pk-study-preview').first();
      await expect.poll(() => concPreview.textContent()).toContain(`${SAMPLES.length} samples`);
      expect(await concPreview.textContent()).toContain('µg/mL');
      await form.getByLabel('Biodistribution data', { exact: true }).fill(BIO_TEXT);
      const bioPreview = form.locator('.pk-study-preview').nth(1);
      await expect
        .poll(() => bioPreview.textContent())
        .toContain(`${TIMES_H.length * Object.keys(ORGANS).length} values`);
      // The values really are what the textareas hold, tabs and spaces included.
      expect(await form.getByLabel('Concentration–time data', { exact: true }).inputValue()).toBe(CONC_TEXT);
      expect(await form.getByLabel('Biodistribution data', { exact: true }).inputValue()).toBe(BIO_TEXT);

      await form.getByRole('button', { name: 'Record PK study' }).click();
      await page.waitForURL(/[?&]study=/);
      const id = new URL(page.url()).searchParams.get('study');
      if (!id) throw new Error('no study id in the URL');
      const res = await page.request.get(`${session.server.url}/api/pk-studies/${encodeURIComponent(id)}`);
      expect(res.status()).toBe(200);
      study = (await res.json()) as PkStudy;
      expect(study.batchId).toBe(batchId);
      expect(study.title).toBe(TITLE);
      expect(study.observations.concentrationTime.map((r) => [r.timeH, r.value])).toEqual(SAMPLES);
      expect(new Set(study.observations.concentrationTime.map((r) => r.unit))).toEqual(new Set(['µg/mL']));
      expect(study.observations.biodistribution).toHaveLength(TIMES_H.length * Object.keys(ORGANS).length);
      expect(study.sourceFiles.map((f) => f.kind).sort()).toEqual(['biodistribution', 'concentration-time']);

      const detail = await region(page, TITLE);
      await detail.getByRole('table', { name: 'NCA summary' }).waitFor();
      await screenshot(page, 'pk-sources-01-detail');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows Cmax and Tmax of the table and t½ = 3 h of its exponential tail in the NCA summary',
    async () => {
      const detail = await region(page, TITLE);
      const table = detail.getByRole('table', { name: 'NCA summary' });
      const codes = await table.locator('thead th .muted').allTextContents();
      const column = (code: string) => codes.indexOf(code) + 1; // the first column is "n"
      expect(codes).toEqual(expect.arrayContaining(['CMAX', 'TMAX', 'LAMZHL']));
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator('th').textContent()).toBe('M1 · plasma');
      const cells = await rows.first().locator('td').allTextContents();
      expect(parseDisplayedNumber(cells[0])).toBe(SAMPLES.length);

      const [tMaxH, cMax] = SAMPLES.reduce((best, s) => (s[1] > best[1] ? s : best));
      expect(cells[column('CMAX')]).toContain('µg/mL');
      expect(parseDisplayedNumber(cells[column('CMAX')])).toBe(cMax);
      expect(parseDisplayedNumber(cells[column('TMAX')])).toBe(tMaxH);
      expect(cells[column('TMAX')]).toMatch(/ h$/);
      const halfLife = parseDisplayedNumber(cells[column('LAMZHL')]);
      expect(relativeDifference(halfLife, HALF_LIFE_H)).toBeLessThan(0.01);
      expect(cells[column('LAMZHL')]).toMatch(/ h$/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'downloads from "Source tables" exactly the pasted text, byte for byte',
    async () => {
      const detail = await region(page, TITLE);
      const sources = detail.getByRole('table', { name: 'Source tables' });
      const rows = sources.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      const pasted: Record<string, string> = { 'Concentration–time': CONC_TEXT, Biodistribution: BIO_TEXT };
      for (let i = 0; i < 2; i++) {
        const cells = await rows.nth(i).locator('td').allTextContents();
        const kind = (cells[1] ?? '').trim();
        const expected = pasted[kind];
        if (expected === undefined) throw new Error(`unexpected source kind ${kind}`);
        const link = rows.nth(i).getByRole('link');
        const href = await link.getAttribute('href');
        expect(href).toMatch(/^\/api\/raw-files\/[^/]+\/content$/);
        const res = await page.request.get(`${session.server.url}${href}`);
        expect(res.status()).toBe(200);
        const body = await res.body();
        expect(body.equals(Buffer.from(expected, 'utf8'))).toBe(true);
        expect(body.toString('utf8')).toBe(expected);
        // The listed digest is the SHA-256 of those bytes.
        const digest = sha256(body);
        expect(await rows.nth(i).locator('code').getAttribute('title')).toBe(digest);
        expect(digest).toBe(sha256(expected));
        const file = study.sourceFiles.find((f) => href?.includes(f.rawFileId));
        expect(file?.sizeBytes).toBe(Buffer.byteLength(expected, 'utf8'));
        expect(file?.sha256).toBe(digest);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lists the study on the batch page of UC-EV-001 and keeps the source tables as raw files of the batch',
    async () => {
      const files = (await (
        await page.request.get(`${session.server.url}/api/batches/${batchId}/files`)
      ).json()) as {
        total: number;
        items: { id: string; originalName: string; sizeBytes: number; sha256: string }[];
      };
      for (const source of study.sourceFiles) {
        const file = files.items.find((f) => f.id === source.rawFileId);
        expect(file, source.kind).toBeDefined();
        expect(file?.sha256).toBe(source.sha256);
        expect(file?.sizeBytes).toBe(source.sizeBytes);
      }

      const detail = await region(page, TITLE);
      await detail.getByRole('link', { name: BATCH_CODE }).click();
      await page.waitForURL(new RegExp(`/batches/${batchId}$`));
      await page.getByRole('heading', { name: new RegExp(BATCH_CODE), level: 1 }).waitFor();

      const studies = page.getByRole('table', { name: 'PK studies of this batch' });
      await studies.waitFor();
      const row = studies.locator('tbody tr').filter({ hasText: TITLE });
      expect(await row.count()).toBe(1);
      const link = row.getByRole('link', { name: TITLE });
      expect(await link.getAttribute('href')).toBe(`/pk?study=${encodeURIComponent(study.id)}`);
      const dataRows = `${SAMPLES.length} + ${TIMES_H.length * Object.keys(ORGANS).length}`;
      expect(await row.textContent()).toContain(dataRows);

      // The measurements panel counts every raw file of the batch, the source tables included.
      const measurements = page.locator('#measurements');
      await expect
        .poll(() => measurements.locator('.panel-head').textContent())
        .toContain(`${files.total} raw file${files.total === 1 ? '' : 's'}`);
      // The audit trail lists the upload of each source table, and the study.
      const audit = page.getByTestId('audit-table');
      await audit.waitFor();
      const uploads = audit
        .locator('tbody tr')
        .filter({ has: page.locator('.action-upload') })
        .filter({ hasText: /pasted (concentration-time|biodistribution) table/ });
      expect(await uploads.count()).toBe(study.sourceFiles.length);
      expect(await audit.textContent()).toContain('pk-study');
      await screenshot(page, 'pk-sources-02-batch-page');

      // The batch page's study link opens the same study on the PK page.
      await link.click();
      await page.waitForURL(/\/pk\?study=/);
      await (await region(page, TITLE)).getByRole('table', { name: 'Source tables' }).waitFor();
    },
    TEST_TIMEOUT_MS,
  );

  it('raised no browser errors', () => {
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  });
});
