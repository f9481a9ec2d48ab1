import { describe, expect, it } from 'vitest';
import { readDelimitedTable } from '../../../../src/formats/pk-csv/read-concentration-table.ts';
import { ncaForProfile } from '../../../../src/science/pk/nca/index.ts';
import { fitSubjectsFromTable, sharedDoseValue, studyToSharedData } from './pk-shared-data.ts';

/** Theophylline subject 1 (R datasets::Theoph; Boeckmann, Sheiner & Beal 1994), with one BLQ row added. */
const THEOPH = `id,time,conc
1,0,0.74
1,0.25,2.84
1,0.57,6.57
1,1.12,10.5
1,2.02,9.66
1,3.82,8.58
1,5.1,8.36
1,7.03,7.47
1,9.05,6.89
1,12.12,5.94
1,24.37,3.28
2,0,BLQ
2,1,4`;

describe('fitSubjectsFromTable (the data box as model-fit subjects)', () => {
  it('reads the same profiles as NCA and leaves BLQ samples out, counted', () => {
    const table = readDelimitedTable(THEOPH);
    const fit = fitSubjectsFromTable(table, { id: 'id', time: 'time', conc: 'conc' });
    expect(fit.error).toBeNull();
    expect(fit.subjects.map((s) => s.id)).toEqual(['1', '2']);
    expect(fit.subjects[0]?.observations).toHaveLength(11);
    // R: max(Theoph$conc[Theoph$Subject == 1]) is 10.5 at 1.12 h.
    const peak = fit.subjects[0]?.observations.reduce((a, b) => (b.conc > a.conc ? b : a));
    expect(peak).toEqual({ time: 1.12, conc: 10.5 });
    expect(fit.blqSkipped).toBe(1);
    expect(fit.rows).toBe(12);
  });

  it('says what is missing instead of fitting nothing', () => {
    expect(fitSubjectsFromTable(null, {}).error).toMatch(/data box/);
    const table = readDelimitedTable(THEOPH);
    expect(fitSubjectsFromTable(table, { time: 'time' }).error).toMatch(/concentration/);
    expect(fitSubjectsFromTable(table, { time: 'time', conc: 'nope' }).error).toMatch(
      /no concentration column/,
    );
  });
});

describe('studyToSharedData ("Analyse on PK page")', () => {
  const study = {
    id: 'pk1',
    title: 'IV DiR mouse',
    route: 'intravenous' as const,
    dose: { value: 1e10, unit: 'particles' as const, perKg: false },
    observations: {
      biodistribution: [],
      concentrationTime: [
        { timeH: 1, value: 50, unit: '%ID/mL', matrix: 'plasma', subject: 'M1' },
        { timeH: 0.25, value: 80, unit: '%ID/mL', matrix: 'plasma', subject: 'M1' },
        { timeH: 0.25, value: 70, unit: '%ID/mL', matrix: 'plasma', subject: 'M2' },
        { timeH: 4, value: 12, unit: '%ID/mL', matrix: 'plasma', subject: 'M1' },
      ],
    },
  };

  it('puts the rows, route, dose and units in the data box, one profile per subject sorted by time', () => {
    const data = studyToSharedData(study);
    expect(data.route).toBe('iv-bolus');
    expect(sharedDoseValue(data)).toBe(1e10);
    expect(data.doseUnit).toBe('particles');
    expect(data.concUnit).toBe('%ID/mL');
    expect(data.timeUnit).toBe('h');
    expect(data.origin?.studyId).toBe('pk1');
    const table = readDelimitedTable(data.text);
    const fit = fitSubjectsFromTable(table, data.columns);
    expect(fit.subjects.map((s) => [s.id, s.observations.map((o) => o.time)])).toEqual([
      ['M1', [0.25, 1, 4]],
      ['M2', [0.25]],
    ]);
  });

  it('gives NCA the same Cmax and AUClast as the stored rows analysed directly', () => {
    const data = studyToSharedData(study);
    const fit = fitSubjectsFromTable(readDelimitedTable(data.text), data.columns);
    const m1 = fit.subjects[0];
    if (!m1) throw new Error('M1 missing');
    const viaBox = ncaForProfile(
      { id: 'M1', time: m1.observations.map((o) => o.time), conc: m1.observations.map((o) => o.conc) },
      { route: 'extravascular', aucMethod: 'linear', dose: 1e10 },
    );
    // Linear trapezoids by hand, with C = 0 at t = 0 for a single extravascular dose (WinNonlin's rule):
    // 80/2·0.25 + (80+50)/2·0.75 + (50+12)/2·3 = 10 + 48.75 + 93 = 151.75 %ID·h/mL.
    expect(viaBox.parameters.AUCLST).toBeCloseTo(151.75, 10);
    expect(viaBox.parameters.CMAX).toBe(80);
  });

  it('keeps matrices and units apart and says so', () => {
    const mixed = {
      ...study,
      observations: {
        biodistribution: [],
        concentrationTime: [
          ...study.observations.concentrationTime,
          { timeH: 1, value: 3, unit: '%ID/g', matrix: 'brain', subject: 'M1' },
        ],
      },
    };
    const data = studyToSharedData(mixed);
    expect(data.concUnit).toBe('');
    expect(data.origin?.note).toMatch(/2 matrices/);
    const fit = fitSubjectsFromTable(readDelimitedTable(data.text), data.columns);
    expect(fit.subjects.map((s) => s.id)).toContain('M1 · brain · %ID/g');
  });
});
