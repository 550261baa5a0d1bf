/**
 * Exercise 08 · gradient_norm_through_time — the vanishing/exploding gradient, computed.
 * Theory: theory/01_rnn_fundamentals.md, Section 8 "The product of Jacobians";
 * theory/04_comparing_rnn_lstm_gru.md, Section 5.
 *
 * For a *linear* RNN h_t = h_{t-1} U + x_t W (no tanh, so D_s = I), the Jacobian of one step is
 * J = Uᵀ in the row-vector convention: a row gradient moves one step back as
 *
 *   ∂ℓ/∂h_{t-1} = (∂ℓ/∂h_t) Uᵀ,   so   ∂ℓ_T/∂h_{T−m} = g_T (Uᵀ)^m   with g_T = ∂ℓ_T/∂h_T.
 *
 * Return g(m) = ‖g_T (Uᵀ)^m‖₂ for the lags m = 0, 1, …, steps (steps + 1 numbers; m = 0 is ‖g_T‖₂).
 * `recurrentKernel` is U [hiddenSize, hiddenSize], `gT` is g_T [hiddenSize].
 *
 * steps = 0 gives [‖g_T‖₂]. Do not modify the inputs.
 *
 * Hints:
 * - (g Uᵀ)[k] = Σ_j g[j] · U[k][j]. For a non-symmetric U, g U is a different vector.
 * - Multiply the vector step by step; take the Euclidean norm (square root of the sum of squares)
 *   of each result. The bound ‖g_T‖·‖U‖^m is an upper bound, not the value.
 * - Try U = 0.5·I (vanishing) and U = 2·I (exploding).
 *
 * Grade: npm run grade -- gradient_norm_through_time
 */
export function gradientNormsThroughTime(recurrentKernel: number[][], gT: number[], steps: number): number[] {
  // TODO
  throw new Error('not implemented: gradient_norm_through_time');
}
