/** Reading, round-tripping and analysing a PK study's observation data in the browser. */
import { describe, expect, it } from 'vitest';
import type { PkStudyData } from '../../../../src/domain/pk-study.ts';
import {
  biodistributionRowsToCsv,
  classifyConcentrationHeader,
  concentrationRowsToCsv,
  doseUnitText,
  draftSources,
  ncaRouteFor,
  parameterUnit,
  parseBiodistributionText,
  parseConcentrationTimeText,
  sourceSizeProblem,
  studyBiodistribution,
  studyNca,
} from './pk-study-observations.ts';

function ok<T>(parsed: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!parsed.ok) throw new Error(`expected a parse, got: ${parsed.error}`);
  return parsed.value;
}
function err(parsed: { ok: boolean; error?: string }): string {
  if (parsed.ok) throw new Error('expected an error');
  return parsed.error as string;
}

describe('parseConcentrationTimeText', () => {
  it('reads subject, time, value and unit columns, in CSV or pasted TSV', () => {
    const csv = 'animal,time_h,value,unit\nM1,0.5,120,ng/mL\nM1,2,60,ng/mL\nM2,0.5,100,ng/mL\n';
    const parsed = ok(parseConcentrationTimeText(csv));
    expect(parsed.rows).toEqual([
      { timeH: 0.5, value: 120, unit: 'ng/mL', matrix: 'plasma', subject: 'M1' },
      { timeH: 2, value: 60, unit: 'ng/mL', matrix: 'plasma', subject: 'M1' },
      { timeH: 0.5, value: 100, unit: 'ng/mL', matrix: 'plasma', subject: 'M2' },
    ]);
    expect(parsed.subjects).toBe(2);
    const tsv = ok(
      parseConcentrationTimeText('Time (min)\tConc (%ID/mL)\n30\t12,5\n90\t4', { defaultMatrix: 'blood' }),
    );
    expect(tsv.rows).toEqual([
      { timeH: 0.5, value: 12.5, unit: '%ID/mL', matrix: 'blood', subject: null },
      { timeH: 1.5, value: 4, unit: '%ID/mL', matrix: 'blood', subject: null },
    ]);
  });

  it('stores BLQ as 0, skips missing samples, and names their lines', () => {
    const parsed = ok(
      parseConcentrationTimeText('time,conc\n0,BLQ\n1,5\n2,NA\n4,<0.5', { defaultUnit: 'particles/mL' }),
    );
    expect(parsed.rows.map((r) => [r.timeH, r.value])).toEqual([
      [0, 0],
      [1, 5],
      [4, 0],
    ]);
    expect(parsed.notes).toEqual([
      '2 BLQ samples stored as 0 (line 2, 5)',
      '1 missing sample skipped (line 4)',
    ]);
  });

  it('rejects what it cannot store, with the line', () => {
    expect(err(parseConcentrationTimeText('time,conc\n1,5'))).toMatch(/line 2: no unit/);
    expect(err(parseConcentrationTimeText('time,value,unit\n1,5,ng/mL\nx,3,ng/mL'))).toBe(
      'line 3: time "x" is not a number',
    );
    expect(err(parseConcentrationTimeText('time,value,unit\n-1,5,ng/mL'))).toMatch(
      /line 2: .*before the dose/,
    );
    expect(err(parseConcentrationTimeText('time,value,unit\n1,-5,ng/mL'))).toMatch(
      /line 2: value -5 is negative/,
    );
    expect(err(parseConcentrationTimeText('organ,value\nliver,3', { fileName: 'a.csv' }))).toMatch(
      /^a\.csv, line 1: the header needs a time column; it has: organ, value$/,
    );
    expect(err(parseConcentrationTimeText('time,value,unit\n1,"5,ng/mL'))).toMatch(/line 2: a quoted cell/);
  });

  it('gives no rows for blank text', () => {
    expect(ok(parseConcentrationTimeText('  \n')).rows).toEqual([]);
  });

  it('recognises the usual headers', () => {
    expect(classifyConcentrationHeader('Time (d)')).toEqual({ column: 'time', hoursPerUnit: 24 });
    expect(classifyConcentrationHeader('time_min')).toEqual({ column: 'time', hoursPerUnit: 1 / 60 });
    expect(classifyConcentrationHeader('DV')).toEqual({ column: 'value' });
    expect(classifyConcentrationHeader('Subject ID')).toEqual({ column: 'subject' });
    expect(classifyConcentrationHeader('organ')).toBeNull();
  });
});

