/**
 * The shared vocabulary of the from-scratch cells: configuration, weights, per-step caches.
 * Weight layout and gate orders are tf.layers' (see lib/README.md):
 *   kernel          W  [inputSize,  k*hiddenSize]
 *   recurrentKernel U  [hiddenSize, k*hiddenSize]
 *   bias            b  [k*hiddenSize]
 *   recurrentBias   bʰ [k*hiddenSize]   (GRU with resetAfter only)
 * with k = 1 (RNN), 4 (LSTM: i, f, c, o), 3 (GRU: z, r, h).
 */
import type { FloatArray, Mat } from './mat';

export type CellKind = 'rnn' | 'lstm' | 'gru';

/** What a recurrent layer is; the weights are separate (`CellParams`). */
export interface CellConfig {
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  /** GRU only: apply the reset gate after the recurrent matmul (cuDNN/PyTorch). Default false (tf.layers). */
  resetAfter?: boolean;
}

/** Weights of one cell in tf.layers layout. Gradients use the same type. */
export interface CellParams<A extends FloatArray = FloatArray> {
  kernel: Mat<A>;          // W [inputSize, k*hiddenSize]
  recurrentKernel: Mat<A>; // U [hiddenSize, k*hiddenSize]
  bias: A;                 // b [k*hiddenSize]
  recurrentBias?: A;       // bʰ [k*hiddenSize], GRU resetAfter only
}

export function gateCount(cell: CellKind): number {
  return cell === 'rnn' ? 1 : cell === 'lstm' ? 4 : 3;
}
