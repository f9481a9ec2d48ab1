/**
 * End to end in Chromium (issue 9 item 9): the PK page has one concentration–time data box that feeds both
 * NCA and the compartment-model fits, with one dose for both; a stored PK study opens on the PK page with its
 * rows, route and dose ("Analyse on PK page").
 *
 * References: theophylline subject 1 (R datasets::Theoph; Boeckmann, Sheiner & Beal 1994): Cmax 10.5 mg/L
 * at 1.12 h; R's nls + SSfol fit of that subject (?SSfol; Pinheiro & Bates 2000, §8.2): lKe −2.9196,
 * lKa 0.5752, lCl −3.9159 for a dose of 4.02 mg/kg, so V = Cl/ke · dose / 4.02 for any other dose.
 * Screenshots land in /tmp/evlab-shots (EVLAB_SHOTS_DIR).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

async function region(page: Page, name: string): Promise<Locator> {
  const section = page.getByRole('region', { name, exact: true });
  await section.waitFor();
  return section;
}

/** The NCA parameter table as code → displayed number. */
async function ncaParameters(table: Locator): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const row of await table.locator('tbody tr').all()) {
    const cells = await row.locator('td').allTextContents();
    out.set((cells[0] ?? '').trim(), parseDisplayedNumber(cells[2]));
  }
  return out;
}

/** A model's parameter table as name → displayed estimate. */
async function fitEstimates(table: Locator): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const row of await table.locator('tbody tr').all()) {
    const cells = await row.locator('td').allTextContents();
    out.set((cells[0] ?? '').trim(), parseDisplayedNumber(cells[1]));
  }
  return out;
}

