import { describe, expect, it } from 'vitest';
import type { Rotor } from '../../../../src/science/centrifugation/centrifugation-types.ts';
import { parseUserRotors } from '../../../../src/science/centrifugation/rotor-schema.ts';
import { INITIAL_SIMULATOR_STATE, rotorsByType, simulate } from './centrifugation-simulation.ts';
import {
  CUSTOM_ROTORS_STORAGE_KEY,
  type CustomRotorDraft,
  deserializeCustomRotors,
  EMPTY_ROTOR_DRAFT,
  importCustomRotors,
  loadCustomRotors,
  nameClash,
  type RotorStorage,
  saveCustomRotors,
  serializeCustomRotors,
  validateRotorDraft,
} from './custom-rotors.ts';

const swing: CustomRotorDraft = {
  ...EMPTY_ROTOR_DRAFT,
  name: 'Lab bucket A',
  rMinMm: '60',
  rMaxMm: '150',
  maxRpm: '30000',
  tubeVolumeMl: '17',
};
const fixed: CustomRotorDraft = {
  ...EMPTY_ROTOR_DRAFT,
  name: 'Lab fixed B',
  type: 'fixed-angle',
  rMinMm: '40',
  rAvMm: '65',
  rMaxMm: '90',
  tubeDiameterMm: '25',
  angleDeg: '28',
  maxRpm: '45000',
};

function rotorOf(draft: CustomRotorDraft, existing: readonly Rotor[] = []): Rotor {
  const checked = validateRotorDraft(draft, existing);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.rotor;
}

function memoryStorage(initial: Record<string, string> = {}): RotorStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value);
    },
  };
}

describe('custom rotor form validation', () => {
  it('accepts a swinging bucket, fills Rav with the midpoint and drops fixed-angle fields', () => {
    const rotor = rotorOf({ ...swing, tubeDiameterMm: '25', angleDeg: '30' });
    expect(rotor).toMatchObject({
      name: 'Lab bucket A',
      type: 'swinging-bucket',
      rMinMm: 60,
      rAvMm: 105,
      rMaxMm: 150,
      tubeDiameterMm: null,
      angleDeg: null,
      maxRpm: 30_000,
      tubeVolumeMl: 17,
      userDefined: true,
    });
  });

  it('accepts a fixed-angle rotor with its tube diameter and angle, and a decimal comma', () => {
    const rotor = rotorOf({ ...fixed, rMinMm: '40,5' });
    expect(rotor).toMatchObject({
      type: 'fixed-angle',
      rMinMm: 40.5,
      rAvMm: 65,
      tubeDiameterMm: 25,
      angleDeg: 28,
    });
  });

  it('puts each problem on its own field, in words the form uses', () => {
    const empty = validateRotorDraft(EMPTY_ROTOR_DRAFT, []);
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.errors).toEqual({
      name: 'name must not be empty',
      rMinMm: 'Rmin is required',
      rMaxMm: 'Rmax is required',
      maxRpm: 'maximum speed is required',
    });

    const fixedMissing = validateRotorDraft({ ...fixed, tubeDiameterMm: '', angleDeg: ' ' }, []);
    expect(fixedMissing.ok || fixedMissing.errors).toEqual({
      tubeDiameterMm: 'tube diameter is required',
      angleDeg: 'angle is required',
    });

    const wrong = validateRotorDraft(
      { ...fixed, rMinMm: 'abc', angleDeg: '95', maxRpm: '250000', tubeVolumeMl: '-2' },
      [],
    );
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.errors.rMinMm).toBe('Rmin must be a number');
    expect(wrong.errors.angleDeg).toBe('angle must be < 90');
    expect(wrong.errors.maxRpm).toBe('maximum speed must be ≤ 200000');
    expect(wrong.errors.tubeVolumeMl).toBe('tube volume must be > 0');
    expect(wrong.errors.name).toBeUndefined();

    // Cross-field rules of the schema: Rmax > Rmin, Rmin < Rav < Rmax.
    const inverted = validateRotorDraft({ ...swing, rMinMm: '150', rMaxMm: '60' }, []);
    expect(inverted.ok || inverted.errors).toEqual({ rMaxMm: 'Rmax must be greater than Rmin' });
    const invertedAndMore = validateRotorDraft({ ...fixed, rMinMm: '90', rMaxMm: '40', maxRpm: '' }, []);
    expect(invertedAndMore.ok || invertedAndMore.errors).toEqual({
      rMaxMm: 'Rmax must be greater than Rmin',
      maxRpm: 'maximum speed is required',
    });
    const outside = validateRotorDraft({ ...swing, rAvMm: '155' }, []);
    expect(outside.ok || outside.errors).toEqual({ rAvMm: 'Rav must lie between Rmin and Rmax' });
  });
});

