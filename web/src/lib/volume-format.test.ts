import { describe, expect, it } from 'vitest';
import { formatVolumeUl } from './format.ts';

describe('formatVolumeUl', () => {
  it('writes volumes in the unit a scientist would use', () => {
    expect(formatVolumeUl(82_000)).toBe('82 mL');
    expect(formatVolumeUl(250)).toBe('250 µL');
    expect(formatVolumeUl(2.5)).toBe('2.5 µL');
    expect(formatVolumeUl(1_500_000)).toBe('1.5 L');
    expect(formatVolumeUl(Number.NaN)).toBe('—');
  });
});
