/**
 * Exercise 08 · gated_gradient_path — the gradient along the LSTM's carousel (or the GRU's direct path).
 * Theory: theory/02_lstm_architecture.md, Section 4 "Why the cell state carries gradients";
 * theory/04_comparing_rnn_lstm_gru.md, Section 4 "Memory of long lags: the three Jacobians".
 *
 * Along the direct path the one-step Jacobian is diagonal, ∂c_s/∂c_{s−1} = diag(f_s), so
 *
 *   ∂ℓ/∂c_{T−m} |direct = ∂ℓ/∂c_T ⊙ f_T ⊙ f_{T−1} ⊙ … ⊙ f_{T−m+1}      (m = 0: no factor)
 *
 * `gates` [T, hiddenSize] holds the forget gates f_1 … f_T (row s − 1 is f_s; for a GRU pass the
 * update gates z_s: the formula is the same), `dT` [hiddenSize] is ∂ℓ/∂c_T.
 * Return the T + 1 gradients ∂ℓ/∂c_T, ∂ℓ/∂c_{T−1}, …, ∂ℓ/∂c_0, i.e. [T + 1, hiddenSize].
 *
 * T = 0 gives one row, a copy of dT. Do not modify the inputs; every row is a new array.
 *
 * Hints:
 * - Walk backwards: the first factor is the gate of the *last* step, f_T.
 * - Going from c_s back to c_{s−1} multiplies by f_s, the gate of step s (not f_{s−1}):
 *   the lag-0 entry is dT itself.
 * - Element-wise products: each unit keeps its own factor, no matrix and no sum.
 *
 * Try it: directPathGradients([[1, 1], [1, 1]], [3, 4]) → [[3, 4], [3, 4], [3, 4]] (the carousel).
 * Grade:  npm run grade -- gated_gradient_path
 */
export function directPathGradients(gates: number[][], dT: number[]): number[][] {
  // TODO
  throw new Error('not implemented: gated_gradient_path');
}
