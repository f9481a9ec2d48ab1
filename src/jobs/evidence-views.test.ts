import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { MSC_SOURCE_PROFILES } from '../domain/evidence/index.ts';
import { searchEvidence } from './evidence-views.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';

/** Source profiles whose marker lists (Li et al. 2025, Table 6) name `marker` exactly. */
const withMarker = (marker: string) =>
  MSC_SOURCE_PROFILES.filter((p) => [...p.positiveMarkers, ...p.negativeMarkers].includes(marker)).map(
    (p) => p.slug,
  );
/** Source profiles whose mechanism miRNAs (Table 6) include `mirna`. */
const withMirna = (mirna: string) =>
  MSC_SOURCE_PROFILES.filter((p) => p.mechanisms.mirnas.includes(mirna)).map((p) => p.slug);

describeEachDialect('evidence search over the reference tables', (dialect) => {
  let t: TestWorkbench;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab-evidence-views' });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const sources = async (q: string) =>
    (await searchEvidence(t.wb, q, 50))
      .filter((h) => h.kind === 'source')
      .map((h) => h.id)
      .sort();

  it('matches marker names as whole words, like the database search', async () => {
    expect(withMarker('CD3').length).toBeGreaterThan(0);
    // "CD3" is not a prefix of CD31/CD33/CD34 (a substring search found every profile).
    expect(await sources('CD3')).toEqual(withMarker('CD3').sort());
    expect(await sources('CD3+')).toEqual(withMarker('CD3').sort());
  });

  it('keeps a microRNA name whole and highlights it', async () => {
    expect(await sources('miR-497-5p')).toEqual(withMirna('miR-497-5p').sort());
    expect(await sources('miR-497')).toEqual(withMirna('miR-497-5p').sort());
    expect(await sources('miR-49')).toEqual([]);
    const hit = (await searchEvidence(t.wb, 'miR-497-5p')).find((h) => h.kind === 'source');
    expect(hit?.snippet).toContain('**miR-497-5p**');
  });

  it('reads OR and exclusions as the database search does', async () => {
    const either = [...new Set([...withMirna('miR-497-5p'), ...withMirna('miR-1228-5p')])].sort();
    expect(either.length).toBe(2);
    expect(await sources('miR-497-5p OR miR-1228-5p')).toEqual(either);
    expect(await sources('miR-497-5p miR-1228-5p')).toEqual([]);
    expect(await sources('"miR-497-5p" OR miR-1228-5p -NLRP3')).toEqual(withMirna('miR-1228-5p').sort());
  });

  it('finds nothing for syntax alone', async () => {
    for (const q of ['*', '-', 'OR', '"', '""', '-cord', '()']) {
      expect(await searchEvidence(t.wb, q)).toEqual([]);
    }
  });
});
