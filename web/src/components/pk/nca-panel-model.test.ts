import { describe, expect, it } from 'vitest';
import {
  analyseSubjects,
  DEFAULT_SETTINGS,
  EXAMPLE_TABLE,
  initialColumns,
  parseTable,
  reportTimeUnitOf,
  resultsToCsv,
  settingsErrors,
  toggleLambdaZPoint,
} from './nca-panel-model.ts';

// C = 160·2^(−t) after an IV bolus: λz = ln 2 on any subset of points.
const TEXT = 'Subject\tTime\tConc\nA\t1\t80\nA\t2\t40\nA\t3\t20\nA\t4\t10\nA\t5\t5\n';

describe('NCA panel model', () => {
  const parsed = parseTable(TEXT);
  if (!parsed.table) throw new Error(parsed.error);
  const table = parsed.table;
  const columns = { id: 'Subject', time: 'Time', conc: 'Conc' };
  const settings = {
    ...DEFAULT_SETTINGS,
    route: 'iv-bolus' as const,
    aucMethod: 'linear-log' as const,
    dose: '1000',
  };

  it('guesses the columns of pasted TSV and analyses each subject in the browser', () => {
    expect(initialColumns(table)).toEqual(columns);
    const { subjects } = analyseSubjects(table, columns, settings, new Map());
    expect(subjects[0]?.result?.parameters.AUCIFO).toBeCloseTo(160 / Math.LN2, 9);
    expect(subjects[0]?.result?.lambdaZMode).toBe('auto');
  });

  it('turns clicks into a manual λz range with exclusions, and refuses fewer than two points', () => {
    const first = analyseSubjects(table, columns, settings, new Map()).subjects[0]?.result;
    if (!first) throw new Error('no result');
    expect(first.lambdaZPoints.filter((p) => p.used).map((p) => p.time)).toEqual([1, 2, 3, 4, 5]);
    const removed = toggleLambdaZPoint(first, 3);
    expect(removed.override).toEqual({ lambdaZ: { mode: 'manual', startTime: 1, endTime: 5 }, exclude: [3] });
    const second = analyseSubjects(table, columns, settings, new Map([['A', removed.override ?? never()]]))
      .subjects[0]?.result;
    expect(second?.parameters.LAMZNPT).toBe(4);
    expect(second?.lambdaZPoints.find((p) => p.time === 3)).toMatchObject({ used: false, excluded: true });
    const narrowed = toggleLambdaZPoint(second ?? never(), 1);
    expect(narrowed.override?.lambdaZ.startTime).toBe(2);
    const two = analyseSubjects(
      table,
      columns,
      settings,
      new Map([['A', { lambdaZ: { mode: 'manual', startTime: 4, endTime: 5 }, exclude: [] }]]),
    ).subjects[0]?.result;
    expect(toggleLambdaZPoint(two ?? never(), 4)).toEqual({
      override: null,
      reason: 'λz needs at least two points',
    });
  });

  it('reports setting errors by field and per-subject data errors', () => {
    expect(settingsErrors({ ...settings, route: 'iv-infusion' }, columns)).toEqual({
      duration: 'An infusion needs its duration',
    });
    expect(settingsErrors({ ...settings, dose: '-3' }, {})).toMatchObject({
      time: expect.any(String),
      dose: 'A positive number',
    });
    const bad = parseTable('id,t,c\n1,0,0\n1,2,3\n1,1,2\n2,0,0\n2,1,3\n2,2,2\n2,3,1\n2,4,0.5\n');
    const { subjects } = analyseSubjects(
      bad.table ?? never(),
      { id: 'id', time: 't', conc: 'c' },
      DEFAULT_SETTINGS,
      new Map(),
    );
    expect(subjects[0]?.error).toMatch(/subject 1, line 4: time 1 comes after 2/);
    expect(subjects[1]?.result).not.toBeNull();
  });

  it('reports in the chosen time unit and turns clicks on converted points back into data times', () => {
    // The same profile sampled in minutes (C = 160·2^(−t/60)), reported in hours.
    const minutes = parseTable(
      'Subject\tTime\tConc\nA\t60\t80\nA\t120\t40\nA\t180\t20\nA\t240\t10\nA\t300\t5\n',
    ).table;
    const inHours = { ...settings, timeUnit: 'min' as const, reportTimeUnit: 'h' as const };
    const first = analyseSubjects(minutes ?? never(), columns, inHours, new Map()).subjects[0]?.result;
    expect(first?.parameters.LAMZ).toBeCloseTo(Math.LN2, 12);
    expect(first?.parameters.AUCIFO).toBeCloseTo(160 / Math.LN2, 9);
    expect(first?.units?.LAMZ).toBe('1/h');
    expect(first?.lambdaZPoints.map((p) => p.time)).toEqual([1, 2, 3, 4, 5]);
    expect(reportTimeUnitOf(inHours)).toBe('h');
    expect(reportTimeUnitOf({ timeUnit: 'min', reportTimeUnit: '' })).toBe('min');
    const removed = toggleLambdaZPoint(first ?? never(), 3, inHours);
    // Stored in minutes, the data's unit, which is what NcaOptions expects.
    expect(removed.override).toEqual({
      lambdaZ: { mode: 'manual', startTime: 60, endTime: 300 },
      exclude: [180],
    });
    const narrowed = toggleLambdaZPoint(first ?? never(), 1, inHours).override ?? never();
    expect(narrowed.lambdaZ.startTime).toBe(120);
    const second = analyseSubjects(minutes ?? never(), columns, inHours, new Map([['A', narrowed]]))
      .subjects[0]?.result;
    expect(second?.parameters.LAMZNPT).toBe(4);
    expect(second?.parameters.LAMZLL).toBe(2); // hours
    // Changing only the report unit keeps the override valid: the same points, now in minutes.
    const inMinutes = analyseSubjects(
      minutes ?? never(),
      columns,
      { ...inHours, reportTimeUnit: 'min' },
      new Map([['A', narrowed]]),
    ).subjects[0]?.result;
    expect(inMinutes?.parameters.LAMZLL).toBe(120);
    expect(inMinutes?.parameters.LAMZ).toBeCloseTo(Math.LN2 / 60, 14);
    expect(settingsErrors({ ...settings, reportTimeUnit: 'h' }, columns)).toEqual({
      reportTimeUnit: 'Choose the time unit of the data first',
    });
  });

  it('exports long-format CSV with codes, NCI names, values and units', () => {
    const example = parseTable(EXAMPLE_TABLE).table ?? never();
    const exampleColumns = initialColumns(example);
    expect(exampleColumns).toMatchObject({ id: 'Mouse', time: 'Time (min)', dose: 'Dose' });
    const { subjects } = analyseSubjects(
      example,
      { ...exampleColumns, conc: 'Particles per mL', time: 'Time (min)' },
      {
        ...DEFAULT_SETTINGS,
        route: 'iv-bolus',
        aucMethod: 'linear-log',
        timeUnit: 'min',
        concUnit: 'particles/mL',
        doseUnit: 'particles',
      },
      new Map(),
    );
    const csv = resultsToCsv(subjects).split('\n');
    expect(csv[0]).toBe('subject,PPTESTCD,parameter,value,unit');
    expect(csv.find((l) => l.startsWith('M1,CLO,'))).toMatch(
      /^M1,CLO,Observed Total Body Clearance Rate,[\d.]+,mL\/min$/,
    );
    expect(csv.filter((l) => l.startsWith('M2,'))).toHaveLength(
      Object.keys(subjects[1]?.result?.parameters ?? {}).length,
    );
  });
});

