import type { CurveModel, CurveModelName } from './curve-model.ts';
import { fiveParameterLogLogistic } from './five-parameter-log-logistic.ts';
import { fourParameterLogLogistic } from './four-parameter-log-logistic.ts';
import { linearCurve } from './linear-curve.ts';
import { quadraticCurve } from './quadratic-curve.ts';

export const CURVE_MODEL_NAMES = [
  'linear',
  'quadratic',
  '4pl',
  '5pl',
] as const satisfies readonly CurveModelName[];

export const CURVE_MODELS: Record<CurveModelName, CurveModel> = {
  linear: linearCurve,
  quadratic: quadraticCurve,
  '4pl': fourParameterLogLogistic,
  '5pl': fiveParameterLogLogistic,
};
