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
