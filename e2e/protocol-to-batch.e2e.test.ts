/**
 * End to end through a real browser: a protocol built in the Isolation planner's Protocol builder (/isolation)
 * travels to a batch and back unchanged. Three steps are composed in the form (low-speed 2,000 ×g 20 min →
 * dUC 100,000 ×g 70 min on an SW 32 Ti → SEC), saved with "Save to batch" to demo batch UC-EV-002, and then
 * - the batch page (opened from the Batches list) shows the same methods and parameters in the builder's own
 *   step form, and a value changed there is the only change in the stored protocol;
 * - GET /api/batches/:id holds exactly the steps the builder's form showed;
 * - POST /api/isolation/simulate of that stored protocol gives the overall recovery the builder displayed;
 * - the batch's audit trail lists the update.
 * Screenshots land in /tmp/evlab-shots (EVLAB_SHOTS_DIR).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IsolationMethod, IsolationProtocol } from '../src/domain/isolation-protocol.ts';
import { METHOD_SPECS } from '../src/science/isolation-chain/step-parameters.ts';
import { describeWithChromium } from '../test/support/environment.ts';
import { METHOD_LABELS } from '../web/src/lib/labels.ts';
import { screenshot } from './support/browser.ts';
import {
  openUiSession,
  parseDisplayedNumber,
  type UiSession,
  unexpectedConsoleErrors,
} from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 60_000;
const BATCH_CODE = 'UC-EV-002';

/** The chain to build: what a 2,000 ×g clearing spin, a 100,000 ×g 70 min pelleting spin and SEC look like. */
const PLAN: { method: IsolationMethod; set: Record<string, string> }[] = [
  { method: 'low-speed-centrifugation', set: { rcfG: '2000', minutes: '20' } },
  { method: 'differential-ultracentrifugation', set: { rotor: 'SW 32 Ti', rcfG: '100000', minutes: '70' } },
  { method: 'size-exclusion-chromatography', set: {} },
];

interface ShownStep {
  method: IsolationMethod;
  /** Parameter key → the value in its form control, as displayed (strings). */
  values: Record<string, string>;
}

/** What the builder's step forms show: the method of each step and the value of each parameter control. */
async function shownSteps(steps: Locator): Promise<ShownStep[]> {
  const out: ShownStep[] = [];
  for (let i = 0; i < (await steps.count()); i++) {
    const step = steps.nth(i);
    const method = (await step.getByLabel(`Method of step ${i + 1}`).inputValue()) as IsolationMethod;
    const values: Record<string, string> = {};
    for (const spec of METHOD_SPECS[method].parameters) {
      values[spec.key] = await step.locator(`.pb-params [id$="-${spec.key}"]`).inputValue();
    }
    out.push({ method, values });
  }
  return out;
}

/**
 * The protocol steps the builder documents for what it shows: every filled-in parameter, as a number where
 * the method expects one, except typical values (assumptions) left untouched, which stay out so the model
 * keeps reporting them as assumptions.
 */
function expectedSteps(
  shown: ShownStep[],
): { method: IsolationMethod; parameters: Record<string, unknown> }[] {
  return shown.map(({ method, values }) => {
    const parameters: Record<string, unknown> = {};
    for (const spec of METHOD_SPECS[method].parameters) {
      const raw = (values[spec.key] ?? '').trim();
      if (raw === '') continue;
      if (spec.assumption && spec.default !== null && raw === String(spec.default)) continue;
      parameters[spec.key] = spec.kind === 'number' ? Number(raw) : raw;
    }
    return { method, parameters };
  });
}

