import { describe, expect, it } from 'vitest';
import { actorLabel } from './format.ts';

describe('actorLabel', () => {
  it('gives one name to every unidentified actor', () => {
    for (const a of ['anonymous', 'Anonymous', 'system', 'unknown', '', '  ', null, undefined]) {
      expect(actorLabel(a)).toBe('unknown user');
    }
  });
  it('keeps a real user name', () => {
    expect(actorLabel(' ada ')).toBe('ada');
  });
});
