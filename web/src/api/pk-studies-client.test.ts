import { afterEach, describe, expect, it, vi } from 'vitest';
import { pkApi } from './pk-studies-client.ts';

type Reply = { status?: number; body: unknown };

function stubFetch(routes: Record<string, Reply>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url);
    const path = url.split('?')[0] as string;
    const reply = routes[url] ?? routes[path];
    if (!reply)
      return new Response('{"title":"Not Found","status":404}', {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

const summary = (id: string, status: 'parsed' | 'unparsed') => ({
  id,
  status,
  kind: 'nta',
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('pkApi.latestNtaConcentration', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes the newest parsed NTA measurement that has a concentration', async () => {
    const calls = stubFetch({
      '/api/measurements': {
        body: {
          items: [summary('m3', 'unparsed'), summary('m2', 'parsed'), summary('m1', 'parsed')],
          total: 3,
          limit: 20,
          offset: 0,
        },
      },
      '/api/measurements/m2': {
        body: {
          id: 'm2',
          createdAt: '2025-01-02T00:00:00.000Z',
          metrics: { sample: 'UC', average: { concentrationPerMl: null } },
        },
      },
      '/api/measurements/m1': {
        body: {
          id: 'm1',
          createdAt: '2025-01-01T00:00:00.000Z',
          metrics: { sample: 'UC-EV', average: { concentrationPerMl: 3.36e11 } },
        },
      },
    });
    const nta = await pkApi.latestNtaConcentration('b1');
    expect(nta).toEqual({
      measurementId: 'm1',
      createdAt: '2025-01-01T00:00:00.000Z',
      concentrationPerMl: 3.36e11,
      sample: 'UC-EV',
    });
    expect(calls[0]).toBe('/api/measurements?batchId=b1&kind=nta&limit=20');
    expect(calls).not.toContain('/api/measurements/m3');
  });

  it('passes over a retracted measurement and says so, with the dilution factor', async () => {
    stubFetch({
      '/api/measurements': {
        body: {
          items: [
            { ...summary('m2', 'parsed'), retraction: { at: 'x', by: 'ada', reason: 'bad focus' } },
            { ...summary('m1', 'parsed'), dilutionFactor: 100 },
          ],
          total: 2,
          limit: 20,
          offset: 0,
        },
      },
      '/api/measurements/m2': {
        body: { id: 'm2', createdAt: 'x', metrics: { sample: 'bad', average: { concentrationPerMl: 9e12 } } },
      },
      '/api/measurements/m1': {
        body: { id: 'm1', createdAt: 'y', metrics: { sample: 'ok', average: { concentrationPerMl: 2e11 } } },
      },
    });
    const nta = await pkApi.latestNtaConcentration('b1');
    expect(nta).toMatchObject({
      measurementId: 'm1',
      concentrationPerMl: 2e11,
      dilutionFactor: 100,
      skippedRetracted: 1,
    });
  });

  it('answers null when the batch has no usable NTA measurement', async () => {
    stubFetch({ '/api/measurements': { body: { items: [], total: 0, limit: 20, offset: 0 } } });
    expect(await pkApi.latestNtaConcentration('b1')).toBeNull();
  });
});

describe('pkApi.updatePkStudy', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('PATCHes the study with the changed fields and its replacement observations', async () => {
    const seen: { url: string; method: string | undefined; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      seen.push({ url, method: init?.method, body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ id: 's/1' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    const observations = {
      concentrationTime: [{ timeH: 1, value: 5, unit: 'ng/mL', matrix: 'plasma', subject: null }],
      biodistribution: [],
    };
    await pkApi.updatePkStudy('s/1', { title: 'IV', observations });
    expect(seen).toEqual([
      { url: '/api/pk-studies/s%2F1', method: 'PATCH', body: { title: 'IV', observations } },
    ]);
  });
});

describe('pkApi source tables', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the exact pasted text as a source with the parsed rows, and links source files to their bytes', async () => {
    const seen: { url: string; method: string | undefined; body: string }[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      seen.push({ url, method: init?.method, body: String(init?.body) });
      return new Response(JSON.stringify({ id: 's1' }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    });
    const text = 'time (h)\tconc (µg/mL)\r\n0.25\t12.5\r\n';
    await pkApi.createPkStudy({
      batchId: 'b1',
      species: 'mouse',
      route: 'intravenous',
      dose: { value: 1e10, unit: 'particles', perKg: false },
      observations: { concentrationTime: [{ timeH: 0.25, value: 12.5, unit: 'µg/mL' }] },
      sources: [{ kind: 'concentration-time', name: 'pasted table', text }],
    });
    expect(seen[0]?.url).toBe('/api/pk-studies');
    expect(seen[0]?.method).toBe('POST');
    expect(JSON.parse(seen[0]?.body ?? '{}').sources).toEqual([
      { kind: 'concentration-time', name: 'pasted table', text },
    ]);
    expect(pkApi.sourceFileUrl({ rawFileId: 'r/1' })).toBe('/api/raw-files/r%2F1/content');
  });
});
