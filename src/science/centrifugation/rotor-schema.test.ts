import { describe, expect, it } from 'vitest';
import { formatIssuePath, parseUserRotors } from './rotor-schema.ts';

describe('user-defined rotors', () => {
  it('accepts a minimal rotor and fills defaults (Rav = midpoint)', () => {
    const parsed = parseUserRotors([
      { name: 'My SW', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
      {
        name: 'My FA',
        type: 'fixed-angle',
        rMinMm: 30,
        rMaxMm: 90,
        maxRpm: 60000,
        tubeDiameterMm: 25,
        angleDeg: 25,
      },
    ]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rotors[0]).toMatchObject({
      rAvMm: 105,
      userDefined: true,
      tubeDiameterMm: null,
      source: 'user-defined',
    });
    expect(parsed.rotors[1]).toMatchObject({ tubeDiameterMm: 25, angleDeg: 25 });
  });

  it('names the element and field of every problem', () => {
    const parsed = parseUserRotors([
      { name: 'ok', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
      { name: 'bad', type: 'fixed-angle', rMinMm: 90, rMaxMm: 60, maxRpm: -1 },
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.issues.map((i) => formatIssuePath(i.path));
    expect(paths).toContain('[1].maxRpm');
    expect(paths).toContain('[1].rMaxMm');
    expect(paths).toContain('[1].tubeDiameterMm');
    expect(paths).toContain('[1].angleDeg');
  });

  it('refuses a non-array, a wrong type and duplicate names', () => {
    expect(parseUserRotors({ name: 'x' }).ok).toBe(false);
    const wrongType = parseUserRotors([{ name: 'x', type: 'vertical', rMinMm: 1, rMaxMm: 2, maxRpm: 1 }]);
    expect(wrongType.ok || formatIssuePath(wrongType.issues[0]?.path ?? [])).toBe('[0].type');
    const dup = parseUserRotors([
      { name: 'A', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
      { name: 'a', type: 'swinging-bucket', rMinMm: 60, rMaxMm: 150, maxRpm: 30000 },
    ]);
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.issues[0]?.path).toEqual([1, 'name']);
  });
});
