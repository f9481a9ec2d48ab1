import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { runCli } from '../../cli/testing.ts';
import { seedDemo } from '../../jobs/seed-demo.ts';
import type { NtaReport } from '../../science/nta/nta-report.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

const protocol = {
  version: 1,
  name: 'test',
  steps: [
    { method: 'low-speed-centrifugation', parameters: { rcfG: 2000, minutes: 10 }, notes: '' },
    {
      method: 'size-exclusion-chromatography',
      parameters: { resin: 'qev-70', collectFractions: '7-9' },
      notes: '',
    },
  ],
};

describeEachDialect('POST /api/isolation/simulate', (dialect) => {
  let t: TestServer;
  let demo: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_isolation_sim' });
    demo = await seedDemo(t.wb, { actor: 'test' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const post = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/isolation/simulate', payload: payload as object });

  it('simulates a chain and answers the same JSON as the CLI', async () => {
    const res = await post({ input: { volumeMl: 0.5 }, protocol });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.steps).toHaveLength(2);
    expect(body.steps[1]).toMatchObject({
      index: 1,
      method: 'size-exclusion-chromatography',
      model: 'physical',
    });
    expect(body.steps[1].fractions.filter((f: { collected: boolean }) => f.collected)).toHaveLength(3);
    expect(body.final.particles).toBe(body.steps[1].particles);
    expect(body.binsNm).toHaveLength(1000);
  });

  it("uses a stored NTA measurement's number-weighted bins as the input", async () => {
    const measurement = demo.measurements[0];
    if (!measurement) throw new Error('no demo measurement');
    const report = measurement.metrics as NtaReport;
    const res = await post({ measurementId: measurement.id, input: { volumeMl: 2 }, protocol });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const perMl = report.distribution.concentrationPerMl.reduce((a, b) => a + b, 0);
    expect(body.input.particlesPerMl).toBeCloseTo(perMl, -3);
    expect(body.input.volumeMl).toBe(2);
    expect(body.binsNm.length).toBe(report.distribution.binCentersNm.filter((d) => d > 0).length);
  });

  it('simulates the isolation protocols stored on the demo batches without input errors', async () => {
    for (const batch of demo.batches) {
      const res = await post({ protocol: batch.isolationProtocol });
      expect(res.statusCode, JSON.stringify(res.json())).toBe(200);
    }
  });

  it('answers 400 naming the parameter path of a bad value', async () => {
    const bad = structuredClone(protocol);
    (bad.steps[0] as { parameters: Record<string, unknown> }).parameters.minutes = 0;
    const res = await post({ protocol: bad });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].path).toEqual(['protocol', 'steps', 0, 'parameters', 'minutes']);
  });

  it('answers 400 for an unknown method and for an empty chain', async () => {
    const unknown = await post({ protocol: { steps: [{ method: 'teleport' }] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toEqual(['protocol', 'steps', 0, 'method']);
    const empty = await post({ protocol: { steps: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toEqual(['protocol', 'steps']);
  });

  it('gives the same over-maximum message from `evlab spin`, the spin API and a chain step', async () => {
    // Beckman Coulter SW 40 Ti rotor manual: maximum 40,000 rpm. One resolver (resolveRotorRun), one wording.
    const expected = '45,000 rpm is above the maximum speed of SW 40 Ti (40,000 rpm)';
    const cli = await runCli(['spin', '--rotor', 'SW 40 Ti', '--rpm', '45000', '--minutes', '70']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`--rpm: ${expected}`);

    const api = await t.app.inject({
      method: 'POST',
      url: '/api/centrifugation/spin',
      payload: { rotor: 'SW 40 Ti', rpm: 45000, minutes: 70 },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors[0]).toEqual({ path: ['rpm'], message: expected });

    const step = await post({
      protocol: {
        version: 1,
        name: 'too fast',
        steps: [
          { method: 'low-speed-centrifugation', parameters: { rcfG: 2000, minutes: 10 }, notes: '' },
          {
            method: 'differential-ultracentrifugation',
            parameters: { rotor: 'SW 40 Ti', rpm: 45000, minutes: 70 },
            notes: '',
          },
        ],
      },
    });
    expect(step.statusCode).toBe(400);
    expect(step.json().errors[0]).toEqual({
      path: ['protocol', 'steps', 1, 'parameters', 'rpm'],
      message: `step 2 (differential-ultracentrifugation): ${expected}`,
    });
  });

  it('lists the closest rotor names for a density-gradient step with an unknown rotor', async () => {
    const res = await post({
      protocol: {
        version: 1,
        name: 'gradient',
        steps: [{ method: 'density-gradient-ultracentrifugation', parameters: { rotor: 'SW4O' }, notes: '' }],
      },
    });
    expect(res.statusCode).toBe(400);
    const issue = res.json().errors[0];
    expect(issue.path).toEqual(['protocol', 'steps', 0, 'parameters', 'rotor']);
    expect(issue.message).toMatch(/unknown rotor "SW4O"; closest: .*SW 40 Ti/);
  });

  it('answers 404 for an unknown measurement', async () => {
    const res = await post({ measurementId: 'nope', protocol });
    expect(res.statusCode).toBe(404);
  });
});
