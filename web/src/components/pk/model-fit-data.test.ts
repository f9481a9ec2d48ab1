import { describe, expect, it } from 'vitest';
import { parseConcentrationText } from './model-fit-data.ts';

describe('parseConcentrationText', () => {
  it('groups rows by subject and skips missing/BLQ concentrations', () => {
    const parsed = parseConcentrationText('id,time,conc\nA,0,BLQ\nA,1,5\nB,1,4\nA,2,2.5\n');
    expect(parsed.error).toBeNull();
    expect(parsed.rows).toBe(3);
    expect(parsed.subjects).toEqual([
      {
        id: 'A',
        observations: [
          { time: 1, conc: 5 },
          { time: 2, conc: 2.5 },
        ],
      },
      { id: 'B', observations: [{ time: 1, conc: 4 }] },
    ]);
  });
  it('accepts tab-separated data without an id column', () => {
    const parsed = parseConcentrationText('time\tconc\n0.5\t3\n1\t2');
    expect(parsed.subjects[0]?.observations).toHaveLength(2);
  });
  it('names the line of a non-numeric value and a missing column', () => {
    expect(parseConcentrationText('time,conc\n1,x').error).toMatch(/Line 2/);
    expect(parseConcentrationText('t_h,value\n1,2').error).toMatch(/"time" and a "conc" column/);
  });
});
