/**
 * End to end through a real browser: the Isolation planner page (/isolation) served by the real server.
 * Covers the recommender (hard constraint: no ultracentrifuge), the sortable method comparison, the
 * centrifugation simulator against Livshits et al. 2015 Table 2 (d* of SW 40 Ti after 30 min at 10,000 ×g),
 * its time slider, the above-maximum rpm error, a user-defined rotor made in the form (d* against the pure
 * model for the same geometry, kept in localStorage, deletable), and the protocol builder's per-step results
 * and plot.
 * Screenshots land in /tmp/evlab-shots (EVLAB_SHOTS_DIR).
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Rotor } from '../src/science/centrifugation/centrifugation-types.ts';
import { cutoffDiameterNm } from '../src/science/centrifugation/pelleting-efficiency.ts';
import { describeWithChromium, describeWithReference, referencePath } from '../test/support/environment.ts';
import { screenshot } from './support/browser.ts';
import {
  csvRecords,
  openUiSession,
  parseDisplayedNumber,
  type UiSession,
  unexpectedConsoleErrors,
} from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 45_000;

/** Rotor names in Livshits et al. 2015 are written without the space before "Ti" ("SW 40Ti"). */
const sameRotor = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** Beckman Coulter SW 40 Ti rotor manual: maximum speed 40,000 rpm. */
const SW40TI_MAX_RPM = 40_000;

async function region(page: Page, name: string): Promise<Locator> {
  const section = page.getByRole('region', { name, exact: true });
  await section.waitFor();
  return section;
}

/** The cut-off diameter d* (nm) from the simulator's run summary table. */
async function cutoffNm(sim: Locator): Promise<number> {
  const cell = sim.getByRole('table', { name: 'Run summary' }).getByRole('row', { name: /Cut-off d\*/ });
  return parseDisplayedNumber(await cell.locator('td').textContent());
}

