/** Regression test (issue 10 hostile-input probe): `evlab spin --viscosity-cp 1e308` is a usage error. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

describe('evlab spin with extreme numbers', () => {
  it('exits 2 naming --viscosity-cp and prints no Infinity/NaN', async () => {
    const r = await runCli([
      'spin',
      '--rotor',
      'Type 60 Ti',
      '--rcf',
      '100000',
      '--minutes',
      '70',
      '--viscosity-cp',
      '1e308',
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(/--viscosity-cp/);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/Infinity|NaN/);
  });
});
