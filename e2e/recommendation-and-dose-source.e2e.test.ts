/**
 * End to end in Chromium (issue 9 items 8 and 10):
 * - a recommendation opens in the protocol builder with its chain of methods and its name;
 * - the batch page edits a stored protocol with the builder's form and keeps parameters the form does not
 *   know (the demo protocol's mwcoKDa, column and fractionsPooled) exactly as recorded;
 * - the dose page asks which measurement gives the concentration: QC status and dilution shown, a QC error
 *   must be accepted explicitly with a reason (recorded in the audit trail), a dilution entered for a file
 *   that says "not recorded" multiplies the reported concentration, a retracted measurement cannot be
 *   picked; a ZetaView export's own dilution is shown read-only (also on the batch page); a protein plate
 *   sample gives a µg/mL concentration for a dose in µg protein.
 * The NTA files are synthetic exports written here (src/science/nta/synthetic-nta-sample.ts).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IsolationProtocol } from '../src/domain/isolation-protocol.ts';
import { writeNanoSightExperimentSummary } from '../src/formats/nanosight/write-experiment-summary.ts';
import { writeZetaViewTxt } from '../src/formats/zetaview/write-zetaview-txt.ts';
import { ingestRawFile } from '../src/jobs/ingest-raw-file.ts';
import { DEMO_ISOLATION_PROTOCOL } from '../src/jobs/seed-demo.ts';
import { syntheticNtaSample } from '../src/science/nta/synthetic-nta-sample.ts';
import type { DoseConcentrationSource } from '../src/science/pk/dosing/dose-concentration-source.ts';
import { describeWithChromium } from '../test/support/environment.ts';
import { screenshot } from './support/browser.ts';
import { openUiSession, type UiSession, unexpectedConsoleErrors } from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 60_000;

async function region(page: Page, name: string): Promise<Locator> {
  const section = page.getByRole('region', { name, exact: true });
  await section.waitFor();
  return section;
}

describeWithChromium(
  'Recommendation → protocol builder, batch protocol form, dose source in Chromium',
  () => {
    let session: UiSession;
    let page: Page;

    beforeAll(async () => {
      session = await openUiSession('rec-dose');
      page = session.page;
    });
    afterAll(async () => {
      await session?.close();
    });

    const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
      const res = await fetch(`${session.server.url}${path}`, {
        method: init.method ?? 'GET',
        headers: { ...session.authHeaders, 'content-type': 'application/json' },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as T };
    };

    it(
      'opens the top recommendation in the protocol builder',
      async () => {
        await page.goto(`${session.server.url}/isolation`);
        const recommender = await region(page, 'Recommend a method');
        await recommender.getByRole('button', { name: 'Recommend', exact: true }).click();
        const first = recommender.locator('article.method-option').first();
        await first.waitFor();
        const label = ((await first.getAttribute('aria-label')) ?? '').replace(/^Rank 1: /, '');
        const methods = (
          (await first.locator('.method-option-head .muted.small').first().textContent()) ?? ''
        )
          .split(' → ')
          .map((m) => m.trim());
        expect(methods.length).toBeGreaterThan(0);
        await first.getByRole('button', { name: `Open ${label} in the protocol builder` }).click();

        const builder = await region(page, 'Protocol builder');
        await expect.poll(() => builder.getByLabel('Protocol name').inputValue()).toBe(label);
        const steps = builder.locator('ol.pb-steps > li');
        await expect.poll(() => steps.count()).toBe(methods.length);
        for (const [i, method] of methods.entries()) {
          expect(
            await steps
              .nth(i)
              .getByLabel(`Method of step ${i + 1}`)
              .inputValue(),
          ).toBe(method);
        }
        expect(page.url()).toContain('chain=');
        await screenshot(page, 'rec-dose-01-recommendation-in-builder');
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'edits a stored protocol on the batch page with the form and keeps the parameters the form does not know',
      async () => {
        const drafts = await api<{
          items: { id: string; code: string; isolationProtocol: IsolationProtocol }[];
        }>('/api/batches?status=draft&limit=100');
        const batch = drafts.body.items[0];
        if (!batch) throw new Error('no draft demo batch');
        await page.goto(`${session.server.url}/batches/${batch.id}`);
        const form = page.getByRole('form', { name: 'Isolation protocol' });
        await form.waitFor();
        expect(await form.getByLabel('Protocol name').inputValue()).toBe(DEMO_ISOLATION_PROTOCOL.name);
        const steps = form.locator('ol.pb-steps > li');
        expect(await steps.count()).toBe(DEMO_ISOLATION_PROTOCOL.steps.length);
        // Readable labels with units, no JSON editor.
        expect(await steps.nth(0).textContent()).toContain('RCF (×g)');
        expect(await page.locator('textarea.code-editor').count()).toBe(0);
        // The recorded mwcoKDa shows in the MWCO field; fractionsPooled is listed as kept.
        const tff = steps.nth(3);
        expect(await tff.locator('.pb-params [id$="-mwcoKda"]').inputValue()).toBe('300');
        expect(await steps.nth(4).getByLabel('Other recorded parameters of step 5').textContent()).toContain(
          '7-9',
        );
        const save = form.getByRole('button', { name: 'Save protocol' });
        expect(await save.isDisabled()).toBe(true);

        // A typo is refused next to the field; a number saves.
        const factor = tff.locator('.pb-params [id$="-concentrationFactor"]');
        await factor.fill('-5');
        await tff.locator('.field-error').first().waitFor();
        expect(await save.isDisabled()).toBe(true);
        await factor.fill('40');
        await expect.poll(() => save.isEnabled()).toBe(true);
        await save.click();
        await form
          .getByRole('status')
          .filter({ hasText: /^Saved:/ })
          .waitFor();

        const after = await api<{ isolationProtocol: IsolationProtocol }>(`/api/batches/${batch.id}`);
        const expected = structuredClone(DEMO_ISOLATION_PROTOCOL);
        (expected.steps[3] as { parameters: Record<string, unknown> }).parameters.concentrationFactor = 40;
        expect(after.body.isolationProtocol).toEqual(expected);
        await screenshot(page, 'rec-dose-02-batch-protocol-form');
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'picks the measurement that gives the dose concentration, with QC and dilution shown',
      async () => {
        const wb = session.server.workbench;
        const batch = (await wb.store.listBatches({ status: 'draft', limit: 1 })).items[0];
        if (!batch) throw new Error('no draft demo batch');
        const clean = syntheticNtaSample({
          medianDiameterNm: 120,
          geometricSd: 1.45,
          concentrationPerMl: 2e9,
          dilutionFactor: null,
          seed: 91,
          sampleDescription: 'not-recorded',
        });
        const flagged = syntheticNtaSample({
          medianDiameterNm: 130,
          geometricSd: 1.4,
          concentrationPerMl: 3e11,
          dilutionFactor: 1000,
          seed: 92,
          sampleDescription: 'unreliable',
        });
        const unreliable = {
          ...flagged,
          status: flagged.status.map((row) =>
            row.item === 'Validity of concentration measurement'
              ? { ...row, perVideo: row.perVideo.map(() => 'Unreliable') }
              : row,
          ),
        };
        const a = await ingestRawFile(wb, {
          batchId: batch.id,
          fileName: 'dose-not-recorded-ExperimentSummary.csv',
          bytes: writeNanoSightExperimentSummary(clean),
          actor: 'e2e',
        });
        const b = await ingestRawFile(wb, {
          batchId: batch.id,
          fileName: 'dose-unreliable-ExperimentSummary.csv',
          bytes: writeNanoSightExperimentSummary(unreliable),
          actor: 'e2e',
        });
        const zeta = await ingestRawFile(wb, {
          batchId: batch.id,
          fileName: '20260101_0001_dose-zv_size_488.txt',
          bytes: writeZetaViewTxt({
            sample: 'dose-zv',
            dilution: 500,
            numberOfTraces: 2000,
            linearBins: Array.from({ length: 60 }, (_, k) => ({
              sizeNm: 2.5 + 5 * k,
              number: k === 24 ? 2000 : 0,
              concentrationPerMl: k === 24 ? 4e7 : 0,
              volumeNm3: 0,
              areaNm2: 0,
            })),
          }),
          actor: 'e2e',
        });
        const plate = await ingestRawFile(wb, {
          batchId: batch.id,
          fileName: 'dose-bca-plate.csv',
          bytes: new TextEncoder().encode(
            [
              'type,id,concentration (µg/mL),response,dilution',
              'blank,blank,,0.095,',
              'blank,blank,,0.097,',
              ...[0, 125, 250, 500, 750, 1000, 1500, 2000].flatMap((c) => [
                `standard,S${c},${c},${(0.096 + 0.00105 * c).toFixed(4)},`,
                `standard,S${c},${c},${(0.096 + 0.00102 * c).toFixed(4)},`,
              ]),
              'sample,EV-1,,0.411,2',
              'sample,EV-1,,0.421,2',
            ].join('\r\n'),
          ),
          actor: 'e2e',
        });
        const sources = (
          await api<{ sources: DoseConcentrationSource[] }>(`/api/batches/${batch.id}/dose-sources`)
        ).body.sources;
        const sourceA = sources.find((s) => s.measurementId === a.measurement.id);
        const sourceB = sources.find((s) => s.measurementId === b.measurement.id);
        if (!sourceA || !sourceB) throw new Error('uploaded measurements missing from the dose sources');

        await page.goto(`${session.server.url}/pk`);
        const dose = await region(page, 'Dose preparation');
        await dose.getByLabel('Preparation batch').selectOption({ label: batch.code });
        const table = dose.getByRole('table', { name: 'Concentration sources' });
        await table.waitFor();
        const rowA = table.locator(`tr[data-measurement="${a.measurement.id}"]`);
        const rowB = table.locator(`tr[data-measurement="${b.measurement.id}"]`);
        await rowB.waitFor();
        // Nothing is picked for the user.
        expect(await table.locator('input[type=radio]:checked').count()).toBe(0);
        expect(await rowB.locator('[data-qc]').getAttribute('data-qc')).toBe('error');
        expect(await rowB.textContent()).toContain('×1000 (from the file; not editable)');
        // ZetaView: the file's Dilution:: 500 is shown, read-only (no field), and multiplies the measured value.
        const rowZ = table.locator(`tr[data-measurement="${zeta.measurement.id}"]`);
        expect(await rowZ.textContent()).toContain('×500 (from the file; not editable)');
        expect(await rowZ.locator('input:not([type=radio])').count()).toBe(0);
        expect(await rowZ.textContent()).toContain('particles/mL');
        expect(await rowB.textContent()).toContain('Unreliable');
        expect(await rowA.getByLabel('Dilution factor').getAttribute('placeholder')).toBe('not recorded');

        // A measurement with QC errors: no plan until the errors are accepted.
        await rowB.getByRole('radio').check();
        const concentration = dose.getByLabel('Batch concentration per mL');
        expect(Number(await concentration.inputValue())).toBeCloseTo(
          sourceB.concentrationPerMl as number,
          -7,
        );
        await dose.getByRole('alert').filter({ hasText: 'QC errors' }).waitFor();
        expect(await dose.getByRole('status', { name: 'Preparation result' }).count()).toBe(0);
        await dose.getByLabel('Use this measurement despite its QC errors').check();
        // Still no plan: the reason must be given and recorded first.
        expect(await dose.getByRole('status', { name: 'Preparation result' }).count()).toBe(0);
        const record = dose.getByRole('button', { name: 'Record the override and use it' });
        expect(await record.isDisabled()).toBe(true);
        await dose.getByLabel('Reason for using a measurement with QC errors').fill('e2e pilot dose');
        await record.click();
        await dose.getByText('Override recorded in the audit trail.').waitFor();
        const audit = await wb.store.listAuditEvents({
          entityType: 'measurement',
          entityId: b.measurement.id,
        });
        expect(audit.items.some((e) => e.reason === 'e2e pilot dose')).toBe(true);
        const result = dose.getByRole('status', { name: 'Preparation result' });
        await result.waitFor();
        expect(await result.locator('[data-code=qc-errors-accepted]').count()).toBe(1);
        await screenshot(page, 'rec-dose-03-qc-errors-accepted');

        // The file says "not recorded": the dilution entered here multiplies the reported concentration.
        await rowA.getByRole('radio').check();
        await result.locator('[data-code=dilution-not-recorded]').waitFor();
        const field = rowA.getByLabel('Dilution factor');
        await field.fill('200');
        await field.press('Enter');
        const expected = (sourceA.reportedConcentrationPerMl as number) * 200;
        await expect
          .poll(async () => Number(await concentration.inputValue()) / expected, { timeout: 10_000 })
          .toBeCloseTo(1, 3);
        await result.locator('[data-code=dilution-entered]').waitFor();
        const stored = await api<{ dilutionFactor: number | null }>(`/api/measurements/${a.measurement.id}`);
        expect(stored.body.dilutionFactor).toBe(200);

        // A protein plate sample: µg/mL, the plate's 1:2 dilution read-only, the dose unit follows.
        const rowP = table.locator(`tr[data-measurement="${plate.measurement.id}"][data-sample="EV-1"]`);
        expect(await rowP.textContent()).toContain('µg protein/mL');
        expect(await rowP.textContent()).toContain('×2 (from the plate layout; not editable)');
        await rowP.getByRole('radio').check();
        expect(await dose.getByLabel('Preparation dose unit').inputValue()).toBe('ug-protein');
        await dose.getByLabel('Target dose').fill('10');
        await result.waitFor();
        expect(await result.textContent()).toContain('µg protein');
        await screenshot(page, 'rec-dose-05-protein-source');

        // The batch page shows a file's own dilution factor read-only.
        await page.goto(`${session.server.url}/batches/${batch.id}`);
        const zRow = page
          .locator('tr', { hasText: '20260101_0001_dose-zv_size_488.txt' })
          .filter({ has: page.locator('[data-dilution-origin=file]') })
          .first();
        await zRow.waitFor();
        expect(await zRow.locator('[data-dilution-origin=file]').textContent()).toContain('×500');

        // The measurement page offers the same field where the file says "not recorded".
        await page.goto(`${session.server.url}/measurements/${a.measurement.id}`);
        const onPage = page.getByLabel('Dilution factor');
        await onPage.waitFor();
        expect(await onPage.inputValue()).toBe('200');

        // A retracted measurement cannot be picked, and the API refuses it.
        await wb.store.measurementCuration.retract(b.measurement.id, 'wrong vial', 'e2e');
        await page.goto(`${session.server.url}/pk`);
        const again = await region(page, 'Dose preparation');
        await again.getByLabel('Preparation batch').selectOption({ label: batch.code });
        const retractedRow = again.locator(`tr[data-measurement="${b.measurement.id}"]`);
        await retractedRow.waitFor();
        expect(await retractedRow.getByRole('radio').isDisabled()).toBe(true);
        expect(await retractedRow.textContent()).toContain('wrong vial');
        const refused = await api<{ code: string }>('/api/pk/dose/prepare', {
          method: 'POST',
          body: { measurementId: b.measurement.id, dose: 1e9, acceptQcErrors: true, overrideReason: 'x' },
        });
        expect(refused.status).toBe(422);
        expect(refused.body.code).toBe('measurement-retracted');
        await screenshot(page, 'rec-dose-04-retracted-source');
      },
      TEST_TIMEOUT_MS,
    );

    it('raised no browser errors', () => {
      expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
    });
  },
);