function never(): never {
  throw new Error('unexpected missing value');
}

describe('analyseSubjects reads text with the CLI/API reader', () => {
  it('gives the same NCA from the text (readConcentrationProfiles) as from the split table', () => {
    const text = 'id,time,conc\nA,0,0\nA,0.5,BLQ\nA,1,5\nA,2,8\nA,4,6\nA,8,3\nA,12,1.5\n';
    const settings = { ...DEFAULT_SETTINGS, dose: '100' };
    const cols = { id: 'id', time: 'time', conc: 'conc' };
    const fromText = analyseSubjects({ text }, cols, settings, new Map());
    const split = parseTable(text).table;
    if (!split) throw new Error('table not read');
    const fromTable = analyseSubjects(split, cols, settings, new Map());
    expect(fromText.error).toBeNull();
    expect(fromText.subjects[0]?.result).toEqual(fromTable.subjects[0]?.result);
    expect(fromText.subjects[0]?.result).toBeTruthy();
    // A bad cell is named the same way by both readers.
    const bad = 'id,time,conc\nA,0,0\nA,x,5\n';
    const badText = analyseSubjects({ text: bad }, cols, settings, new Map());
    const badSplit = parseTable(bad).table;
    if (!badSplit) throw new Error('table not read');
    expect(badText.error).not.toBeNull();
    expect(badText.error).toBe(analyseSubjects(badSplit, cols, settings, new Map()).error);
  });
});
