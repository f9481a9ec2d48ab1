import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { ISOLATION_METHODS } from '../../domain/isolation-protocol.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };

describeEachDialect('API /api/isolation (methods, recommend)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_isolation_methods' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const recommend = (body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/isolation/recommend',
      headers: JSON_HEADERS,
      payload: JSON.stringify(body),
    });

  it('GET /api/isolation/methods returns the versioned catalogue covering every method slug', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/isolation/methods' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.catalogueVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(body.methods.map((m: { slug: string }) => m.slug).sort()).toEqual([...ISOLATION_METHODS].sort());
    expect(body.purityThresholds.highPurityMinParticlesPerUg).toBe(3e10);
    const sec = body.methods.find((m: { slug: string }) => m.slug === 'size-exclusion-chromatography');
    expect(sec.recoveryPercent.values[0].citations[0].doi).toMatch(/^10\./);
  });

  it('POST /api/isolation/recommend answers the CLI contract', async () => {
    const res = await recommend({
      matrix: 'conditioned-medium',
      volumeMl: 500,
      use: 'therapy',
      without: ['ultracentrifuge'],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.input).toMatchObject({ matrix: 'conditioned-medium', volumeMl: 500, use: 'therapy', top: 5 });
    expect(body.input.equipment).not.toContain('ultracentrifuge');
    expect(body.ranked[0].methods).toEqual(['tangential-flow-filtration', 'size-exclusion-chromatography']);
    expect(body.ranked[0].criteria.map((c: { name: string }) => c.name)).toEqual([
      'recovery',
      'purity',
      'co-isolates',
      'integrity',
      'gmp-scalability',
      'time',
      'cost',
    ]);
    const duc = body.excluded.find(
      (e: { methods: string[] }) => e.methods.join() === 'differential-ultracentrifugation',
    );
    expect(duc.reason).toContain('needs ultracentrifuge');
  });

  it('answers 400 problem+json naming the bad field', async () => {
    const badMatrix = await recommend({ matrix: 'blood', volumeMl: 1, use: 'omics' });
    expect(badMatrix.statusCode).toBe(400);
    expect(badMatrix.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badMatrix.json().errors[0].path).toEqual(['matrix']);

    const badVolume = await recommend({ matrix: 'plasma', volumeMl: 0, use: 'omics' });
    expect(badVolume.statusCode).toBe(400);
    expect(badVolume.json().errors[0].path).toEqual(['volumeMl']);

    const missingUse = await recommend({ matrix: 'plasma', volumeMl: 1 });
    expect(missingUse.statusCode).toBe(400);
    expect(missingUse.json().errors.map((e: { path: string[] }) => e.path.join('.'))).toContain('use');

    const badEquipment = await recommend({
      matrix: 'plasma',
      volumeMl: 1,
      use: 'omics',
      without: ['fridge'],
    });
    expect(badEquipment.statusCode).toBe(400);
    expect(badEquipment.json().errors[0].path).toEqual(['without', 0]);
  });
});