describe('parseBiodistributionText', () => {
  it('reads a wide organ table with the unit in the first header cell', () => {
    const parsed = ok(parseBiodistributionText('organ (%ID/g)\t1 h\t24 h\nliver\t18\t16\nspleen\t22\tnd'));
    expect(parsed.layout).toBe('wide');
    expect(parsed.organs).toBe(2);
    expect(parsed.timesH).toEqual([1, 24]);
    expect(parsed.rows).toHaveLength(3);
  });

  it('passes on the reader error with its line', () => {
    expect(err(parseBiodistributionText('organ,time_h,value,unit\nliver,1,abc,%ID/g'))).toMatch(
      /pasted table, line 2.*"abc" is not a number/,
    );
  });
});

describe('stored rows → CSV → rows', () => {
  it('round-trips concentration–time rows, quoting where needed', () => {
    const rows = [
      { timeH: 0.25, value: 1.23e11, unit: 'particles/mL', matrix: 'plasma', subject: 'M, 1' },
      { timeH: 24, value: 0, unit: 'particles/mL', matrix: 'whole blood', subject: null },
    ];
    expect(ok(parseConcentrationTimeText(concentrationRowsToCsv(rows))).rows).toEqual(rows);
  });

  it('round-trips biodistribution rows with subjects, count times and organ masses', () => {
    const rows = [
      {
        organ: 'liver',
        timeH: 4,
        value: 21.5,
        unit: '%ID/g' as const,
        subject: 'R1',
        countTimeH: 28,
        organMassG: 1.3,
      },
      {
        organ: 'lungs',
        timeH: 0.5,
        value: 3e8,
        unit: '%ID/g' as const,
        subject: null,
        countTimeH: null,
        organMassG: null,
      },
    ];
    expect(ok(parseBiodistributionText(biodistributionRowsToCsv(rows))).rows).toEqual(rows);
  });
});

const study = (over: Partial<PkStudyData>): PkStudyData => ({
  batchId: 'b',
  title: '',
  species: 'mouse',
  strain: '',
  bodyWeightKg: 0.025,
  route: 'intravenous',
  dose: { value: 100, unit: 'mg', perKg: false },
  label: null,
  dosedOn: null,
  notes: '',
  observations: { concentrationTime: [], biodistribution: [] },
  ...over,
});

describe('studyNca', () => {
  it('maps the study route: intravenous → IV bolus, every other route → extravascular', () => {
    expect(ncaRouteFor('intravenous')).toBe('iv-bolus');
    expect(ncaRouteFor('intranasal')).toBe('extravascular');
    expect(ncaRouteFor('intraperitoneal')).toBe('extravascular');
    expect(doseUnitText({ unit: 'ug-protein', perKg: true })).toBe('µg protein/kg');
  });

  it('computes Cmax, Tmax, AUClast and a 2 h half-life from an exactly mono-exponential decline', () => {
    // C(t) = 8·2^(−t/2) ng/mL after an extravascular dose: any terminal points give t½ = 2 h.
    const times = [1, 2, 4, 6, 8];
    const conc = times.map((t) => 8 * 2 ** (-t / 2));
    const rows = [0, ...times].map((t, i) => ({
      timeH: t,
      value: i === 0 ? 0 : (conc[i - 1] as number),
      unit: 'ng/mL',
      matrix: 'plasma',
      subject: 'M1',
    }));
    // Stored out of order: the study view sorts by time.
    const nca = studyNca(
      study({
        route: 'intranasal',
        observations: { concentrationTime: rows.reverse(), biodistribution: [] },
      }),
    );
    expect(nca.route).toBe('extravascular');
    const [profile] = nca.profiles;
    expect(profile?.error).toBeNull();
    const p = profile?.result?.parameters ?? {};
    expect(p.CMAX).toBeCloseTo(8 * 2 ** -0.5, 12);
    expect(p.TMAX).toBe(1);
    expect(p.LAMZHL).toBeCloseTo(2, 9);
    // Linear trapezoids by hand: (0 + C1)/2·1 + Σ (Ci + Ci+1)/2·Δt.
    const pts = [[0, 0], ...times.map((t, i) => [t, conc[i] as number])] as [number, number][];
    let auc = 0;
    for (let i = 1; i < pts.length; i++) {
      const [t0, c0] = pts[i - 1] as [number, number];
      const [t1, c1] = pts[i] as [number, number];
      auc += ((c0 + c1) / 2) * (t1 - t0);
    }
    expect(p.AUCLST).toBeCloseTo(auc, 12);
    // AUC∞ = AUClast + Clast/λz with λz = ln 2 / 2.
    expect(p.AUCIFO).toBeCloseTo(auc + (conc[4] as number) / (Math.LN2 / 2), 9);
    if (!profile) throw new Error('no profile');
    expect(parameterUnit(profile, 'AUCLST')).toBe('h·ng/mL');
    expect(parameterUnit(profile, 'CMAX')).toBe('ng/mL');
    expect(parameterUnit(profile, 'LAMZHL')).toBe('h');
  });

  it('keeps one profile per matrix and subject and reports a bad profile instead of failing', () => {
    const row = (subject: string, timeH: number, value: number) => ({
      timeH,
      value,
      unit: 'ng/mL',
      matrix: 'plasma',
      subject,
    });
    const nca = studyNca(
      study({
        observations: {
          concentrationTime: [row('A', 0, 10), row('A', 1, 5), row('B', 1, 3), row('B', 1, 2)],
          biodistribution: [],
        },
      }),
    );
    expect(nca.profiles.map((p) => p.subject)).toEqual(['A', 'B']);
    expect(nca.profiles[1]?.error).toMatch(/time 1 appears twice/);
  });

  it('still computes with a unit NCA does not know, and says so', () => {
    const rows = [0.5, 1, 2, 4].map((t) => ({
      timeH: t,
      value: 10 / t,
      unit: 'AU',
      matrix: 'plasma',
      subject: null,
    }));
    const [profile] = studyNca(
      study({ observations: { concentrationTime: rows, biodistribution: [] } }),
    ).profiles;
    expect(profile?.result?.notes[0]).toMatch(/"AU" is not one NCA converts/);
    if (!profile) throw new Error('no profile');
    expect(parameterUnit(profile, 'CMAX')).toBe('AU');
  });
});