describe('custom rotor names', () => {
  it('refuses names that loosely match a built-in rotor, naming it', () => {
    for (const [name, builtIn] of [
      ['sw40ti', 'SW 40 Ti'],
      ['SW-40 Ti', 'SW 40 Ti'],
      ['type 70 ti', 'Type 70 Ti'],
      ['SW 41', 'SW 41 Ti'],
      ['MLS 50', 'MLS-50'],
    ] as const) {
      const clash = nameClash(name, []);
      expect(clash, name).toContain(`built-in rotor ${builtIn}`);
      const checked = validateRotorDraft({ ...swing, name }, []);
      expect(checked.ok || checked.errors.name, name).toContain(builtIn);
    }
    expect(nameClash('SW 40 Ti (our lab)', [])).toBeNull();
  });

  it('refuses a second rotor of the same (normalised) name as one of the user’s', () => {
    const mine = rotorOf(swing);
    expect(nameClash('lab-bucket a', [mine])).toContain('already have a rotor named "Lab bucket A"');
    const checked = validateRotorDraft({ ...fixed, name: 'LAB BUCKET A' }, [mine]);
    expect(checked.ok || checked.errors.name).toContain('already have');
    expect(validateRotorDraft(fixed, [mine]).ok).toBe(true);
  });
});

