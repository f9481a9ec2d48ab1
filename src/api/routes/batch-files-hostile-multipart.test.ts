/**
 * Regression tests (issue 10 hostile-input probe): multipart uploads without a boundary or cut short
 * answered 500. They are 400 problem+json. Synthetic bodies, written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

describe('POST /api/batches/:id/files with broken multipart bodies', () => {
  let t: TestServer;
  let batchId: string;
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-multipart-hostile' });
    const p = await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Hostile' } });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/batches',
      payload: { projectId: p.json().id, code: 'H-1' },
    });
    batchId = b.json().id as string;
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const send = (contentType: string, payload: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/batches/${batchId}/files`,
      headers: { 'content-type': contentType },
      payload,
    });
  const part =
    '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n';

  it('answers 400 problem+json for multipart/form-data without a boundary', async () => {
    const res = await send('multipart/form-data', `${part}a,b\r\n1,2\r\n--XYZ--\r\n`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers 400 problem+json for a body cut short inside a file part', async () => {
    const res = await send('multipart/form-data; boundary=XYZ', `${part}a,b\r\n1,2\r\n`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers 400 problem+json for a body cut short inside the part headers', async () => {
    const res = await send('multipart/form-data; boundary=XYZ', '--XYZ\r\nContent-Disposition: form-da');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('leaves no raw file behind for the refused uploads', async () => {
    const files = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/files` });
    expect(files.json().total).toBe(0);
  });
});
