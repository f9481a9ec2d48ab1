import type { CurveModel } from './curve-model.ts';
import { logLogisticStarts } from './log-logistic-starts.ts';

/**
 * Five-parameter log-logistic, drc's LL.5 (Ritz et al. 2015, PLoS ONE 10:e0146021; the asymmetric
 * logistic of Gottschalk & Dunn 2005, Anal Biochem 343:54):
 *   f(x) = c + (d − c) / (1 + exp(b (ln x − ln e)))^f
 * f > 0 is the asymmetry (f = 1 gives LL.4).
 */
export const fiveParameterLogLogistic: CurveModel = {
  name: '5pl',
  parameterNames: ['b', 'c', 'd', 'e', 'f'],
  linearInParameters: false,
  predict(x, [b = 1, c = 0, d = 1, e = 1, f = 1]) {
    if (x <= 0) return b > 0 ? d : b < 0 ? c : c + (d - c) / 2 ** f;
    return c + (d - c) / (1 + Math.exp(b * (Math.log(x) - Math.log(e)))) ** f;
  },
  inverse(y, [b = 1, c = 0, d = 1, e = 1, f = 1]) {
    const g = (y - c) / (d - c);
    if (!(g > 0 && g < 1)) return null;
    const u = g ** (-1 / f) - 1;
    if (!(u > 0)) return null;
    const x = e * u ** (1 / b);
    return Number.isFinite(x) && x >= 0 ? x : null;
  },
  starts: (x, y) =>
    logLogisticStarts(x, y).flatMap(({ b, c, d, e }) => [
      [b, c, d, e, 1],
      [b, c, d, e, 0.5],
      [b, c, d, e, 2],
    ]),
  valid: ([b = 0, c = 0, d = 0, e = 0, f = 0]) =>
    Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d) && e > 0 && f > 0 && f < 1e3,
};
