/**
 * Exercise 01 · rnn_step — one forward step of a vanilla (Elman) RNN.
 * Theory: theory/01_rnn_fundamentals.md, Section 3 "The recurrent step".
 *
 *   h_t = tanh(x_t W + h_{t-1} U + b)
 *
 * Row-vector convention (as in tf.layers and the library): each row of `x` is one example.
 *   x               x_t      [batch, inputSize]
 *   hPrev           h_{t-1}  [batch, hiddenSize]
 *   kernel          W        [inputSize, hiddenSize]
 *   recurrentKernel U        [hiddenSize, hiddenSize]
 *   bias            b        [hiddenSize]
 *   returns         h_t      [batch, hiddenSize]
 *
 * An empty batch (x = [], hPrev = []) gives []. Do not modify the inputs; return new arrays.
 *
 * Hints:
 * - (x W)[b][j] = Σ_k x[b][k] · kernel[k][j]: the kernel is indexed [input][hidden], not the
 *   other way round.
 * - The previous state enters through h_{t-1} U, with U = recurrentKernel indexed [k][j] as well.
 * - The activation is tanh (Math.tanh); the sigmoid belongs to the gates of LSTMs and GRUs.
 * - Do not forget the bias, and treat every row of the batch the same way.
 *
 * Try it: rnnStep([[1, 0]], [[0, 0]], [[0.5, 0], [0, 0.5]], [[0, 0], [0, 0]], [0, 0])
 *         should give [[tanh(0.5), 0]].
 * Grade:  npm run grade -- rnn_step
 */
export function rnnStep(
  x: number[][], hPrev: number[][], kernel: number[][], recurrentKernel: number[][], bias: number[],
): number[][] {
  // TODO: compute h_t for every row of the batch.
  throw new Error('not implemented: rnn_step');
}
