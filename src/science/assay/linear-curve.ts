import type { CurveModel } from './curve-model.ts';

/** Straight line y = a + b·x (coefficients `intercept`, `slope`), e.g. a BCA assay's linear range. */
export const linearCurve: CurveModel = {
  name: 'linear',
  parameterNames: ['intercept', 'slope'],
  linearInParameters: true,
  predict: (x, [a = 0, b = 0]) => a + b * x,
  inverse(y, [a = 0, b = 0]) {
    if (b === 0) return null;
    const x = (y - a) / b;
    return Number.isFinite(x) ? x : null;
  },
  starts: () => [[0, 1]],
  valid: (p) => p.every(Number.isFinite),
};