describe('custom rotor storage and JSON', () => {
  it('serialises to the --rotor-file format and reads the same rotors back', () => {
    const rotors = [rotorOf(swing), rotorOf(fixed)];
    const text = serializeCustomRotors(rotors);
    const json = JSON.parse(text) as Record<string, unknown>[];
    expect(json).toHaveLength(2);
    expect(json[0]).not.toHaveProperty('userDefined');
    expect(json[1]).toMatchObject({ name: 'Lab fixed B', tubeDiameterMm: 25, angleDeg: 28, rAvMm: 65 });
    // What the CLI and API accept.
    const cli = parseUserRotors(json);
    expect(cli.ok && cli.rotors).toEqual(rotors);
    expect(deserializeCustomRotors(text)).toEqual({ rotors, problems: [] });
  });

  it('drops saved entries that no longer validate or clash, and survives garbage', () => {
    const good = rotorOf(swing);
    const saved = JSON.stringify([
      good,
      { name: 'broken', type: 'swinging-bucket', rMinMm: 90, rMaxMm: 60, maxRpm: 1000 },
      { ...good, name: 'sw 28' },
      { ...good, name: 'lab bucket a' },
    ]);
    const read = deserializeCustomRotors(saved);
    expect(read.rotors.map((r) => r.name)).toEqual(['Lab bucket A']);
    expect(read.problems).toHaveLength(3);
    expect(read.problems[0]).toContain('[1]');
    expect(read.problems[1]).toContain('SW 28');
    expect(deserializeCustomRotors(null)).toEqual({ rotors: [], problems: [] });
    expect(deserializeCustomRotors('{not json').problems[0]).toContain('not valid JSON');
    expect(deserializeCustomRotors('{"name":"x"}').problems[0]).toContain('not a JSON array');
  });

  it('loads from and saves to localStorage under evlab.customRotors', () => {
    const storage = memoryStorage();
    expect(loadCustomRotors(storage).rotors).toEqual([]);
    const rotors = [rotorOf(fixed)];
    expect(saveCustomRotors(storage, rotors)).toBeNull();
    expect(storage.data.has(CUSTOM_ROTORS_STORAGE_KEY)).toBe(true);
    expect(loadCustomRotors(storage).rotors).toEqual(rotors);

    const full: RotorStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveCustomRotors(full, rotors)).toContain('QuotaExceededError');
    expect(saveCustomRotors(null, rotors)).toContain('does not allow saving');
    expect(loadCustomRotors(null)).toEqual({ rotors: [], problems: [] });
  });

  it('imports a --rotor-file array or a single object, all or nothing, with element paths', () => {
    const array = importCustomRotors(
      JSON.stringify([
        { name: 'Imported SW', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
        {
          name: 'Imported FA',
          type: 'fixed-angle',
          rMinMm: 30,
          rMaxMm: 90,
          maxRpm: 60000,
          tubeDiameterMm: 25,
          angleDeg: 25,
          manufacturer: 'Acme',
        },
      ]),
      [],
    );
    expect(array.ok && array.rotors.map((r) => [r.name, r.manufacturer, r.rAvMm])).toEqual([
      ['Imported SW', 'user-defined', 105],
      ['Imported FA', 'Acme', 60],
    ]);

    const single = importCustomRotors(
      '{"name":"One","type":"swinging-bucket","rMinMm":50,"rMaxMm":100,"maxRpm":20000}',
      [],
    );
    expect(single.ok && single.rotors.map((r) => r.name)).toEqual(['One']);

    const bad = importCustomRotors(
      JSON.stringify([
        { name: 'Fine', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
        { name: 'Bad', type: 'fixed-angle', rMinMm: 90, rMaxMm: 60, maxRpm: 30000 },
      ]),
      [],
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues).toContain(
      '[1].tubeDiameterMm: a fixed-angle rotor needs tube diameter (its sedimentation path is the tube width)',
    );
    expect(bad.issues.some((i) => i.startsWith('[1].rMaxMm: Rmax must be greater than Rmin'))).toBe(true);

    const mine = rotorOf(swing);
    const clash = importCustomRotors(
      JSON.stringify([
        { name: 'SW40Ti', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
        { name: 'Lab Bucket A', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
      ]),
      [mine],
    );
    expect(clash.ok || clash.issues.map((i) => i.slice(0, 9))).toEqual(['[0].name:', '[1].name:']);
    expect(importCustomRotors('[1,', []).ok).toBe(false);
    const none = importCustomRotors('[]', []);
    expect(none.ok || none.issues).toEqual(['the JSON array holds no rotors']);
    expect(importCustomRotors('42', []).ok).toBe(false);
  });
});

describe('custom rotors in the simulator', () => {
  it('are listed under "Your rotors" and usable in the run and the k-factor equivalence', () => {
    const mine = rotorOf(swing);
    const groups = rotorsByType([mine]);
    expect(groups.at(-1)).toEqual({ label: 'Your rotors', rotors: [mine] });
    expect(rotorsByType().map((g) => g.label)).not.toContain('Your rotors');

    expect(simulate({ ...INITIAL_SIMULATOR_STATE, rotorName: mine.name }).ok).toBe(false);
    const sim = simulate(
      { ...INITIAL_SIMULATOR_STATE, rotorName: mine.name, rcfG: 20_000, compareRotorName: 'SW 40 Ti' },
      [mine],
    );
    expect(sim.ok).toBe(true);
    if (!sim.ok) return;
    expect(sim.rotor).toBe(mine);
    expect(sim.equivalence && 'rotor' in sim.equivalence ? sim.equivalence.rotor.name : null).toBe(
      'SW 40 Ti',
    );

    const back = simulate({ ...INITIAL_SIMULATOR_STATE, compareRotorName: mine.name }, [mine]);
    expect(back.ok && back.equivalence && 'rotor' in back.equivalence ? back.equivalence.rotor : null).toBe(
      mine,
    );
  });
});
