/**
 * Weighted nonlinear least squares by Levenberg–Marquardt (Levenberg 1944, Q Appl Math 2:164; Marquardt
 * 1963, J SIAM 11:431) with Marquardt's diagonal scaling and Nielsen's damping update (Madsen, Nielsen &
 * Tingleff 2004, "Methods for non-linear least squares problems", 2nd ed., DTU, §3.2).
 *
 * Why not ml-levenberg-marquardt: version 5 accepts weights but takes a fixed damping schedule, reports
 * neither the Jacobian nor a convergence flag, and clamps to bounds only after a step. evlab needs the
 * Jacobian at the optimum (parameter SEs), a trustworthy convergence test, steps in log-parameter space
 * (rate constants and volumes stay positive) and a re-weighting outer loop for 1/ŷ² weights — so the
 * ~100 lines below are written out, and tested against known solutions.
 */

export interface LeastSquaresProblem {
  /** Model predictions for a parameter vector in the optimisation space (here: log parameters). */
  predict(theta: readonly number[]): number[];
  observed: readonly number[];
  weights: readonly number[];
}

export interface LeastSquaresOptions {
  maxIterations?: number;
  /** Stop when an accepted step lowers the objective by less than this fraction. */
  relativeTolerance?: number;
  /** Stop when the step is smaller than this (in θ units). */
  stepTolerance?: number;
  /** Box for θ, protecting exp() from overflow. */
  lower?: number;
  upper?: number;
}

export interface LeastSquaresResult {
  theta: number[];
  wrss: number;
  iterations: number;
  converged: boolean;
  /** dŷ/dθ at the solution (n × p), central differences. */
  jacobian: number[][];
  predicted: number[];
}

export function weightedSumOfSquares(
  observed: readonly number[],
  predicted: readonly number[],
  weights: readonly number[],
): number {
  let s = 0;
  for (let i = 0; i < observed.length; i++) {
    const r = (observed[i] ?? 0) - (predicted[i] ?? Number.NaN);
    s += (weights[i] ?? 0) * r * r;
  }
  return Number.isFinite(s) ? s : Number.POSITIVE_INFINITY;
}

/** dŷ/dθ by central differences; relative step 1e-6 (cube root of machine epsilon ≈ 6e-6). */
export function numericalJacobian(
  predict: (theta: readonly number[]) => number[],
  theta: readonly number[],
  n: number,
): number[][] {
  const jac = Array.from({ length: n }, () => new Array<number>(theta.length).fill(0));
  for (let j = 0; j < theta.length; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(theta[j] ?? 0));
    const up = [...theta];
    const down = [...theta];
    up[j] = (up[j] ?? 0) + h;
    down[j] = (down[j] ?? 0) - h;
    const fUp = predict(up);
    const fDown = predict(down);
    for (let i = 0; i < n; i++) {
      const row = jac[i];
      if (row) row[j] = ((fUp[i] ?? Number.NaN) - (fDown[i] ?? Number.NaN)) / (2 * h);
    }
  }
  return jac;
}

/** Solves the small symmetric system A x = b by Gaussian elimination with partial pivoting; null if singular. */
export function solveLinearSystem(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    const pr = m[pivot];
    if (!pr || !(Math.abs(pr[col] ?? 0) > 1e-300)) return null;
    [m[col], m[pivot]] = [pr, m[col] ?? pr];
    const rowCol = m[col] ?? pr;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r];
      if (!row) continue;
      const factor = (row[col] ?? 0) / (rowCol[col] ?? 1);
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (rowCol[c] ?? 0);
    }
  }
  const x = m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
  return x.every(Number.isFinite) ? x : null;
}

