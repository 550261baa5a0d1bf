/**
 * Exercise 02 · lstm_param_count — the number of trainable parameters of an LSTM layer.
 * Theory: theory/02_lstm_architecture.md, Section 8 "Parameter count and cost".
 *
 *   LSTM parameters = 4 ( h (n + h) + h ) = 4h (n + h + 1)
 *
 * with n = inputSize and h = hiddenSize: each of the four gates (i, f, c, o) has an n × h input
 * matrix, an h × h recurrent matrix and an h-vector bias. PyTorch's nn.LSTM keeps two bias
 * vectors (bias_ih and bias_hh): with `twoBiases = true` count both.
 *
 * twoBiases is optional and defaults to false (one bias per gate, as in tf.layers).
 *
 * Hints:
 * - Four blocks, not three (that is the GRU) and not one (the plain RNN).
 * - Do not forget the recurrent matrix U (h × h per gate) or the bias.
 * - Check: n = 65, h = 256 gives 329,728 (tf.layers' countParams() agrees).
 *
 * Grade: npm run grade -- lstm_param_count
 */
export function lstmParamCount(inputSize: number, hiddenSize: number, twoBiases = false): number {
  // TODO
  throw new Error('not implemented: lstm_param_count');
}
