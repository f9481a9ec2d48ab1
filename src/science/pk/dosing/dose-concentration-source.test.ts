import { describe, expect, it } from 'vitest';
import {
  chooseDoseConcentration,
  type DoseSourceMeasurement,
  doseConcentrationSource,
  doseConcentrationSources,
} from './dose-concentration-source.ts';
import { prepareDose } from './dose-preparation.ts';

/**
 * The NanoSight export states the rule itself: "Dilution factor (concentrations adjusted for this factor)"
 * (NTA 3.3 ExperimentSummary.csv, ../shared/reference/nanosight/20210401). The reference file
 * "EMT1 d200 pre1" reports 2.16e+08 particles/mL with the factor "Not recorded"; its name says the sample
 * was diluted 1:200 — the case a user fixes by entering the factor (checked on the real file in
 * src/jobs/dose-concentration-sources.test.ts).
 */
function measurement(over: Partial<DoseSourceMeasurement> = {}): DoseSourceMeasurement {
  return {
    id: 'm1',
    kind: 'nta',
    status: 'parsed',
    createdAt: '2026-01-02T03:04:05.000Z',
    fileName: 'EMT1 d200 pre1-ExperimentSummary.csv',
    report: {
      sample: 'EMT1',
      capturedAt: '2021-04-01T15:42:48',
      dilutionFactor: null,
      average: { concentrationPerMl: 2.16e8, concentrationSE: 1.01e7 },
      flags: [],
    },
    enteredDilutionFactor: null,
    retraction: null,
    ...over,
  };
}

const report = (over: Partial<NonNullable<DoseSourceMeasurement['report']>>) => ({
  ...(measurement().report as NonNullable<DoseSourceMeasurement['report']>),
  ...over,
});

describe('doseConcentrationSource', () => {
  it('multiplies by a dilution factor entered because the file says "not recorded"', () => {
    const s = doseConcentrationSource(measurement({ enteredDilutionFactor: 200 }));
    expect(s.dilution).toEqual({ factor: 200, origin: 'entered', editable: true });
    expect(s.concentrationPerMl).toBeCloseTo(2.16e8 * 200, -3);
    expect(s.reportedConcentrationPerMl).toBe(2.16e8);
  });

  it('never multiplies again when the file records the factor (NTA already adjusted the concentration)', () => {
    const s = doseConcentrationSource(
      measurement({ report: report({ dilutionFactor: 1000 }), enteredDilutionFactor: 50 }),
    );
    expect(s.dilution).toEqual({ factor: 1000, origin: 'file', editable: false });
    expect(s.concentrationPerMl).toBe(2.16e8);
  });

  it('keeps an unknown dilution visible and editable', () => {
    const s = doseConcentrationSource(measurement());
    expect(s.dilution).toEqual({ factor: null, origin: 'not-recorded', editable: true });
    expect(s.concentrationPerMl).toBe(2.16e8);
    expect(s.unusable).toEqual([]);
  });

  it('summarises QC from the flags: errors outrank warnings, info is not a warning', () => {
    const flags = [
      { level: 'info' as const, code: 'a', message: 'a' },
      { level: 'warning' as const, code: 'b', message: 'b' },
    ];
    expect(doseConcentrationSource(measurement({ report: report({ flags }) })).qc.status).toBe('warning');
    const withError = doseConcentrationSource(
      measurement({ report: report({ flags: [...flags, { level: 'error', code: 'c', message: 'c' }] }) }),
    );
    expect(withError.qc.status).toBe('error');
    expect(withError.qc.errors.map((f) => f.code)).toEqual(['c']);
    expect(
      doseConcentrationSource(measurement({ report: report({ flags: flags.slice(0, 1) }) })).qc.status,
    ).toBe('pass');
  });

  it('marks retracted, unreadable and concentration-less measurements unusable', () => {
    const retracted = doseConcentrationSource(
      measurement({ retraction: { at: '2026-02-01T00:00:00Z', by: 'ana', reason: 'wrong batch' } }),
    );
    expect(retracted.unusable.map((u) => u.code)).toEqual(['measurement-retracted']);
    expect(doseConcentrationSource(measurement({ status: 'unparsed', report: null })).unusable[0]?.code).toBe(
      'measurement-unparsed',
    );
    const empty = doseConcentrationSource(
      measurement({ report: report({ average: { concentrationPerMl: null, concentrationSE: null } }) }),
    );
    expect(empty.unusable[0]?.code).toBe('no-concentration');
    expect(empty.concentrationPerMl).toBeNull();
  });
});