describeWithChromium('PK page: one data box for NCA and model fits', () => {
  let session: UiSession;
  let page: Page;

  beforeAll(async () => {
    session = await openUiSession('pk-shared-data');
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it(
    'NCA and the 1-compartment fit read the same table and the same dose from the data box',
    async () => {
      await page.goto(`${session.server.url}/pk`);
      await page.getByRole('heading', { name: 'Pharmacokinetics', level: 1 }).waitFor();
      const box = await region(page, 'Concentration–time data');
      const nca = await region(page, 'Non-compartmental analysis');
      const models = await region(page, 'Compartment models');
      // One data box: neither analysis has a table input of its own.
      expect(await nca.locator('textarea').count()).toBe(0);
      expect(await models.locator('textarea').count()).toBe(0);
      expect(await box.locator('textarea').count()).toBe(1);

      await box.getByRole('button', { name: 'Load theophylline example' }).click();
      expect(await box.getByLabel('PK dose', { exact: true }).inputValue()).toBe('320');
      const table = nca.getByRole('table', { name: 'NCA parameters of subject 1' });
      await table.waitFor();
      const at320 = await ncaParameters(table);
      expect(at320.get('CMAX')).toBe(10.5);
      expect(at320.get('TMAX')).toBe(1.12);
      expect(await nca.textContent()).toContain('320 mg');

      // Half the dose in the one box: NCA's CL/F halves, Cmax does not move...
      await box.getByLabel('PK dose', { exact: true }).fill('160');
      await expect.poll(async () => (await ncaParameters(table)).get('CLFO')).not.toBe(at320.get('CLFO'));
      const at160 = await ncaParameters(table);
      expect(at160.get('CMAX')).toBe(10.5);
      expect(
        relativeDifference(at160.get('CLFO') ?? Number.NaN, (at320.get('CLFO') ?? Number.NaN) / 2),
      ).toBeLessThan(1e-4);

      // ...and the model fit uses the same 11 samples and 160 mg: V scales with the dose, ka and ke do not.
      expect(await models.getByRole('status').textContent()).toMatch(/1 subject\(s\), 11 samples.*160 mg/);
      await models.getByLabel('Model fit weighting', { exact: true }).selectOption('1');
      for (const modelBox of await models.locator('fieldset.model-fit-models input[type=checkbox]').all()) {
        const name = await modelBox.evaluate((el) => el.parentElement?.textContent?.trim());
        if (name === '1cmt-oral') await modelBox.check();
        else await modelBox.uncheck();
      }
      await models.getByRole('button', { name: 'Fit', exact: true }).click();
      const params = models.getByRole('table', { name: 'Parameters of 1cmt-oral' });
      await params.waitFor({ timeout: 30_000 });
      const estimates = await fitEstimates(params);
      const ke = Math.exp(-2.9196);
      const ka = Math.exp(0.5752);
      const v = (Math.exp(-3.9159) / ke) * (160 / 4.02);
      expect(relativeDifference(estimates.get('ka') ?? Number.NaN, ka)).toBeLessThan(2e-3);
      expect(relativeDifference(estimates.get('k10') ?? Number.NaN, ke)).toBeLessThan(2e-3);
      expect(relativeDifference(estimates.get('V1') ?? Number.NaN, v)).toBeLessThan(2e-3);
      // Axes name their units from the box; the residual plot's time axis too.
      expect(await models.textContent()).toContain('Time (h)');
      await screenshot(page, 'pk-shared-01-one-box');

      // Without a time unit the axes say so plainly.
      await box.getByLabel('PK time unit', { exact: true }).selectOption('');
      await expect.poll(() => models.textContent()).toContain('Time (no unit given)');
      await expect.poll(() => nca.textContent()).toContain('no unit given');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '"Analyse on PK page" of a stored study puts its rows, route and dose in the data box',
    async () => {
      const batches = (await (
        await fetch(`${session.server.url}/api/batches?limit=100`, { headers: session.authHeaders })
      ).json()) as { items: { id: string; code: string }[] };
      const batch = batches.items[0];
      if (!batch) throw new Error('the demo has no batch');
      const rows = [
        [0.25, 80],
        [1, 50],
        [4, 12],
        [8, 3.1],
      ] as const;
      const title = 'E2E shared-data IV study';
      const created = await fetch(`${session.server.url}/api/pk-studies`, {
        method: 'POST',
        headers: { ...session.authHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({
          batchId: batch.id,
          title,
          species: 'mouse',
          route: 'intravenous',
          dose: { value: 2e10, unit: 'particles', perKg: false },
          observations: {
            concentrationTime: rows.map(([timeH, value]) => ({
              timeH,
              value,
              unit: '%ID/mL',
              matrix: 'plasma',
              subject: 'M1',
            })),
            biodistribution: [],
          },
        }),
      });
      expect(created.status).toBe(201);
      const study = (await created.json()) as { id: string };

      await page.goto(`${session.server.url}/pk?study=${encodeURIComponent(study.id)}`);
      const detail = await region(page, title);
      await detail.getByRole('link', { name: 'Analyse on PK page' }).click();
      await page.waitForURL(/[?&]analyse=/);

      const box = await region(page, 'Concentration–time data');
      await expect.poll(() => box.getByRole('status').textContent()).toContain(title);
      expect(await box.getByLabel('PK dose', { exact: true }).inputValue()).toBe('2e10');
      expect(await box.getByLabel('PK dose unit', { exact: true }).inputValue()).toBe('particles');
      expect(await box.getByLabel('PK route', { exact: true }).inputValue()).toBe('iv-bolus');
      expect(await box.getByLabel('PK concentration unit', { exact: true }).inputValue()).toBe('%ID/mL');
      const text = await box.getByLabel('Concentration–time table', { exact: true }).inputValue();
      expect(text.split('\n').slice(1)).toEqual(rows.map(([t, c]) => `M1\t${t}\t${c}`));

      const nca = await region(page, 'Non-compartmental analysis');
      const params = await ncaParameters(nca.getByRole('table', { name: 'NCA parameters of subject M1' }));
      expect(params.get('CMAX')).toBe(80);
      // AUClast by hand (linear trapezoids; IV bolus: C0 back-extrapolated log-linearly from the first two
      // samples, WinNonlin's rule): C0 = 80·(80/50)^(0.25/0.75); then (C0+80)/2·0.25 + (80+50)/2·0.75
      // + (50+12)/2·3 + (12+3.1)/2·4.
      const c0 = 80 * (80 / 50) ** (0.25 / 0.75);
      const auc = ((c0 + 80) / 2) * 0.25 + 48.75 + 93 + 30.2;
      expect(relativeDifference(params.get('AUCLST') ?? Number.NaN, auc)).toBeLessThan(1e-4);
      expect(params.get('TLST')).toBe(8);
      const models = await region(page, 'Compartment models');
      expect(await models.getByRole('status').textContent()).toMatch(
        /1 subject\(s\), 4 samples.*2e10 particles/,
      );
      await screenshot(page, 'pk-shared-02-from-study');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'one subject selection: choosing a subject for NCA shows the same subject in the model fits',
    async () => {
      await page.goto(`${session.server.url}/pk`);
      const box = await region(page, 'Concentration–time data');
      const nca = await region(page, 'Non-compartmental analysis');
      const models = await region(page, 'Compartment models');
      // Theophylline subjects 1 and 2 (R datasets::Theoph), first six samples each.
      const rows = [
        'subject,time,conc',
        '1,0.25,2.84',
        '1,0.57,6.57',
        '1,1.12,10.5',
        '1,2.02,9.66',
        '1,3.82,8.58',
        '1,5.1,8.36',
        '2,0.27,1.72',
        '2,0.52,7.91',
        '2,1,8.31',
        '2,1.92,8.33',
        '2,3.5,6.85',
        '2,5.02,6.08',
      ];
      await box.locator('textarea').fill(rows.join('\n'));
      await box.getByLabel('PK dose', { exact: true }).fill('320');
      const ncaSubject = nca.getByLabel('NCA subject');
      await ncaSubject.waitFor();
      expect(await ncaSubject.inputValue()).toBe('1');
      for (const modelBox of await models.locator('fieldset.model-fit-models input[type=checkbox]').all()) {
        const name = await modelBox.evaluate((el) => el.parentElement?.textContent?.trim());
        if (name === '1cmt-oral') await modelBox.check();
        else await modelBox.uncheck();
      }
      await models.getByRole('button', { name: 'Fit', exact: true }).click();
      const fitSubject = models.getByLabel('Model fit subject');
      await fitSubject.waitFor({ timeout: 30_000 });
      expect(await fitSubject.inputValue()).toBe('1');
      // One selection: NCA's choice is the model fits' choice, and back.
      await ncaSubject.selectOption('2');
      await expect.poll(() => fitSubject.inputValue()).toBe('2');
      await nca.getByRole('table', { name: 'NCA parameters of subject 2' }).waitFor();
      await fitSubject.selectOption('1');
      await expect.poll(() => ncaSubject.inputValue()).toBe('1');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'dashboard and overlay picker name measurements by file, sample and capture date (item 7)',
    async () => {
      const list = (await (
        await fetch(`${session.server.url}/api/measurements?kind=nta&limit=5`, {
          headers: session.authHeaders,
        })
      ).json()) as { items: { fileName: string | null; sample: string | null; capturedAt: string | null }[] };
      const named = list.items.find((m) => m.fileName && m.sample && m.capturedAt);
      if (!named?.sample || !named.capturedAt)
        throw new Error('the demo has no NTA measurement with a sample');
      await page.goto(`${session.server.url}/overlay`);
      const picker = page
        .locator('.picker-item')
        .filter({ hasText: `sample ${named.sample}` })
        .first();
      await picker.waitFor();
      expect(await picker.textContent()).toContain(`captured ${named.capturedAt.slice(0, 10)}`);
      expect(await picker.locator('.picker-label').getAttribute('title')).toBe(named.fileName);
      await page.goto(`${session.server.url}/`);
      const recent = page.getByRole('table').filter({ hasText: 'Captured' }).first();
      await recent.waitFor();
      expect(await recent.textContent()).toContain(named.capturedAt.slice(0, 10));
    },
    TEST_TIMEOUT_MS,
  );

  it('raised no browser errors', () => {
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  });
});
