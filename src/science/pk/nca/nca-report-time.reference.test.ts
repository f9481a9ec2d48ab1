/**
 * Report time unit, checked against Phoenix WinNonlin on Theoph (../shared/reference/nca/, README section
 * nca/; the WinNonlin results are in hours, dose 320 mg, concentrations in mg/L):
 * - the same data with every time written in minutes, analysed with `units.time = 'min'` and reported in
 *   hours, must give WinNonlin's hour results to 0.1 % for every parameter;
 * - the hour data reported in minutes must give WinNonlin's results times factors written out by hand
 *   (time ×60, λz ×1/60, AUC ×60, AUMC ×60², CL ×1/60, V, concentrations and ratios ×1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../../test/support/environment.ts';
import { type NcaParameters, ncaForProfile } from './index.ts';

function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').replace(/\r/g, '').trim().split('\n');
  const header = (lines[0] ?? '').split(',').map((h) => h.replace(/^"|"$/g, ''));
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const RELATIVE_TOLERANCE = 1e-3; // README: 0.1 % on every reported parameter

/**
 * WinNonlin column → (CDISC code, factor from hours to minutes), by hand: 1 h = 60 min, so a time is ×60,
 * a rate (1/time) ×1/60, an area (conc·time) ×60, a first-moment area (conc·time²) ×3600, a clearance
 * (volume/time) ×1/60; concentrations, volumes, percentages, R² and counts do not change.
 */
const H_TO_MIN: Record<string, [string, number]> = {
  Rsq: ['R2', 1],
  Rsq_adjusted: ['R2ADJ', 1],
  Corr_XY: ['CORRXY', 1],
  No_points_lambda_z: ['LAMZNPT', 1],
  Lambda_z: ['LAMZ', 1 / 60],
  Lambda_z_lower: ['LAMZLL', 60],
  Lambda_z_upper: ['LAMZUL', 60],
  HL_Lambda_z: ['LAMZHL', 60],
  Tlag: ['TLAG', 60],
  Tmax: ['TMAX', 60],
  Cmax: ['CMAX', 1],
  Cmax_D: ['CMAXD', 1],
  Tlast: ['TLST', 60],
  Clast: ['CLST', 1],
  AUClast: ['AUCLST', 60],
  AUCall: ['AUCALL', 60],
  AUCINF_obs: ['AUCIFO', 60],
  AUCINF_D_obs: ['AUCIFOD', 60],
  'AUC_%Extrap_obs': ['AUCPEO', 1],
  Vz_F_obs: ['VZFO', 1],
  Cl_F_obs: ['CLFO', 1 / 60],
  AUCINF_pred: ['AUCIFP', 60],
  AUCINF_D_pred: ['AUCIFPD', 60],
  'AUC_%Extrap_pred': ['AUCPEP', 1],
  Vz_F_pred: ['VZFP', 1],
  Cl_F_pred: ['CLFP', 1 / 60],
  AUMClast: ['AUMCLST', 3600],
  AUMCINF_obs: ['AUMCIFO', 3600],
  'AUMC_%Extrap_obs': ['AUMCPEO', 1],
  AUMCINF_pred: ['AUMCIFP', 3600],
  'AUMC_%Extrap_pred': ['AUMCPEP', 1],
  MRTlast: ['MRTEVLST', 60],
  MRTINF_obs: ['MRTEVIFO', 60],
  MRTINF_pred: ['MRTEVIFP', 60],
};

function expectClose(got: number | null | undefined, want: number, label: string): void {
  expect(got, label).toBeTypeOf('number');
  const diff = Math.abs((got as number) - want);
  if (want === 0) expect(diff, label).toBeLessThan(1e-9);
  else expect(diff / Math.abs(want), `${label}: ${got} vs ${want}`).toBeLessThan(RELATIVE_TOLERANCE);
}

describeWithReference('nca', 'report time unit: Theoph in minutes and hours equals WinNonlin', () => {
  const data = readCsv(referencePath('nca', 'theoph.csv'));
  const profiles = new Map<string, { time: number[]; conc: number[] }>();
  for (const row of data) {
    const id = row.Subject as string;
    const p = profiles.get(id) ?? { time: [], conc: [] };
    p.time.push(Number(row.Time));
    p.conc.push(Number(row.conc));
    profiles.set(id, p);
  }

  it('has a hand factor for every WinNonlin column', () => {
    const reference = readCsv(referencePath('nca', 'theoph-winnonlin-linear.csv'));
    const columns = Object.keys(reference[0] ?? {}).filter((c) => c !== 'Subject');
    expect(columns.length).toBeGreaterThanOrEqual(34);
    for (const c of columns) expect(H_TO_MIN[c], c).toBeDefined();
  });

  for (const [file, method] of [
    ['theoph-winnonlin-linear.csv', 'linear'],
    ['theoph-winnonlin-linuplogdown.csv', 'linear-log'],
  ] as const) {
    const reference = readCsv(referencePath('nca', file));
    describe(`${method} (${file})`, () => {
      for (const row of reference) {
        const id = row.Subject as string;
        const p = profiles.get(id);
        const check = (parameters: NcaParameters, scale: (factor: number) => number) => {
          for (const [column, text] of Object.entries(row)) {
            if (column === 'Subject') continue;
            const [code, factor] = H_TO_MIN[column] as [keyof NcaParameters, number];
            expectClose(parameters[code], Number(text) * scale(factor), `${column} (${code})`);
          }
        };

        it(`subject ${id}: minutes data reported in hours equal the hour results`, () => {
          if (!p) throw new Error(`subject ${id} missing from theoph.csv`);
          const r = ncaForProfile(
            { id, time: p.time.map((t) => t * 60), conc: p.conc },
            {
              route: 'extravascular',
              dose: 320,
              aucMethod: method,
              units: { time: 'min', reportTime: 'h', conc: 'mg/L', dose: 'mg' },
            },
          );
          check(r.parameters, () => 1);
          expect(r.units?.LAMZ).toBe('1/h');
          expect(r.units?.TMAX).toBe('h');
          expect(r.units?.AUCIFO).toBe('h·mg/L');
          expect(r.units?.AUMCIFO).toBe('h²·mg/L');
          expect(r.units?.CLFO).toBe('L/h');
          expect(r.units?.VZFO).toBe('L');
          expect(r.lambdaZPoints.map((q) => q.time)).toEqual(p.time.map((t) => expect.closeTo(t, 9)));
        });

        it(`subject ${id}: hour data reported in minutes equal the hour results × hand factors`, () => {
          if (!p) throw new Error(`subject ${id} missing from theoph.csv`);
          const r = ncaForProfile(
            { id, ...p },
            {
              route: 'extravascular',
              dose: 320,
              aucMethod: method,
              units: { time: 'h', reportTime: 'min', conc: 'mg/L', dose: 'mg' },
            },
          );
          check(r.parameters, (factor) => factor);
          expect(r.units?.CLFO).toBe('L/min');
          expect(r.units?.AUMCIFO).toBe('min²·mg/L');
          expect(r.notes).toContain('times are in h in the data and reported in min');
        });
      }
    });
  }
});