describeWithChromium('Isolation planner in Chromium', () => {
  let session: UiSession;
  let page: Page;

  beforeAll(async () => {
    session = await openUiSession('isolation');
    page = session.page;
    await page.goto(`${session.server.url}/isolation`);
    await page.getByRole('heading', { name: 'Isolation planner', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it(
    'recommends TFF → SEC first for 500 mL conditioned medium for therapy without an ultracentrifuge, and excludes dUC',
    async () => {
      const panel = await region(page, 'Recommend a method');
      const form = panel.getByRole('form', { name: 'Isolation recommender' });
      await form.getByLabel('Sample matrix').selectOption('conditioned-medium');
      await form.getByLabel('Volume').fill('500');
      await form.getByLabel('Downstream use').selectOption('therapy');
      const uc = form.getByRole('checkbox', { name: /^ultracentrifuge/ });
      await uc.uncheck();
      expect(await uc.isChecked()).toBe(false);
      await form.getByRole('button', { name: 'Recommend' }).click();

      const options = panel.locator('article.method-option');
      await options.first().waitFor();
      expect(await options.first().getAttribute('aria-label')).toBe('Rank 1: TFF → SEC');
      expect(await options.first().locator('.method-option-head').textContent()).toContain(
        'tangential-flow-filtration → size-exclusion-chromatography',
      );
      // Nothing ranked may need the missing ultracentrifuge.
      const heads = await options.locator('.method-option-head').allTextContents();
      expect(heads.length).toBeGreaterThan(1);
      for (const head of heads) expect(head).not.toMatch(/ultracentrifugation/);

      await panel.getByText(/^Excluded by hard constraints/).click();
      const excluded = panel.getByRole('table', { name: 'Excluded options' });
      const duc = excluded
        .locator('tbody tr')
        .filter({ has: page.locator('td:first-child', { hasText: /^dUC$/ }) });
      expect(await duc.count()).toBe(1);
      const ducCells = await duc.locator('td').allTextContents();
      expect(ducCells[1]).toBe('equipment-missing');
      expect(ducCells[2]).toMatch(/ultracentrifuge/);
      await screenshot(page, 'isolation-01-recommender');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'sorts the method comparison table when a column header is clicked',
    async () => {
      const panel = await region(page, 'Method comparison');
      const table = panel.getByRole('table', { name: 'Isolation method comparison' });
      const names = () => table.locator('tbody > tr > td:first-child > .strong').allTextContents();
      const costs = () => table.locator('tbody > tr > td:nth-child(6) > .method-value').allTextContents();
      await table.locator('tbody > tr').first().waitFor();

      const initial = await names();
      expect(initial.length).toBeGreaterThanOrEqual(8);
      expect(initial).toEqual([...initial].sort((a, b) => a.localeCompare(b)));

      const methodHeader = table.getByRole('columnheader', { name: /^Method/ });
      expect(await methodHeader.getAttribute('aria-sort')).toBe('ascending');
      await methodHeader.getByRole('button').click();
      expect(await methodHeader.getAttribute('aria-sort')).toBe('descending');
      expect(await names()).toEqual([...initial].reverse());

      // Cost classes in increasing order: low < medium < high.
      const rank = (c: string) => ['low', 'medium', 'high'].indexOf(c.trim());
      const costHeader = table.getByRole('columnheader', { name: /^Cost/ });
      await costHeader.getByRole('button').click();
      expect(await costHeader.getAttribute('aria-sort')).toBe('ascending');
      const ascending = (await costs()).map(rank);
      expect(ascending).not.toContain(-1);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      expect(new Set(ascending).size).toBeGreaterThan(1);
      await costHeader.getByRole('button').click();
      expect(await costHeader.getAttribute('aria-sort')).toBe('descending');
      const descending = (await costs()).map(rank);
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(await names()).not.toEqual(initial);
      await screenshot(page, 'isolation-02-comparison-sorted');
    },
    TEST_TIMEOUT_MS,
  );

  describeWithReference('centrifugation', 'centrifugation simulator against Livshits et al. 2015', () => {
    it(
      'gives d* of SW 40 Ti after 30 min at 10,000 ×g as in Table 2, and d* follows the run time slider',
      async () => {
        const table2 = csvRecords(
          readFileSync(referencePath('centrifugation', 'livshits2015-table2-30min-10000g.csv'), 'utf8'),
        );
        const row = table2.find((r) => sameRotor(r['Rotor name'] ?? '', 'SW 40 Ti'));
        if (!row) throw new Error('SW 40Ti missing from Livshits Table 2');
        // The header is written "d* (30 min)" with a thin space: find the column by its start.
        const dstarColumn = Object.keys(row).find((k) => k.startsWith('d*'));
        const expectedDstarNm = parseDisplayedNumber(dstarColumn ? row[dstarColumn] : undefined);
        expect(expectedDstarNm).toBe(321);
        const table1 = csvRecords(
          readFileSync(referencePath('centrifugation', 'livshits2015-table1-rotors.csv'), 'utf8'),
        );
        const geometry = table1.find((r) => sameRotor(r['Rotor name'] ?? '', 'SW 40 Ti'));
        const rAvMm = Number(geometry?.['Rav, mm']);
        expect(rAvMm).toBeGreaterThan(0);

        const sim = await region(page, 'Centrifugation simulator');
        await sim.getByLabel('Rotor', { exact: true }).selectOption('SW 40 Ti');
        await sim.getByRole('button', { name: 'RCF (×g at Rav)' }).click();
        await sim.getByLabel('RCF at Rav', { exact: true }).fill('10000');
        await sim.getByLabel('Run time', { exact: true }).fill('30');
        await expect.poll(() => sim.getByTestId('spin-headline').textContent()).toMatch(/· 30 min →/);

        const dstar = await cutoffNm(sim);
        expect(Math.abs(dstar - expectedDstarNm)).toBeLessThanOrEqual(2);
        // The headline shows the same d*.
        expect(await sim.getByTestId('spin-headline').locator('strong').textContent()).toBe(`${dstar} nm`);
        // Speed: RCF = 1.118×10⁻⁵ · r(cm) · rpm² at Rav (standard relation), r from Livshits Table 1.
        const expectedRpm = Math.sqrt(10_000 / (1.118e-5 * (rAvMm / 10)));
        const speedRow = sim.getByRole('table', { name: 'Run summary' }).getByRole('row', { name: /^Speed/ });
        const rpm = parseDisplayedNumber(await speedRow.locator('td').textContent());
        expect(Math.abs(rpm - expectedRpm) / expectedRpm).toBeLessThan(0.002);
        await screenshot(page, 'isolation-03-simulator-table2');

        // Run time slider to its end (24 h): at a fixed RCF, d* ∝ t^(−1/2) (Stokes sedimentation).
        const slider = sim.getByRole('slider', { name: 'Run time slider' });
        await slider.focus();
        await slider.press('End');
        await expect.poll(() => sim.getByLabel('Run time', { exact: true }).inputValue()).toBe('1440');
        const dstarDay = await cutoffNm(sim);
        expect(dstarDay).not.toBe(dstar);
        expect(Math.abs(dstarDay - dstar * Math.sqrt(30 / 1440))).toBeLessThanOrEqual(1.5);
        expect(await sim.getByTestId('spin-headline').textContent()).toContain('1440 min');

        await slider.press('Home');
        await expect.poll(() => sim.getByLabel('Run time', { exact: true }).inputValue()).toBe('1');
        // One arrow key moves the log slider a useful step (0.05 decade ≈ ×1.12), not 0.001 decade.
        await slider.press('ArrowRight');
        await expect
          .poll(async () => Number(await sim.getByLabel('Run time', { exact: true }).inputValue()))
          .toBeGreaterThan(1.1);
        expect(Number(await sim.getByLabel('Run time', { exact: true }).inputValue())).toBeLessThan(1.2);
        await slider.press('Home');
        expect(Math.abs((await cutoffNm(sim)) - dstar * Math.sqrt(30))).toBeLessThanOrEqual(15);
      },
      TEST_TIMEOUT_MS,
    );
  });

  it(
    'shows an inline error naming the rotor maximum when the rpm is above it',
    async () => {
      const sim = await region(page, 'Centrifugation simulator');
      await sim.getByLabel('Rotor', { exact: true }).selectOption('SW 40 Ti');
      await sim.getByRole('button', { name: 'rpm', exact: true }).click();
      const rpmInput = sim.getByLabel('Rotor speed', { exact: true });
      await rpmInput.fill('45000');
      const field = sim.locator('.spin-slider').filter({ hasText: 'Rotor speed' });
      const inline = field.getByRole('alert');
      await inline.waitFor();
      const message = (await inline.textContent()) ?? '';
      expect(message).toContain(SW40TI_MAX_RPM.toLocaleString('en-US'));
      expect(message).toContain('45,000');
      expect(await rpmInput.getAttribute('aria-invalid')).toBe('true');
      // No result is shown for an impossible run.
      expect(await sim.getByTestId('spin-headline').count()).toBe(0);
      await screenshot(page, 'isolation-04-simulator-rpm-error');

      await rpmInput.fill(String(SW40TI_MAX_RPM));
      await sim.getByTestId('spin-headline').waitFor();
      expect(await field.getByRole('alert').count()).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'defines a fixed-angle rotor in the custom rotor form, simulates it like the pure model, keeps it and deletes it',
    async () => {
      const sim = await region(page, 'Centrifugation simulator');
      await sim.getByLabel('Rotor', { exact: true }).selectOption({ label: 'Custom rotor…' });
      const form = sim.getByRole('form', { name: 'Custom rotor' });
      await form.waitFor();
      // A name that loosely matches a built-in rotor is refused inline, as are inverted radii.
      await form.getByLabel('Rotor name', { exact: true }).fill('sw40ti');
      await form.getByLabel('Rotor type', { exact: true }).selectOption('fixed-angle');
      await form.getByLabel('Rmin', { exact: true }).fill('90');
      await form.getByLabel('Rmax', { exact: true }).fill('40');
      await form.getByLabel('Maximum speed', { exact: true }).fill('45000');
      await form.getByRole('button', { name: 'Save rotor' }).click();
      const nameBox = form.getByLabel('Rotor name', { exact: true });
      await expect.poll(() => nameBox.getAttribute('aria-invalid')).toBe('true');
      expect(
        await form
          .locator('.field')
          .filter({ has: page.getByLabel('Rotor name', { exact: true }) })
          .locator('.field-error')
          .textContent(),
      ).toContain('built-in rotor SW 40 Ti');
      expect(await form.getByLabel('Tube diameter', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
      expect(await form.getByLabel('Tube angle', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'isolation-06-custom-rotor-errors');

      // The geometry (Rav left empty: the midpoint of Rmin and Rmax is used).
      const geometry = { rMinMm: 40, rMaxMm: 90, tubeDiameterMm: 25, angleDeg: 28, maxRpm: 45_000 };
      const name = 'E2E fixed 28';
      await nameBox.fill(name);
      await form.getByLabel('Rmin', { exact: true }).fill(String(geometry.rMinMm));
      await form.getByLabel('Rmax', { exact: true }).fill(String(geometry.rMaxMm));
      await form.getByLabel('Tube diameter', { exact: true }).fill(String(geometry.tubeDiameterMm));
      await form.getByLabel('Tube angle', { exact: true }).fill(String(geometry.angleDeg));
      await form.getByLabel('Tube volume', { exact: true }).fill('10');
      await form.getByRole('button', { name: 'Save rotor' }).click();
      const mine = sim.getByRole('list', { name: 'Your rotors' });
      await mine.getByText(name, { exact: true }).waitFor();
      expect(await form.locator('[aria-invalid="true"]').count()).toBe(0);

      // Picked from the "Your rotors" group of the picker, with the Livshits et al. 2015 fluid.
      const picker = sim.getByLabel('Rotor', { exact: true });
      expect(await picker.locator('optgroup[label="Your rotors"] option').allTextContents()).toEqual([
        `${name} — your rotor`,
      ]);
      await picker.selectOption(name);
      await sim.getByLabel('Medium (viscosity)', { exact: true }).selectOption('paper');
      await sim.getByLabel('EV density', { exact: true }).fill('1.15');
      await sim.getByLabel('Medium density', { exact: true }).fill('1');
      await sim.getByRole('button', { name: 'RCF (×g at Rav)' }).click();
      await sim.getByLabel('RCF at Rav', { exact: true }).fill('20000');
      await sim.getByLabel('Run time', { exact: true }).fill('45');
      await expect.poll(() => sim.getByTestId('spin-headline').textContent()).toMatch(/· 45 min →/);

      const rotor: Rotor = {
        name,
        manufacturer: 'user-defined',
        type: 'fixed-angle',
        ...geometry,
        rAvMm: (geometry.rMinMm + geometry.rMaxMm) / 2,
        kFactorAtMaxRpm: null,
        tubeVolumeMl: 10,
        tubes: null,
        source: 'e2e',
      };
      // η 1.55 cP, ρ(EV) 1.15 and ρ(medium) 1.00 g/mL: the values of Livshits et al. 2015 (Sci Rep 5:17319).
      const expected = cutoffDiameterNm({
        rotor,
        rcfAvgG: 20_000,
        minutes: 45,
        viscosityCp: 1.55,
        evDensityGPerMl: 1.15,
        mediumDensityGPerMl: 1.0,
      });
      expect(expected).toBeGreaterThan(50);
      expect(Math.abs((await cutoffNm(sim)) - expected)).toBeLessThanOrEqual(0.5 + 1e-9);
      // Speed at Rav = (Rmin + Rmax)/2: RCF = 1.118×10⁻⁵ · r(cm) · rpm².
      const expectedRpm = Math.sqrt(20_000 / (1.118e-5 * (rotor.rAvMm / 10)));
      const speedRow = sim.getByRole('table', { name: 'Run summary' }).getByRole('row', { name: /^Speed/ });
      const rpm = parseDisplayedNumber(await speedRow.locator('td').textContent());
      expect(Math.abs(rpm - expectedRpm)).toBeLessThanOrEqual(0.5 + 1e-9);
      expect(await sim.getByTestId('rotor-geometry').textContent()).toContain(
        'Fixed angle 28°, tube Ø 25 mm',
      );
      await screenshot(page, 'isolation-07-custom-rotor');

      // The k-factor equivalence converts a SW 40 Ti run to the custom rotor.
      await picker.selectOption('SW 40 Ti');
      await sim.getByLabel(/^k-factor equivalent on another rotor/).selectOption(name);
      await expect.poll(() => sim.getByTestId('k-equivalence').textContent()).toContain(`on ${name} at`);

      // Kept in localStorage across a reload, in the --rotor-file format.
      const stored = await page.evaluate(() => localStorage.getItem('evlab.customRotors'));
      expect(JSON.parse(stored ?? '[]')).toEqual([
        expect.objectContaining({ name, type: 'fixed-angle', rAvMm: 65, tubeDiameterMm: 25, angleDeg: 28 }),
      ]);
      await page.reload();
      const reloaded = await region(page, 'Centrifugation simulator');
      await reloaded.getByRole('list', { name: 'Your rotors' }).getByText(name, { exact: true }).waitFor();

      await reloaded.getByRole('button', { name: `Delete rotor ${name}` }).click();
      await expect.poll(() => reloaded.getByRole('list', { name: 'Your rotors' }).count()).toBe(0);
      expect(
        await reloaded.getByLabel('Rotor', { exact: true }).locator('optgroup[label="Your rotors"]').count(),
      ).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem('evlab.customRotors'))).toBe('[]\n');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'protocol builder shows a result per step, the size-distribution plot, and recoveries that multiply',
    async () => {
      const builder = await region(page, 'Protocol builder');
      const steps = builder.locator('ol.pb-steps > li');
      const stepCount = await steps.count();
      expect(stepCount).toBeGreaterThan(0);
      for (let i = 0; i < stepCount; i++) {
        expect(await steps.nth(i).textContent()).toMatch(/[\d.]+ % of the EVs it receives/);
      }
      const plot = builder.getByTestId('protocol-size-plot');
      await plot.locator('svg g[aria-label="line"] path').first().waitFor();
      // One line for the input and one per step.
      expect(await plot.locator('svg g[aria-label="line"] path').count()).toBe(stepCount + 1);

      const summary = builder.locator('table.pb-summary');
      const rows = summary.locator('tbody tr');
      expect(await rows.count()).toBe(stepCount + 1);

      await builder.getByLabel('Method of the new step').selectOption('size-exclusion-chromatography');
      await builder.getByRole('button', { name: '+ Add step' }).click();
      await expect.poll(() => steps.count()).toBe(stepCount + 1);
      await expect.poll(() => rows.count()).toBe(stepCount + 2);
      await expect.poll(() => plot.locator('svg g[aria-label="line"] path').count()).toBe(stepCount + 2);
      expect(await steps.last().textContent()).toMatch(/% of the EVs it receives/);

      // The overall recovery of the chain is the product of the step recoveries.
      const cells = async (r: number) =>
        (await rows.nth(r).locator('td').allTextContents()).map((t) => t.trim());
      let product = 100;
      for (let r = 1; r <= stepCount + 1; r++) product *= parseDisplayedNumber((await cells(r))[4]) / 100;
      const overall = parseDisplayedNumber((await cells(stepCount + 1))[3]);
      expect(overall).toBeGreaterThan(0);
      expect(Math.abs(overall - product)).toBeLessThanOrEqual(Math.max(0.15, 0.02 * overall));
      await screenshot(page, 'isolation-05-protocol-builder');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'jumps to a section from the section links and from a #hash in the address',
    async () => {
      const nav = page.getByRole('navigation', { name: 'Isolation planner sections' });
      await nav.getByRole('link', { name: 'Protocol builder' }).click();
      await page.waitForFunction(() => {
        const top = document.getElementById('protocol')?.getBoundingClientRect().top ?? -1;
        return top >= 0 && top < 200;
      });
      expect(page.url()).toMatch(/#protocol$/);
      // Opened cold, the page scrolls to the section once it has rendered (sections above load data).
      await page.goto(`${session.server.url}/isolation#centrifugation`);
      await page.waitForFunction(
        () => {
          const top = document.getElementById('centrifugation')?.getBoundingClientRect().top ?? -1;
          return top >= 0 && top < 200;
        },
        undefined,
        { timeout: 10_000 },
      );
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it('raised no browser errors', () => {
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  });
});
