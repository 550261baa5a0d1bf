/**
 * The fast path's RNN step (the readable one is ../rnn.ts): the same maths on stacked buffers with
 * offsets and strides, preallocated caches and the SIMD products, run by the sequence engine.
 * Theory and symbols: theory/01_rnn_fundamentals.md.
 *
 *   h_t = tanh(x_t W + h_{t-1} U + b)
 *
 * Shapes: x_t [batch, inputSize], h [batch, hiddenSize], W = kernel [inputSize, hiddenSize],
 * U = recurrentKernel [hiddenSize, hiddenSize], b = bias [hiddenSize] (k = 1 gate).
 * Activation: tanh. Same layout as tf.layers.simpleRNN.
 *
 * Backward, with dh = ∂L/∂h_t (from the output and from step t+1):
 *   da = dh ⊙ (1 − h_t²)          pre-activation gradient
 *   dW += x_tᵀ da, dU += h_{t-1}ᵀ da, db += Σ_batch da
 *   dh_{t-1} = da Uᵀ, dx_t = da Wᵀ
 */
import { FloatArrayConstructor, Mat, mat } from '../mat';
import { gemmNN, gemmTN, gemmWT } from './gemm';
import { inputProjection, inputProjectionBackward } from './affine';
import { tanhInPlace } from './simd';
import type { CellParams } from '../types';
import { CellParamsT, StepCache, StepGradOut, StepInput, batchOf } from './types';

/** One forward step. Pass `cache` (from a previous call or `allocStepCache`) to avoid allocation. */
export function rnnStep(params: CellParams, x: StepInput, hPrev: Mat, cache?: StepCache): StepCache {
  const H = params.recurrentKernel.rows;
  const batch = batchOf(x);
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  const out: StepCache = cache ?? { x, hPrev, gates: mat(batch, H, C), h: mat(batch, H, C) };
  out.x = x;
  out.hPrev = hPrev;
  const a = out.gates; // [batch, H] pre-activation, then tanh in place
  inputProjection(x, params.kernel, params.bias, a);                                   // x W + b
  gemmNN(batch, H, H, hPrev.data, 0, H, params.recurrentKernel.data, 0, H, a.data, 0, H); // + hPrev U
  tanhInPlace(a.data, 0, batch * H);
  out.h.data.set(a.data);
  return out;
}

/**
 * One backward step: accumulates into `grads`, overwrites `out.dhPrev` (and `out.dx`).
 * `dh` is ∂L/∂h_t in total (output gradient plus what flows back from step t+1).
 */
export function rnnStepBackward(
  params: CellParamsT, cache: StepCache, dh: Mat, grads: CellParams, out?: StepGradOut,
): StepGradOut {
  const H = params.recurrentKernel.rows;
  const batch = cache.h.rows;
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  const o: StepGradOut = out ?? { dhPrev: mat(batch, H, C), dGates: mat(batch, H, C) };
  const da = o.dGates.data, h = cache.h.data, d = dh.data;
  for (let i = 0; i < da.length; i++) da[i] = d[i] * (1 - h[i] * h[i]);      // tanh'
  if (!o.deferRecurrentKernel) gemmTN(H, H, batch, cache.hPrev.data, 0, H, da, 0, H, grads.recurrentKernel.data, 0, H); // dU += hPrevᵀ da
  o.dhPrev.data.fill(0);
  gemmWT(batch, H, H, da, 0, H, params.recurrentKernel, params.recurrentKernelT, 0, o.dhPrev.data, 0, H); // dhPrev = da Uᵀ
  inputProjectionBackward(cache.x, params, o.dGates, grads.kernel, grads.bias, o.dx);
  return o;
}
