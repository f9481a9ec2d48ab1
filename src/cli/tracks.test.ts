import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateBrownianTracks } from '../science/nta-tracks/simulate-brownian-tracks.ts';
import type { TrackSizingReport } from '../science/nta-tracks/size-tracks.ts';
import type { FileError } from './commands/file-entries.ts';
import { runCli } from './testing.ts';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'evlab-cli-tracks-'));
  // evlab's simulated tracks (not instrument data): 100 nm, 25 °C, 30 fps, 0.166 µm/px
  const sim = simulateBrownianTracks({
    population: [{ diameterNm: 100, fraction: 1 }],
    tracks: 1500,
    minSteps: 8,
    maxSteps: 30,
    fps: 30,
    umPerPx: 0.166,
    temperatureC: 25,
    frames: 400,
    seed: 9,
  });
  const lines = ['id,frame,x,y'];
  for (let i = 0; i < sim.frame.length; i++)
    lines.push(`${sim.trackId[i]},${sim.frame[i]},${sim.xPx[i]},${sim.yPx[i]}`);
  writeFileSync(join(scratch, 'tracks.csv'), `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('evlab tracks', () => {
  it('--json: { tracks, naive: {modeNm, d50Nm}, ml: {modeNm, d50Nm, bins} } for one file', async () => {
    const { code, stdout } = await runCli(
      ['tracks', 'tracks.csv', '--um-per-px', '0.166', '--fps', '30', '--temperature-c', '25', '--json'],
      { cwd: scratch },
    );
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as TrackSizingReport & { file: string };
    expect(r.file).toBe('tracks.csv');
    expect(r.tracks).toBe(1500);
    expect(Math.abs((r.ml.modeNm as number) - 100)).toBeLessThanOrEqual(4);
    expect(r.naive.d50Nm).not.toBeNull();
    expect(r.ml.bins.length).toBeGreaterThan(100);
    expect(r.ml.bins[0]).toHaveProperty('diameterNm');
  });
  it('a missing file gives { file, error } and exit 1; missing conditions are a usage error', async () => {
    const missing = await runCli(
      ['tracks', 'nope.csv', '--um-per-px', '0.166', '--fps', '30', '--temperature-c', '25', '--json'],
      { cwd: scratch },
    );
    expect(missing.code).toBe(1);
    expect((JSON.parse(missing.stdout) as FileError).error.code).toBe('not-found');
    const noFps = await runCli(
      ['tracks', 'tracks.csv', '--um-per-px', '0.166', '--temperature-c', '25', '--json'],
      { cwd: scratch },
    );
    expect(noFps.code).toBe(2);
    expect((JSON.parse(noFps.stdout) as FileError).error.message).toContain('--fps');
  });
});
