import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src/domain/canonical-json.ts';
import type { IsolationProtocol } from '../../../../src/domain/isolation-protocol.ts';
import { DEMO_ISOLATION_PROTOCOL } from '../../../../src/jobs/seed-demo.ts';
import { chainOfQuery } from './protocol-builder.tsx';
import { draftsOf, draftsOfMethods, draftsToProtocol, withMethod } from './protocol-drafts.ts';

describe('protocol drafts on the batch page (issue 9 item 8)', () => {
  it('saves an untouched stored protocol unchanged: unknown parameters, other spellings and aliases kept', () => {
    const drafts = draftsOf(DEMO_ISOLATION_PROTOCOL, { fillDefaults: false });
    const again = draftsToProtocol(DEMO_ISOLATION_PROTOCOL.name, drafts);
    expect(canonicalJson(again)).toBe(canonicalJson(DEMO_ISOLATION_PROTOCOL));
    const tff = again.steps[3]?.parameters;
    expect(tff).toEqual({ mwcoKDa: 300, concentrationFactor: 50 });
    expect(again.steps[4]?.parameters).toEqual({ column: 'qEV original 70 nm', fractionsPooled: '7-9' });
  });

  it('shows a recorded value in its field (mwcoKDa in the MWCO field, column in the resin field)', () => {
    const drafts = draftsOf(DEMO_ISOLATION_PROTOCOL, { fillDefaults: false });
    expect(drafts[3]?.parameters.mwcoKda).toBe('300');
    expect(drafts[3]?.extra).toEqual({});
    expect(drafts[4]?.parameters.resin).toBe('qEV original 70 nm');
    expect(drafts[4]?.extra).toEqual({ fractionsPooled: '7-9' });
    // Fields the document does not set stay empty: nothing is added on save.
    expect(drafts[0]?.parameters.rotor ?? '').toBe('');
  });

  it('writes an edited field as a number under its own key and keeps the rest', () => {
    const drafts = draftsOf(DEMO_ISOLATION_PROTOCOL, { fillDefaults: false });
    const tff = drafts[3];
    if (!tff) throw new Error('no TFF step');
    drafts[3] = { ...tff, parameters: { ...tff.parameters, mwcoKda: '500' } };
    const sec = drafts[4];
    if (!sec) throw new Error('no SEC step');
    drafts[4] = { ...sec, notes: 'fractions 7–9 pooled' };
    const saved = draftsToProtocol('x', drafts);
    expect(saved.steps[3]?.parameters).toEqual({ mwcoKda: 500, concentrationFactor: 50 });
    expect(saved.steps[4]?.parameters.fractionsPooled).toBe('7-9');
    expect(saved.steps[4]?.notes).toBe('fractions 7–9 pooled');
    expect(saved.steps[0]?.parameters).toEqual({ rcfG: 300, minutes: 10, temperatureC: 4 });
  });

  it('drops the old parameters when the user changes a step method', () => {
    const [first] = draftsOf(DEMO_ISOLATION_PROTOCOL, { fillDefaults: false });
    if (!first) throw new Error('no step');
    const changed = withMethod({ ...first, extra: { custom: 1 } }, 'filtration');
    const saved = draftsToProtocol('', [changed]);
    expect(saved.steps[0]?.method).toBe('filtration');
    expect(saved.steps[0]?.parameters).not.toHaveProperty('rcfG');
    expect(saved.steps[0]?.parameters).not.toHaveProperty('custom');
    expect(saved.steps[0]?.notes).toBe('remove cells');
  });

  it('keeps recorded text in a number field as text (no silent loss)', () => {
    const protocol: IsolationProtocol = {
      version: 1,
      name: '',
      steps: [{ method: 'low-speed-centrifugation', parameters: { rcfG: '2000-3000' }, notes: '' }],
    };
    const saved = draftsToProtocol('', draftsOf(protocol, { fillDefaults: false }));
    expect(saved.steps[0]?.parameters).toEqual({ rcfG: '2000-3000' });
  });
});

describe('a recommendation opened in the protocol builder', () => {
  it('reads the chain of methods from the query and refuses unknown methods', () => {
    expect(chainOfQuery('ultrafiltration,size-exclusion-chromatography')).toEqual([
      'ultrafiltration',
      'size-exclusion-chromatography',
    ]);
    expect(chainOfQuery('ultrafiltration,warp-drive')).toBeNull();
    expect(chainOfQuery(null)).toBeNull();
    const steps = draftsToProtocol('UF → SEC', draftsOfMethods(['ultrafiltration'])).steps;
    expect(steps.map((s) => s.method)).toEqual(['ultrafiltration']);
  });
});
