/**
 * The input side shared by every cell: pre = x W + b, and its backward
 * dW += xᵀ dPre, db += Σ_batch dPre, dx = dPre Wᵀ.
 * A one-hot input (indices) makes x W a copy of one row of W and xᵀ dPre a row update.
 */
import type { FloatArray, Mat } from '../mat';
import { addColumnSums, gemmNN, gemmTN, gemmWT } from './gemm';
import { CellParamsT, StepInput, isIndexInput } from './types';

/** out[batch, n] = x W + b (overwrites out). */
export function inputProjection(x: StepInput, kernel: Mat, bias: FloatArray, out: Mat): void {
  const n = out.cols;
  const o = out.data;
  const W = kernel.data;
  if (isIndexInput(x)) {
    for (let r = 0; r < x.length; r++) {
      const w0 = x[r] * n;
      const o0 = r * n;
      for (let j = 0; j < n; j++) o[o0 + j] = W[w0 + j] + bias[j];
    }
    return;
  }
  for (let r = 0; r < out.rows; r++) o.set(bias, r * n);                  // b in every row (a block copy)
  gemmNN(x.rows, n, x.cols, x.data, 0, x.cols, W, 0, n, o, 0, n);
}

/**
 * dKernel += xᵀ dPre; dBias += column sums of dPre; dx = dPre Wᵀ when dx is given (for a one-hot
 * x too: the gradient with respect to the one-hot rows, as if they were dense).
 */
export function inputProjectionBackward(
  x: StepInput, params: CellParamsT, dPre: Mat, dKernel: Mat, dBias: FloatArray, dx?: Mat | null,
): void {
  const n = dPre.cols;
  const d = dPre.data;
  const dW = dKernel.data;
  addColumnSums(dPre.rows, n, d, 0, n, dBias);                              // db += 1ᵀ dPre
  if (isIndexInput(x)) {
    for (let r = 0; r < x.length; r++) {
      const w0 = x[r] * n;
      const d0 = r * n;
      for (let j = 0; j < n; j++) dW[w0 + j] += d[d0 + j];
    }
  } else gemmTN(x.cols, n, x.rows, x.data, 0, x.cols, d, 0, n, dW, 0, n);
  if (dx) {
    dx.data.fill(0);
    gemmWT(dx.rows, dx.cols, n, d, 0, n, params.kernel, params.kernelT, 0, dx.data, 0, dx.cols);
  }
}
