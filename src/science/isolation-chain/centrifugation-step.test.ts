import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import type { IsolationStep } from '../../domain/isolation-protocol.ts';
import { ChainInputError } from './chain-types.ts';
import { simulateProtocol } from './simulate-protocol.ts';

const DIAMETERS = [70, 100, 120, 150];
const oneEach = {
  sizeDistribution: { kind: 'bins' as const, diametersNm: DIAMETERS, particlesPerMl: [1, 1, 1, 1] },
  particlesPerMl: 4,
  volumeMl: 10,
};

function step(method: IsolationStep['method'], parameters: IsolationStep['parameters']): IsolationStep {
  return { method, parameters, notes: '' };
}

function inputError(run: () => unknown): ChainInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ChainInputError) return error;
    throw error;
  }
  throw new Error('expected a ChainInputError');
}

describeWithReference('centrifugation', 'centrifugation steps against Livshits et al. 2015, Table 2', () => {
  const rows = parse(
    readFileSync(referencePath('centrifugation', 'livshits2015-table2-30min-10000g.csv'), 'utf8'),
    {
      columns: (header: string[]) => header.map((h) => h.replace(/\s+/gu, ' ').trim()),
      skip_empty_lines: true,
      trim: true,
    },
  ) as Record<string, string>[];

  for (const row of rows) {
    const rotor = row['Rotor name'] ?? '';
    it(`${rotor}: 30 min at 10,000 ×g keeps 1 − Pell(d) in the supernatant and Pell(d) × recovery in the pellet`, () => {
      const common = {
        rotor,
        rcfG: 10_000,
        minutes: 30,
        viscosityCp: 1.55,
        evDensityGPerMl: 1.15,
        mediumDensityGPerMl: 1.0,
      };
      const supernatant = simulateProtocol({
        input: oneEach,
        protocol: {
          version: 1,
          name: '',
          steps: [step('low-speed-centrifugation', { ...common, keep: 'supernatant' })],
        },
      });
      const pellet = simulateProtocol({
        input: oneEach,
        protocol: {
          version: 1,
          name: '',
          steps: [
            step('differential-ultracentrifugation', {
              ...common,
              keep: 'pellet',
              pelletRecoveryPercent: 100,
            }),
          ],
        },
      });
      const kept = supernatant.steps[0]?.particlesByBin ?? [];
      const pelleted = pellet.steps[0]?.particlesByBin ?? [];
      const inBins = supernatant.input.particlesByBin;
      for (const [i, d] of DIAMETERS.entries()) {
        const expected = Number((row[`Pell (${d} nm)`] ?? '').replace('%', '')) / 100;
        const n = inBins[i] as number;
        // The table rounds to whole percent; its d* and % come from rounded geometry: ≤ 1 point, as in
        // src/science/centrifugation/pelleting-efficiency.test.ts.
        expect(Math.abs(1 - (kept[i] as number) / n - expected)).toBeLessThanOrEqual(0.01);
        expect(Math.abs((pelleted[i] as number) / n - expected)).toBeLessThanOrEqual(0.01);
      }
      const dStar = Number((row['d* (30 min)'] ?? '').replace(/[^\d.]/g, ''));
      const cutoff = supernatant.steps[0]?.cutoffs.find((c) => c.name === 'cutoffDiameterNm')?.value ?? 0;
      expect(Math.abs(cutoff - dStar)).toBeLessThanOrEqual(2);
    });
  }
});

