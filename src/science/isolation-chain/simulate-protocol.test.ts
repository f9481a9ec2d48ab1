import { describe, expect, it } from 'vitest';
import { ISOLATION_METHODS, type IsolationStep } from '../../domain/isolation-protocol.ts';
import { ChainInputError } from './chain-types.ts';
import { EXAMPLE_PROTOCOLS } from './example-protocols.ts';
import { describePath, parseChainDocument, simulateProtocol } from './simulate-protocol.ts';
import { METHOD_SPECS, resolveStepParameters } from './step-parameters.ts';

const step = (
  method: IsolationStep['method'],
  parameters: IsolationStep['parameters'] = {},
): IsolationStep => ({
  method,
  parameters,
  notes: '',
});

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ChainInputError) return error.issues;
    throw error;
  }
  throw new Error('expected a ChainInputError');
}

describe('simulateProtocol', () => {
  it('simulates every method, including the ones without a physical model', () => {
    const result = simulateProtocol({
      protocol: { version: 1, name: 'all', steps: ISOLATION_METHODS.map((m) => step(m)) },
    });
    expect(result.steps.map((s) => s.method)).toEqual([...ISOLATION_METHODS]);
    for (const m of [
      'microfluidics',
      'acoustic-oscillation',
      'anion-exchange-chromatography',
      'immunomagnetic-beads',
    ]) {
      const s = result.steps.find((x) => x.method === m);
      expect(s?.model).toBe('assumed');
      expect(
        s?.assumptions.some((a) => a.assumption && a.key === 'evRecoveryPercent') ||
          m === 'immunomagnetic-beads',
      ).toBe(true);
      expect(s?.stepRecoveryPercent).toBeGreaterThan(0);
      expect(s?.stepRecoveryPercent).toBeLessThan(100);
    }
  });

  it('reports recovery, protein, purity and size per step, consistently', () => {
    const result = simulateProtocol({ protocol: EXAMPLE_PROTOCOLS['duc-classic'].protocol });
    let previous = result.input.particles;
    for (const s of result.steps) {
      expect(s.particles).toBeLessThanOrEqual(previous * (1 + 1e-12));
      expect(s.particles).toBeCloseTo(
        s.particlesByBin.reduce((a, b) => a + b, 0),
        -2,
      );
      expect(s.recoveryPercent).toBeCloseTo((100 * s.particles) / result.input.particles, 9);
      expect(s.purityParticlesPerUg).toBeCloseTo(s.particles / s.totalProteinUg, -3);
      expect(s.particlesByBin).toHaveLength(result.binsNm.length);
      previous = s.particles;
    }
    const last = result.steps[result.steps.length - 1];
    expect(result.final.particles).toBe(last?.particles);
    // Pelleting at 100,000 ×g leaves most free protein in the supernatant: purity rises several-fold.
    expect(
      (result.final.purityParticlesPerUg ?? 0) / (result.input.purityParticlesPerUg ?? 1),
    ).toBeGreaterThan(3);
    expect(result.assumptions.some((a) => a.where === 'input' && a.assumption)).toBe(true);
  });

  it('refuses an empty chain', () => {
    const issues = issuesOf(() => simulateProtocol({ protocol: { version: 1, name: '', steps: [] } }));
    expect(issues[0]?.path).toEqual(['protocol', 'steps']);
  });

  it('reports every bad parameter at once, with its path', () => {
    const issues = issuesOf(() =>
      simulateProtocol({
        protocol: {
          version: 1,
          name: '',
          steps: [
            step('ultrafiltration', { concentrationFactor: 'lots' }),
            step('polymer-precipitation', { hours: 0 }),
          ],
        },
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      ['protocol', 'steps', 0, 'parameters', 'concentrationFactor'],
      ['protocol', 'steps', 1, 'parameters', 'hours'],
    ]);
    expect(issues[1]?.message).toContain('step 2 (polymer-precipitation)');
  });

  it('warns about parameters a model does not use', () => {
    const result = simulateProtocol({
      protocol: { version: 1, name: '', steps: [step('filtration', { colour: 'blue' })] },
    });
    expect(result.steps[0]?.warnings.some((w) => w.includes('"colour"'))).toBe(true);
  });

  it('accepts the older editor keys (SEC column text, filtration poreSizeUm)', () => {
    const { values } = resolveStepParameters(
      'size-exclusion-chromatography',
      { column: 'qEV original 70 nm' },
      0,
    );
    expect(values.resin).toBe('qev-70');
  });
});

describe('parseChainDocument', () => {
  it('accepts a bare isolation protocol document and a chain', () => {
    expect(parseChainDocument({ steps: [{ method: 'filtration' }] }).protocol.steps[0]?.method).toBe(
      'filtration',
    );
    expect(parseChainDocument({ input: { volumeMl: 5 }, protocol: { steps: [] } }).input?.volumeMl).toBe(5);
  });

  it('names the step of an unknown method', () => {
    const issues = issuesOf(() =>
      parseChainDocument({ steps: [{ method: 'filtration' }, { method: 'teleportation' }] }),
    );
    expect(issues[0]?.path).toEqual(['protocol', 'steps', 1, 'method']);
    expect(issues[0]?.message).toContain('(step 2)');
  });

  it('describes paths readably', () => {
    expect(describePath(['protocol', 'steps', 2, 'parameters', 'minutes'])).toBe(
      'protocol.steps[2].parameters.minutes (step 3)',
    );
  });
});

describe('method specs', () => {
  it('define defaults within their own limits for every method', () => {
    for (const method of ISOLATION_METHODS) {
      const { issues } = resolveStepParameters(method, {}, 0);
      expect(issues).toEqual([]);
      for (const p of METHOD_SPECS[method].parameters) {
        expect(p.source.length).toBeGreaterThan(0);
        if (p.kind === 'number' && p.default !== null) {
          if (p.min !== undefined) expect(p.default).toBeGreaterThanOrEqual(p.min);
          if (p.max !== undefined) expect(p.default).toBeLessThanOrEqual(p.max);
        }
      }
    }
  });
});