describe('chooseDoseConcentration', () => {
  const errorFlag = { level: 'error' as const, code: 'instrument-x', message: 'Validity "Unreliable"' };

  it('refuses a retracted measurement whatever the user accepts', () => {
    const s = doseConcentrationSource(
      measurement({ retraction: { at: '2026-02-01T00:00:00Z', by: 'ana', reason: 'wrong batch' } }),
    );
    expect(() => chooseDoseConcentration(s, { acceptQcErrors: true })).toThrow(
      expect.objectContaining({ code: 'measurement-retracted' }),
    );
  });

  it('refuses QC errors unless accepted, then says so in the notes', () => {
    const s = doseConcentrationSource(
      measurement({ report: report({ flags: [errorFlag], dilutionFactor: 10 }) }),
    );
    expect(() => chooseDoseConcentration(s)).toThrow(
      expect.objectContaining({ code: 'qc-errors-not-accepted' }),
    );
    // Accepting without a reason is not enough: the override is audited with its reason.
    expect(() => chooseDoseConcentration(s, { acceptQcErrors: true, overrideReason: '  ' })).toThrow(
      expect.objectContaining({ code: 'override-reason-required' }),
    );
    const chosen = chooseDoseConcentration(s, { acceptQcErrors: true, overrideReason: 'only lot left' });
    expect(chosen.stockConcentrationPerMl).toBe(2.16e8);
    expect(chosen.notes.map((n) => n.code)).toEqual(['qc-errors-accepted']);
    expect(chosen.notes[0]?.message).toContain('Unreliable');
    expect(chosen.notes[0]?.message).toContain('only lot left');
  });

  it('warns when the dilution is unknown and feeds the stock concentration to the dose plan', () => {
    const unknown = chooseDoseConcentration(doseConcentrationSource(measurement()));
    expect(unknown.notes.map((n) => n.code)).toEqual(['dilution-not-recorded']);
    // 1e10 particles from 4.32e10 particles/mL (2.16e8 × 200) is 231.5 µL; without the factor it would be 46 mL.
    const chosen = chooseDoseConcentration(
      doseConcentrationSource(measurement({ enteredDilutionFactor: 200 })),
    );
    const plan = prepareDose({
      stockConcentrationPerMl: chosen.stockConcentrationPerMl,
      dose: 1e10,
      unit: 'particles',
      perKg: false,
    });
    expect(plan.stockVolumePerAnimalUl).toBeCloseTo((1e10 / (2.16e8 * 200)) * 1000, 6);
    expect(chosen.notes.map((n) => n.code)).toEqual(['dilution-entered']);
  });
});

/**
 * ZetaView: the `Concentration / cm-3` column is the diluted sample's and ZetaView's report multiplies by
 * `Dilution::` for the original concentration, as ZetaView's PDF report prints it (src/science/zetaview/
 * analyse-zetaview.ts; the public PC3 export of src/formats/zetaview/zetaview-pc3-report.test.ts records
 * `Dilution:: 500`).
 */
describe('ZetaView as a dose source', () => {
  const zeta = (dilution: number | null, entered: number | null = null): DoseSourceMeasurement => ({
    ...measurement({ kind: 'zetaview', report: null, enteredDilutionFactor: entered }),
    zetaView: { sample: 'UC-EV', dilution, concentrationPerMl: 3.1e7, flags: [] },
  });

  it("multiplies the measured concentration by the file's factor, read-only", () => {
    const s = doseConcentrationSources(zeta(500))[0];
    expect(s?.dilution).toEqual({ factor: 500, origin: 'file', editable: false });
    expect(s?.concentrationPerMl).toBeCloseTo(3.1e7 * 500, -2);
    expect(s?.unit).toBe('particles');
    expect(s?.instrument).toBe('ZetaView');
  });

  it('takes an entered factor only when the file has none', () => {
    expect(doseConcentrationSources(zeta(500, 20))[0]?.concentrationPerMl).toBeCloseTo(1.55e10, -2);
    const entered = doseConcentrationSources(zeta(null, 20))[0];
    expect(entered?.dilution).toEqual({ factor: 20, origin: 'entered', editable: true });
    expect(entered?.concentrationPerMl).toBeCloseTo(6.2e8, -2);
  });
});

/**
 * Protein: the plate's dilution-corrected sample concentration (the SoftMax Pro "AdjResult" rule, checked
 * against the instrument in src/formats/plate/read-plate-assay.test.ts), converted to µg/mL.
 */
describe('protein assay as a dose source', () => {
  const sample = (id: string, concentration: number | null, flags: string[] = []) => ({
    id,
    wells: [],
    replicates: 2,
    response: 0.5,
    responseCvPct: 2,
    measuredConcentration: concentration === null ? null : concentration / 10,
    wellConcentrations: [],
    concentration,
    ciLow: null,
    ciHigh: null,
    dilution: 10,
    flags: flags as never[],
  });
  const plate = (unit: string | null, accepted = true): DoseSourceMeasurement => ({
    ...measurement({ kind: 'protein-assay', report: null }),
    assay: {
      concentrationUnit: unit,
      model: '4pl',
      converged: true,
      calibration: { passingFraction: 1, accepted, reasons: accepted ? [] : ['2 of 7 standards off'] },
      flags: [],
      samples: [sample('EV-1', 0.45), sample('EV-2', 0.02, ['below-lloq'])],
    },
  });

  it('gives one µg/mL source per sample, with the plate dilution read-only', () => {
    const [a, b] = doseConcentrationSources(plate('mg/mL'));
    expect(a?.sampleId).toBe('EV-1');
    expect(a?.unit).toBe('ug-protein');
    expect(a?.concentrationPerMl).toBeCloseTo(450, 6);
    expect(a?.dilution).toEqual({ factor: 10, origin: 'file', editable: false });
    expect(a?.qc.status).toBe('pass');
    expect(b?.qc.status).toBe('error');
    expect(b?.qc.errors[0]?.code).toBe('below-lloq');
  });

  it('refuses a plate without a mass unit and a particle dose from a protein source', () => {
    const [unknown] = doseConcentrationSources(plate('OD'));
    expect(unknown?.unusable.map((u) => u.code)).toEqual(['unknown-unit']);
    const [ok] = doseConcentrationSources(plate('µg/mL'));
    expect(() => chooseDoseConcentration(ok as never, { unit: 'particles' })).toThrow(
      expect.objectContaining({ code: 'unit-mismatch' }),
    );
    expect(chooseDoseConcentration(ok as never, { unit: 'ug-protein' }).stockConcentrationPerMl).toBe(0.45);
  });

  it('makes every sample of a rejected calibration an error', () => {
    for (const s of doseConcentrationSources(plate('µg/mL', false)))
      expect(s.qc.errors.map((f) => f.code)).toContain('calibration-rejected');
  });
});
