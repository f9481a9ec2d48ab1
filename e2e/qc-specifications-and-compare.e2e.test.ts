/**
 * End to end in Chromium (issue 13): the specification editor writes versioned specifications with several
 * operators (≤, range, ± % of label, absent, ≥), results entered by hand are evaluated with the measured
 * metrics, and the comparability page's statistics are the API's numbers. Group A holds a ZetaView lot and a
 * NanoSight lot (both synthetic files written by this test, uploaded through the real upload route), group B
 * the three demo lots; the page names the instrument behind each size distribution.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeNanoSightExperimentSummary } from '../src/formats/nanosight/write-experiment-summary.ts';
import { syntheticZetaViewBins, writeZetaViewTxt } from '../src/formats/zetaview/write-zetaview-txt.ts';
import type { ComparabilityReport } from '../src/jobs/qc/comparability.ts';
import { syntheticNtaSample } from '../src/science/nta/synthetic-nta-sample.ts';
import { describeWithChromium } from '../test/support/environment.ts';
import { screenshot } from './support/browser.ts';
import {
  openUiSession,
  parseDisplayedNumber,
  relativeDifference,
  type UiSession,
  unexpectedConsoleErrors,
} from './support/ui-session.ts';

const TEST_TIMEOUT_MS = 120_000;
/** The page prints 4 significant digits (formatSignificant): half a unit of the 4th digit, relative. */
const DISPLAY_TOLERANCE = 5e-4;

interface BatchRow {
  id: string;
  code: string;
  projectId: string;
}
interface MetricRow {
  name: string;
  value: number | string;
  reliable: boolean;
}

