/**
 * Weighted least-squares fit of a standard-curve model, with the parameter covariance
 * s² (JᵀWJ)⁻¹ (s² = weighted RSS / df), standard errors and the residual standard error, as R's nls/drc
 * report them (Bates & Watts 1988, Nonlinear Regression Analysis and Its Applications, §2.3).
 * Models linear in their parameters are solved in closed form; the log-logistic ones by
 * Levenberg–Marquardt from several starts (the lowest weighted RSS wins).
 */
import { inverse, Matrix } from 'ml-matrix';
import { levenbergMarquardt, numericalJacobian } from '../pk/fitting/weighted-levenberg-marquardt.ts';
import type { CurveModel } from './curve-model.ts';

export interface CurveFit {
  model: CurveModel;
  parameters: number[];
  /** Covariance of the parameters (p × p); null when JᵀWJ is singular or df = 0. */
  covariance: number[][] | null;
  standardErrors: (number | null)[];
  /** Residual standard error sqrt(WRSS / df). */
  rse: number | null;
  df: number;
  wrss: number;
  converged: boolean;
}

export function fitCurve(
  model: CurveModel,
  x: readonly number[],
  y: readonly number[],
  weights: readonly number[],
): CurveFit {
  const n = x.length;
  const p = model.parameterNames.length;
  if (n < p) throw new RangeError(`${model.name} needs at least ${p} standards with a response; got ${n}`);
  const predictAll = (theta: readonly number[]) =>
    model.valid(theta) ? x.map((xi) => model.predict(xi, theta)) : x.map(() => Number.NaN);

  let parameters: number[];
  let converged = true;
  if (model.linearInParameters) {
    parameters = solveLinearModel(model, x, y, weights);
  } else {
    let best: { theta: number[]; wrss: number; converged: boolean } | null = null;
    for (const start of model.starts(x, y)) {
      if (!model.valid(start)) continue;
      const result = levenbergMarquardt({ predict: predictAll, observed: y, weights }, start, {
        lower: Number.NEGATIVE_INFINITY,
        upper: Number.POSITIVE_INFINITY,
        maxIterations: 1000,
        relativeTolerance: 1e-15,
      });
      if (Number.isFinite(result.wrss) && (best === null || result.wrss < best.wrss))
        best = { theta: result.theta, wrss: result.wrss, converged: result.converged };
    }
    if (best === null) throw new RangeError(`${model.name}: no starting value gave a finite fit`);
    parameters = model.canonical ? model.canonical(best.theta) : best.theta;
    converged = best.converged;
  }

  const predicted = predictAll(parameters);
  let wrss = 0;
  for (let i = 0; i < n; i++) wrss += (weights[i] ?? 1) * ((y[i] ?? 0) - (predicted[i] ?? 0)) ** 2;
  const df = n - p;
  const s2 = df > 0 ? wrss / df : null;
  const jac = numericalJacobian(predictAll, parameters, n);
  let covariance: number[][] | null = null;
  if (s2 !== null) {
    const jtwj = Matrix.zeros(p, p);
    for (let i = 0; i < n; i++) {
      const row = jac[i] ?? [];
      const w = weights[i] ?? 1;
      for (let j = 0; j < p; j++)
        for (let k = 0; k < p; k++) jtwj.set(j, k, jtwj.get(j, k) + w * (row[j] ?? 0) * (row[k] ?? 0));
    }
    try {
      const inv = inverse(jtwj).mul(s2).to2DArray();
      if (inv.flat().every(Number.isFinite)) covariance = inv;
    } catch {
      covariance = null;
    }
  }
  const standardErrors = parameters.map((_, j) => {
    const v = covariance?.[j]?.[j];
    return v !== undefined && v >= 0 ? Math.sqrt(v) : null;
  });
  return {
    model,
    parameters,
    covariance,
    standardErrors,
    rse: s2 === null ? null : Math.sqrt(s2),
    df,
    wrss,
    converged,
  };
}

/** Weighted normal equations for a model linear in its parameters (the design is ∂f/∂p, constant). */
function solveLinearModel(
  model: CurveModel,
  x: readonly number[],
  y: readonly number[],
  weights: readonly number[],
): number[] {
  const p = model.parameterNames.length;
  const design = x.map((xi) =>
    model.parameterNames.map((_, j) => {
      const unit = new Array<number>(p).fill(0);
      unit[j] = 1;
      return model.predict(xi, unit);
    }),
  );
  const X = new Matrix(design);
  const W = Matrix.diag([...weights]);
  const Y = Matrix.columnVector([...y]);
  const xtw = X.transpose().mmul(W);
  const solution = inverse(xtw.mmul(X)).mmul(xtw.mmul(Y));
  return solution.getColumn(0);
}
