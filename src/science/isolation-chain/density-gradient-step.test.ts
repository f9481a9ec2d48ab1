import { describe, expect, it } from 'vitest';
import type { IsolationStep } from '../../domain/isolation-protocol.ts';
import { ChainInputError } from './chain-types.ts';
import { iodixanolDensityGPerMl, sucroseDensityGPerMl } from './gradient-media.ts';
import { simulateProtocol } from './simulate-protocol.ts';

function gradient(parameters: IsolationStep['parameters']) {
  const result = simulateProtocol({
    input: { preset: 'human-plasma', volumeMl: 1 },
    protocol: {
      version: 1,
      name: '',
      steps: [{ method: 'density-gradient-ultracentrifugation', parameters, notes: '' }],
    },
  });
  const step = result.steps[0];
  if (!step?.fractions) throw new Error('no fractions');
  return { result, step, fractions: step.fractions };
}

function inputError(fn: () => unknown): ChainInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ChainInputError) return error;
    throw error;
  }
  throw new Error('expected a ChainInputError');
}

function peak<T>(items: T[], value: (t: T) => number): T {
  return items.reduce((best, item) => (value(item) > value(best) ? item : best));
}

describe('gradient media densities', () => {
  it('OptiPrep (60 % w/v iodixanol) is 1.320 g/mL (Axis-Shield; Ford et al. 1994)', () => {
    expect(iodixanolDensityGPerMl(60)).toBeCloseTo(1.32, 6);
    expect(iodixanolDensityGPerMl(0)).toBeCloseTo(1.0, 6);
  });
  it('sucrose solutions follow the CRC table (20 °C)', () => {
    expect(sucroseDensityGPerMl(40)).toBeCloseTo(1.1765, 4);
    expect(sucroseDensityGPerMl(25)).toBeCloseTo((1.081 + 1.127) / 2, 4);
  });
});

describe('density-gradient step (isopycnic banding)', () => {
  it('bands EVs at ~1.10 g/mL in a 5–40 % iodixanol gradient (Van Deun et al. 2014, J Extracell Vesicles 3:24858)', () => {
    const { fractions, step, result } = gradient({});
    const evPeak = peak(fractions, (f) => f.particles);
    expect(evPeak.densityGPerMl).toBeGreaterThanOrEqual(1.08);
    expect(evPeak.densityGPerMl).toBeLessThanOrEqual(1.12);
    // The default collection window (EV band ± 2 SD) holds most EVs and no free protein.
    expect(step.recoveryPercent).toBeGreaterThan(70);
    expect(step.proteinUg / result.input.proteinUg).toBeLessThan(0.01);
  });

  it('bands EVs within 1.13–1.19 g/mL in sucrose (Théry et al. 2006, Curr Protoc Cell Biol 3.22)', () => {
    const { fractions } = gradient({ medium: 'sucrose', layers: '10,20,30,40,50,60', layerVolumeMl: 2 });
    const evPeak = peak(fractions, (f) => f.particles);
    expect(evPeak.densityGPerMl).toBeGreaterThanOrEqual(1.13);
    expect(evPeak.densityGPerMl).toBeLessThanOrEqual(1.19);
  });

  it('floats VLDL (< 1.006 g/mL) to the top fraction whichever way the sample is loaded', () => {
    for (const loading of ['top', 'bottom']) {
      const { fractions, result } = gradient({ loading });
      expect((fractions[0]?.lipoproteins.vldl ?? 0) / result.input.lipoproteins.vldl).toBeGreaterThan(0.95);
    }
  });

  it('leaves soluble protein where it was loaded (4.6 S albumin barely moves in 18 h)', () => {
    const top = gradient({ loading: 'top' });
    const topShare =
      top.fractions.slice(0, 3).reduce((s, f) => s + f.proteinUg, 0) / top.result.input.proteinUg;
    expect(topShare).toBeGreaterThan(0.95);
    const bottom = gradient({ loading: 'bottom' });
    const last = bottom.fractions[bottom.fractions.length - 1];
    expect((last?.proteinUg ?? 0) / bottom.result.input.proteinUg).toBeGreaterThan(0.95);
    // Float-up: the EVs still reach their band.
    const evPeak = peak(bottom.fractions, (f) => f.particles);
    expect(evPeak.densityGPerMl).toBeGreaterThanOrEqual(1.08);
    expect(evPeak.densityGPerMl).toBeLessThanOrEqual(1.12);
  });

  it('warns when EVs cannot reach equilibrium in a short spin', () => {
    const { step } = gradient({ minutes: 20 });
    expect(step.warnings.some((w) => w.includes('not at equilibrium'))).toBe(true);
  });

  it('refuses layers that do not increase from top to bottom and explicit fractions outside the tube', () => {
    expect(() => gradient({ layers: '40,20,10' })).toThrow(/layers must increase/);
    expect(() => gradient({ collectFractions: '40-41' })).toThrow(/outside 1–13/);
  });

  it('lists the closest rotor names for an unknown rotor, with the parameter path', () => {
    const error = inputError(() => gradient({ rotor: 'SW 41Tii' }));
    expect(error.issues[0]?.path).toEqual(['protocol', 'steps', 0, 'parameters', 'rotor']);
    expect(error.message).toMatch(
      /^step 1 \(density-gradient-ultracentrifugation\): unknown rotor "SW 41Tii"; closest: SW 41 Ti, /,
    );
  });

  it('refuses a speed above the rotor maximum in the same words as a centrifugation step', () => {
    // Beckman Coulter SW 41 Ti rotor manual: maximum 41,000 rpm.
    const rpm = inputError(() => gradient({ rotor: 'SW 41 Ti', rpm: 45_000 }));
    expect(rpm.issues[0]?.path).toEqual(['protocol', 'steps', 0, 'parameters', 'rpm']);
    expect(rpm.message).toBe(
      'step 1 (density-gradient-ultracentrifugation): 45,000 rpm is above the maximum speed of SW 41 Ti (41,000 rpm)',
    );
    const rcf = inputError(() => gradient({ rotor: 'SW 41 Ti', rcfG: 400_000 }));
    expect(rcf.issues[0]?.path).toEqual(['protocol', 'steps', 0, 'parameters', 'rcfG']);
    expect(rcf.message).toMatch(/above the maximum speed of SW 41 Ti \(41,000 rpm, [\d,]+ ×g at Rav\)$/);
  });

  it('collects the fractions the user names', () => {
    const { fractions, step } = gradient({ collectFractions: '8-9', fractionVolumeMl: 1 });
    expect(fractions.filter((f) => f.collected).map((f) => f.number)).toEqual([8, 9]);
    expect(step.volumeMl).toBe(2);
  });
});
