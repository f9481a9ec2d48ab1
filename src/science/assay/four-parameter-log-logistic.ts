import type { CurveModel } from './curve-model.ts';
import { logLogisticStarts } from './log-logistic-starts.ts';

/**
 * Four-parameter log-logistic, drc's LL.4 (Ritz, Baty, Streibig & Gerhard 2015, PLoS ONE 10:e0146021):
 *   f(x) = c + (d − c) / (1 + exp(b (ln x − ln e)))
 * b slope (Hill), c response at x → ∞ (for b > 0), d response at x = 0, e the inflection (EC50, > 0).
 * At x = 0 the curve equals d when b > 0 (c when b < 0).
 */
export const fourParameterLogLogistic: CurveModel = {
  name: '4pl',
  parameterNames: ['b', 'c', 'd', 'e'],
  linearInParameters: false,
  predict(x, [b = 1, c = 0, d = 1, e = 1]) {
    if (x <= 0) return b > 0 ? d : b < 0 ? c : (c + d) / 2;
    return c + (d - c) / (1 + Math.exp(b * (Math.log(x) - Math.log(e))));
  },
  inverse(y, [b = 1, c = 0, d = 1, e = 1]) {
    const g = (y - c) / (d - c);
    if (!(g > 0 && g < 1)) return null;
    const x = e * (1 / g - 1) ** (1 / b);
    return Number.isFinite(x) && x >= 0 ? x : null;
  },
  starts: (x, y) => logLogisticStarts(x, y).map(({ b, c, d, e }) => [b, c, d, e]),
  // (b, c, d, e) and (−b, d, c, e) are the same curve; drc reports the one with c < d.
  canonical: ([b = 1, c = 0, d = 1, e = 1]) => (c > d ? [-b, d, c, e] : [b, c, d, e]),
  valid: ([b = 0, c = 0, d = 0, e = 0]) =>
    Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d) && e > 0,
};