describe('centrifugation step input checks', () => {
  const chain = (
    parameters: IsolationStep['parameters'],
    method: IsolationStep['method'] = 'differential-ultracentrifugation',
  ) => ({
    protocol: {
      version: 1 as const,
      name: '',
      steps: [step('low-speed-centrifugation', {}), step(method, parameters)],
    },
  });

  it('refuses a speed above the rotor maximum, naming the maximum', () => {
    const error = inputError(() => simulateProtocol(chain({ rotor: 'Type 70 Ti', rpm: 80_000 })));
    expect(error.issues[0]?.path).toEqual(['protocol', 'steps', 1, 'parameters', 'rpm']);
    expect(error.message).toContain(
      'step 2 (differential-ultracentrifugation): 80,000 rpm is above the maximum speed of Type 70 Ti (70,000 rpm)',
    );
  });

  it('refuses an RCF the rotor cannot reach', () => {
    const error = inputError(() => simulateProtocol(chain({ rotor: 'A-4-62', rcfG: 100_000 })));
    expect(error.issues[0]?.path).toEqual(['protocol', 'steps', 1, 'parameters', 'rcfG']);
    expect(error.message).toMatch(/above the maximum speed of A-4-62 \(4,000 rpm, [\d,]+ ×g at Rav\)/);
  });

  it('refuses zero or negative times with the parameter path', () => {
    const error = inputError(() => simulateProtocol(chain({ minutes: 0 })));
    expect(error.issues[0]?.path).toEqual(['protocol', 'steps', 1, 'parameters', 'minutes']);
    expect(inputError(() => simulateProtocol(chain({ minutes: -5 }))).message).toContain(
      'minutes must be > 0',
    );
  });

  it('refuses a vesicle lighter than the medium', () => {
    const error = inputError(() =>
      simulateProtocol(chain({ evDensityGPerMl: 1.0, mediumDensityGPerMl: 1.05 })),
    );
    expect(error.issues[0]?.path).toEqual(['protocol', 'steps', 1, 'parameters', 'evDensityGPerMl']);
    expect(error.message).toContain('not denser than the medium');
  });

  it('names the closest rotors for an unknown one', () => {
    const error = inputError(() => simulateProtocol(chain({ rotor: 'Type 70Ti-x' })));
    expect(error.issues[0]?.path).toEqual(['protocol', 'steps', 1, 'parameters', 'rotor']);
    expect(error.message).toContain('unknown rotor "Type 70Ti-x"; closest: Type 70 Ti');
  });

  it('converts rpm to RCF at Rav (RCF = 1.118e-5 · r(cm) · rpm²)', () => {
    const result = simulateProtocol(chain({ rotor: 'Type 70 Ti', rpm: 40_000 }));
    const rcf = result.steps[1]?.cutoffs.find((c) => c.name === 'rcfG')?.value;
    // Type 70 Ti Rav 65.7 mm (Livshits Table 1): 1.118e-5 × 6.57 × 40000² = 117,523 ×g.
    expect(rcf).toBeCloseTo(1.118e-5 * 6.57 * 40_000 ** 2, 3);
  });

  it('keeps the pellet at ≥ 50,000 ×g and the supernatant below, by default', () => {
    const result = simulateProtocol({
      protocol: {
        version: 1,
        name: '',
        steps: [
          step('differential-ultracentrifugation', { rcfG: 10_000, minutes: 30 }),
          step('differential-ultracentrifugation', {}),
        ],
      },
    });
    expect(result.steps[0]?.volumeMl).toBe(result.input.volumeMl);
    expect(result.steps[1]?.volumeMl).toBe(0.2);
    // Small EVs stay behind at 10,000 ×g: the 10k supernatant still holds most 70 nm EVs.
    expect(result.steps[0]?.stepRecoveryPercent).toBeGreaterThan(30);
  });
});

describe('the 100,000 ×g warning (issue 9 item 11)', () => {
  it('does not warn a Théry 2006 step at exactly 100,000 ×g as "below 100,000 ×g" on any library rotor', () => {
    // Théry et al. 2006 (Curr Protoc Cell Biol 3.22): small EVs are pelleted at 100,000 ×g for 70 min.
    for (const rotor of ['Type 45 Ti', 'SW 41 Ti', 'TLA-100.3', 'Type 70 Ti']) {
      const r = simulateProtocol({
        input: oneEach,
        protocol: {
          version: 1,
          name: '',
          steps: [step('differential-ultracentrifugation', { rotor, rcfG: 100_000, minutes: 70 })],
        },
      });
      expect(r.steps[0]?.warnings.join(' ')).not.toMatch(/below 100,000/);
    }
    const below = simulateProtocol({
      input: oneEach,
      protocol: {
        version: 1,
        name: '',
        steps: [
          step('differential-ultracentrifugation', {
            rotor: 'SW 41 Ti',
            rcfG: 99_000,
            minutes: 70,
            keep: 'pellet',
          }),
        ],
      },
    });
    expect(below.steps[0]?.warnings.join(' ')).toMatch(/below 100,000 ×g/);
  });
});
