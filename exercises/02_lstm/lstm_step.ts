/**
 * Exercise 02 · lstm_step — one forward step of an LSTM.
 * Theory: theory/02_lstm_architecture.md, Section 2 "The LSTM step".
 *
 *   a_t = x_t W + h_{t-1} U + b = [ a^i | a^f | a^c | a^o ]      (gate order i, f, c, o)
 *   i_t = σ(a^i),  f_t = σ(a^f),  c̃_t = tanh(a^c),  o_t = σ(a^o)
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
 *   h_t = o_t ⊙ tanh(c_t)
 *
 * σ(a) = 1 / (1 + e^(−a)) is the logistic sigmoid, ⊙ the element-wise product.
 *   x               [batch, inputSize]
 *   hPrev, cPrev    [batch, hiddenSize]
 *   kernel          W [inputSize, 4*hiddenSize]   columns: i block, f block, c block, o block
 *   recurrentKernel U [hiddenSize, 4*hiddenSize]
 *   bias            b [4*hiddenSize]
 *   returns         { h, c }, each [batch, hiddenSize]
 *
 * An empty batch gives { h: [], c: [] }. Do not modify the inputs (cPrev included); return new
 * arrays.
 *
 * Hints:
 * - Gate order i, f, c, o as in tf.layers (and PyTorch's i, f, g, o): column j of the forget gate
 *   is column hiddenSize + j of the stacked weights. The blocks are contiguous: the columns of
 *   unit j are j, hiddenSize + j, 2*hiddenSize + j, 3*hiddenSize + j (not 4j, 4j + 1, …).
 * - Three gates use σ; the candidate c̃ uses tanh, and so does the squashing of c_t in h_t.
 * - The cell state is carried: c_t starts from f_t ⊙ c_{t-1}.
 *
 * Try it: with all weights zero, i = f = o = 0.5 and c̃ = 0, so c_t = 0.5·cPrev.
 * Grade:  npm run grade -- lstm_step
 */
export function lstmStep(
  x: number[][], hPrev: number[][], cPrev: number[][],
  kernel: number[][], recurrentKernel: number[][], bias: number[],
): { h: number[][]; c: number[][] } {
  // TODO: pre-activations, the four gate activations, then c_t and h_t.
  throw new Error('not implemented: lstm_step');
}
