import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

const JSON_HEADERS = { 'content-type': 'application/json', 'x-evlab-user': 'alice' };

describeEachDialect('API /api/pk-studies', (dialect) => {
  let t: TestServer;
  let batchId: string;

  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_pk_studies' });
    const project = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: JSON_HEADERS,
      payload: JSON.stringify({ name: 'PK', description: '' }),
    });
    const batch = await t.app.inject({
      method: 'POST',
      url: '/api/batches',
      headers: JSON_HEADERS,
      payload: JSON.stringify({ projectId: project.json().id, code: 'UC-EV-01' }),
    });
    batchId = batch.json().id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const post = (body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/pk-studies',
      headers: JSON_HEADERS,
      payload: JSON.stringify(body),
    });
  const study = (over: Record<string, unknown> = {}) => ({
    batchId,
    species: 'mouse',
    strain: 'C57BL/6J',
    bodyWeightKg: 0.025,
    route: 'intranasal',
    dose: { value: 5e9, unit: 'particles', perKg: false },
    label: 'DiR',
    observations: { biodistribution: [{ organ: 'brain', timeH: 6, value: 1.2e7, unit: 'radiance' }] },
    ...over,
  });

  it('creates, reads, lists, patches and deletes a study, all in the batch audit trail', async () => {
    const created = await post(study());
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ batchId, route: 'intranasal', label: 'DiR', title: '', notes: '' });
    expect(s.observations.biodistribution[0]).toMatchObject({
      organ: 'brain',
      subject: null,
      countTimeH: null,
    });

    const got = await t.app.inject({ method: 'GET', url: `/api/pk-studies/${s.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(s);

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/pk-studies?batchId=${batchId}&route=intranasal`,
    });
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ id: s.id, biodistributionRows: 1, concentrationTimeRows: 0 }],
    });
    expect(list.json().items[0]).not.toHaveProperty('observations');

    const byBatch = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/pk-studies` });
    expect(byBatch.json().items.map((i: { id: string }) => i.id)).toEqual([s.id]);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/pk-studies/${s.id}`,
      headers: JSON_HEADERS,
      payload: JSON.stringify({ notes: 'isoflurane', batchId: 'ignored?' }),
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ notes: 'isoflurane', batchId, label: 'DiR' });

    const audit = await t.wb.store.listAuditEvents({ batchId, entityType: 'pk-study' });
    expect(audit.items.map((e) => e.action)).toEqual(['update', 'create']);
    const trail = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/audit` });
    expect(trail.statusCode).toBe(200);
    expect(
      trail.json().items.filter((e: { entityType: string }) => e.entityType === 'pk-study'),
    ).toHaveLength(2);

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/pk-studies/${s.id}`,
      headers: { 'x-evlab-user': 'alice' },
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url: `/api/pk-studies/${s.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  const patch = (id: string, body: unknown) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/pk-studies/${id}`,
      headers: JSON_HEADERS,
      payload: JSON.stringify(body),
    });
  const batchFiles = async () =>
    (await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/files?limit=1000` })).json().items as {
      id: string;
      batchId: string;
      sha256: string;
      originalName: string;
    }[];
  /** Tabs, CRLF, a BOM and non-ASCII characters: what an exported table may hold. */
  const CT_TEXT = '\uFEFFtime (h)\tconc (µg/mL)\r\n0.25\t12.5\r\n1\t<LLOQ\r\n';

  it('keeps the sources as raw files of the batch, downloadable unchanged and in its files and audit trail', async () => {
    const created = await post(
      study({
        title: 'with sources',
        sources: [
          {
            kind: 'concentration-time',
            name: 'plasma.tsv',
            mediaType: 'text/tab-separated-values',
            text: CT_TEXT,
          },
          {
            kind: 'biodistribution',
            name: 'pasted table',
            text: 'organ\ttime_h\tvalue\tunit\nbrain\t6\t1.2e7\tradiance\n',
          },
        ],
      }),
    );
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s.sourceFiles).toHaveLength(2);
    expect(s.sourceFiles[0]).toMatchObject({ kind: 'concentration-time', name: 'plasma.tsv' });
    expect(s).not.toHaveProperty('sources');

    const content = await t.app.inject({
      method: 'GET',
      url: `/api/raw-files/${s.sourceFiles[0].rawFileId}/content`,
    });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(Buffer.from(CT_TEXT, 'utf8'))).toBe(true);
    expect(content.headers['content-type']).toBe('text/tab-separated-values');
    expect(content.headers['content-disposition']).toContain('plasma.tsv');

    const files = await batchFiles();
    for (const f of s.sourceFiles) {
      expect(files.find((r) => r.id === f.rawFileId)).toMatchObject({ batchId, sha256: f.sha256 });
    }
    const trail = (
      await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/audit?limit=1000` })
    ).json();
    const ids = trail.items
      .filter((e: { entityType: string }) => e.entityType === 'raw-file')
      .map((e: { entityId: string }) => e.entityId);
    expect(ids).toEqual(expect.arrayContaining(s.sourceFiles.map((f: { rawFileId: string }) => f.rawFileId)));

    expect(
      (await t.app.inject({ method: 'GET', url: `/api/pk-studies/${s.id}` })).json().sourceFiles,
    ).toEqual(s.sourceFiles);
    const listed = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/pk-studies` });
    expect(listed.json().items.find((i: { id: string }) => i.id === s.id).sourceFiles).toEqual(s.sourceFiles);

    // PATCH appends: the old raw files stay, on the study and in the batch.
    const text = 'organ\ttime_h\tvalue\tunit\nbrain\t24\t3e6\tradiance\n';
    const patched = await patch(s.id, {
      observations: { biodistribution: [{ organ: 'brain', timeH: 24, value: 3e6, unit: 'radiance' }] },
      sources: [{ kind: 'biodistribution', name: 'day1.tsv', text }],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().sourceFiles.map((f: { name: string }) => f.name)).toEqual([
      'plasma.tsv',
      'pasted table',
      'day1.tsv',
    ]);
    const appended = patched.json().sourceFiles[2];
    const bytes = await t.app.inject({ method: 'GET', url: `/api/raw-files/${appended.rawFileId}/content` });
    expect(bytes.body).toBe(text);
    expect(bytes.headers['content-type']).toBe('text/plain; charset=utf-8');
    const notesOnly = await patch(s.id, { notes: 'no new data' });
    expect(notesOnly.json().sourceFiles).toEqual(patched.json().sourceFiles);
    const allFiles = await batchFiles();
    for (const f of patched.json().sourceFiles) expect(allFiles.some((r) => r.id === f.rawFileId)).toBe(true);
  });

  it('keeps the sources of a study whose rows fail validation, and the 400 says which', async () => {
    const before = (await batchFiles()).length;
    const text = 'organ,time_h,value,unit\nliver,1,2,mg\n';
    const res = await post(
      study({
        title: 'rejected rows',
        observations: { biodistribution: [{ organ: 'liver', timeH: 1, value: 2, unit: 'mg' }] },
        sources: [{ kind: 'biodistribution', name: 'organs.csv', mediaType: 'text/csv', text }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 400, code: 'validation-error' });
    expect(problem.errors[0].path).toEqual(['observations', 'biodistribution', 0, 'unit']);
    expect(problem.detail).toContain('kept as raw files');
    expect(problem.sourceFiles).toHaveLength(1);
    const files = await batchFiles();
    expect(files).toHaveLength(before + 1);
    const kept = await t.app.inject({
      method: 'GET',
      url: `/api/raw-files/${problem.sourceFiles[0].rawFileId}/content`,
    });
    expect(kept.body).toBe(text);
    const studies = await t.app.inject({
      method: 'GET',
      url: `/api/pk-studies?batchId=${batchId}&limit=1000`,
    });
    expect(studies.json().items.map((i: { title: string }) => i.title)).not.toContain('rejected rows');
  });

  it('answers 413 naming sources.i.text above 5 MiB and 400 for malformed sources, storing nothing', async () => {
    const before = (await batchFiles()).length;
    const big = 'a'.repeat(5 * 1024 * 1024 + 1);
    const tooLarge = await post(
      study({
        sources: [
          { kind: 'concentration-time', name: 'small.csv', text: 'time_h,value\n1,2\n' },
          { kind: 'biodistribution', name: 'big.csv', text: big },
        ],
      }),
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooLarge.json()).toMatchObject({ status: 413, code: 'too-large' });
    expect(tooLarge.json().errors[0].path).toEqual(['sources', 1, 'text']);
    expect(tooLarge.json().detail).toContain('sources.1.text');
    const s = (await post(study({ title: 'for oversize patch' }))).json();
    const patchTooLarge = await patch(s.id, {
      sources: [{ kind: 'biodistribution', name: 'big.csv', text: big }],
    });
    expect(patchTooLarge.statusCode).toBe(413);
    expect(patchTooLarge.json().errors[0].path).toEqual(['sources', 0, 'text']);

    const malformed = await post(study({ sources: [{ kind: 'biodistribution', name: '', text: 'x' }] }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toEqual(['sources', 0, 'name']);
    const notText = await patch(s.id, { sources: [{ kind: 'biodistribution', name: 'x', text: 42 }] });
    expect(notText.statusCode).toBe(400);
    expect(notText.json().errors[0].path).toEqual(['sources', 0, 'text']);
    expect(await batchFiles()).toHaveLength(before);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/pk-studies/${s.id}` })).json().sourceFiles,
    ).toEqual([]);
  });

  it('answers 422 problem+json naming batchId for a batch that does not exist', async () => {
    const res = await post(study({ batchId: 'no-such-batch' }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 422, code: 'invalid-reference' });
    expect(res.json().errors[0].path).toEqual(['batchId']);
  });

  it('answers 400 naming the failing field, and 404 for unknown studies and batches', async () => {
    const bad = await post(study({ dose: { value: -1, unit: 'particles', perKg: false } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toEqual(['dose', 'value']);
    const badRow = await post(
      study({ observations: { biodistribution: [{ organ: 'liver', timeH: 1, value: 2, unit: 'mg' }] } }),
    );
    expect(badRow.json().errors[0].path).toEqual(['observations', 'biodistribution', 0, 'unit']);
    expect((await t.app.inject({ method: 'GET', url: '/api/batches/nope/pk-studies' })).statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/pk-studies/nope',
      headers: JSON_HEADERS,
      payload: JSON.stringify({ notes: 'x' }),
    });
    expect(patch.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/pk-studies/nope' })).statusCode).toBe(404);
  });
});