describeWithChromium('QC specifications, evaluation and comparability in Chromium', () => {
  let s: UiSession;
  let demo: BatchRow[];
  let zetaLot: BatchRow;
  let nanoLot: BatchRow;

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${s.server.url}${path}`, {
      method,
      headers: { ...s.authHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const upload = async (batchId: string, name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.append('file', new Blob([bytes as BlobPart]), name);
    const res = await fetch(`${s.server.url}/api/batches/${batchId}/files`, {
      method: 'POST',
      body: form,
      headers: s.authHeaders,
    });
    if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  };

  beforeAll(async () => {
    s = await openUiSession('qc-compare');
    demo = (await api<{ items: BatchRow[] }>('GET', '/api/batches?limit=50')).items
      .filter((b) => b.code.startsWith('UC-EV-'))
      .sort((a, b) => a.code.localeCompare(b.code));
    const projectId = demo[0]?.projectId ?? '';
    zetaLot = await api<BatchRow>('POST', '/api/batches', { projectId, code: 'TFF-EV-004' });
    nanoLot = await api<BatchRow>('POST', '/api/batches', { projectId, code: 'TFF-EV-005' });
    await upload(
      zetaLot.id,
      'TFF-EV-004_size.txt',
      writeZetaViewTxt({
        sample: 'TFF-EV-004',
        dilution: 1000,
        numberOfTraces: 4000,
        linearBins: syntheticZetaViewBins({ medianNm: 115, geometricSd: 1.5, traces: 4000, bins: 120 }),
      }),
    );
    await upload(
      nanoLot.id,
      'TFF-EV-005-ExperimentSummary.csv',
      writeNanoSightExperimentSummary(
        syntheticNtaSample({
          medianDiameterNm: 125,
          geometricSd: 1.45,
          concentrationPerMl: 2.1e11,
          dilutionFactor: 1000,
          seed: 20251205,
          sampleDescription: 'TFF-EV-005',
        }),
      ),
    );
  }, TEST_TIMEOUT_MS);
  afterAll(async () => {
    await s?.close();
  });

  /** The n-th criterion fieldset of the editor. */
  const criterion = (page: Page, i: number) =>
    page.locator('form[aria-labelledby=spec-editor] fieldset').nth(i);
  async function fillCriterion(
    page: Page,
    i: number,
    c: { id: string; name: string; metric: string; operator: string; fields?: Record<string, string> },
  ) {
    const box = criterion(page, i);
    await box.getByLabel('Id', { exact: true }).fill(c.id);
    await box.getByLabel('Name', { exact: true }).fill(c.name);
    await box.getByLabel('Metric', { exact: true }).fill(c.metric);
    await box.getByLabel('Operator').selectOption(c.operator);
    for (const [label, value] of Object.entries(c.fields ?? {}))
      await box.getByLabel(label, { exact: true }).fill(value);
  }

  it(
    'writes two versions of a specification with several operators and evaluates a batch against the newest',
    async () => {
      const { page } = s;
      const batch = demo[2] as BatchRow; // UC-EV-003: draft, no entered results
      const metrics = (await api<{ items: MetricRow[] }>('GET', `/api/batches/${batch.id}/qc/metrics`)).items;
      const value = (name: string) => {
        const m = metrics.find((x) => x.name === name && x.reliable);
        if (typeof m?.value !== 'number') throw new Error(`no reliable ${name} for ${batch.code}`);
        return m.value;
      };
      const concentration = value('nta.concentrationPerMl');

      await page.goto(`${s.server.url}/batches/${batch.id}/qc/specifications`);
      const editor = page.locator('form[aria-labelledby=spec-editor]');
      await editor.waitFor();
      await editor.locator(':scope > label.field input').first().fill('E2E release specification');
      // Start from scratch: remove the criteria copied from the demo specification.
      const removals = editor.getByRole('button', { name: 'Remove criterion' });
      while ((await removals.count()) > 0) await removals.first().click();
      for (let i = 0; i < 5; i++) await editor.getByRole('button', { name: 'Add criterion' }).click();
      await fillCriterion(page, 0, {
        id: 'mode-max',
        name: 'Mode diameter',
        metric: 'nta.modeNm',
        operator: '<=',
        fields: { Limit: '10' },
      });
      // A known metric brings its unit.
      expect(await criterion(page, 0).getByLabel('Unit', { exact: true }).inputValue()).toBe('nm');
      await fillCriterion(page, 1, {
        id: 'd50-range',
        name: 'D50',
        metric: 'nta.d50Nm',
        operator: 'range',
        fields: { Low: '300' },
      });
      await fillCriterion(page, 2, {
        id: 'concentration-label',
        name: 'Particle concentration',
        metric: 'nta.concentrationPerMl',
        operator: 'pct-of-label',
        fields: { 'Label value': String(concentration * 1.1), 'Tolerance (%)': '20' },
      });
      await fillCriterion(page, 3, {
        id: 'mycoplasma',
        name: 'Mycoplasma',
        metric: 'safety.mycoplasma',
        operator: 'absent',
      });
      await fillCriterion(page, 4, {
        id: 'potency',
        name: 'Potency',
        metric: 'potency.activityPctOfReference',
        operator: '>=',
        fields: { Limit: '70' },
      });
      // A misspelt metric is pointed out before saving.
      await criterion(page, 4).getByLabel('Metric', { exact: true }).fill('potency.percentOfRef');
      await expect
        .poll(() => criterion(page, 4).getByRole('note').textContent())
        .toContain('Not a metric evlab computes or knows');
      // An old name is accepted and said to be saved under the canonical one.
      await criterion(page, 2).getByLabel('Metric', { exact: true }).fill('nta.concentration');
      await expect
        .poll(() => criterion(page, 2).getByRole('note').textContent())
        .toContain('saved under nta.concentrationPerMl');
      await criterion(page, 4).getByLabel('Metric', { exact: true }).fill('potency.activityPctOfReference');

      // The range lacks its upper bound: the API's field path is shown, nothing is saved.
      await editor.getByRole('button', { name: 'Save as new version' }).click();
      await expect.poll(() => editor.getByRole('alert').textContent()).toContain('criteria.1.high');
      await criterion(page, 1).getByLabel('High', { exact: true }).fill('400');
      await editor.getByRole('button', { name: 'Save as new version' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('Saved E2E release specification version 1.');

      // Edit: the editor now starts from version 1; raise the mode limit and save version 2.
      await criterion(page, 0).getByLabel('Limit', { exact: true }).fill('250');
      await editor.getByRole('button', { name: 'Save as new version' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('Saved E2E release specification version 2.');
      const list = page.locator('section[aria-labelledby=spec-list] ul');
      await expect.poll(() => list.textContent()).toContain('E2E release specification v2');
      const listText = (await list.textContent()) ?? '';
      expect(listText).toContain('≤ 250 nm');
      expect(listText).toContain('≤ 10 nm');
      expect(listText).toContain('300–400 nm');
      expect(listText).toContain('± 20 % of label');
      expect(listText).toContain('absent');
      const specs = (
        await api<{
          items: {
            id: string;
            name: string;
            version: number;
            criteria: { id: string; metric: string; limit: number | null }[];
          }[];
        }>('GET', `/api/specifications?productId=${batch.projectId}`)
      ).items.filter((x) => x.name === 'E2E release specification');
      const limitOf = (version: number) =>
        specs.find((x) => x.version === version)?.criteria.find((c) => c.id === 'mode-max')?.limit;
      expect(limitOf(1)).toBe(10); // version 1 is kept as it was
      expect(limitOf(2)).toBe(250);
      const concentrationCriterion = specs
        .find((x) => x.version === 2)
        ?.criteria.find((c) => c.id === 'concentration-label');
      expect(concentrationCriterion?.metric).toBe('nta.concentrationPerMl'); // typed as the old name

      // Results no instrument gives, entered by hand.
      const entry = page.locator('form[aria-labelledby=result-entry]');
      await entry.getByLabel('Test').selectOption({ label: 'Mycoplasma' });
      await entry.getByLabel('Result').selectOption('absent');
      await entry.getByLabel('Method').fill('Ph. Eur. 2.6.7 NAT');
      await entry.getByRole('button', { name: 'Record result' }).click();
      const results = page.locator('section[aria-labelledby=results-list] table');
      await expect.poll(() => results.textContent()).toContain('safety.mycoplasma');
      await entry.getByLabel('Test').selectOption({ label: 'Potency (% of reference)' });
      await entry.getByLabel('Result (%)').fill('95');
      await entry.getByLabel('Method').fill('T-cell proliferation inhibition');
      await entry.getByRole('button', { name: 'Record result' }).click();
      await expect.poll(() => results.textContent()).toContain('potency.activityPctOfReference');
      expect(await entry.getByLabel('Method').inputValue()).toBe(''); // the form is cleared after saving

      // Evaluate on the QC page: outcomes per criterion, against version 2.
      await page.goto(`${s.server.url}/batches/${batch.id}/qc`);
      await page.getByRole('button', { name: 'Evaluate against the specification' }).click();
      const evaluation = page.locator('section[aria-labelledby=qc-evaluation]');
      await expect.poll(() => evaluation.textContent()).toContain('against specification version 2');
      const mode = value('nta.modeNm');
      const d50 = value('nta.d50Nm');
      const expected: Record<string, string> = {
        'Mode diameter': mode <= 250 ? 'pass' : 'fail',
        D50: d50 >= 300 && d50 <= 400 ? 'pass' : 'fail',
        // |c − 1.1 c| / 1.1 c = 9.1 % ≤ 20 %
        'Particle concentration': 'pass',
        Mycoplasma: 'pass',
        Potency: 'pass',
      };
      const shown: Record<string, string> = {};
      for (const row of await evaluation.locator('tbody tr').all()) {
        const cells = await row.locator('td').allTextContents();
        shown[cells[0] ?? ''] = cells[2] ?? '';
      }
      expect(shown).toEqual(expected);
      const overview = await api<{ evaluations: { results: { name: string; outcome: string }[] }[] }>(
        'GET',
        `/api/batches/${batch.id}/qc`,
      );
      expect(
        Object.fromEntries(overview.evaluations[0]?.results.map((r) => [r.name, r.outcome]) ?? []),
      ).toEqual(expected);
      // The same batch against the older version 1, picked on the page: the mode limit of 10 nm fails.
      const v1 = specs.find((x) => x.version === 1);
      if (!v1) throw new Error('version 1 should be kept');
      await page.getByLabel('Specification version').selectOption(v1.id);
      await page.getByRole('button', { name: 'Evaluate against the specification' }).click();
      await expect.poll(() => evaluation.textContent()).toContain('against specification version 1');
      const modeRow = await evaluation
        .locator('tbody tr', { hasText: 'Mode diameter' })
        .locator('td')
        .allTextContents();
      expect(modeRow[2]).toBe(mode <= 10 ? 'pass' : 'fail');
      await screenshot(page, 'qc-evaluation');
      expect(unexpectedConsoleErrors(s.consoleErrors)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the comparability statistics of the API for a ZetaView + NanoSight group against the demo lots',
    async () => {
      const { page } = s;
      await page.goto(`${s.server.url}/qc/compare`);
      await expect
        .poll(() => page.locator('.state-empty').first().textContent())
        .toContain('Pick at least one batch in each group');
      const groupA = page.getByRole('group', { name: 'Process A (test)' });
      const groupB = page.getByRole('group', { name: 'Process B (reference)' });
      await groupA.getByLabel(/TFF-EV-004/).check();
      await groupA.getByLabel(/TFF-EV-005/).check();
      // A batch belongs to one process: checked in A, it cannot be picked in B.
      expect(await groupB.getByLabel(/TFF-EV-004/).isDisabled()).toBe(true);
      for (const b of demo) await groupB.getByLabel(new RegExp(b.code)).check();
      await page.getByLabel('Equivalence margin (% of the B mean)').fill('15');
      const table = page.getByTestId('cmp-metrics-table');
      await table.waitFor();
      await expect
        .poll(() => page.locator('section[aria-labelledby=cmp-metrics] h2').textContent())
        .toContain('15 %');

      const report = await api<ComparabilityReport>('POST', '/api/qc/comparability', {
        a: [zetaLot.id, nanoLot.id],
        b: demo.map((b) => b.id),
        marginPct: 15,
      });
      expect(report.metrics.length).toBeGreaterThan(3);
      expect(await table.locator('tbody tr').count()).toBe(report.metrics.length);
      const close = (text: string, expected: number | null | undefined) => {
        if (expected === null || expected === undefined || !Number.isFinite(expected)) {
          expect(text.trim()).toBe('–');
          return;
        }
        const shown = parseDisplayedNumber(text);
        expect(relativeDifference(shown, expected), `${text} vs ${expected}`).toBeLessThanOrEqual(
          DISPLAY_TOLERANCE,
        );
      };
      let tested = 0;
      for (const m of report.metrics) {
        const cells = await table.locator(`tr[data-metric="${m.metric}"] td`).allTextContents();
        const group = (text: string, stats: { n: number; mean: number; sd: number }) => {
          const [count, rest] = [text.slice(0, text.indexOf(',')), text.slice(text.indexOf(',') + 1)];
          const [mean, sd] = rest.split('±');
          expect(Number(count)).toBe(stats.n);
          close(mean ?? '', stats.mean);
          close(sd ?? '', stats.sd);
        };
        group(cells[1] ?? '', m.a);
        group(cells[2] ?? '', m.b);
        if (m.tost) {
          tested++;
          const diff = cells[3] ?? '';
          close(diff.slice(0, diff.indexOf('(')), m.tost.welch.difference);
          const [low, high] = diff.slice(diff.indexOf('(') + 1, diff.lastIndexOf(')')).split(' to ');
          close(low ?? '', m.tost.ciLow);
          close(high ?? '', m.tost.ciHigh);
          close(cells[4] ?? '', m.tost.margin);
          const [pWelch, pTost] = (cells[5] ?? '').split('/');
          close(pWelch ?? '', m.tost.welch.pValue);
          close(pTost ?? '', m.tost.pValue);
        }
        expect(cells[6]).toBe(
          {
            equivalent: 'Equivalent',
            'not-equivalent': 'Not shown equivalent',
            'insufficient-data': 'Insufficient data',
          }[m.verdict],
        );
      }
      expect(tested).toBeGreaterThan(0); // both instruments give D50, mean, SD: n = 2 vs 3

      // Size distributions: the distances of the API and the instrument behind each batch.
      const sd = report.sizeDistribution;
      if (!sd) throw new Error('the API should pool size distributions for both groups');
      const distances = (await page.getByTestId('cmp-size-distances').textContent()) ?? '';
      close(/Wasserstein-1 distance (\S+) nm/.exec(distances)?.[1] ?? '', sd.wassersteinNm);
      close(/Kolmogorov–Smirnov D (\S+)/.exec(distances)?.[1] ?? '', sd.ksStatistic);
      expect(sd.instrumentsA).toEqual(['Particle Metrix ZetaView', 'NanoSight NTA']);
      const sources = page.getByTestId('cmp-size-sources');
      const zetaRow = await sources.locator('tr', { hasText: 'TFF-EV-004' }).locator('td').allTextContents();
      expect(zetaRow.slice(0, 4)).toEqual([
        'A',
        'TFF-EV-004',
        'Particle Metrix ZetaView',
        'TFF-EV-004_size.txt',
      ]);
      expect(await sources.locator('tr', { hasText: 'UC-EV-001' }).textContent()).toContain('NanoSight NTA');
      expect(
        await page.getByRole('img', { name: 'Pooled size distributions of processes A and B' }).textContent(),
      ).toContain('Particle Metrix ZetaView');

      // The selection is in the address, and the PDF downloads.
      expect(new URL(page.url()).searchParams.get('a')).toBe(`${zetaLot.id},${nanoLot.id}`);
      // The PDF is rendered as a background job (progress, then a link to the file).
      await page.getByRole('button', { name: 'Render PDF report' }).click();
      const link = page.getByRole('link', { name: /Download comparability-report\.pdf/ });
      await link.waitFor({ timeout: 60_000 });
      const download = page.waitForEvent('download');
      await link.click();
      expect((await download).suggestedFilename()).toBe('comparability-report.pdf');
      await screenshot(page, 'qc-compare');
      expect(unexpectedConsoleErrors(s.consoleErrors)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
