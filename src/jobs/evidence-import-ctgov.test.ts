import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, describeWithReference, referencePath } from '../../test/support/environment.ts';
import { classifySource, type FetchLike, importCtgovSources, nextPageUrl } from './evidence-import-ctgov.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';

const fixtures = join(import.meta.dirname, '..', 'formats', 'ctgov', 'fixtures');
const fixtureText = (name: string) => readFileSync(join(fixtures, name), 'utf8');

/** A fake CT.gov server: answers by URL, records what was asked. */
function fakeFetch(pages: Record<string, string | number | Error>): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const f = (async (url: string) => {
    calls.push(url);
    const page = pages[url];
    if (page instanceof Error) throw page;
    if (page === undefined || typeof page === 'number') {
      const status = typeof page === 'number' ? page : 404;
      return { ok: false, status, statusText: status === 404 ? 'Not Found' : 'Error', text: async () => '' };
    }
    return { ok: true, status: 200, statusText: 'OK', text: async () => page };
  }) as unknown as FetchLike & { calls: string[] };
  f.calls = calls;
  return f;
}

describe('import sources', () => {
  it('tells URLs, NCT ids and files apart', () => {
    expect(classifySource('https://clinicaltrials.gov/api/v2/studies?query.term=exosome')).toMatchObject({
      kind: 'url',
    });
    expect(classifySource('nct04388982')).toEqual({
      kind: 'nct',
      value: 'https://clinicaltrials.gov/api/v2/studies/NCT04388982',
    });
    expect(classifySource('page.json')).toEqual({ kind: 'file', value: 'page.json' });
    expect(nextPageUrl('https://x.test/api/v2/studies?query.term=msc&pageSize=2', 'ABC')).toBe(
      'https://x.test/api/v2/studies?query.term=msc&pageSize=2&pageToken=ABC',
    );
  });
});

describeEachDialect('CT.gov import job', (dialect) => {
  let t: TestWorkbench;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_ctgov_import' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('follows nextPageToken and imports every page (no network: fake fetch)', async () => {
    const url = 'https://clinicaltrials.gov/api/v2/studies?query.term=mesenchymal+exosome';
    const fetch = fakeFetch({
      [url]: fixtureText('msc-ev-search-page-1.json'),
      [nextPageUrl(url, 'FIXTURE_PAGE_2')]: fixtureText('msc-ev-search-page-2.json'),
    });
    const seen: string[] = [];
    const summary = await importCtgovSources(t.wb, [url], {
      actor: 'alice',
      fetch,
      onDocument: (l) => seen.push(l),
    });
    expect(fetch.calls).toEqual([url, `${url}&pageToken=FIXTURE_PAGE_2`]);
    expect(summary).toMatchObject({ imported: 3, updated: 2, unchanged: 0, documents: 2 });
    expect(summary.errors.map((e) => e.path)).toEqual([
      'studies[3].protocolSection.identificationModule.nctId',
      'studies[4].protocolSection.conditionsModule.conditions[1]',
    ]);
    expect(seen).toEqual([url, `${url} (page 2)`]);
    const listed = await t.wb.store.evidence.listTrials({ origin: 'ctgov', limit: 10 });
    expect(listed.items.map((i) => i.nctId).sort()).toEqual(['NCT09990001', 'NCT09990003', 'NCT09990004']);
  });

  it('stops at the page limit and says so', async () => {
    const url = 'https://clinicaltrials.gov/api/v2/studies?query.term=limit';
    const fetch = fakeFetch({ [url]: fixtureText('msc-ev-search-page-1.json') });
    const summary = await importCtgovSources(t.wb, [url], { actor: 'alice', fetch, maxPages: 1 });
    expect(fetch.calls).toHaveLength(1);
    expect(summary.unchanged).toBe(4);
    expect(summary.errors.at(-1)).toMatchObject({ code: 'page-limit' });
  });

  it('reports HTTP errors, timeouts, missing and broken files, and goes on', async () => {
    const fetch = fakeFetch({
      'https://clinicaltrials.gov/api/v2/studies/NCT00000001': 404,
      'https://clinicaltrials.gov/api/v2/studies/NCT00000002': Object.assign(new Error('timed out'), {
        name: 'TimeoutError',
      }),
    });
    const summary = await importCtgovSources(
      t.wb,
      ['NCT00000001', 'NCT00000002', 'missing.json', join(fixtures, 'msc-ev-search-page-2.json')],
      { actor: 'alice', fetch, cwd: fixtures, timeoutMs: 5000 },
    );
    expect(summary.errors.map((e) => e.code)).toEqual(['http-404', 'fetch-failed', 'not-found']);
    expect(summary.errors[1]?.message).toContain('no answer within 5 s');
    expect(summary.unchanged).toBe(1);
  });
});

