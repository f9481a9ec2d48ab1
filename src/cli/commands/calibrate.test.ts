import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { readFcs } from '../../formats/fcs/read-fcs.ts';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'evlab-calibrate-'));
const fluorescenceBeads = join(dir, 'mesf.json');
// FCMPASS documentation example (blank bead + three MESF beads).
writeFileSync(
  fluorescenceBeads,
  JSON.stringify({
    unit: 'MESF',
    fluorochrome: 'FITC',
    beads: [
      { mfi: 16, assigned: 0 },
      { mfi: 2701.9, assigned: 44922 },
      { mfi: 8846.75, assigned: 163832 },
      { mfi: 150763, assigned: 2833170 },
    ],
    convert: [1000, 0],
  }),
);
const scatterBeads = join(dir, 'scatter.json');
writeFileSync(
  scatterBeads,
  JSON.stringify({
    wavelengthNm: 488,
    aperture: { centreDeg: 90, halfAngleDeg: 53, polarisation: 'unpolarised' },
    beads: [
      { diameterNm: 203, material: 'polystyrene', au: 180 },
      { diameterNm: 400, material: 'polystyrene', au: 900 },
      { diameterNm: 296, refractiveIndex: { n: 1.445 }, au: 120 },
    ],
    convert: [0.5, 5],
  }),
);

describe('evlab calibrate', () => {
  it('fluorescence --json reproduces the FCMPASS example', async () => {
    const run = await runCli(['calibrate', 'fluorescence', '--beads', fluorescenceBeads, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.slope).toBeCloseTo(1.025836, 6);
    expect(out.intercept).toBeCloseTo(1.14599, 6);
    expect(out.rSquared).toBeCloseTo(0.999639, 6);
    expect(out.conversions[1].value).toBeNull();
  });

  it('scatter --json fits the instrument factor and converts a.u. to nm² and EV diameter', async () => {
    const run = await runCli(['calibrate', 'scatter', '--beads', scatterBeads, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.calibration.auPerNm2).toBeGreaterThan(0);
    expect(out.calibration.beads).toHaveLength(3);
    expect(out.ev.model).toEqual({ coreIndex: 1.38, shellIndex: 1.48, shellThicknessNm: 6 });
    const [small, large] = out.conversions;
    expect(small.crossSectionNm2).toBeCloseTo(0.5 / out.calibration.auPerNm2, 9);
    expect(small.diameterNm).toBeGreaterThan(30);
    expect(large.diameterNm).toBeGreaterThan(small.diameterNm);
  });

  it('rejects a bead file without material or index, naming the field (exit 2)', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        wavelengthNm: 488,
        aperture: { halfAngleDeg: 50 },
        beads: [{ diameterNm: 100, au: 3 }],
      }),
    );
    const run = await runCli(['calibrate', 'scatter', '--beads', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/beads\.0: give a material/);
  });
});

describeWithReference('fcs', 'evlab calibrate apply', () => {
  it('writes a calibrated FCS 3.1 file with added parameters and a MIFlowCyt-EV report', async () => {
    const out = join(dir, 'calibrated.fcs');
    const report = join(dir, 'report.md');
    const run = await runCli([
      'calibrate',
      'apply',
      referencePath('fcs', 'flowio', 'data1.fcs'),
      '--scatter',
      scatterBeads,
      '--scatter-channel',
      'SSC-H',
      '--fluorescence',
      fluorescenceBeads,
      '--fluorescence-channel',
      'FL1-H',
      '--out',
      out,
      '--report',
      report,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).addedParameters).toEqual([
      'SSC-H sigma nm2',
      'SSC-H diameter nm',
      'FL1-H MESF',
    ]);
    const d = readFcs(new Uint8Array(readFileSync(out)), 'calibrated.fcs').datasets[0];
    expect(d?.parameters).toHaveLength(11);
    expect(d?.eventCount).toBe(13367);
    const fl1 = d?.events.column(2) as Float32Array;
    const mesf = d?.events.column(10) as Float32Array;
    const e = fl1.findIndex((v) => v > 10);
    expect(mesf[e]).toBeCloseTo(10 ** (1.14599 + 1.025836 * Math.log10(fl1[e] as number)), -1);
    expect(readFileSync(report, 'utf8')).toMatch(
      /MIFlowCyt-EV[\s\S]*Scatter calibration[\s\S]*Fluorescence calibration/,
    );
  });
});