describe('studyBiodistribution', () => {
  it('gives the per-organ AUC by linear trapezoids of the study rows', () => {
    const rows = ok(
      parseBiodistributionText('organ (%ID/g)\t1 h\t4 h\t24 h\nblood\t12\t6\t1.5\nliver\t18\t24\t16'),
    ).rows;
    const report = studyBiodistribution(
      study({ observations: { concentrationTime: [], biodistribution: rows } }),
    );
    if (!report.ok) throw new Error(report.error);
    const liver = report.value.organs.find((o) => o.organ === 'liver');
    // (18 + 24)/2 · 3 h + (24 + 16)/2 · 20 h = 63 + 400.
    expect(liver?.concentration?.auc).toBeCloseTo(463, 10);
    expect(liver?.concentration?.cmax).toBe(24);
    expect(report.value.bodyWeightKg).toBe(0.025);
  });

  it('reports decay correction without a radiolabel as an error, not a crash', () => {
    const rows = ok(parseBiodistributionText('organ (%ID/g)\t1 h\nliver\t18')).rows;
    const report = studyBiodistribution(
      study({ label: 'DiR', observations: { concentrationTime: [], biodistribution: rows } }),
      { decayCorrect: true },
    );
    expect(report.ok).toBe(false);
  });
});

describe('draftSources', () => {
  const stored = concentrationRowsToCsv([
    { timeH: 1, value: 5, unit: 'ng/mL', matrix: 'plasma', subject: null },
  ]);

  it('sends each table the user gave exactly as given, named by its file or "pasted <kind> table.txt"', () => {
    const pasted = 'time (h)\tconc\r\n1\t5\r\n';
    const file = 'organ,1 h\nliver,18\n';
    expect(
      draftSources([
        { kind: 'concentration-time', text: pasted, initialText: '' },
        {
          kind: 'biodistribution',
          text: file,
          initialText: '',
          fileName: 'organs.csv',
          mediaType: 'text/csv',
        },
      ]),
    ).toEqual([
      { kind: 'concentration-time', name: 'pasted concentration-time table.txt', text: pasted },
      { kind: 'biodistribution', name: 'organs.csv', mediaType: 'text/csv', text: file },
    ]);
  });

  it('sends neither blank tables nor the unchanged CSV of stored rows, but an edited one', () => {
    expect(
      draftSources([
        { kind: 'concentration-time', text: stored, initialText: stored },
        { kind: 'biodistribution', text: ' \n', initialText: '' },
      ]),
    ).toEqual([]);
    const edited = `${stored}\n,plasma,2,3,ng/mL`;
    expect(draftSources([{ kind: 'concentration-time', text: edited, initialText: stored }])).toEqual([
      { kind: 'concentration-time', name: 'pasted concentration-time table.txt', text: edited },
    ]);
  });

  it('refuses a table above 5 MiB as UTF-8 before sending, counting multi-byte characters', () => {
    const limit = 5 * 1024 * 1024;
    const at = { kind: 'biodistribution' as const, name: 'x.csv', text: 'a'.repeat(limit) };
    expect(sourceSizeProblem(at)).toBeNull();
    expect(sourceSizeProblem({ ...at, text: 'µ'.repeat(limit / 2 + 1) })).toMatch(
      /biodistribution table \(x\.csv\)/,
    );
  });
});
