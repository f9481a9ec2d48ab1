/**
 * Duplicate uploads (same SHA-256 on the same batch), retraction of a measurement with a reason, the
 * dilution factor of a measurement, and the relevance of a registered trial (migration 0004), through
 * fastify.inject on each dialect. The uploaded files are synthetic bytes made here (unrecognised files are
 * stored and recorded unparsed, which is all these checks need).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { writeNanoSightExperimentSummary } from '../../formats/nanosight/write-experiment-summary.ts';
import { syntheticNtaSample } from '../../science/nta/synthetic-nta-sample.ts';
import { multipartBody, openTestServer, type TestServer } from '../test-support.ts';

async function newBatch(t: TestServer, code: string): Promise<string> {
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/projects',
    payload: { name: `Curation ${code}` },
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/batches',
    payload: { projectId: p.json().id, code },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

function upload(t: TestServer, batchId: string, files: { fileName: string; content: string }[]) {
  const body = multipartBody(
    files.map((f) => ({ name: 'file', fileName: f.fileName, content: f.content, contentType: 'text/plain' })),
  );
  return t.app.inject({
    method: 'POST',
    url: `/api/batches/${batchId}/files`,
    headers: { ...body.headers, 'x-evlab-user': 'carol' },
    payload: body.payload,
  });
}

describeEachDialect('curation API (migration 0004)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_curation' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a file already stored on the batch is not stored again: 409 with a link to the measurement', async () => {
    const batchId = await newBatch(t, 'DUP-1');
    const first = await upload(t, batchId, [{ fileName: 'notes.txt', content: 'synthetic bytes A' }]);
    expect(first.statusCode).toBe(422); // unrecognised, but stored
    const measurementId = first.json().results[0].measurement.id as string;

    const again = await upload(t, batchId, [{ fileName: 'renamed.txt', content: 'synthetic bytes A' }]);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'duplicate-upload',
      duplicates: [{ fileName: 'renamed.txt', measurementId, href: `/measurements/${measurementId}` }],
    });
    const list = await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batchId}` });
    expect(list.json().total).toBe(1);

    // Another batch may hold the same bytes.
    const other = await newBatch(t, 'DUP-2');
    expect(
      (await upload(t, other, [{ fileName: 'notes.txt', content: 'synthetic bytes A' }])).statusCode,
    ).toBe(422);

    // With a new file beside the duplicate, only the new one is stored; the duplicate is listed.
    const mixed = await upload(t, batchId, [
      { fileName: 'notes.txt', content: 'synthetic bytes A' },
      { fileName: 'more.txt', content: 'synthetic bytes B' },
    ]);
    expect(mixed.json().results).toHaveLength(1);
    expect(mixed.json().duplicates[0].measurementId).toBe(measurementId);
  });

  it('retracts a measurement with a reason: audited, kept, hidden on request, then re-uploadable', async () => {
    const batchId = await newBatch(t, 'RETRACT');
    const up = await upload(t, batchId, [{ fileName: 'wrong.txt', content: 'synthetic wrong file' }]);
    const m = up.json().results[0].measurement;

    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${m.id}/retraction`,
      payload: { reason: '  ' },
    });
    expect(empty.statusCode).toBe(400);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${m.id}/retraction`,
      headers: { 'x-evlab-user': 'carol' },
      payload: { reason: 'Uploaded to the wrong batch' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().retraction).toMatchObject({ by: 'carol', reason: 'Uploaded to the wrong batch' });

    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${m.id}/retraction`,
      payload: { reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);

    const all = await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batchId}` });
    expect(all.json().items[0].retraction.reason).toBe('Uploaded to the wrong batch');
    const shown = await t.app.inject({
      method: 'GET',
      url: `/api/measurements?batchId=${batchId}&retracted=exclude`,
    });
    expect(shown.json().total).toBe(0);

    // The raw bytes are kept.
    const raw = await t.app.inject({ method: 'GET', url: `/api/raw-files/${m.rawFileId}/content` });
    expect(raw.body).toBe('synthetic wrong file');

    const audit = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/audit` });
    const event = audit.json().items.find((e: { action: string }) => e.action === 'status-change');
    expect(event).toMatchObject({ entityType: 'measurement', entityId: m.id, actor: 'carol' });
    expect(event.after.retraction.reason).toBe('Uploaded to the wrong batch');

    // Once retracted, the same bytes may be uploaded again.
    const again = await upload(t, batchId, [{ fileName: 'wrong.txt', content: 'synthetic wrong file' }]);
    expect(again.statusCode).toBe(422);
  });

  it('sets, changes and clears a dilution factor; refuses values below 1', async () => {
    const batchId = await newBatch(t, 'DILUTION');
    const up = await upload(t, batchId, [{ fileName: 'd.txt', content: 'synthetic dilution' }]);
    const id = up.json().results[0].measurement.id as string;
    const patch = (dilutionFactor: unknown) =>
      t.app.inject({ method: 'PATCH', url: `/api/measurements/${id}`, payload: { dilutionFactor } });
    expect((await patch(0.5)).statusCode).toBe(400);
    expect((await patch('10')).statusCode).toBe(400);
    const set = await patch(100);
    expect(set.statusCode).toBe(200);
    expect(set.json().dilutionFactor).toBe(100);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/measurements/${id}` })).json().dilutionFactor,
    ).toBe(100);
    expect((await patch(null)).json().dilutionFactor).toBeNull();
    const audit = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/audit` });
    const updates = audit.json().items.filter((e: { action: string }) => e.action === 'update');
    expect(updates.map((e: { after: { dilutionFactor: number | null } }) => e.after.dilutionFactor)).toEqual([
      null,
      100,
    ]);
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/measurements/nope',
      payload: { dilutionFactor: 2 },
    });
    expect(missing.statusCode).toBe(404);
  });

  it("never overrides a dilution factor the file records: 409, and lists show the file's factor", async () => {
    const batchId = await newBatch(t, 'FILEDIL');
    const record = syntheticNtaSample({
      medianDiameterNm: 110,
      geometricSd: 1.4,
      concentrationPerMl: 1e11,
      dilutionFactor: 250,
      seed: 5,
    });
    const content = new TextDecoder().decode(writeNanoSightExperimentSummary(record));
    const up = await upload(t, batchId, [{ fileName: 'fd-ExperimentSummary.csv', content }]);
    const id = up.json().results[0].measurement.id as string;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/measurements/${id}`,
      payload: { dilutionFactor: 10 },
    });
    expect(patched.statusCode).toBe(409);
    expect(patched.json().detail).toContain('×250');
    const list = await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batchId}` });
    expect(list.json().items[0].fileDilutionFactor).toBe(250);
  });

  it('keeps an imported non-MSC-EV study aside until confirmed', async () => {
    const study = {
      protocolSection: {
        identificationModule: { nctId: 'NCT09999991', briefTitle: 'Pembrolizumab in Lung Cancer' },
        statusModule: { overallStatus: 'RECRUITING' },
        conditionsModule: { conditions: ['Non-small Cell Lung Cancer'] },
        armsInterventionsModule: { interventions: [{ type: 'DRUG', name: 'Pembrolizumab' }] },
      },
    };
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/evidence/import-ctgov',
      payload: { studies: [study] },
    });
    expect(imported.statusCode, imported.body.slice(0, 400)).toBeLessThan(300);
    const listed = await t.app.inject({ method: 'GET', url: '/api/evidence/trials?limit=1000' });
    expect(listed.json().items.map((x: { nctId: string }) => x.nctId)).not.toContain('NCT09999991');
    const pending = await t.app.inject({ method: 'GET', url: '/api/evidence/trials?relevance=pending' });
    expect(pending.json().items.map((x: { nctId: string }) => x.nctId)).toEqual(['NCT09999991']);

    const confirm = await t.app.inject({
      method: 'PUT',
      url: '/api/evidence/trials/NCT09999991/relevance',
      payload: { relevance: 'relevant' },
    });
    expect(confirm.json().relevance).toBe('relevant');
    const after = await t.app.inject({ method: 'GET', url: '/api/evidence/trials?limit=1000' });
    expect(after.json().items.map((x: { nctId: string }) => x.nctId)).toContain('NCT09999991');
    // A later import keeps the user's decision.
    await t.app.inject({ method: 'POST', url: '/api/evidence/import-ctgov', payload: { studies: [study] } });
    const kept = await t.app.inject({ method: 'GET', url: '/api/evidence/trials/NCT09999991' });
    expect(kept.json().relevance).toBe('relevant');
  });
});
