import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISO_DATE_INPUT, isIsoDate } from './iso-date-input.ts';

describe('ISO date inputs (issue 9 item 12)', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2025-03-14')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true); // leap year
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('03/14/2025')).toBe(false);
    expect(isIsoDate('2025-3-14')).toBe(false);
    expect(ISO_DATE_INPUT.placeholder).toBe('YYYY-MM-DD');
  });

  it('no native locale-formatted date input is left in web/src', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
      );
    const all = files(join(import.meta.dirname, '..'));
    expect(all.length).toBeGreaterThan(50);
    const offenders = all.filter((f) => /type=["']date["']/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
