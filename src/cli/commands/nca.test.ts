import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'evlab-nca-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// C = 160·2^(−t): IV bolus, k = ln 2, AUC∞ = 160/ln 2 with log-down trapezoids.
const bolusCsv = file(
  'bolus.csv',
  'animal,t,c,dose\nA,1,80,1000\nA,2,40,1000\nA,3,20,1000\nA,4,10,1000\nB,1,40,500\nB,2,20,500\nB,3,10,500\nB,4,5,500\n',
);

describe('evlab nca', () => {
  it('prints a JSON array keyed by CDISC codes, one entry per subject, dose from a column', async () => {
    const { code, stdout, stderr } = await runCli([
      'nca',
      '--input',
      bolusCsv,
      '--id',
      'animal',
      '--time',
      't',
      '--conc',
      'c',
      '--dose-col',
      'dose',
      '--route',
      'iv-bolus',
      '--auc',
      'linear-log',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      id: string;
      parameters: Record<string, number | null>;
      notes: string[];
    }[];
    expect(out.map((r) => r.id)).toEqual(['A', 'B']);
    expect(out[0]?.parameters.AUCIFO).toBeCloseTo(160 / Math.LN2, 9);
    expect(out[0]?.parameters.CLO).toBeCloseTo((1000 * Math.LN2) / 160, 9);
    expect(out[1]?.parameters.CLO).toBeCloseTo((500 * Math.LN2) / 80, 9);
    expect(out[0]?.parameters.C0).toBeCloseTo(160, 9);
    expect(out[0]?.parameters).toHaveProperty('VSSO');
  });

  it('converts units when asked and prints a table with units', async () => {
    const { code, stdout } = await runCli([
      'nca',
      '--input',
      bolusCsv,
      '--id',
      'animal',
      '--time',
      't',
      '--conc',
      'c',
      '--dose',
      '1',
      '--route',
      'iv-bolus',
      '--auc',
      'linear-log',
      '--dose-unit',
      'mg',
      '--conc-unit',
      'ng/mL',
      '--time-unit',
      'h',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Subject A — iv-bolus, linear-up\/log-down, dose 1 mg/);
    expect(stdout).toMatch(/CLO\s+Observed Total Body Clearance Rate\s+4332\.\d\s+mL\/h/); // 1e6·ln2/160
    expect(stdout).toMatch(/LAMZHL\s+Terminal Half Life\s+1\s+h/);
  });

  it('adds partial AUCs, steady-state values and manual λz', async () => {
    const { stdout } = await runCli([
      'nca',
      '--input',
      bolusCsv,
      '--id',
      'animal',
      '--time',
      't',
      '--conc',
      'c',
      '--dose',
      '1',
      '--route',
      'iv-bolus',
      '--auc',
      'linear-log',
      '--partial',
      '1-3',
      '--tau',
      '4',
      '--lambda-z-start',
      '2',
      '--lambda-z-end',
      '4',
      '--json',
    ]);
    const [a] = JSON.parse(stdout) as {
      parameters: Record<string, number>;
      partialAucs: { auc: number }[];
    }[];
    expect(a?.partialAucs[0]?.auc).toBeCloseTo((160 / Math.LN2) * 0.375, 9);
    expect(a?.parameters.LAMZNPT).toBe(3);
    expect(a?.parameters).toHaveProperty('AUCTAU');
    expect(a?.parameters.AILAMZ).toBeCloseTo(16 / 15, 9);
  });

  it('names a missing column and lists the available ones', async () => {
    const { code, stderr } = await runCli([
      'nca',
      '--input',
      bolusCsv,
      '--time',
      'hours',
      '--conc',
      'c',
      '--dose',
      '1',
      '--route',
      'iv-bolus',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no time column "hours"; the columns are: animal, t, c, dose/);
  });

  it('names subject and line for unsorted times and negative concentrations', async () => {
    const unsorted = file('unsorted.csv', 'id,time,conc\n1,0,0\n1,2,5\n1,1,3\n');
    const r1 = await runCli([
      'nca',
      '--input',
      unsorted,
      '--dose',
      '1',
      '--route',
      'extravascular',
      '--json',
    ]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/subject 1, line 4: time 1 comes after 2/);
    expect(JSON.parse(r1.stdout).error.code).toBe('unsorted-times');
    const negative = file('neg.csv', 'id,time,conc\n1,0,0\n1,1,-3\n');
    const r2 = await runCli(['nca', '--input', negative, '--dose', '1', '--route', 'extravascular']);
    expect(r2.stderr).toMatch(/subject 1, line 3: negative concentration -3/);
  });

  it('refuses an IV bolus whose data rise from 0, naming the row', async () => {
    const rising = file('rising.csv', 'id,time,conc\nS9,0,0\nS9,1,4\nS9,2,8\nS9,4,3\nS9,8,1\n');
    const r = await runCli(['nca', '--input', rising, '--dose', '1', '--route', 'iv-bolus']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /subject S9, line 2: route is iv-bolus but the concentration is 0 at dose time and rises/,
    );
  });

  it('reports usage errors with exit code 2', async () => {
    expect((await runCli(['nca', '--input', bolusCsv, '--route', 'iv-bolus'])).stderr).toMatch(
      /--dose N or --dose-col/,
    );
    expect((await runCli(['nca', '--input', bolusCsv, '--dose', '1', '--route', 'iv-infusion'])).code).toBe(
      2,
    );
    expect((await runCli(['nca', '--input', bolusCsv, '--dose', '1', '--route', 'oral'])).code).toBe(2);
    expect(
      (
        await runCli([
          'nca',
          '--input',
          bolusCsv,
          '--dose',
          '1',
          '--route',
          'iv-bolus',
          '--dose-unit',
          'furlongs',
        ])
      ).code,
    ).toBe(2);
  });

  it('reports minute data in hours with --report-time-unit, options staying in the data unit', async () => {
    const minutes = file(
      'bolus-min.csv',
      'animal,t,c\nA,60,80\nA,120,40\nA,180,20\nA,240,10\n', // C = 160·2^(−t/60 min)
    );
    const args = [
      'nca',
      '--input',
      minutes,
      '--dose',
      '1',
      '--route',
      'iv-bolus',
      '--auc',
      'linear-log',
      '--time-unit',
      'min',
      '--report-time-unit',
      'h',
      '--conc-unit',
      'ng/mL',
      '--dose-unit',
      'mg/kg',
      '--partial',
      '60-180',
      '--tau',
      '240',
    ];
    const { code, stdout } = await runCli([...args, '--json']);
    expect(code).toBe(0);
    const [a] = JSON.parse(stdout) as {
      parameters: Record<string, number>;
      units: Record<string, string>;
      partialAucs: { startTime: number; endTime: number; auc: number }[];
      lambdaZPoints: { time: number }[];
    }[];
    // Hour values of the same curve: λz = ln 2 /h, t½ = 1 h, AUC∞ = 160/ln 2 h·ng/mL, CL = 1e6·ln 2/160 mL/h/kg.
    expect(a?.parameters.LAMZ).toBeCloseTo(Math.LN2, 12);
    expect(a?.parameters.LAMZHL).toBeCloseTo(1, 12);
    expect(a?.parameters.TMAX).toBeCloseTo(1, 12);
    expect(a?.parameters.AUCIFO).toBeCloseTo(160 / Math.LN2, 9);
    expect(a?.parameters.AUMCIFO).toBeCloseTo(160 / Math.LN2 ** 2, 8);
    expect(a?.parameters.CLO).toBeCloseTo((1e6 * Math.LN2) / 160, 5);
    expect(a?.parameters.VZO).toBeCloseTo(1e6 / 160, 5);
    expect(a?.parameters.AILAMZ).toBeCloseTo(16 / 15, 9); // τ = 240 min = 4 h
    expect(a?.partialAucs[0]).toMatchObject({ startTime: 1, endTime: 3 });
    expect(a?.partialAucs[0]?.auc).toBeCloseTo((160 / Math.LN2) * 0.375, 9);
    expect(a?.lambdaZPoints.map((p) => p.time)).toEqual([1, 2, 3, 4]);
    expect(a?.units).toMatchObject({
      TMAX: 'h',
      LAMZ: '1/h',
      LAMZHL: 'h',
      AUCIFO: 'h·ng/mL',
      AUMCIFO: 'h²·ng/mL',
      MRTIVIFO: 'h',
      CLO: 'mL/h/kg',
      VZO: 'mL/kg',
    });
    const table = await runCli(args);
    expect(table.stdout).toMatch(
      /Subject A — iv-bolus, linear-up\/log-down, dose 1 mg\/kg, times in h \(data in min\)/,
    );
    expect(table.stdout).toMatch(/LAMZHL\s+Terminal Half Life\s+1\s+h\n/);
    expect(table.stdout).toMatch(/AUCINT\s+AUC from 1 to 3 h\s+86\.5\d*\s+h·ng\/mL/);
    // Without --report-time-unit the data unit is the report unit.
    const same = JSON.parse((await runCli([...args.slice(0, 11), ...args.slice(13), '--json'])).stdout) as {
      parameters: Record<string, number>;
      units: Record<string, string>;
    }[];
    expect(same[0]?.parameters.LAMZHL).toBeCloseTo(60, 10);
    expect(same[0]?.units.CLO).toBe('mL/min/kg');
  });

  it('refuses an unknown report time unit, or one without --time-unit, with exit code 2', async () => {
    const base = ['nca', '--input', bolusCsv, '--dose', '1', '--route', 'iv-bolus'];
    const unknown = await runCli([...base, '--time-unit', 'h', '--report-time-unit', 'week']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--report-time-unit must be min, h or d \(got "week"\)/);
    const alone = await runCli([...base, '--report-time-unit', 'min']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--report-time-unit needs --time-unit/);
  });

  it('documents the report time unit in its help', async () => {
    const { stdout } = await runCli(['nca', '--help']);
    expect(stdout).toMatch(/--report-time-unit <unit>/);
    expect(stdout).toMatch(/AUMC \(×f²\)/);
  });

  it('notes, instead of inventing, what cannot be estimated', async () => {
    const short = file('short.csv', 'id,time,conc\n7,0,0\n7,1,2\n7,2,5\n7,4,9\n7,6,4\n');
    const r = await runCli(['nca', '--input', short, '--dose', '1', '--route', 'extravascular', '--json']);
    const [s] = JSON.parse(r.stdout) as { parameters: Record<string, number | null>; notes: string[] }[];
    expect(s?.parameters.LAMZ).toBeNull();
    expect(s?.parameters.AUCIFO).toBeNull();
    expect(s?.notes.join(' ')).toMatch(/λz not estimated/);
  });
});

describeWithReference('nca', 'evlab nca on Theoph equals WinNonlin', () => {
  it('gives the hour results from the data written in minutes with --report-time-unit h', async () => {
    const source = readFileSync(referencePath('nca', 'theoph.csv'), 'utf8').trim().split(/\r?\n/);
    const minutes = file(
      'theoph-min.csv',
      [
        'Subject,Minutes,conc',
        ...source.slice(1).map((line) => {
          const [subject, , , time, conc] = line.split(',');
          return `${subject},${Number(time) * 60},${conc}`;
        }),
      ].join('\n'),
    );
    const { code, stdout } = await runCli([
      'nca',
      '--input',
      minutes,
      '--id',
      'Subject',
      '--time',
      'Minutes',
      '--conc',
      'conc',
      '--dose',
      '320',
      '--route',
      'extravascular',
      '--auc',
      'linear-log',
      '--time-unit',
      'min',
      '--report-time-unit',
      'h',
      '--conc-unit',
      'mg/L',
      '--dose-unit',
      'mg',
      '--json',
    ]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as {
      id: string;
      parameters: Record<string, number>;
      units: Record<string, string>;
    }[];
    expect(results).toHaveLength(12);
    expect(results[0]?.units.CLFO).toBe('L/h');
    const lines = readFileSync(referencePath('nca', 'theoph-winnonlin-linuplogdown.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const header = (lines[0] as string).split(',');
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const mine = results.find((r) => r.id === (cells[0] ?? '').replace(/"/g, ''));
      for (const [column, code] of [
        ['Tmax', 'TMAX'],
        ['Lambda_z', 'LAMZ'],
        ['HL_Lambda_z', 'LAMZHL'],
        ['AUCINF_obs', 'AUCIFO'],
        ['AUMCINF_obs', 'AUMCIFO'],
        ['MRTINF_obs', 'MRTEVIFO'],
        ['Cl_F_obs', 'CLFO'],
        ['Vz_F_obs', 'VZFO'],
      ] as const) {
        const want = Number(cells[header.indexOf(column)]);
        expect(
          Math.abs((mine?.parameters[code] as number) - want) / want,
          `${cells[0]} ${column}`,
        ).toBeLessThan(1e-3);
      }
    }
  });

  it('matches AUCINF_obs and Cl_F_obs of every subject (linear-up/log-down) to 0.1 %', async () => {
    const { code, stdout } = await runCli([
      'nca',
      '--input',
      referencePath('nca', 'theoph.csv'),
      '--id',
      'Subject',
      '--time',
      'Time',
      '--conc',
      'conc',
      '--dose',
      '320',
      '--route',
      'extravascular',
      '--auc',
      'linear-log',
      '--json',
    ]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { id: string; parameters: Record<string, number> }[];
    const lines = readFileSync(referencePath('nca', 'theoph-winnonlin-linuplogdown.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const header = (lines[0] as string).split(',');
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const mine = results.find((r) => r.id === cells[0]);
      for (const [column, code] of [
        ['AUCINF_obs', 'AUCIFO'],
        ['Cl_F_obs', 'CLFO'],
      ] as const) {
        const want = Number(cells[header.indexOf(column)]);
        expect(Math.abs((mine?.parameters[code] as number) - want) / want).toBeLessThan(1e-3);
      }
    }
  });
});
