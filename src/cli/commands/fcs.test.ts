import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { runCli } from '../testing.ts';

describeWithReference('fcs', 'evlab fcs', () => {
  const data1 = referencePath('fcs', 'flowio', 'data1.fcs');

  it('info --json prints the contract', async () => {
    const run = await runCli(['fcs', 'info', data1, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ file: data1, version: '2.0', datasets: 1, events: 13367 });
    expect(out.parameters[0]).toEqual({
      index: 1,
      name: 'FSC-H',
      label: 'FSC-Height',
      bits: 16,
      range: 1024,
      amplification: [0, 0],
      gain: 3.67,
    });
    expect(out.parameters[2].amplification).toEqual([4, 1]);
    expect(out.keywords.$CYT).toBe('FACSCalibur');
    expect(out.spillover).toBeNull();
  });

  it('export --format csv gives $PnN names then one row per event (raw and scaled)', async () => {
    const raw = await runCli(['fcs', 'export', data1, '--values', 'raw', '--format', 'csv']);
    expect(raw.code).toBe(0);
    const lines = raw.stdout.trim().split('\n');
    expect(lines[0]).toBe('FSC-H,SSC-H,FL1-H,FL2-H,FL3-H,FL2-A,FL4-H,Time');
    expect(lines).toHaveLength(13368);
    expect(lines[1]).toBe('323,218,220,394,267,5,183,0'); // first row of data1_original_events.npy
    const scaled = await runCli(['fcs', 'export', data1, '--format', 'csv']);
    const first = scaled.stdout.split('\n')[1]?.split(',').map(Number) ?? [];
    expect(first[0]).toBeCloseTo(88.01089918, 7); // 323 / 3.67 (data1_preprocessed.npy)
    expect(first[2]).toBeCloseTo(7.23394163, 7); // 10^(4·220/1024)
  });
});

describe('evlab fcs errors', () => {
  it('a missing file gives {file, error} and exit 1', async () => {
    const run = await runCli(['fcs', 'info', 'no-such.fcs', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: 'no-such.fcs', error: { code: 'not-found' } });
  });
});
