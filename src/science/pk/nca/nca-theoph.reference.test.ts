/**
 * Reference check against Phoenix WinNonlin: the theophylline data set (12 subjects, oral), dose 320 for
 * every subject, extravascular, with both AUC methods (../shared/reference/nca/, README section nca/).
 * Every parameter WinNonlin reports must agree to 0.1 % (relative). Column names are mapped to CDISC codes
 * with the reference mapping file, which also checks evlab's own code list and NCI names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../../test/support/environment.ts';
import { CDISC_PARAMETERS, cdiscParameter, ROUTE_PARAMETERS } from './cdisc-parameters.ts';
import { ncaForProfile } from './nca-profile.ts';

/** Minimal RFC 4180 reader for the small reference CSVs (quoted header cells, no embedded commas). */
function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').replace(/\r/g, '').trim().split('\n');
  const header = (lines[0] ?? '').split(',').map((h) => h.replace(/^"|"$/g, ''));
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const RELATIVE_TOLERANCE = 1e-3; // README: 0.1 % on every reported parameter

describeWithReference('nca', 'NCA equals Phoenix WinNonlin on Theoph', () => {
  const mapping = readCsv(referencePath('nca', 'cdisc-pp-winnonlin-names.csv'));
  const data = readCsv(referencePath('nca', 'theoph.csv'));
  const profiles = new Map<string, { time: number[]; conc: number[] }>();
  for (const row of data) {
    const id = row.Subject as string;
    const p = profiles.get(id) ?? { time: [], conc: [] };
    p.time.push(Number(row.Time));
    p.conc.push(Number(row.conc));
    profiles.set(id, p);
  }
  // WinNonlin column → CDISC code for an extravascular dose (the mapping writes % as '.').
  const wnlToCode = new Map<string, string>();
  for (const m of mapping) {
    if (Number(m.ExtravascularWNL) > 0)
      wnlToCode.set((m.WNL as string).replace('_.', '_%'), m.PPTESTCD as string);
  }

  it('knows every CDISC code of the mapping with its NCI name', () => {
    for (const m of mapping) {
      if (m.PPTESTCD === 'b0') continue; // the regression intercept has no PPTESTCD of its own
      const p = cdiscParameter(m.PPTESTCD as string);
      expect(p, m.PPTESTCD).toBeDefined();
      expect(p?.name, m.PPTESTCD).toBe(m.NCI);
    }
    expect(new Set(CDISC_PARAMETERS.map((p) => p.code)).size).toBe(CDISC_PARAMETERS.length);
  });

  it('reports, per route, every parameter WinNonlin reports by default', () => {
    const column = {
      extravascular: 'ExtravascularDefault',
      'iv-bolus': 'BolusDefault',
      'iv-infusion': 'InfusionDefault',
    } as const;
    for (const [route, col] of Object.entries(column)) {
      const expected = mapping.filter((m) => Number(m[col]) > 0).map((m) => m.PPTESTCD);
      const mine = ROUTE_PARAMETERS[route as keyof typeof column] as readonly string[];
      for (const code of expected) expect(mine, `${route} ${code}`).toContain(code);
    }
  });

  for (const [file, method] of [
    ['theoph-winnonlin-linear.csv', 'linear'],
    ['theoph-winnonlin-linuplogdown.csv', 'linear-log'],
  ] as const) {
    describe(`${method} trapezoidal AUC (${file})`, () => {
      const reference = readCsv(referencePath('nca', file));
      it('covers all 12 subjects and 34 parameters', () => {
        expect(reference).toHaveLength(12);
        const columns = Object.keys(reference[0] ?? {}).filter((c) => c !== 'Subject');
        expect(columns.length).toBeGreaterThanOrEqual(34);
        for (const c of columns) expect(wnlToCode.has(c), c).toBe(true);
      });
      for (const row of reference) {
        const id = row.Subject as string;
        it(`subject ${id}: every parameter within 0.1 %`, () => {
          const p = profiles.get(id);
          if (!p) throw new Error(`subject ${id} missing from theoph.csv`);
          const result = ncaForProfile(
            { id, ...p },
            { route: 'extravascular', dose: 320, aucMethod: method },
          );
          for (const [column, text] of Object.entries(row)) {
            if (column === 'Subject') continue;
            const code = wnlToCode.get(column) as string;
            const want = Number(text);
            const got = result.parameters[code as keyof typeof result.parameters];
            expect(got, `${column} (${code})`).not.toBeNull();
            expect(got, `${column} (${code})`).toBeTypeOf('number');
            const diff = Math.abs((got as number) - want);
            if (want === 0) expect(diff, `${column} (${code})`).toBeLessThan(1e-12);
            else
              expect(diff / Math.abs(want), `${column} (${code}): ${got} vs ${want}`).toBeLessThan(
                RELATIVE_TOLERANCE,
              );
          }
        });
      }
    });
  }
});
