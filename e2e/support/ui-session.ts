/**
 * One browser session against a fresh evlab server for an e2e test file: the real server (SQLite in a temp
 * data dir, demo seeded on first start) serving the built web UI, signed in through the first-start link, and a Chromium page whose console errors
 * and uncaught exceptions are collected. Also small readers for what the UI prints (numbers with ×10ⁿ) and
 * for the reference CSV files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../src/api/start-server.ts';
import { launchChromium } from './browser.ts';
import { ensureWebBuilt } from './web-build.ts';

export interface UiSession {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  consoleErrors: string[];
  /** Bearer header of the first-start administrator, for direct API calls (fetch) from the test. */
  authHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function openUiSession(name: string): Promise<UiSession> {
  const distDir = await ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), `evlab-e2e-${name}-`));
  const { startServer } = await import('../../src/api/start-server.ts');
  const server = await startServer({ port: 0, dataDir, webDistDir: distDir });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  // Sign in like a newcomer: the one-time link the first start printed sets the session cookie.
  if (!server.signIn) throw new Error('a fresh data directory should print a sign-in link');
  await page.goto(server.signIn.url);
  const admin = await server.workbench.store.accounts.getUserByName(server.signIn.userName);
  const { token } = await server.workbench.store.accounts.createApiToken(
    admin?.id ?? '',
    { name: 'e2e' },
    'e2e',
  );
  return {
    authHeaders: { authorization: `Bearer ${token}` },
    server,
    browser,
    context,
    page,
    consoleErrors,
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Console errors other than the failed-resource lines Chromium logs for 4xx answers the UI handles. */
export function unexpectedConsoleErrors(errors: readonly string[]): string[] {
  return errors.filter(
    (e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e),
  );
}

const SUPERSCRIPT: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁻': '-',
  '−': '-',
};

/**
 * A number as the UI prints it: plain (1,234.5), with a true minus sign, or scientific with a Unicode
 * exponent (3.20×10⁹, 1.5×10⁻⁴). NaN when the text holds no number (e.g. "—").
 */
export function parseDisplayedNumber(text: string | null | undefined): number {
  const t = (text ?? '').trim().replace(/,/g, '').replace(/−/g, '-');
  const sci = /^(-?[\d.]+)\s*×\s*10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻−]+)/.exec(t);
  if (sci) {
    const exponent = [...(sci[2] as string)].map((c) => SUPERSCRIPT[c] ?? '').join('');
    return Number(sci[1]) * 10 ** Number(exponent);
  }
  const plain = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?/.exec(t);
  return plain ? Number(plain[0]) : Number.NaN;
}

/** A CSV file with a header row as records (quoted fields handled; values are strings). */
export function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
}

/** |actual − expected| ≤ tolerance × |expected| (absolute tolerance when expected is 0). */
export function relativeDifference(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
