/**
 * Exercise 03 · gru_param_count — the number of trainable parameters of a GRU layer.
 * Theory: theory/03_gru_architecture.md, Section 8 "Parameter count".
 *
 *   GRU parameters = 3 ( h (n + h) + h )            resetAfter = false (Cho et al., tf.layers default)
 *                  = 3 ( h (n + h) + h ) + 3h       resetAfter = true  (second bias `recurrentBias`)
 *
 * with n = inputSize and h = hiddenSize: three blocks (z, r, h), each with an n × h input matrix,
 * an h × h recurrent matrix and an h-vector bias; the reset-after GRU keeps a second bias
 * [3*hiddenSize] inside the reset product.
 *
 * Hints:
 * - Three blocks, not four (that is the LSTM).
 * - The bias counts; with resetAfter, so does the recurrent bias.
 *
 * Grade: npm run grade -- gru_param_count
 */
export function gruParamCount(inputSize: number, hiddenSize: number, resetAfter: boolean): number {
  // TODO
  throw new Error('not implemented: gru_param_count');
}
