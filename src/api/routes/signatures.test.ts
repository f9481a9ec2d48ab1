import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { batchInputSchema } from '../../domain/batch.ts';
import type { SignatureWithStatus } from '../../domain/signature.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

/** A stand-in for the accounts module: one user "qa.lead" with password "correct horse". */
const fakeVerify = async (user: string, password: string) =>
  user === 'qa.lead' && password === 'correct horse';

describeEachDialect('e-signatures API', (dialect) => {
  let s: TestServer;
  let batchId: string;

  beforeAll(async () => {
    s = await openTestServer(dialect);
    s.wb.verifyCredentials = fakeVerify;
    const project = await s.wb.store.createProject({ name: 'Signed', description: '' }, 'alice');
    batchId = (
      await s.wb.store.createBatch(batchInputSchema.parse({ projectId: project.id, code: 'REL-1' }), 'alice')
    ).id;
  });
  afterAll(async () => {
    await s?.dispose();
  });

  const sign = (body: Record<string, unknown>, user = 'qa.lead') =>
    s.app.inject({
      method: 'POST',
      url: '/api/signatures',
      headers: { 'x-evlab-user': user },
      payload: body,
    });
  const list = async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/signatures?recordType=batch&recordId=${batchId}`,
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: SignatureWithStatus[] }).items;
  };

  it('signs with the right password: printed name, UTC time, meaning, reason and content hash', async () => {
    const before = Date.now();
    const res = await sign({
      recordType: 'batch',
      recordId: batchId,
      meaning: 'reviewed',
      password: 'correct horse',
      reason: 'NTA checked',
    });
    expect(res.statusCode).toBe(201);
    const sig = res.json() as SignatureWithStatus;
    expect(sig).toMatchObject({
      recordType: 'batch',
      recordId: batchId,
      meaning: 'reviewed',
      signer: 'qa.lead',
      printedName: 'qa.lead',
      reason: 'NTA checked',
    });
    expect(sig.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(sig.signedAt)).toBeGreaterThanOrEqual(before - 5);
    // Independent hash of the batch as documented: canonical JSON without updatedAt and status.
    const batch = (await s.wb.store.getBatch(batchId)) as unknown as Record<string, unknown>;
    const { updatedAt: _u, status: _s, ...content } = batch;
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    expect(sig.contentHash).toBe(
      createHash('sha256')
        .update(JSON.stringify(sorted(content)))
        .digest('hex'),
    );
    expect((await list()).map((x) => x.status)).toEqual(['valid']);
    // The signature is in the batch's audit trail with its reason, and the chain is intact.
    const trail = await s.wb.store.listAuditEvents({ batchId });
    expect(trail.items[0]).toMatchObject({
      entityType: 'signature',
      action: 'sign',
      actor: 'qa.lead',
      reason: 'NTA checked',
    });
    expect((await s.wb.store.verifyAuditTrail()).valid).toBe(true);
  });

  it('refuses a wrong password (403), an anonymous signer, an unknown type (422) or record (404)', async () => {
    const wrong = await sign({
      recordType: 'batch',
      recordId: batchId,
      meaning: 'approved',
      password: 'guess',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'authentication-failed' });
    const anon = await s.app.inject({
      method: 'POST',
      url: '/api/signatures',
      payload: { recordType: 'batch', recordId: batchId, meaning: 'approved', password: 'correct horse' },
    });
    expect(anon.statusCode).toBe(403);
    expect(
      (await sign({ recordType: 'toString', recordId: 'x', meaning: 'approved', password: 'correct horse' }))
        .statusCode,
    ).toBe(422);
    expect(
      (await sign({ recordType: 'batch', recordId: 'nope', meaning: 'approved', password: 'correct horse' }))
        .statusCode,
    ).toBe(404);
    expect((await list()).length).toBe(1);
  });

  it('validates the body: meaning from the list, password required, a rejection needs a reason', async () => {
    const bad = await sign({ recordType: 'batch', recordId: batchId, meaning: 'liked', password: 'x' });
    expect(bad.statusCode).toBe(400);
    const noReason = await sign({
      recordType: 'batch',
      recordId: batchId,
      meaning: 'rejected',
      password: 'correct horse',
    });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('reason');
    expect((await sign({ recordType: 'batch', recordId: batchId, meaning: 'approved' })).statusCode).toBe(
      400,
    );
  });

  it('shows a signature broken once the record changes, and superseded when re-signed', async () => {
    await s.wb.store.updateBatch(batchId, { notes: 'changed after review' }, 'alice');
    expect((await list()).map((x) => x.status)).toEqual(['broken']);
    const again = await sign({
      recordType: 'batch',
      recordId: batchId,
      meaning: 'reviewed',
      password: 'correct horse',
    });
    expect(again.statusCode).toBe(201);
    expect((await list()).map((x) => x.status)).toEqual(['superseded', 'valid']);
    // A status change alone (the workflow that signing moves) does not break it.
    expect((await s.wb.store.updateBatch(batchId, { status: 'in-qc' }, 'alice')).status).toBe('in-qc');
    expect((await list()).at(-1)?.status).toBe('valid');
  });

  it('answers 503 when no accounts module provides re-authentication', async () => {
    const saved = s.wb.verifyCredentials;
    s.wb.verifyCredentials = undefined;
    try {
      const res = await sign({
        recordType: 'batch',
        recordId: batchId,
        meaning: 'approved',
        password: 'correct horse',
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'signing-unavailable' });
    } finally {
      s.wb.verifyCredentials = saved;
    }
  });
});