describeWithChromium('Protocol builder → batch in Chromium', () => {
  let session: UiSession;
  let page: Page;
  let batchId: string;
  let shown: ShownStep[];
  let shownOverallRecovery: number;

  beforeAll(async () => {
    session = await openUiSession('protocol-batch');
    page = session.page;
    const res = await page.request.get(`${session.server.url}/api/batches?limit=200`);
    const batches = (await res.json()) as { items: { id: string; code: string }[] };
    const target = batches.items.find((b) => b.code === BATCH_CODE);
    if (!target) throw new Error(`demo batch ${BATCH_CODE} missing`);
    batchId = target.id;
    await page.goto(`${session.server.url}/isolation`);
    await page.getByRole('heading', { name: 'Isolation planner', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it(
    'builds low-speed → dUC on SW 32 Ti → SEC in the form and saves it to UC-EV-002',
    async () => {
      const builder = page.getByRole('region', { name: 'Protocol builder', exact: true });
      await builder.waitFor();
      const steps = builder.locator('ol.pb-steps > li');
      // Start from a published example, then replace its steps by the plan.
      await builder.getByLabel('Example protocol').selectOption('tff-sec');
      await expect.poll(() => builder.getByLabel('Protocol name').inputValue()).toBe('TFF + SEC');
      while ((await steps.count()) > 0) await builder.getByRole('button', { name: 'Remove step 1' }).click();
      await builder.getByLabel('Protocol name').fill('E2E clearing + dUC (SW 32 Ti) + SEC');

      for (const [i, { method, set }] of PLAN.entries()) {
        await builder.getByLabel('Method of the new step').selectOption(method);
        await builder.getByRole('button', { name: '+ Add step' }).click();
        await expect.poll(() => steps.count()).toBe(i + 1);
        const step = steps.nth(i);
        expect(await step.getAttribute('aria-label')).toBe(`Step ${i + 1}: ${METHOD_SPECS[method].label}`);
        for (const [key, value] of Object.entries(set)) {
          await step.locator(`.pb-params [id$="-${key}"]`).fill(value);
        }
      }
      // Every step reports its result once the chain simulates.
      for (let i = 0; i < PLAN.length; i++) {
        await expect.poll(() => steps.nth(i).textContent()).toMatch(/[\d.]+ % of the EVs it receives/);
      }
      shown = await shownSteps(steps);
      expect(shown.map((s) => s.method)).toEqual(PLAN.map((p) => p.method));
      expect(shown[0]?.values).toMatchObject({ rcfG: '2000', minutes: '20' });
      expect(shown[1]?.values).toMatchObject({ rotor: 'SW 32 Ti', rcfG: '100000', minutes: '70' });

      const rows = builder.locator('table.pb-summary tbody tr');
      await expect.poll(() => rows.count()).toBe(PLAN.length + 1);
      const last = await rows.last().locator('td').allTextContents();
      shownOverallRecovery = parseDisplayedNumber(last[3]);
      expect(shownOverallRecovery).toBeGreaterThan(0);
      expect(shownOverallRecovery).toBeLessThan(100);

      await builder.getByLabel('Batch to save the protocol to').selectOption(batchId);
      const save = builder.getByRole('button', { name: 'Save to batch' });
      await expect.poll(() => save.isEnabled()).toBe(true);
      await save.click();
      const message = builder.getByRole('status').filter({ hasText: /^Saved to / });
      await message.waitFor();
      expect(await message.textContent()).toBe(`Saved to ${BATCH_CODE}: ${PLAN.length} steps.`);
      await screenshot(page, 'protocol-batch-01-saved');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stores exactly the steps the builder showed (GET /api/batches/:id)',
    async () => {
      expect(shown).toBeDefined();
      const res = await page.request.get(`${session.server.url}/api/batches/${batchId}`);
      expect(res.status()).toBe(200);
      const batch = (await res.json()) as { code: string; isolationProtocol: IsolationProtocol };
      expect(batch.code).toBe(BATCH_CODE);
      expect(batch.isolationProtocol.name).toBe('E2E clearing + dUC (SW 32 Ti) + SEC');
      const stored = batch.isolationProtocol.steps;
      expect(stored.map((s) => ({ method: s.method, parameters: s.parameters }))).toEqual(
        expectedSteps(shown),
      );
      // The values typed in, as numbers and text of the right kind.
      expect(stored[0]?.parameters).toMatchObject({ rcfG: 2000, minutes: 20 });
      expect(stored[1]?.parameters).toMatchObject({ rotor: 'SW 32 Ti', rcfG: 100_000, minutes: 70 });
      // Every other parameter shown in a form is stored as shown, or is an untouched typical value.
      for (const [i, step] of stored.entries()) {
        for (const [key, value] of Object.entries(shown[i]?.values ?? {})) {
          const kept = step.parameters[key];
          if (kept !== undefined) expect(String(kept), `step ${i + 1} ${key}`).toBe(value);
          else {
            const spec = METHOD_SPECS[step.method].parameters.find((p) => p.key === key);
            expect(value === '' || (spec?.assumption && value === String(spec.default)), `${key}`).toBe(true);
          }
        }
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives the overall recovery the builder displayed when the stored protocol is simulated by the API',
    async () => {
      const batch = (await (
        await page.request.get(`${session.server.url}/api/batches/${batchId}`)
      ).json()) as {
        isolationProtocol: IsolationProtocol;
      };
      const preset = await page.getByLabel('Starting material preset').inputValue();
      const res = await page.request.post(`${session.server.url}/api/isolation/simulate`, {
        data: { input: { preset }, protocol: batch.isolationProtocol },
        headers: session.authHeaders,
      });
      expect(res.status()).toBe(200);
      const body = (await res.json()) as {
        steps: { method: string; stepRecoveryPercent: number }[];
        final: { recoveryPercent: number };
      };
      expect(body.steps.map((s) => s.method)).toEqual(PLAN.map((p) => p.method));
      // The builder prints one decimal (formatFixed(…, 1)).
      expect(Math.abs(body.final.recoveryPercent - shownOverallRecovery)).toBeLessThanOrEqual(0.05 + 1e-9);
      const rows = page.locator('table.pb-summary tbody tr');
      for (const [i, step] of body.steps.entries()) {
        const cells = await rows
          .nth(i + 1)
          .locator('td')
          .allTextContents();
        expect(
          Math.abs(parseDisplayedNumber(cells[4]) - step.stepRecoveryPercent),
          `step ${i + 1}`,
        ).toBeLessThanOrEqual(0.05 + 1e-9);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the saved steps on the batch page (opened from the Batches list) and the update in its audit trail',
    async () => {
      await page.goto(`${session.server.url}/batches`);
      const link = page.getByRole('link', { name: BATCH_CODE, exact: true });
      await link.first().click();
      await page.waitForURL(new RegExp(`/batches/${batchId}$`));
      await page.getByRole('heading', { name: new RegExp(BATCH_CODE), level: 1 }).waitFor();

      // The batch page edits the protocol with the builder's own form: same steps, same fields, same values.
      const form = page.getByRole('form', { name: 'Isolation protocol' });
      await expect
        .poll(() => form.getByLabel('Protocol name').inputValue())
        .toBe('E2E clearing + dUC (SW 32 Ti) + SEC');
      const items = form.locator('ol.pb-steps > li');
      expect(await items.count()).toBe(PLAN.length);
      const stored = expectedSteps(shown);
      for (const [i, step] of stored.entries()) {
        const item = items.nth(i);
        expect(await item.getAttribute('aria-label')).toBe(
          `Step ${i + 1}: ${METHOD_SPECS[step.method].label}`,
        );
        expect(await item.getByLabel(`Method of step ${i + 1}`).inputValue()).toBe(step.method);
        for (const spec of METHOD_SPECS[step.method].parameters) {
          const value = step.parameters[spec.key];
          // Fields the stored protocol does not set stay empty (the model's default is the placeholder).
          expect(
            await item.locator(`.pb-params [id$="-${spec.key}"]`).inputValue(),
            `step ${i + 1} ${spec.key}`,
          ).toBe(value === undefined ? (spec.kind === 'choice' ? String(spec.default) : '') : String(value));
        }
      }
      // Readable labels with units, as in the builder.
      const duc = items.nth(1);
      expect(await duc.textContent()).toContain('RCF (×g)');
      expect(await duc.textContent()).toContain(METHOD_LABELS['differential-ultracentrifugation']);
      expect(await page.locator('textarea.code-editor').count()).toBe(0);

      // Change one value on the batch page: only that value changes in the stored protocol.
      const save = form.getByRole('button', { name: 'Save protocol' });
      expect(await save.isDisabled()).toBe(true);
      await duc.locator('.pb-params [id$="-minutes"]').fill('60');
      await save.click();
      await form
        .getByRole('status')
        .filter({ hasText: `Saved: ${PLAN.length} steps.` })
        .waitFor();
      const after = (await (
        await page.request.get(`${session.server.url}/api/batches/${batchId}`)
      ).json()) as {
        isolationProtocol: IsolationProtocol;
      };
      const want = stored.map((s, i) =>
        i === 1 ? { ...s, parameters: { ...s.parameters, minutes: 60 } } : s,
      );
      expect(
        after.isolationProtocol.steps.map((s) => ({ method: s.method, parameters: s.parameters })),
      ).toEqual(want);

      const audit = page.getByTestId('audit-table');
      await audit.waitFor();
      const update = audit
        .locator('tbody tr')
        .filter({ has: page.locator('.action-update') })
        .filter({ hasText: 'isolation protocol changed' });
      expect(await update.count()).toBeGreaterThanOrEqual(1);
      await screenshot(page, 'protocol-batch-02-batch-page');
    },
    TEST_TIMEOUT_MS,
  );

  it('raised no browser errors', () => {
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  });
});
