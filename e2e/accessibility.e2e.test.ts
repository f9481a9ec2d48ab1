/**
 * Automated accessibility check in real Chromium: axe-core (node_modules/axe-core/axe.min.js, injected into
 * each page) runs on every page of the workbench, served by the real server with the demo seeded. No
 * serious or critical violation is allowed (axe impact levels; WCAG 2.1 A/AA rules plus best practices).
 * Also: the skip link is the first tab stop and moves focus to the main content.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from '../test/support/environment.ts';
import { openUiSession, type UiSession, unexpectedConsoleErrors } from './support/ui-session.ts';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TEST_TIMEOUT_MS = 60_000;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // axe-core comes in as an init script (added in beforeAll): the server's Content-Security-Policy refuses
  // inline <script> tags, which is what addScriptTag would insert.
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

describeWithChromium('accessibility (axe-core) on every page', () => {
  let session: UiSession;
  let page: Page;
  const pages: { path: string; ready: string }[] = [];

  beforeAll(async () => {
    session = await openUiSession('a11y');
    page = session.page;
    await page.addInitScript({ path: AXE_PATH });
    const base = session.server.url;
    const batches = (await (
      await fetch(`${base}/api/batches?limit=10`, { headers: session.authHeaders })
    ).json()) as {
      items: { id: string }[];
    };
    const measurements = (await (
      await fetch(`${base}/api/measurements?kind=nta&limit=10`, { headers: session.authHeaders })
    ).json()) as {
      items: { id: string; status: string }[];
    };
    const parsed = measurements.items.filter((m) => m.status === 'parsed');
    pages.push(
      { path: '/', ready: 'h1' },
      { path: '/batches', ready: '[data-testid=batches-table]' },
      { path: `/batches/${batches.items[0]?.id}`, ready: '[data-testid=measurements-table]' },
      { path: '/sources', ready: '[data-testid=sources-table]' },
      { path: `/measurements/${parsed[0]?.id}`, ready: '[data-testid=size-distribution-plot] svg' },
      { path: `/overlay?ids=${parsed.map((m) => m.id).join(',')}`, ready: '[data-testid=overlay-plot] svg' },
      { path: '/isolation', ready: 'h1' },
      { path: '/pk', ready: 'h1' },
      { path: '/evidence', ready: 'table' },
      { path: '/nowhere', ready: '.state-empty' },
    );
  });

  afterAll(async () => {
    await session?.close();
  });

  it(
    'reports no serious or critical violation on any page',
    async () => {
      const found: string[] = [];
      for (const p of pages) {
        await page.goto(session.server.url + p.path);
        await page.locator(p.ready).first().waitFor();
        await page.waitForTimeout(300);
        for (const v of await seriousViolations(page)) found.push(`${p.path}: ${v}`);
      }
      expect(found).toEqual([]);
    },
    TEST_TIMEOUT_MS * 3,
  );

  it(
    'has a skip link as the first tab stop that moves focus to the main content',
    async () => {
      await page.goto(`${session.server.url}/batches`);
      await page.locator('[data-testid=batches-table]').waitFor();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
      expect(focused).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    },
    TEST_TIMEOUT_MS,
  );

  it('raised no browser errors', () => {
    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  });
});
