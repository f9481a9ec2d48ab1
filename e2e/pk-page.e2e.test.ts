/**
 * End to end through a real browser: the Pharmacokinetics page (/pk) served by the real server (demo seeded).
 * NCA of theophylline subject 1 pasted into the panel against Phoenix WinNonlin (linear-up/log-down), a click
 * on a λz point and back to automatic; a 1-compartment oral fit against R's nls + SSfol; the human-equivalent
 * dose against FDA (2005); a biodistribution heatmap and per-organ AUCs against the trapezoidal rule by hand;
 * a PK study recorded for a demo batch, linked to that batch's page and audit trail; and no two form controls
 * on the page sharing an accessible name.
 * Screenshots land in /tmp/evlab-shots (EVLAB_SHOTS_DIR).
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, describeWithReference, referencePath } from '../test/support/environment.ts';
import { screenshot } from './support/browser.ts';
import {
  csvRecords,
  openUiSession,
  parseDisplayedNumber,
  relativeDifference,
  type UiSession,
  unexpectedConsoleErrors,
} from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 45_000;

async function region(page: Page, name: string): Promise<Locator> {
  const section = page.getByRole('region', { name, exact: true });
  await section.waitFor();
  return section;
}

/** The theophylline file's header line and the rows of subject 1, as text to paste. */
function theophSubject1(): { text: string; rows: Record<string, string>[] } {
  const csv = readFileSync(referencePath('nca', 'theoph.csv'), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0] as string;
  const subject1 = lines.slice(1).filter((l) => l.split(',')[0]?.replace(/"/g, '') === '1');
  return { text: [header, ...subject1].join('\n'), rows: csvRecords([header, ...subject1].join('\n')) };
}

/** The NCA parameter table as code → displayed number (NaN for "—"). */
async function ncaParameters(table: Locator): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const rows = table.locator('tbody tr');
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    const cells = await rows.nth(i).locator('td').allTextContents();
    out.set((cells[0] ?? '').trim(), parseDisplayedNumber(cells[2]));
  }
  return out;
}

/** Linear trapezoidal AUC of (time, value) pairs sorted by time. */
function trapezoid(points: readonly [number, number][]): number {
  let auc = 0;
  for (let i = 1; i < points.length; i++) {
    const [t0, y0] = points[i - 1] as [number, number];
    const [t1, y1] = points[i] as [number, number];
    auc += ((t1 - t0) * (y0 + y1)) / 2;
  }
  return auc;
}

