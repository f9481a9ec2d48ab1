/**
 * Regression tests (issue 10 hostile-input probe): CT.gov imports of deeply nested JSON overflowed the
 * stack (500); the import ignored the upload size limit. Synthetic documents, generated here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

const study = {
  protocolSection: {
    identificationModule: { nctId: 'NCT09999992', briefTitle: 'Synthetic study for the nesting test' },
    statusModule: { overallStatus: 'RECRUITING', studyFirstPostDateStruct: { date: '2025-01-02' } },
    conditionsModule: { conditions: ['Ischemic Stroke'] },
  },
  hasResults: false,
};

describe('POST /api/evidence/import-ctgov with hostile JSON', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-ctgov-hostile', maxUploadBytes: 200_000 });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const post = (payload: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/evidence/import-ctgov',
      headers: { 'content-type': 'application/json' },
      payload,
    });

  it("answers 422 naming the depth limit for '[' × 50,000 (malformed, no stack overflow)", async () => {
    const res = await post('['.repeat(50_000));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect((res.json() as { detail: string }).detail).toMatch(/nested deeper than 64 levels/);
  });

  it('answers 422 for a valid study carrying an array nested 5,000 deep', async () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const text = JSON.stringify({ studies: [study] }).replace(
      '"hasResults":false',
      `"hasResults":false,"x":${deep}`,
    );
    expect(() => JSON.parse(text)).not.toThrow();
    const res = await post(text);
    expect(res.statusCode).toBe(422);
    expect((res.json() as { detail: string }).detail).toMatch(/nested deeper than 64 levels/);
  });

  it('does not count brackets inside strings, and imports an ordinary study', async () => {
    const odd = { ...study, protocolSection: { ...study.protocolSection } };
    odd.protocolSection.identificationModule = {
      ...study.protocolSection.identificationModule,
      briefTitle: `Title with ${'['.repeat(100)} brackets`,
    };
    const res = await post(JSON.stringify({ studies: [odd] }));
    expect(res.statusCode).toBe(200);
    expect((res.json() as { imported: number }).imported).toBe(1);
  });

  it('obeys the upload size limit (413 problem+json above wb.maxUploadBytes)', async () => {
    const big = JSON.stringify({ studies: [study], padding: 'x'.repeat(300_000) });
    const res = await post(big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
