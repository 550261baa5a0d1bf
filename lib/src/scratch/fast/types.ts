/**
 * The fast path's per-step buffers: weights with cached transposes, step inputs, caches and
 * gradient outputs shared by the three cells of the sequence engine (sequence.ts).
 */
import type { FloatArray, Mat } from '../mat';
import type { CellParams } from '../types';

/**
 * Weights with cached transposes, as the sequence loop passes them to the steps: the backward
 * steps then compute `d Wᵀ`-type products as plain products (faster, SIMD-friendly).
 * Plain `CellParams` work too (the steps fall back to a transposed product).
 */
export interface CellParamsT<A extends FloatArray = FloatArray> extends CellParams<A> {
  kernelT?: Mat<A>;          // Wᵀ [k*hiddenSize, inputSize]
  recurrentKernelT?: Mat<A>; // Uᵀ [k*hiddenSize, hiddenSize]
}

/**
 * The input of one step: a dense matrix `[batch, inputSize]`, or the indices `[batch]` of a
 * one-hot input (then x W is a row lookup into W, not a matrix product).
 */
export type StepInput = Mat | Int32Array;

/**
 * Everything a step computed that its backward step needs. `x`, `hPrev`, `cPrev` are
 * references (not copies) to the step's inputs; the other matrices are owned by the cache
 * and are overwritten when the cache is reused.
 */
export interface StepCache {
  x: StepInput;
  hPrev: Mat;           // [batch, hiddenSize]
  cPrev?: Mat;          // [batch, hiddenSize], LSTM
  gates: Mat;           // [batch, k*hiddenSize] gate activations (after σ / tanh)
  h: Mat;               // [batch, hiddenSize]
  c?: Mat;              // [batch, hiddenSize], LSTM
  aux?: Mat;            // [batch, hiddenSize]: LSTM tanh(c); GRU r⊙hPrev (reset before) or hPrev Uₕ + bʰₕ (reset after)
}

/** Where a backward step writes. `dx` is filled only when given. */
export interface StepGradOut {
  dhPrev: Mat;          // [batch, hiddenSize]
  dcPrev?: Mat;         // [batch, hiddenSize], LSTM
  dx?: Mat | null;      // [batch, inputSize]
  dGates: Mat;          // [batch, k*hiddenSize]: gradient w.r.t. the input side's pre-activations x W + b
  /** GRU reset-after only, [batch, 3·hiddenSize] workspace: the recurrent side's [da_z, da_r, da_h ⊙ r]. */
  dRecurrent?: Mat;
  /**
   * Set by backwardSequence (batch 1, fast path): the step leaves out its outer product
   * hPrevᵀ·da into dU, which the loop then adds for the whole sequence in one product.
   */
  deferRecurrentKernel?: boolean;
}

export function isIndexInput(x: StepInput): x is Int32Array {
  return x instanceof Int32Array;
}

export function batchOf(x: StepInput): number {
  return isIndexInput(x) ? x.length : x.rows;
}
