import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEURO_FINDINGS, REGISTERED_TRIALS } from '../../domain/evidence/index.ts';
import { runCli } from '../testing.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'formats', 'ctgov', 'fixtures');
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'evlab-cli-evidence-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
const evlab = (...args: string[]) => runCli([...args, '--data-dir', dataDir]);

describe('evlab evidence', () => {
  it('trials --json works on an empty data dir and follows the contract', async () => {
    const run = await evlab('evidence', 'trials', '--json');
    expect(run.code).toBe(0);
    const trials = JSON.parse(run.stdout);
    expect(trials).toHaveLength(REGISTERED_TRIALS.length);
    for (const t of trials) {
      expect(Object.keys(t).slice(0, 10)).toEqual([
        'nctId',
        'title',
        'status',
        'conditions',
        'phases',
        'firstPosted',
        'mscSource',
        'locations',
        'hasResults',
        'neurological',
      ]);
      expect(t.firstPosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const byId = new Map(trials.map((t: { nctId: string }) => [t.nctId, t]));
    for (const r of REGISTERED_TRIALS) {
      expect(byId.get(r.nctId)).toMatchObject({
        title: r.title,
        status: r.status,
        conditions: r.conditions,
        phases: r.phases,
        firstPosted: r.firstPosted,
        mscSource: r.mscSource,
        locations: r.locations,
        hasResults: r.hasResults,
        neurological: r.neurological,
      });
    }
  });

  it('filters: --neuro, --source, --phase, --status, --condition, --q', async () => {
    const ids = async (...args: string[]) =>
      JSON.parse((await evlab('evidence', 'trials', ...args, '--json')).stdout)
        .map((t: { nctId: string }) => t.nctId)
        .sort();
    expect(await ids('--neuro')).toEqual(['NCT03384433', 'NCT04388982', 'NCT06598202']);
    expect(await ids('--source', 'placenta')).toEqual(['NCT05402748', 'NCT05499156']);
    expect(await ids('--neuro', '--source', 'adipose')).toEqual(['NCT04388982']);
    expect(await ids('--phase', 'EARLY_PHASE1')).toEqual(['NCT03437759', 'NCT05808400', 'NCT06431152']);
    expect(await ids('--status', 'withdrawn')).toEqual(['NCT04850469']);
    expect(await ids('--condition', 'covid')).toEqual([
      'NCT04491240',
      'NCT04602442',
      'NCT04798716',
      'NCT05808400',
    ]);
    expect(await ids('--q', 'inhalation')).toEqual(['NCT04491240', 'NCT04602442']);
  });

  it('refuses an unknown source slug with exit 2', async () => {
    const run = await evlab('evidence', 'trials', '--source', 'liver', '--json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown MSC source "liver"');
  });

  it('import-ctgov --json imports, reports JSON paths, and a second import changes nothing', async () => {
    const files = [join(fixtures, 'msc-ev-search-page-1.json'), join(fixtures, 'msc-ev-search-page-2.json')];
    const first = await evlab('evidence', 'import-ctgov', ...files, '--json');
    expect(first.code).toBe(1); // two malformed studies in page 1
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ imported: 3, updated: 2, unchanged: 0 });
    expect(summary.errors.map((e: { path: string }) => e.path)).toEqual([
      'studies[3].protocolSection.identificationModule.nctId',
      'studies[4].protocolSection.conditionsModule.conditions[1]',
    ]);
    const second = JSON.parse((await evlab('evidence', 'import-ctgov', ...files, '--json')).stdout);
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 5 });

    const trials = JSON.parse((await evlab('evidence', 'trials', '--json')).stdout);
    expect(trials).toHaveLength(REGISTERED_TRIALS.length + 3);
    const shown = JSON.parse((await evlab('evidence', 'show', 'NCT09990003', '--json')).stdout);
    expect(shown).toMatchObject({ mscSource: 'wharton-jelly', hasResults: true, origin: 'ctgov' });

    const clean = await evlab(
      'evidence',
      'import-ctgov',
      join(fixtures, 'msc-ev-search-page-2.json'),
      '--json',
    );
    expect(clean.code).toBe(0);
  });

  it('findings, sources, search, matrix, timeline and export', async () => {
    const findings = JSON.parse(
      (await evlab('evidence', 'findings', '--disorder', 'parkinsons', '--json')).stdout,
    );
    expect(findings.map((f: { id: string }) => f.id)).toEqual(
      NEURO_FINDINGS.filter((f) => f.disorder === 'parkinsons').map((f) => f.id),
    );
    const sources = JSON.parse((await evlab('evidence', 'sources', '--json')).stdout);
    expect(
      sources.find((s: { slug: string }) => s.slug === 'bone-marrow').markers.positive.length,
    ).toBeGreaterThan(0);
    const search = JSON.parse((await evlab('evidence', 'search', 'alzheimer', '--json')).stdout);
    expect(
      search.hits.some((h: { kind: string; id: string }) => h.kind === 'trial' && h.id === 'NCT04388982'),
    ).toBe(true);
    const matrix = JSON.parse((await evlab('evidence', 'matrix', '--json')).stdout);
    expect(matrix.sources).toContain('umbilical-cord');
    const timeline = JSON.parse((await evlab('evidence', 'timeline', '--json')).stdout);
    expect(timeline.reduce((n: number, y: { total: number }) => n + y.total, 0)).toBe(
      REGISTERED_TRIALS.length,
    );

    const out = join(dataDir, 'trials.csv');
    const exported = await evlab(
      'evidence',
      'export',
      '--dataset',
      'trials',
      '--format',
      'csv',
      '-o',
      out,
      '--json',
    );
    expect(JSON.parse(exported.stdout)).toMatchObject({ rows: REGISTERED_TRIALS.length });
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('citations');
    expect(csv).toContain('Li et al. 2025');
    const json = await evlab('evidence', 'export', '--dataset', 'findings', '--format', 'json');
    expect(JSON.parse(json.stdout)).toHaveLength(NEURO_FINDINGS.length);
  });

  it('prints a readable table without --json', async () => {
    const run = await evlab('evidence', 'trials', '--neuro');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('NCT06598202');
    expect(run.stdout).toContain('als');
    expect(run.stderr).toContain('3 trials');
  });

  it('keeps an imported oncology study aside (--relevance pending) until `evidence relevance` confirms it', async () => {
    // Synthetic CT.gov v2 study written here: a drug study that names neither MSCs nor EVs.
    const file = join(dataDir, 'oncology-study.json');
    writeFileSync(
      file,
      JSON.stringify({
        protocolSection: {
          identificationModule: { nctId: 'NCT09999992', briefTitle: 'Pembrolizumab in Lung Cancer' },
          statusModule: { overallStatus: 'RECRUITING' },
          conditionsModule: { conditions: ['Lung Cancer'] },
        },
      }),
    );
    expect((await evlab('evidence', 'import-ctgov', file, '--json')).code).toBe(0);
    const shown = JSON.parse((await evlab('evidence', 'trials', '--json')).stdout);
    expect(shown.map((t: { nctId: string }) => t.nctId)).not.toContain('NCT09999992');
    const pending = JSON.parse(
      (await evlab('evidence', 'trials', '--relevance', 'pending', '--json')).stdout,
    );
    expect(pending.map((t: { nctId: string }) => t.nctId)).toEqual(['NCT09999992']);
    const bad = await evlab('evidence', 'trials', '--relevance', 'maybe', '--json');
    expect(bad.code).toBe(2);
    const set = await evlab('evidence', 'relevance', 'NCT09999992', 'relevant');
    expect(set.stdout).toContain('NCT09999992: relevant');
    const after = JSON.parse((await evlab('evidence', 'trials', '--json')).stdout);
    expect(after.map((t: { nctId: string }) => t.nctId)).toContain('NCT09999992');
  });
});