describeWithReference('ctgov', 'CT.gov import job on the real responses', () => {
  describeEachDialect('import', (dialect) => {
    let t: TestWorkbench;
    beforeAll(async () => {
      t = await openTestWorkbench(dialect, { prefix: 'evlab_ctgov_ref' });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('imports the reference study and page, then finds nothing new on a second import', async () => {
      const files = [
        referencePath('ctgov', 'study-NCT03934567.json'),
        referencePath('ctgov', 'search-page.json'),
      ];
      const first = await importCtgovSources(t.wb, files, { actor: 'alice' });
      expect(first).toMatchObject({ imported: 2, updated: 0, unchanged: 0, errors: [] });
      const again = await importCtgovSources(t.wb, files, { actor: 'alice' });
      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2, errors: [] });
      const trial = await t.wb.store.evidence.getTrial('NCT03934567');
      // A lymphoma drug trial: no MSC tissue, not neurological; values from the reference response.
      expect(trial).toMatchObject({
        origin: 'ctgov',
        status: 'ACTIVE_NOT_RECRUITING',
        firstPosted: '2019-05-02',
        mscSource: 'not-stated',
        neurological: false,
        countries: ['China'],
      });
      expect(trial?.statusHistory).toHaveLength(1);
    });
  });
});

describeEachDialect('CT.gov import keeps the raw documents', (dialect) => {
  let t: TestWorkbench;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_ctgov_raw' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('keeps every page and file unchanged in the blob store before reading it', async () => {
    const { createHash } = await import('node:crypto');
    const url = 'https://clinicaltrials.gov/api/v2/studies?query.term=kept+pages';
    const page = fixtureText('msc-ev-search-page-2.json');
    const broken = '{ "studies": [ { "protocolSection": ';
    const summary = await importCtgovSources(
      t.wb,
      [url, 'https://clinicaltrials.gov/api/v2/studies/broken'],
      {
        actor: 'alice',
        fetch: fakeFetch({ [url]: page, 'https://clinicaltrials.gov/api/v2/studies/broken': broken }),
      },
    );
    expect(summary.rawFiles.map((r) => r.source)).toEqual([
      url,
      'https://clinicaltrials.gov/api/v2/studies/broken',
    ]);
    for (const [kept, text] of [
      [summary.rawFiles[0], page],
      [summary.rawFiles[1], broken],
    ] as const) {
      expect(kept?.sha256).toBe(createHash('sha256').update(text).digest('hex'));
      const bytes = await t.wb.blobs.get(kept?.sha256 ?? '');
      expect(Buffer.from(bytes ?? []).toString('utf8')).toBe(text);
      const raw = await t.wb.store.getRawFile(kept?.rawFileId ?? '');
      expect(raw).toMatchObject({ batchId: null, mediaType: 'application/json', uploadedBy: 'alice' });
    }
    // The broken page is kept and reported, not imported.
    expect(summary.errors.some((e) => e.source.endsWith('/broken'))).toBe(true);
  });
});
