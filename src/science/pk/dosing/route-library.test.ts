import { describe, expect, it } from 'vitest';
import { maxInjectionVolume, ROUTE_LIBRARY } from './route-library.ts';

// Expected values: Diehl et al. 2001, J. Appl. Toxicol. 21:15–23, Table 1 (good practice, possible maximum;
// mL/kg except intramuscular in mouse and rat, mL per site), as reproduced in institutional guidelines
// (UC Davis "Acceptable Volumes for Drug Administration").
describe('route volume limits (Diehl et al. 2001, Table 1)', () => {
  const limit = (route: keyof typeof ROUTE_LIBRARY, species: string) =>
    ROUTE_LIBRARY[route].volumes.find((v) => v.species === species);

  it('holds the per-kg volumes of the oral, SC, IP and IV columns', () => {
    expect(limit('oral', 'mouse')).toMatchObject({ goodPracticeMlPerKg: 10, possibleMaxMlPerKg: 50 });
    expect(limit('subcutaneous', 'rat')).toMatchObject({ goodPracticeMlPerKg: 5, possibleMaxMlPerKg: 10 });
    expect(limit('intraperitoneal', 'mouse')).toMatchObject({
      goodPracticeMlPerKg: 20,
      possibleMaxMlPerKg: 80,
    });
    expect(limit('intravenous', 'dog')).toMatchObject({ goodPracticeMlPerKg: 2.5 });
  });

  it('uses per-site intramuscular volumes for mouse and rat only', () => {
    expect(maxInjectionVolume('intramuscular', 'mouse', 0.025)).toMatchObject({
      goodPracticeUl: 50,
      possibleMaxUl: 100,
    });
    expect(maxInjectionVolume('intramuscular', 'rat', 0.25)).toMatchObject({
      goodPracticeUl: 100,
      possibleMaxUl: 200,
    });
    // Rabbit: 0.25 (0.5) mL/kg × 2 kg = 500 (1000) µL.
    const rabbit = maxInjectionVolume('intramuscular', 'rabbit', 2);
    expect(rabbit?.goodPracticeUl).toBeCloseTo(500, 9);
    expect(rabbit?.possibleMaxUl).toBeCloseTo(1000, 9);
    expect(limit('intramuscular', 'dog')).toMatchObject({
      goodPracticeMlPerKg: 0.25,
      possibleMaxMlPerKg: 0.5,
    });
  });
});
