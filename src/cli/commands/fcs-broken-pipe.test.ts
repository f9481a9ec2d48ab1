/**
 * `evlab fcs export f.fcs --format csv | head`: the reader closes the pipe after a few lines. The CLI must
 * stop writing and exit 0 with nothing on stderr, as coreutils do — not crash with "Error: write EPIPE".
 * The real entry point runs in a child process whose stdout is a pipe this test closes after one chunk.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/environment.ts';
import { writeFcs } from '../../formats/fcs/write-fcs.ts';

const EVENTS = 200_000;
let dir: string;
let fcsFile: string;
let gatingMl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evlab-epipe-'));
  const a = new Float32Array(EVENTS);
  const b = new Float32Array(EVENTS);
  for (let i = 0; i < EVENTS; i++) {
    a[i] = (i % 1000) + 0.123456;
    b[i] = (i % 777) * 1.5 + 0.654321;
  }
  fcsFile = join(dir, 'big.fcs');
  await writeFile(
    fcsFile,
    writeFcs({
      parameters: [
        { name: 'FSC-A', range: 1024 },
        { name: 'SSC-A', range: 1024 },
      ],
      columns: [a, b],
    }),
  );
  gatingMl = join(dir, 'gate.xml');
  await writeFile(
    gatingMl,
    `<?xml version="1.0" encoding="UTF-8"?>
<gating:Gating-ML xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating"
    xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
  <gating:RectangleGate gating:id="R1">
    <gating:dimension gating:compensation-ref="uncompensated" gating:min="100" gating:max="500"><data-type:fcs-dimension data-type:name="FSC-A" /></gating:dimension>
  </gating:RectangleGate>
</gating:Gating-ML>`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface EarlyClose {
  code: number | null;
  signal: NodeJS.Signals | null;
  firstChunk: string;
  stderr: string;
}

/** Runs `node bin/evlab.mjs ARGS`, reads the first chunk of stdout, then closes the pipe like `head`. */
function runAndCloseEarly(args: string[]): Promise<EarlyClose> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'evlab.mjs'), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EVLAB_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let firstChunk = '';
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
    });
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString('utf8');
      child.stdout.destroy(); // the reader goes away: the child's next write hits a closed pipe
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, firstChunk, stderr }));
  });
}

describe('streaming output into a pipe closed early', () => {
  it('fcs export … | head stops quietly and exits 0', async () => {
    const run = await runAndCloseEarly(['fcs', 'export', fcsFile, '--values', 'raw', '--format', 'csv']);
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    const lines = run.firstChunk.split('\n');
    expect(lines[0]).toBe('FSC-A,SSC-A');
    expect(lines[1]?.split(',').map(Number)[0]).toBeCloseTo(0.123456, 6);
    // The pipe really closed before the end: the whole CSV is megabytes, the reader took one chunk.
    expect(run.firstChunk.length).toBeLessThan(EVENTS * 10);
  }, 60_000);

  it('a large single JSON document (gate --membership --json) into a closed pipe exits 0 quietly', async () => {
    const run = await runAndCloseEarly(['gate', fcsFile, '--gatingml', gatingMl, '--membership', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.firstChunk.startsWith('{')).toBe(true);
    expect(run.firstChunk.length).toBeLessThan(EVENTS * 2);
  }, 60_000);
});