describeWithChromium('Pharmacokinetics page in Chromium', () => {
  let session: UiSession;
  let page: Page;

  beforeAll(async () => {
    session = await openUiSession('pk');
    page = session.page;
    await page.goto(`${session.server.url}/pk`);
    await page.getByRole('heading', { name: 'Pharmacokinetics', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  describeWithReference('nca', 'theophylline against Phoenix WinNonlin and R nls', () => {
    it(
      'NCA of subject 1 (320 mg, extravascular, linear-up/log-down) matches WinNonlin; a λz click changes λz and reset restores it',
      async () => {
        const reference = csvRecords(
          readFileSync(referencePath('nca', 'theoph-winnonlin-linuplogdown.csv'), 'utf8'),
        ).find((r) => r.Subject === '1');
        if (!reference) throw new Error('subject 1 missing from theoph-winnonlin-linuplogdown.csv');
        // CDISC PPTESTCD ↔ WinNonlin names; the mapping file writes "%" as "." (see the reference README).
        const names = csvRecords(readFileSync(referencePath('nca', 'cdisc-pp-winnonlin-names.csv'), 'utf8'));
        const wnlOf = new Map(
          names
            .filter((r) => Number(r.ExtravascularWNL) > 0)
            .map((r) => [r.PPTESTCD as string, (r.WNL as string).replace(/^(AUMC|AUC)_\./, '$1_%')]),
        );
        const ref = (code: string) => Number(reference[wnlOf.get(code) ?? ''] ?? Number.NaN);

        // The one data dataBox feeds NCA and the model fits (issue 9 item 9).
        const dataBox = await region(page, 'Concentration–time data');
        const nca = await region(page, 'Non-compartmental analysis');
        await dataBox.getByLabel('Concentration–time table').fill(theophSubject1().text);
        await dataBox.getByLabel('Subject column').selectOption('Subject');
        await dataBox.getByLabel('Time column').selectOption('Time');
        await dataBox.getByLabel('Concentration column').selectOption('conc');
        // The file's Dose column is mg/kg; WinNonlin was run with 320 mg for everyone.
        await dataBox.getByLabel('Dose column').selectOption('');
        await dataBox.getByLabel('PK route', { exact: true }).selectOption('extravascular');
        await nca.getByLabel('NCA AUC method', { exact: true }).selectOption('linear-log');
        await dataBox.getByLabel('PK dose', { exact: true }).fill('320');
        await dataBox.getByLabel('PK time unit', { exact: true }).selectOption('h');

        const table = nca.getByRole('table', { name: 'NCA parameters of subject 1' });
        await table.waitFor();
        const auto = await ncaParameters(table);
        for (const code of ['CMAX', 'TMAX', 'AUCLST', 'LAMZ']) {
          expect(relativeDifference(auto.get(code) ?? Number.NaN, ref(code)), code).toBeLessThan(1e-3);
        }
        // Every other parameter the panel shows that WinNonlin reports agrees to 0.1 % as well.
        let compared = 0;
        for (const [code, value] of auto) {
          const expected = ref(code);
          if (!Number.isFinite(expected)) continue;
          expect(relativeDifference(value, expected), code).toBeLessThan(1e-3);
          compared++;
        }
        expect(compared).toBeGreaterThanOrEqual(20);
        expect(await nca.locator('.nca-lz-head').textContent()).toContain('automatic');

        // Click the point at 7.03 h (not in WinNonlin's 3-point λz) on the plot: it joins the regression.
        const points = theophSubject1().rows.map((r) => ({ time: Number(r.Time), conc: Number(r.conc) }));
        const index = points.filter((p) => p.conc > 0).findIndex((p) => p.time === 7.03);
        expect(index).toBeGreaterThan(0);
        // Plot draws larger dots (the λz points) first, so find the point by its x position instead.
        const plot = nca.getByTestId('concentration-time-plot');
        const dots = await plot.locator('svg g[aria-label="dot"]').first().locator('> *').all();
        const boxes = [];
        for (const dot of dots) {
          const b = await dot.boundingBox();
          if (b) boxes.push(b);
        }
        expect(boxes.length).toBe(points.filter((p) => p.conc > 0).length);
        const box = boxes.sort((a, b) => a.x + a.width / 2 - (b.x + b.width / 2))[index];
        if (!box) throw new Error('λz point not drawn');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await expect.poll(() => nca.locator('.nca-lz-head').textContent()).toContain('manual');
        const manual = await ncaParameters(table);
        expect(manual.get('LAMZNPT')).toBe(ref('LAMZNPT') + 1);
        expect(manual.get('LAMZLL')).toBe(7.03);
        expect(relativeDifference(manual.get('LAMZ') ?? Number.NaN, ref('LAMZ'))).toBeGreaterThan(1e-3);
        expect(await nca.getByRole('checkbox', { name: 'Use time 7.03 in λz' }).isChecked()).toBe(true);
        // Cmax and AUClast do not depend on λz.
        expect(manual.get('CMAX')).toBe(auto.get('CMAX'));
        expect(manual.get('AUCLST')).toBe(auto.get('AUCLST'));
        await screenshot(page, 'pk-01-nca-manual-lambda-z');

        await nca.getByRole('button', { name: 'Reset to automatic' }).click();
        await expect.poll(() => nca.locator('.nca-lz-head').textContent()).toContain('automatic');
        const reset = await ncaParameters(table);
        expect(relativeDifference(reset.get('LAMZ') ?? Number.NaN, ref('LAMZ'))).toBeLessThan(1e-3);
        expect(reset.get('LAMZNPT')).toBe(ref('LAMZNPT'));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'fits 1cmt-oral to subject 1 like R nls + SSfol, with a parameter table and an SVG plot',
      async () => {
        // R stats ?SSfol example, nls(conc ~ SSfol(Dose, Time, lKe, lKa, lCl), Theoph.1): lKe −2.9196,
        // lKa 0.5752, lCl −3.9159 with Dose 4.02 mg/kg (Pinheiro & Bates 2000, §8.2). Rate constants do not
        // depend on the dose unit; the volume scales with it: V = Cl/ke · 320 mg / 4.02 mg/kg.
        const ke = Math.exp(-2.9196);
        const ka = Math.exp(0.5752);
        const v = (Math.exp(-3.9159) / ke) * (320 / 4.02);

        const panel = await region(page, 'Compartment models');
        const box = await region(page, 'Concentration–time data');
        await box.getByLabel('Concentration–time table').fill(theophSubject1().text);
        await box.getByLabel('Subject column').selectOption('Subject');
        await box.getByLabel('Time column').selectOption('Time');
        await box.getByLabel('Concentration column').selectOption('conc');
        await box.getByLabel('PK dose', { exact: true }).fill('320');
        await panel.getByLabel('Model fit weighting', { exact: true }).selectOption('1');
        await panel.getByRole('checkbox', { name: '1cmt-oral', exact: true }).check();
        await panel.getByRole('checkbox', { name: '2cmt-oral', exact: true }).uncheck();
        for (const box of await panel.locator('fieldset.model-fit-models input[type=checkbox]').all()) {
          const name = await box.evaluate((el) => el.parentElement?.textContent?.trim());
          if (name !== '1cmt-oral') await box.uncheck();
        }
        await panel.getByRole('button', { name: 'Fit', exact: true }).click();

        const table = panel.getByRole('table', { name: 'Parameters of 1cmt-oral' });
        await table.waitFor({ timeout: 30_000 });
        expect(await table.locator('caption').textContent()).toContain('converged');
        const estimates = new Map<string, number>();
        for (const row of await table.locator('tbody tr').all()) {
          const cells = await row.locator('td').allTextContents();
          estimates.set((cells[0] ?? '').trim(), parseDisplayedNumber(cells[1]));
        }
        expect(relativeDifference(estimates.get('ka') ?? Number.NaN, ka)).toBeLessThan(2e-3);
        expect(relativeDifference(estimates.get('k10') ?? Number.NaN, ke)).toBeLessThan(2e-3);
        expect(relativeDifference(estimates.get('V1') ?? Number.NaN, v)).toBeLessThan(2e-3);

        const plot = panel.getByRole('img', { name: 'Concentration–time plot with fitted curves' });
        await plot.locator('svg g[aria-label="line"] path').first().waitFor();
        // The 11 observations of subject 1 as dots.
        expect(await plot.locator('svg g[aria-label="dot"] > *').count()).toBe(11);
        await screenshot(page, 'pk-02-model-fit');
      },
      TEST_TIMEOUT_MS,
    );
  });

  it(
    'human-equivalent dose of 50 mg/kg in the mouse is 4.05 mg/kg (FDA 2005 Km 3 → 37)',
    async () => {
      // FDA (2005) Guidance for Industry, maximum safe starting dose, Table 1: Km mouse 3, human 37.
      const hedPerKg = (50 * 3) / 37;
      const hed = await region(page, 'Human-equivalent dose');
      await hed.getByLabel('HED species').selectOption('mouse');
      await hed.getByLabel('HED unit').selectOption('mg');
      await hed.getByLabel('HED method').selectOption('bsa');
      await hed.getByLabel('Animal dose per kg').fill('50');
      await hed.getByLabel('Human weight (kg)').fill('60');
      const result = hed.getByRole('status', { name: 'HED result' });
      await expect.poll(() => result.locator('.pk-big').textContent()).toBe(hedPerKg.toPrecision(3));
      expect(hedPerKg.toPrecision(3)).toBe('4.05');
      const perAdult = parseDisplayedNumber(await result.locator('strong').first().textContent());
      expect(relativeDifference(perAdult, hedPerKg * 60)).toBeLessThan(5e-3);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'biodistribution of a pasted organ table renders the heatmap and trapezoidal AUCs',
    async () => {
      const times = [1, 4, 24];
      const organs: Record<string, number[]> = {
        blood: [15, 7, 1],
        liver: [20, 30, 12],
        spleen: [25, 40, 18],
        lungs: [10, 4, 1.5],
      };
      const text = [
        `organ (%ID/g)\t${times.map((t) => `${t} h`).join('\t')}`,
        ...Object.entries(organs).map(([o, v]) => `${o}\t${v.join('\t')}`),
      ].join('\n');
      const panel = await region(page, 'Biodistribution');
      await panel.getByLabel('Organ data', { exact: true }).fill(text);
      await panel.getByRole('button', { name: 'Analyse' }).click();
      const results = panel.getByRole('region', { name: 'Biodistribution results' });
      await results.waitFor();

      const heatmap = results.getByRole('img', { name: /Biodistribution heatmap/ });
      await heatmap.locator('svg g[aria-label="cell"] rect').first().waitFor();
      expect(await heatmap.locator('svg g[aria-label="cell"] rect').count()).toBe(
        Object.keys(organs).length * times.length,
      );

      const table = results.getByRole('table', { name: 'Per-organ exposure' });
      const header = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
      const aucColumn = header.indexOf('AUC (%ID/g·h)');
      const cmaxColumn = header.indexOf('Cmax (%ID/g)');
      const ratioColumn = header.indexOf('Tissue:blood (AUC)');
      expect(Math.min(aucColumn, cmaxColumn, ratioColumn)).toBeGreaterThan(0);
      const aucBlood = trapezoid(times.map((t, i) => [t, organs.blood?.[i] as number]));
      for (const [organ, values] of Object.entries(organs)) {
        // Organ names are shown in their canonical singular form (lungs → Lung).
        const name = new RegExp(`^${organ.replace(/s$/, '')}s?$`, 'i');
        const row = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name }) });
        const cells = [await row.locator('th').textContent(), ...(await row.locator('td').allTextContents())];
        const auc = trapezoid(times.map((t, i) => [t, values[i] as number]));
        expect(relativeDifference(parseDisplayedNumber(cells[aucColumn]), auc), organ).toBeLessThan(5e-3);
        expect(parseDisplayedNumber(cells[cmaxColumn])).toBe(Math.max(...values));
        if (organ !== 'blood') {
          expect(
            relativeDifference(parseDisplayedNumber(cells[ratioColumn]), auc / aucBlood),
            organ,
          ).toBeLessThan(5e-3);
        }
      }
      await screenshot(page, 'pk-03-biodistribution');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'records a PK study for a demo batch, listed with a link to that batch and in its audit trail',
    async () => {
      const batches = (await (
        await fetch(`${session.server.url}/api/batches?limit=100`, { headers: session.authHeaders })
      ).json()) as {
        items: { id: string; code: string }[];
      };
      const target = batches.items.find((b) => b.code === 'UC-EV-002');
      if (!target) throw new Error('demo batch UC-EV-002 missing');

      const panel = await region(page, 'PK studies');
      await panel.getByRole('button', { name: 'New PK study' }).click();
      const form = panel.getByRole('form', { name: 'New PK study' });
      await form.waitFor();
      await form.getByLabel('Batch dosed').selectOption({ label: 'UC-EV-002' });
      await form.getByLabel('Study title').fill('E2E IV DiR mouse');
      await form.getByLabel('Strain').fill('C57BL/6J');
      await form.getByLabel('Dose', { exact: true }).fill('2e10');
      await form.getByLabel('Study label').selectOption('DiR');
      await form.getByRole('button', { name: 'Record PK study' }).click();

      const studies = panel.getByRole('table', { name: 'PK studies' });
      const row = studies.locator('tbody tr').filter({ hasText: 'E2E IV DiR mouse' });
      await row.waitFor();
      expect(await row.textContent()).toContain('DiR');
      const link = row.getByRole('link', { name: 'UC-EV-002' });
      expect(await link.getAttribute('href')).toBe(`/batches/${target.id}`);
      await screenshot(page, 'pk-04-pk-study');

      await link.click();
      await page.waitForURL(new RegExp(`/batches/${target.id}$`));
      await page.getByRole('heading', { name: /UC-EV-002/ }).waitFor();
      await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('pk-study');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives every form control on the page its own accessible name, across all panels',
    async () => {
      await page.goto(`${session.server.url}/pk`);
      await page.getByRole('heading', { name: 'Pharmacokinetics', level: 1 }).waitFor();
      const nca = await region(page, 'Non-compartmental analysis');
      const box = await region(page, 'Concentration–time data');
      await box.getByRole('button', { name: 'Load synthetic example' }).click();
      await nca.getByRole('table', { name: /^NCA parameters of subject/ }).waitFor();
      const studies = await region(page, 'PK studies');
      await studies.getByRole('button', { name: 'New PK study' }).click();
      await studies.getByRole('form', { name: 'New PK study' }).waitFor();

      // The accessibility tree as Playwright (and a screen reader) sees it: one line per node.
      const tree = await page.locator('main').ariaSnapshot();
      const names = new Map<string, number>();
      const unnamed: string[] = [];
      for (const line of tree.split('\n')) {
        const m =
          /^\s*- (textbox|combobox|spinbutton|slider|searchbox|checkbox|radio)(?: "((?:[^"\\]|\\.)*)")?/.exec(
            line,
          );
        if (!m) continue;
        if (!m[2]) unnamed.push(line.trim());
        else names.set(m[2], (names.get(m[2]) ?? 0) + 1);
      }
      expect(names.size).toBeGreaterThan(40);
      for (const control of ['PK dose', 'PK route', 'Preparation species', 'PK dose unit', 'HED species'])
        expect(names.get(control), control).toBe(1);
      expect([...names].filter(([, n]) => n > 1).map(([name]) => name)).toEqual([]);
      expect(unnamed).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it('raised no browser errors', () => {
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  });
});
