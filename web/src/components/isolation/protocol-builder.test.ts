import { describe, expect, it } from 'vitest';
import { simulateProtocol } from '../../../../src/science/isolation-chain/simulate-protocol.ts';
import { draftsToProtocol } from './protocol-builder.tsx';
import { draftToPopulation, presetDraft } from './protocol-input-editor.tsx';
import { defaultParameters } from './protocol-step-editor.tsx';

describe('protocol builder drafts', () => {
  it('turns form strings into a protocol document: numbers typed, blanks left to the model, text kept for validation', () => {
    const parameters = {
      ...defaultParameters('ultrafiltration'),
      concentrationFactor: '25',
      poreNm: '',
      fluxLmh: 'fast',
    };
    const protocol = draftsToProtocol('UF', [
      { key: 'a', method: 'ultrafiltration', parameters, notes: 'n' },
    ]);
    const step = protocol.steps[0];
    expect(step?.parameters.concentrationFactor).toBe(25);
    expect(step?.parameters.mwcoKda).toBe(100);
    expect(step?.parameters).not.toHaveProperty('poreNm');
    // An untouched typical value (assumption) is left out; the simulator reports it as an assumption.
    expect(step?.parameters).not.toHaveProperty('membraneAreaCm2');
    expect(step?.parameters.fluxLmh).toBe('fast');
    expect(() => simulateProtocol({ protocol })).toThrow(/fluxLmh must be a number/);
  });

  it('sends only the input values the user changed, so preset values stay marked as assumptions', () => {
    const draft = { ...presetDraft('msc-cm-serum-free'), volumeMl: '250' };
    const population = draftToPopulation(draft);
    expect(population.volumeMl).toBe(250);
    expect(population.proteinUgPerMl).toBeUndefined();
    const result = simulateProtocol({
      input: population,
      protocol: draftsToProtocol('', [
        { key: 'b', method: 'filtration', parameters: defaultParameters('filtration'), notes: '' },
      ]),
    });
    const byKey = Object.fromEntries(result.input.assumptions.map((a) => [a.key, a.assumption]));
    expect(byKey['input.volumeMl']).toBe(false);
    expect(byKey['input.proteinUgPerMl']).toBe(true);
  });
});
