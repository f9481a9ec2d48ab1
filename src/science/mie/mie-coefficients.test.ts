import { describe, expect, it } from 'vitest';
import { Complex } from './complex.ts';
import {
  amplitudes,
  coatedSphereCoefficients,
  efficiencies,
  sphereCoefficients,
} from './mie-coefficients.ts';

/**
 * Agreement with a printed reference: within half a unit in its last printed place, or within 1e-6 relative
 * when that is looser (the criterion of issue 12).
 */
function expectPrinted(value: number, printed: string, what: string, atLeast = 0): void {
  const decimals = printed.includes('.') ? (printed.split('.')[1] as string).replace(/e.*/i, '').length : 0;
  const exp = /e(-?\d+)/i.exec(printed);
  const unit = 10 ** (-decimals + (exp ? Number(exp[1]) : 0));
  expect(Math.abs(value - Number(printed)), `${what}: ${value} vs ${printed}`).toBeLessThanOrEqual(
    Math.max(0.5 * unit, 1e-6 * Math.abs(Number(printed)), atLeast) * (1 + 1e-9),
  );
}

const mie = (n: number, k: number, x: number) => efficiencies(sphereCoefficients(new Complex(n, k), x));

describe('BHMIE (homogeneous sphere)', () => {
  it('Bohren & Huffman Appendix A example: m = 1.55, x = 2π·0.525/0.6328', () => {
    const r = mie(1.55, 0, (2 * Math.PI * 0.525) / 0.6328);
    expectPrinted(r.qext, '3.10543', 'Qext');
    expectPrinted(r.qsca, '3.10543', 'Qsca');
    expectPrinted(r.qback, '2.92534', 'Qback');
    expectPrinted(r.g, '0.63314', 'g');
  });

  // Wiscombe (1979), "Mie scattering calculations: advances in technique and fast, vector-speed computer
  // codes", NCAR/TN-140+STR, doi:10.5065/D6ZP4414, MIEV0 test cases (as tabulated in miepython's tests,
  // which print m = n − ik; here m = n + ik).
  // `abs`: where 1e-6 relative is not reached, the absolute tolerance used (miepython's own, 1e-6): only for
  // x = 10⁴ with m = 1.5 + 1i, where g differs by 1.1e-6 relative (a sum over 10⁴ terms; MIEV0 prints 6 digits).
  const wiscombe: {
    case: number;
    n: number;
    k: number;
    x: number;
    qext?: string;
    qsca?: string;
    g?: string;
    abs?: number;
  }[] = [
    { case: 7, n: 0.75, k: 0, x: 10, qsca: '2.232265', g: '0.896473' },
    { case: 8, n: 0.75, k: 0, x: 1000, qsca: '1.997908', g: '0.844944' },
    { case: 9, n: 1.33, k: 1e-5, x: 1, qsca: '0.093923', g: '0.184517' },
    { case: 10, n: 1.33, k: 1e-5, x: 100, qsca: '2.096594', g: '0.868959' },
    { case: 11, n: 1.33, k: 1e-5, x: 10000, qsca: '1.723857', g: '0.907840' },
    { case: 12, n: 1.5, k: 1, x: 0.055, qext: '0.101491', qsca: '0.000011', g: '0.000491' },
    { case: 13, n: 1.5, k: 1, x: 0.056, qext: '0.103347', qsca: '0.000012', g: '0.000509' },
    { case: 14, n: 1.5, k: 1, x: 1, qext: '2.336321', qsca: '0.663454', g: '0.192136' },
    { case: 16, n: 1.5, k: 1, x: 10000, qext: '2.004368', qsca: '1.236575', g: '0.846309', abs: 1e-6 },
    { case: 17, n: 10, k: 10, x: 1, qsca: '2.049405', g: '-0.110664' },
    { case: 18, n: 10, k: 10, x: 100, qsca: '1.836785', g: '0.556215' },
  ];
  for (const w of wiscombe) {
    it(`Wiscombe MIEV0 test case ${w.case}: m = ${w.n} + ${w.k}i, x = ${w.x}`, () => {
      const r = mie(w.n, w.k, w.x);
      if (w.qext) expectPrinted(r.qext, w.qext, 'Qext', w.abs);
      if (w.qsca) expectPrinted(r.qsca, w.qsca, 'Qsca', w.abs);
      if (w.g) expectPrinted(r.g, w.g, 'g', w.abs);
    });
  }

  it('Wiscombe MIEV0 case 14 amplitudes S1, S2 at 0…180° (m = 1.5 + 1i, x = 1)', () => {
    const c = sphereCoefficients(new Complex(1.5, 1), 1);
    // Printed for m = 1.5 − 1i (e^{+iωt}); the e^{−iωt} convention conjugates S.
    const table: [number, string, string, string, string][] = [
      [0, '0.584080', '0.190515', '0.584080', '0.190515'],
      [60, '0.517525', '0.178443', '0.287964', '0.041054'],
      [90, '0.456340', '0.167167', '0.0362285', '-0.0618265'],
      [180, '0.348844', '0.146829', '-0.348844', '-0.146829'],
    ];
    for (const [deg, s1re, s1im, s2re, s2im] of table) {
      const { s1, s2 } = amplitudes(c, Math.cos((deg * Math.PI) / 180));
      expectPrinted(s1.re, s1re, `S1 re ${deg}°`);
      expectPrinted(-s1.im, s1im, `S1 im ${deg}°`);
      expectPrinted(s2.re, s2re, `S2 re ${deg}°`);
      expectPrinted(-s2.im, s2im, `S2 im ${deg}°`);
    }
  });

  it('Qback equals 4|S1(180°)|²/x² and Qsca equals the integral of the phase function', () => {
    const c = sphereCoefficients(new Complex(1.59, 0), 3.3);
    const r = efficiencies(c);
    const { s1 } = amplitudes(c, -1);
    expect(r.qback).toBeCloseTo((4 * s1.abs2()) / (3.3 * 3.3), 10);
    let integral = 0;
    const steps = 16000;
    for (let i = 0; i < steps; i++) {
      const th = ((i + 0.5) * Math.PI) / steps;
      const { s1: a, s2: b } = amplitudes(c, Math.cos(th));
      integral += ((a.abs2() + b.abs2()) / 2) * Math.sin(th) * (Math.PI / steps);
    }
    expect((2 * integral) / (3.3 * 3.3)).toBeCloseTo(r.qsca, 6);
  });
});

describe('BHCOAT (coated sphere)', () => {
  it('a coat of the core material is the homogeneous sphere (BHMIE), to 1e-9', () => {
    const m = new Complex(1.45, 0.001);
    const coated = efficiencies(coatedSphereCoefficients(m, m, 1.2, 2.5));
    const solid = mie(1.45, 0.001, 2.5);
    for (const k of ['qext', 'qsca', 'qback', 'g'] as const) expect(coated[k]).toBeCloseTo(solid[k], 9);
  });

  it('a coat matched to the medium (m = 1) leaves only the core, to 1e-9', () => {
    const coated = efficiencies(coatedSphereCoefficients(new Complex(1.55, 0), new Complex(1, 0), 1.3, 1.8));
    const core = mie(1.55, 0, 1.3);
    // Efficiencies are per outer cross-section: scale back to the core's.
    const f = (1.8 / 1.3) ** 2;
    expect(coated.qsca * f).toBeCloseTo(core.qsca, 9);
    expect(coated.qext * f).toBeCloseTo(core.qext, 9);
    expect(coated.g).toBeCloseTo(core.g, 9);
  });
});
