import type { CurveModel } from './curve-model.ts';

/**
 * Quadratic y = a + b·x + c·x² (coefficients `intercept`, `linear`, `quadratic`): Pierce's BCA kit
 * instructions suggest a polynomial standard curve above ~1,000 µg/mL where the linear one bends
 * (Thermo Scientific Pierce BCA Protein Assay Kit, MAN0011430, "Calculation of results").
 * The inverse picks the root inside the standards' concentration range (widened by 50 %).
 */
export const quadraticCurve: CurveModel = {
  name: 'quadratic',
  parameterNames: ['intercept', 'linear', 'quadratic'],
  linearInParameters: true,
  predict: (x, [a = 0, b = 0, c = 0]) => a + b * x + c * x * x,
  inverse(y, [a = 0, b = 0, c = 0], range) {
    if (Math.abs(c) < 1e-300) return b === 0 ? null : (y - a) / b;
    const disc = b * b - 4 * c * (a - y);
    if (disc < 0) return null;
    const s = Math.sqrt(disc);
    // Numerically stable roots (Press et al., Numerical Recipes 3rd ed., §5.6).
    const q = -0.5 * (b + Math.sign(b || 1) * s);
    const roots = [q / c, q !== 0 ? (a - y) / q : Number.NaN].filter(Number.isFinite);
    const span = range.maxX - range.minX;
    const lo = range.minX - 0.5 * span;
    const hi = range.maxX + 0.5 * span;
    const inside = roots.filter((r) => r >= lo && r <= hi);
    if (inside.length === 0) return null;
    const mid = (range.minX + range.maxX) / 2;
    inside.sort((u, v) => Math.abs(u - mid) - Math.abs(v - mid));
    return inside[0] ?? null;
  },
  starts: () => [[0, 1, 0]],
  valid: (p) => p.every(Number.isFinite),
};
