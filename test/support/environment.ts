/**
 * Optional test dependencies: ../shared/reference data, a PostgreSQL server, Debian's Chromium.
 * On a newcomer's machine with only Node 20 the tests that need them are skipped with a visible notice.
 * CI sets EVLAB_REFERENCE_REQUIRED=1 / EVLAB_POSTGRES_REQUIRED=1 / EVLAB_BROWSER_REQUIRED=1 (or
 * EVLAB_ALL_REQUIRED=1), which turns every such skip into a failing test.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function required(flag: string): boolean {
  return process.env[flag] === '1' || process.env.EVLAB_ALL_REQUIRED === '1';
}

const notices = new Set<string>();
function notice(message: string): void {
  if (notices.has(message)) return;
  notices.add(message);
  process.stderr.write(`\n[evlab tests] SKIPPED: ${message}\n`);
}

/**
 * Declares a describe block that needs a resource. When the resource is missing it is skipped with a
 * notice, or, when the flag requires it, replaced by one failing test that names what is missing.
 */
function describeNeeding(
  resource: { available: boolean; flag: string; what: string },
  name: string,
  body: () => void,
): void {
  if (resource.available) {
    describe(name, body);
  } else if (required(resource.flag)) {
    describe(name, () => {
      it(`requires ${resource.what}`, () => {
        throw new Error(`${resource.what} is missing but ${resource.flag}=1`);
      });
    });
  } else {
    notice(`${name} — ${resource.what} not available (set ${resource.flag}=1 to make this a failure)`);
    // The body is not collected (it may read the missing resource); one skipped test stands for it.
    describe.skipIf(true)(name, () => {
      it(`needs ${resource.what}`, () => {});
    });
  }
}

// ---------- ../shared/reference ----------
export const referenceRoot =
  process.env.EVLAB_REFERENCE_DIR ?? resolve(repoRoot, '..', 'shared', 'reference');

export function referencePath(...parts: string[]): string {
  return join(referenceRoot, ...parts);
}

export function describeWithReference(subdir: string, name: string, body: () => void): void {
  describeNeeding(
    {
      available: existsSync(referencePath(subdir)),
      flag: 'EVLAB_REFERENCE_REQUIRED',
      what: `reference data ${referencePath(subdir)}`,
    },
    name,
    body,
  );
}

// ---------- databases ----------
/** Dialects the store suite runs against: DIALECTS=sqlite,postgres (default sqlite, plus postgres when EVLAB_TEST_PG_URL is set). */
export function testDialects(): ('sqlite' | 'postgres')[] {
  const list = (process.env.DIALECTS ?? (process.env.EVLAB_TEST_PG_URL ? 'sqlite,postgres' : 'sqlite'))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const d of list)
    if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect in DIALECTS: ${d}`);
  const out = list as ('sqlite' | 'postgres')[];
  if (required('EVLAB_POSTGRES_REQUIRED') && !out.includes('postgres')) out.push('postgres');
  return out;
}

export const postgresUrl = process.env.EVLAB_TEST_PG_URL ?? null;

/** Runs body once per dialect; the postgres run needs EVLAB_TEST_PG_URL (a database the tests may wipe). */
export function describeEachDialect(name: string, body: (dialect: 'sqlite' | 'postgres') => void): void {
  for (const dialect of testDialects()) {
    if (dialect === 'sqlite') {
      describe(`${name} [sqlite]`, () => body('sqlite'));
    } else {
      describeNeeding(
        {
          available: postgresUrl !== null,
          flag: 'EVLAB_POSTGRES_REQUIRED',
          what: 'a PostgreSQL server (EVLAB_TEST_PG_URL)',
        },
        `${name} [postgres]`,
        () => body('postgres'),
      );
    }
  }
  if (!testDialects().includes('postgres')) {
    notice(`${name} [postgres] — not run: set EVLAB_TEST_PG_URL (and DIALECTS=sqlite,postgres)`);
  }
}

/** A describe block for PostgreSQL-only behaviour (needs EVLAB_TEST_PG_URL). */
export function describeWithPostgres(name: string, body: () => void): void {
  describeNeeding(
    {
      available: postgresUrl !== null,
      flag: 'EVLAB_POSTGRES_REQUIRED',
      what: 'a PostgreSQL server (EVLAB_TEST_PG_URL)',
    },
    name,
    body,
  );
}

// ---------- Chromium ----------
export const chromiumPath = process.env.EVLAB_CHROMIUM ?? '/usr/bin/chromium';

export function describeWithChromium(name: string, body: () => void): void {
  describeNeeding(
    {
      available: existsSync(chromiumPath),
      flag: 'EVLAB_BROWSER_REQUIRED',
      what: `Chromium at ${chromiumPath}`,
    },
    name,
    body,
  );
}
