import { afterEach, describe, expect, it, vi } from 'vitest';
import { pkApi } from './pk-studies-client.ts';

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
