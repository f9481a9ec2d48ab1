import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchInputSchema } from '../../domain/batch.ts';
import { openWorkbench } from '../../jobs/workbench.ts';
import { runCli } from '../testing.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'evlab-audit-cli-'));
  const wb = await openWorkbench({ dataDir });
  try {
    const project = await wb.store.createProject({ name: 'Audit CLI', description: '' }, 'alice');
    await wb.store.createBatch(batchInputSchema.parse({ projectId: project.id, code: 'B-1' }), 'alice');
  } finally {
    await wb.close();
  }
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('evlab audit verify', () => {
  it('reports an intact chain as JSON and exits 0', async () => {
    const { code, stdout } = await runCli(['audit', 'verify', '--json', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ valid: true, events: 2, firstInvalid: null });
    expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the edited event and exits 1', async () => {
    const raw = new Database(join(dataDir, 'evlab.sqlite'));
    const victim = raw.prepare('select id from audit_events where seq = 1').get() as { id: string };
    raw.exec('drop trigger audit_events_no_update');
    raw.prepare("update audit_events set actor = 'mallory' where seq = 1").run();
    raw.close();
    const json = await runCli(['audit', 'verify', '--json', '--data-dir', dataDir]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: false,
      events: 2,
      firstInvalid: { id: victim.id, seq: 1 },
    });
    const human = await runCli(['audit', 'verify', '--data-dir', dataDir]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`BROKEN at event ${victim.id}`);
  });
});
