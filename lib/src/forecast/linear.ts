/**
 * The linear baseline: least squares with a small ridge penalty, solved exactly
 * (normal equations and a Cholesky factorisation, in Float64), no training loop.
 *
 *   ŷ = x w + b,   w = argmin Σ (y - x w - b)² + l2 · |w|²   (the bias is not penalised)
 *
 * `x` is any array of examples `[n, ...]` (a window `[n, lookBack, features]` is flattened
 * to `[n, lookBack·features]`), `y` is `[n, ...]` flattened to `[n, outputs]`, so the same
 * function fits a one-step and a multi-step (one weight column per step ahead) model.
 */
import type { Values } from './metrics';

export interface LinearOptions {
  /** Ridge penalty on the weights, relative to the number of examples. Default 1e-4. */
  l2?: number;
}

export interface LinearModel {
  /** Inputs per example (the flattened size). */
  inputSize: number;
  /** Outputs per example. */
  outputSize: number;
  /** `[inputSize, outputSize]`, row-major. */
  weights: Float64Array;
  /** `[outputSize]`. */
  bias: Float64Array;
  /** Predictions `[n, outputSize]` (row-major) for inputs of shape `[n, ...]`. */
  predict(x: Values, xShape: readonly number[]): Float64Array;
}

function rowsAndCols(where: string, data: Values, shape: readonly number[]): [number, number] {
  const n = shape[0];
  const d = shape.slice(1).reduce((a, b) => a * b, 1);
  if (data.length !== n * d) throw new Error(`${where}: shape [${shape}] needs ${n * d} values, got ${data.length}`);
  return [n, d];
}

/** In-place Cholesky factorisation A = L Lᵀ of a symmetric positive definite [d, d] matrix (lower triangle kept). */
function cholesky(a: Float64Array, d: number): void {
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j];
    for (let k = 0; k < j; k++) s -= a[j * d + k] ** 2;
    if (!(s > 0)) throw new Error('fitLinear: the normal equations are singular; raise l2');
    const ljj = Math.sqrt(s);
    a[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j];
      for (let k = 0; k < j; k++) t -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = t / ljj;
    }
  }
}

/** Solve L Lᵀ w = b for each of the m columns of b ([d, m], overwritten with w). */
function choleskySolve(l: Float64Array, d: number, b: Float64Array, m: number): void {
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < d; i++) {
      let s = b[i * m + c];
      for (let k = 0; k < i; k++) s -= l[i * d + k] * b[k * m + c];
      b[i * m + c] = s / l[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let s = b[i * m + c];
      for (let k = i + 1; k < d; k++) s -= l[k * d + i] * b[k * m + c];
      b[i * m + c] = s / l[i * d + i];
    }
  }
}

/** Fit ŷ = x w + b by ridge least squares; see the file comment. */
export function fitLinear(
  x: Values, xShape: readonly number[], y: Values, yShape: readonly number[], options: LinearOptions = {},
): LinearModel {
  const [n, d] = rowsAndCols('fitLinear (x)', x, xShape);
  const [ny, m] = rowsAndCols('fitLinear (y)', y, yShape);
  if (ny !== n) throw new Error(`fitLinear: x has ${n} examples but y has ${ny}`);
  if (n < 2) throw new Error(`fitLinear: need at least 2 examples, got ${n}`);
  const l2 = options.l2 ?? 1e-4;
  // Centre x and y so the bias drops out of the normal equations.
  const xMean = new Float64Array(d);
  const yMean = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xMean[j] += x[i * d + j];
    for (let c = 0; c < m; c++) yMean[c] += y[i * m + c];
  }
  xMean.forEach((v, j) => (xMean[j] = v / n));
  yMean.forEach((v, c) => (yMean[c] = v / n));
  const xtx = new Float64Array(d * d); // [d, d], lower triangle filled
  const xty = new Float64Array(d * m); // [d, m]
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j] - xMean[j];
    for (let j = 0; j < d; j++) {
      const rj = row[j];
      if (rj === 0) continue;
      const base = j * d;
      for (let k = 0; k <= j; k++) xtx[base + k] += rj * row[k];
      for (let c = 0; c < m; c++) xty[j * m + c] += rj * (y[i * m + c] - yMean[c]);
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) xtx[k * d + j] = xtx[j * d + k];
    xtx[j * d + j] += l2 * n;
  }
  cholesky(xtx, d);
  choleskySolve(xtx, d, xty, m);
  const weights = xty;
  const bias = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    let s = yMean[c];
    for (let j = 0; j < d; j++) s -= xMean[j] * weights[j * m + c];
    bias[c] = s;
  }
  return {
    inputSize: d,
    outputSize: m,
    weights,
    bias,
    predict(xs: Values, shape: readonly number[]): Float64Array {
      const [k, dd] = rowsAndCols('LinearModel.predict', xs, shape);
      if (dd !== d) throw new Error(`LinearModel.predict: the model takes ${d} inputs per example, got ${dd} (shape [${shape}])`);
      const out = new Float64Array(k * m);
      for (let i = 0; i < k; i++) {
        for (let c = 0; c < m; c++) {
          let s = bias[c];
          for (let j = 0; j < d; j++) s += xs[i * d + j] * weights[j * m + c];
          out[i * m + c] = s;
        }
      }
      return out;
    },
  };
}
