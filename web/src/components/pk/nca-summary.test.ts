import { describe, expect, it } from 'vitest';
import { analyseSubjects, DEFAULT_SETTINGS, parseTable } from './nca-panel-model.ts';
import { extrapolationWarnings, ncaSummaryRows } from './nca-summary.ts';

// Two IV-bolus subjects, C = C0·2^(−t): AUC∞ = C0/ln 2, Cmax at the first sample (1 h).
const TEXT = [
  'Subject\tTime\tConc',
  'A\t1\t80\nA\t2\t40\nA\t3\t20\nA\t4\t10\nA\t5\t5',
  'B\t1\t160\nB\t2\t80\nB\t3\t40',
].join('\n');

describe('NCA summary across subjects', () => {
  const parsed = parseTable(TEXT);
  if (!parsed.table) throw new Error(parsed.error);
  const { subjects } = analyseSubjects(
    parsed.table,
    { id: 'Subject', time: 'Time', conc: 'Conc' },
    { ...DEFAULT_SETTINGS, route: 'iv-bolus', aucMethod: 'linear-log', dose: '1000' },
    new Map(),
  );

  it('summarises Cmax over the two subjects: n 2, mean 120, geometric mean √(80·160)', () => {
    const cmax = ncaSummaryRows(subjects).find((r) => r.code === 'CMAX');
    expect(cmax?.n).toBe(2);
    expect(cmax?.mean).toBe(120);
    expect(cmax?.geometricMean).toBeCloseTo(Math.sqrt(80 * 160), 9);
    expect(cmax?.median).toBe(120);
    expect([cmax?.min, cmax?.max]).toEqual([80, 160]);
  });

  it('warns when AUC∞ is more than 20 % extrapolated, not at 12.5 %', () => {
    // B: AUC∞ = 320/ln 2 ≈ 461.7 (C0 = 320); the tail after 3 h is 40/ln 2 ≈ 57.7, i.e. 12.5 %, under 20 %.
    // A: tail after 5 h is 5/ln 2 of 160/ln 2, 3.1 %. Neither is flagged,
    expect(extrapolationWarnings(subjects)).toEqual([]);
    // until B is cut at 2 h: the tail 80/ln 2 of 320/ln 2 is 25 %.
    const short = parseTable('Subject\tTime\tConc\nB\t0.5\t226.27\nB\t1\t160\nB\t2\t80\n');
    if (!short.table) throw new Error(short.error);
    const cut = analyseSubjects(
      short.table,
      { id: 'Subject', time: 'Time', conc: 'Conc' },
      { ...DEFAULT_SETTINGS, route: 'iv-bolus', aucMethod: 'linear-log', dose: '1000' },
      new Map(),
    ).subjects;
    const warnings = extrapolationWarnings(cut);
    expect(warnings.map((w) => w.id)).toEqual(['B']);
    expect(warnings[0]?.percent).toBeCloseTo(25, 0);
  });
});
