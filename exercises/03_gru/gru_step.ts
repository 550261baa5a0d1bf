/**
 * Exercise 03 · gru_step — one GRU step, reset before the recurrent matmul.
 * Theory: theory/03_gru_architecture.md, Sections 2 and 3.
 *
 *   z_t = σ(x_t W_z + h_{t-1} U_z + b_z)                 update gate
 *   r_t = σ(x_t W_r + h_{t-1} U_r + b_r)                 reset gate
 *   h̃_t = tanh(x_t W_h + (r_t ⊙ h_{t-1}) U_h + b_h)      candidate (reset BEFORE U_h)
 *   h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ h̃_t                blend (tf.layers, d2l)
 *
 * Stacked weights, gate order z, r, h (blocks of hiddenSize columns):
 *   x [batch, inputSize], hPrev [batch, hiddenSize]
 *   kernel W = [W_z W_r W_h] [inputSize, 3*hiddenSize]
 *   recurrentKernel U = [U_z U_r U_h] [hiddenSize, 3*hiddenSize]
 *   bias b = [b_z b_r b_h] [3*hiddenSize]
 *   returns h_t [batch, hiddenSize]
 *
 * An empty batch gives []. Do not modify the inputs; return new arrays.
 *
 * Hints:
 * - Gate order z, r, h (PyTorch's r, z, n differs: do not mix them).
 * - The reset gate multiplies h_{t-1} before the product with U_h: compute r ⊙ h_{t-1} first.
 *   Applying r after the product, r ⊙ (h_{t-1} U_h), is the other convention (cuDNN, PyTorch).
 * - Blend direction: z = 1 keeps the previous state, z = 0 takes the candidate.
 *
 * Try it: with all weights zero, z = 0.5 and h̃ = 0, so h_t = 0.5 · hPrev.
 * Grade:  npm run grade -- gru_step
 */
export function gruStep(
  x: number[][], hPrev: number[][], kernel: number[][], recurrentKernel: number[][], bias: number[],
): number[][] {
  // TODO
  throw new Error('not implemented: gru_step');
}
