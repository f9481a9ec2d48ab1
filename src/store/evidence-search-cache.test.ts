import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvlabStore } from './evlab-store.ts';
import type { KyselyEvlabStore } from './kysely-evlab-store.ts';
import { openStore } from './open-store.ts';

// SQLite keeps full-text answers while the database is unchanged (kysely-evidence-store.ts): every write,
// by this connection or by another process, must show in the next search.
describe('evidence search cache (SQLite)', () => {
  let dir: string;
  let a: EvlabStore;
  let b: EvlabStore;
  const ids = async (store: EvlabStore, q: string) =>
    (await store.evidence.searchText(q, 50)).map((hit) => hit.id).sort();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-search-cache-'));
    a = await openStore({ db: 'sqlite', dataDir: dir });
    b = await openStore({ db: 'sqlite', dataDir: dir });
    await a.evidence.searchText('warm'); // curated sync of both before the documents below
    await b.evidence.searchText('warm');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sees a write of its own connection at once', async () => {
    expect(await ids(a, 'quokkavesicle')).toEqual([]);
    await (a as KyselyEvlabStore).kysely
      .insertInto('evidence_search')
      .values({ kind: 'finding', ref_id: 'cache-1', title: 'quokkavesicle one', body: '' })
      .execute();
    expect(await ids(a, 'quokkavesicle')).toEqual(['cache-1']);
  });

  it('sees another process’s commit at once', async () => {
    expect(await ids(a, 'quokkavesicle')).toEqual(['cache-1']);
    await (b as KyselyEvlabStore).kysely
      .insertInto('evidence_search')
      .values({ kind: 'finding', ref_id: 'cache-2', title: 'quokkavesicle two', body: '' })
      .execute();
    expect(await ids(a, 'quokkavesicle')).toEqual(['cache-1', 'cache-2']);
    await (b as KyselyEvlabStore).kysely
      .deleteFrom('evidence_search')
      .where('ref_id', '=', 'cache-1')
      .execute();
    expect(await ids(a, 'quokkavesicle')).toEqual(['cache-2']);
  });

  it('answers a repeated search with equal hits that no caller can change', async () => {
    const first = await a.evidence.searchText('quokkavesicle', 50);
    expect(() => {
      (first[0] as { title: string }).title = 'changed by the caller';
    }).toThrow(TypeError);
    const second = await a.evidence.searchText('quokkavesicle', 50);
    expect(second.map((hit) => hit.title)).toEqual(['quokkavesicle two']);
    expect(second[0]?.snippet).toContain('**quokkavesicle**');
  });
});
