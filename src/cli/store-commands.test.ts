import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../test/support/environment.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { openWorkbench } from '../jobs/workbench.ts';
import type { ImportFileResult } from './commands/import.ts';
import { runCli } from './testing.ts';

let dataDir: string;
let scratch: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'evlab-cli-data-'));
  scratch = mkdtempSync(join(tmpdir(), 'evlab-cli-files-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** A project and a draft batch with the given code, created directly through the store. */
async function createBatch(code: string): Promise<string> {
  const wb = await openWorkbench({ dataDir });
  try {
    const project = await wb.store.createProject({ name: 'CLI test', description: '' }, 'setup');
    const batch = await wb.store.createBatch(
      batchInputSchema.parse({ projectId: project.id, code }),
      'setup',
    );
    return batch.id;
  } finally {
    await wb.close();
  }
}

async function measurementsOf(batchId: string) {
  const wb = await openWorkbench({ dataDir });
  try {
    return (await wb.store.listMeasurements({ batchId })).items;
  } finally {
    await wb.close();
  }
}

describe('evlab db migrate', () => {
  it('creates the embedded SQLite schema and reports dialect and status as JSON', async () => {
    const { code, stdout, stderr } = await runCli(['db', 'migrate', '--json', '--data-dir', dataDir]);
    expect(stderr).toContain(`Migrating SQLite ${join(dataDir, 'evlab.sqlite')}`);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ dialect: 'sqlite', status: 'up-to-date', dataDir });
    expect(result.migrations).toEqual(expect.arrayContaining(['0001-initial']));
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
  });

  it('is idempotent and prints a human summary', async () => {
    expect((await runCli(['db', 'migrate', '--data-dir', dataDir])).code).toBe(0);
    const again = await runCli(['--data-dir', dataDir, 'db', 'migrate']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/dialect\s+sqlite/);
    expect(again.stdout).toMatch(/status\s+up to date/);
  });

  it('takes the data directory from EVLAB_DATA_DIR', async () => {
    const { code, stdout } = await runCli(['db', 'migrate', '--json'], { env: { EVLAB_DATA_DIR: dataDir } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dataDir });
  });

  it('reports an unreachable PostgreSQL server in one line, exit 1, no stack trace', async () => {
    const { code, stderr } = await runCli([
      'db',
      'migrate',
      '--db',
      'postgres://evlab:secret@127.0.0.1:1/evlab',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^evlab: /m);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('secret');
  });
});

describe('evlab demo', () => {
  it('seeds the demo project once; a second run changes nothing', async () => {
    const first = await runCli(['demo', '--data-dir', dataDir, '--json']);
    expect(first.code).toBe(0);
    const seeded = JSON.parse(first.stdout) as {
      created: boolean;
      project: { id: string; name: string };
      batches: { id: string; code: string; status: string }[];
      measurements: { status: string; kind: string }[];
    };
    expect(seeded.created).toBe(true);
    expect(seeded.batches.length).toBeGreaterThan(0);
    expect(seeded.measurements.length).toBeGreaterThan(0);
    expect(seeded.measurements.every((m) => m.status === 'parsed' && m.kind === 'nta')).toBe(true);
    expect(seeded.measurements[0]).not.toHaveProperty('metrics');

    const second = await runCli(['demo', '--data-dir', dataDir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already exists: nothing changed');
    for (const batch of seeded.batches) expect(second.stdout).toContain(batch.code);

    const wb = await openWorkbench({ dataDir });
    try {
      expect((await wb.store.listProjects()).total).toBe(1);
      expect((await wb.store.listBatches()).total).toBe(seeded.batches.length);
      const events = (await wb.store.listAuditEvents({ limit: 1000 })).items;
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.actor === 'cli-test')).toBe(true);
    } finally {
      await wb.close();
    }
  });

  it('prints what it created for people', async () => {
    const { code, stdout, stderr } = await runCli(['demo', '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Created the demo project "/);
    expect(stdout).toMatch(/MSC source/);
    expect(stdout).toMatch(/batch\s+status\s+id\s+NTA/);
    expect(stderr).toMatch(/Seeding the demo project in SQLite /);
  });
});

describe('evlab import', () => {
  it('refuses an unknown batch with a message and exit 1', async () => {
    const file = join(scratch, 'x.csv');
    writeFileSync(file, 'a,b\n');
    const { code, stdout, stderr } = await runCli(['import', 'NOPE-1', file, '--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no batch with id or code "NOPE-1"');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('emits a JSON error object on stdout with --json', async () => {
    const file = join(scratch, 'x.csv');
    writeFileSync(file, 'a,b\n');
    const { code, stdout } = await runCli(['import', 'NOPE-1', file, '--data-dir', dataDir, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      error: { code: 'not-found', message: expect.any(String), line: null },
    });
  });

  it('rejects an unknown --kind as a usage error before storing anything', async () => {
    const batchId = await createBatch('EV-K');
    const file = join(scratch, 'x.csv');
    writeFileSync(file, 'a,b\n');
    const { code, stderr } = await runCli(['import', 'EV-K', file, '--kind', 'elisa', '--data-dir', dataDir]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown measurement kind "elisa"');
    expect(await measurementsOf(batchId)).toHaveLength(0);
  });

  it('stores an unparsable file as unparsed, reports the error and exits 1; a missing file fails alone', async () => {
    const batchId = await createBatch('EV-2025-007');
    const bad = join(scratch, 'bad-ExperimentSummary.csv');
    writeFileSync(bad, 'NTA Version,\n\x00\x01\x02 garbage');
    const { code, stdout } = await runCli([
      'import',
      'EV-2025-007',
      bad,
      join(scratch, 'missing.csv'),
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { batch: { id: string; code: string }; results: ImportFileResult[] };
    expect(out.batch).toEqual({ id: batchId, code: 'EV-2025-007' });
    expect(out.results.map((r) => r.status)).toEqual(['unparsed', 'failed']);
    expect(out.results[0]?.rawFile?.originalName).toBe('bad-ExperimentSummary.csv');
    expect(out.results[0]?.error?.message.length).toBeGreaterThan(0);
    expect(out.results[1]?.error?.code).toBe('not-found');
    const stored = await measurementsOf(batchId);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.status).toBe('unparsed');
  });
});

describe('evlab import of a particle-track table (nta-tracks)', () => {
  it('without --um-per-px/--temperature-c: failed with missing-acquisition-parameters, nothing stored; with them: parsed', async () => {
    const { simulateBrownianTracks } = await import('../science/nta-tracks/simulate-brownian-tracks.ts');
    const sim = simulateBrownianTracks({
      population: [{ diameterNm: 100, fraction: 1 }],
      tracks: 600,
      minSteps: 10,
      maxSteps: 30,
      fps: 30,
      umPerPx: 0.166,
      temperatureC: 25,
      frames: 600,
      seed: 5,
    });
    const file = join(scratch, 'v1-AllTracks.csv');
    writeFileSync(
      file,
      [
        'Particle ID,Frame,x,y',
        ...sim.frame.map((f, i) => `${sim.trackId[i]},${f},${sim.xPx[i]},${sim.yPx[i]}`),
      ].join('\n'),
    );
    const batchId = await createBatch('EV-TRK');
    const refused = await runCli(['import', 'EV-TRK', file, '--fps', '30', '--json', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    const r1 = JSON.parse(refused.stdout) as { results: ImportFileResult[] };
    expect(r1.results[0]?.status).toBe('failed');
    expect(r1.results[0]?.error?.code).toBe('missing-acquisition-parameters');
    expect(r1.results[0]?.error?.message).toContain('--um-per-px');
    expect(await measurementsOf(batchId)).toHaveLength(0);

    const ok = await runCli([
      'import',
      'EV-TRK',
      file,
      '--um-per-px',
      '0.166',
      '--fps',
      '30',
      '--temperature-c',
      '25',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(ok.code).toBe(0);
    const r2 = JSON.parse(ok.stdout) as { results: ImportFileResult[] };
    expect(r2.results[0]?.status).toBe('parsed');
    expect(r2.results[0]?.measurement?.kind).toBe('nta-tracks');
    expect(await measurementsOf(batchId)).toHaveLength(1);
  });
});

describeWithReference('nanosight', 'evlab import with real NanoSight exports', () => {
  const referenceFiles = () => {
    const dir = referencePath('nanosight', '20210401');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => join(dir, f));
  };

  it('imports every file by batch code, parses them and exits 0', async () => {
    const batchId = await createBatch('EV-2025-001');
    const files = referenceFiles().slice(0, 3);
    const { code, stdout, stderr } = await runCli([
      'import',
      'EV-2025-001',
      ...files,
      '--data-dir',
      dataDir,
      '--user',
      'ana',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Batch EV-2025-001');
    expect(stdout.match(/ parsed /g)?.length).toBe(3);
    expect(stderr).toContain('3 files: 3 parsed, 0 not parsed');
    const stored = await measurementsOf(batchId);
    expect(stored.map((m) => m.status)).toEqual(['parsed', 'parsed', 'parsed']);
  });

  it('imports the files that parse even when another one does not, by batch id; exit 1', async () => {
    const batchId = await createBatch('EV-2025-002');
    const [good] = referenceFiles();
    if (!good) throw new Error('no reference file');
    const broken = join(scratch, 'broken-ExperimentSummary.csv');
    const bytes = readFileSync(good);
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length / 40)));
    const { code, stdout } = await runCli(['import', batchId, good, broken, '--json', '--data-dir', dataDir]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { results: ImportFileResult[] };
    expect(out.results.map((r) => r.status)).toEqual(['parsed', 'unparsed']);
    expect(out.results[0]?.measurement?.kind).toBe('nta');
    expect(out.results[0]?.measurement).not.toHaveProperty('metrics');
    expect(out.results[1]?.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect((await measurementsOf(batchId)).map((m) => m.status).sort()).toEqual(['parsed', 'unparsed']);
  });

  it('records the acting user in the audit trail', async () => {
    const batchId = await createBatch('EV-2025-003');
    const [good] = referenceFiles();
    if (!good) throw new Error('no reference file');
    expect(
      (await runCli(['import', 'EV-2025-003', good, '--data-dir', dataDir, '--user', 'dr-lee'])).code,
    ).toBe(0);
    const wb = await openWorkbench({ dataDir });
    try {
      const events = (await wb.store.listAuditEvents({ limit: 1000 })).items;
      expect(
        events.some(
          (e) => e.actor === 'dr-lee' && (e.entityType === 'raw-file' || e.entityType === 'measurement'),
        ),
      ).toBe(true);
      expect((await wb.store.listMeasurements({ batchId })).total).toBe(1);
    } finally {
      await wb.close();
    }
  });
});