export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  theta0: readonly number[],
  options: LeastSquaresOptions = {},
): LeastSquaresResult {
  const maxIterations = options.maxIterations ?? 500;
  const relTol = options.relativeTolerance ?? 1e-12;
  const stepTol = options.stepTolerance ?? 1e-10;
  const lower = options.lower ?? -40;
  const upper = options.upper ?? 40;
  const n = problem.observed.length;
  const p = theta0.length;
  const { observed, weights } = problem;
  const clamp = (t: number[]) => t.map((x) => Math.min(upper, Math.max(lower, x)));

  let theta = clamp([...theta0]);
  let predicted = problem.predict(theta);
  let wrss = weightedSumOfSquares(observed, predicted, weights);
  let mu = -1;
  let nu = 2;
  let converged = false;
  let iterations = 0;
  let jac: number[][] = [];

  for (; iterations < maxIterations; iterations++) {
    jac = numericalJacobian(problem.predict, theta, n);
    // A = Jᵀ W J, g = Jᵀ W r
    const A = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const w = weights[i] ?? 0;
      const r = (observed[i] ?? 0) - (predicted[i] ?? 0);
      const row = jac[i] ?? [];
      for (let j = 0; j < p; j++) {
        const wj = w * (row[j] ?? 0);
        g[j] = (g[j] ?? 0) + wj * r;
        const Aj = A[j] ?? [];
        for (let k = 0; k <= j; k++) Aj[k] = (Aj[k] ?? 0) + wj * (row[k] ?? 0);
      }
    }
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) (A[j] ?? [])[k] = A[k]?.[j] ?? 0;
    if (!A.flat().every(Number.isFinite)) break;
    const diag = A.map((row, j) =>
      Math.max(row[j] ?? 0, 1e-12 * Math.max(1e-300, ...A.map((r, k) => r[k] ?? 0))),
    );
    if (mu < 0) mu = 1e-3;
    // Scaled gradient: cosine between the residual vector and each Jacobian column (0 at a minimum).
    const gradientNorm = Math.max(
      ...g.map(
        (gj, j) => Math.abs(gj) / Math.sqrt(Math.max((diag[j] ?? 0) * Math.max(wrss, 1e-300), 1e-300)),
      ),
    );
    if (gradientNorm <= 1e-9) {
      converged = true;
      break;
    }
    let accepted = false;
    for (let attempt = 0; attempt < 60; attempt++) {
      const damped = A.map((row, j) => row.map((v, k) => (j === k ? v + mu * (diag[j] ?? 0) : v)));
      const step = solveLinearSystem(damped, g);
      if (!step) {
        mu *= nu;
        nu *= 2;
        continue;
      }
      const candidate = clamp(theta.map((t, j) => t + (step[j] ?? 0)));
      const candidatePredicted = problem.predict(candidate);
      const candidateWrss = weightedSumOfSquares(observed, candidatePredicted, weights);
      // Gain ratio: actual / predicted reduction; predicted = δᵀ(μ D δ + g).
      let predictedReduction = 0;
      for (let j = 0; j < p; j++)
        predictedReduction += (step[j] ?? 0) * (mu * (diag[j] ?? 0) * (step[j] ?? 0) + (g[j] ?? 0));
      const rho = (wrss - candidateWrss) / Math.max(predictedReduction, 1e-300);
      if (candidateWrss < wrss && rho > 0) {
        const stepSize = Math.max(...candidate.map((c, j) => Math.abs(c - (theta[j] ?? 0))));
        const relativeDecrease = (wrss - candidateWrss) / Math.max(wrss, 1e-300);
        theta = candidate;
        predicted = candidatePredicted;
        wrss = candidateWrss;
        mu *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
        nu = 2;
        accepted = true;
        if (relativeDecrease < relTol || stepSize < stepTol * (1 + Math.max(...theta.map(Math.abs))))
          converged = true;
        break;
      }
      mu *= nu;
      nu *= 2;
      if (!Number.isFinite(mu) || mu > 1e30) break;
    }
    if (!accepted) {
      // No step lowers the objective: a (possibly flat) minimum within floating-point resolution.
      converged = wrss === 0 || gradientNorm <= 1e-4;
      break;
    }
    if (converged || wrss === 0) {
      converged = true;
      iterations++;
      break;
    }
  }
  jac = numericalJacobian(problem.predict, theta, n);
  return { theta, wrss, iterations, converged, jacobian: jac, predicted };
}
