/**
 * Vanilla (Elman) RNN cell: one step forward and its backward step, side by side.
 * Theory and symbols: theory/01_rnn_fundamentals.md (Section "The recurrent step" and BPTT).
 *
 *   a_t = x_t W + h_{t-1} U + b        pre-activation
 *   h_t = tanh(a_t)
 *
 * Shapes: x_t [batch, inputSize], h [batch, hiddenSize], W = kernel [inputSize, hiddenSize],
 * U = recurrentKernel [hiddenSize, hiddenSize], b = bias [hiddenSize]. Same layout as
 * tf.layers.simpleRNN (activation tanh).
 *
 * Backward, with dh = ∂L/∂h_t (from the output at t and from step t+1):
 *   da = dh ⊙ (1 − h_t²)                      through tanh (δ^a_t in the chapter)
 *   dW += x_tᵀ da,  dU += h_{t-1}ᵀ da,  db += Σ_batch da
 *   dh_{t-1} = da Uᵀ,  dx_t = da Wᵀ
 *
 * This is the readable version; the loop over time (forwardSequence / backwardSequence) runs the
 * same maths on the fast path (scratch/fast/), and the tests check that both agree.
 */
import {
  Mat, add, addInPlace, addRowVector, mapMat, matmul, mul, sumRows, tanh, transpose,
} from './mat';
import type { CellParams } from './types';

/** What the forward step keeps for its backward step. */
export interface RnnCache {
  x: Mat;       // x_t     [batch, inputSize]
  hPrev: Mat;   // h_{t-1} [batch, hiddenSize]
  a: Mat;       // a_t     [batch, hiddenSize], the pre-activation
  h: Mat;       // h_t     [batch, hiddenSize]
}

/** The gradients a backward step sends on: to the previous step and to the input. */
export interface RnnStepGrads {
  dhPrev: Mat;  // ∂L/∂h_{t-1} [batch, hiddenSize]
  dx: Mat;      // ∂L/∂x_t     [batch, inputSize]
}

/** One forward step: h_t = tanh(x_t W + h_{t-1} U + b). */
export function rnnStep(params: CellParams, x: Mat, hPrev: Mat): RnnCache {
  const { kernel: W, recurrentKernel: U, bias: b } = params;
  const a = addRowVector(add(matmul(x, W), matmul(hPrev, U)), b);   // [batch, hiddenSize]
  const h = tanh(a);
  return { x, hPrev, a, h };
}

/**
 * One backward step. `dh` is the total ∂L/∂h_t (output gradient plus what flows back from
 * step t+1). Adds this step's share to `grads` (same shapes as `params`).
 */
export function rnnStepBackward(params: CellParams, cache: RnnCache, dh: Mat, grads: CellParams): RnnStepGrads {
  const { kernel: W, recurrentKernel: U } = params;
  const { x, hPrev, h } = cache;
  const da = mul(dh, mapMat(h, (v) => 1 - v * v));                 // tanh'(a) = 1 − h²
  addInPlace(grads.kernel.data, matmul(transpose(x), da).data);     // dW += xᵀ da
  addInPlace(grads.recurrentKernel.data, matmul(transpose(hPrev), da).data); // dU += h_{t-1}ᵀ da
  addInPlace(grads.bias, sumRows(da));                             // db += Σ_batch da
  return {
    dhPrev: matmul(da, transpose(U)),                              // da Uᵀ
    dx: matmul(da, transpose(W)),                                  // da Wᵀ
  };
}
