// REFERENCE SOLUTION. Try the exercise in exercises/03_gru/gru_step.ts first.
/**
 * gru_step: one GRU step, reset before the recurrent matmul (Cho et al. 2014, tf.layers),
 * gate order z, r, h, blend h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃_t.
 */
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function gruStep(
  x: number[][], hPrev: number[][], kernel: number[][], recurrentKernel: number[][], bias: number[],
): number[][] {
  const H = recurrentKernel.length;
  return x.map((xRow, b) => {
    const hp = hPrev[b];
    // x W + b for all 3H columns
    const xw = bias.map((bv, col) => xRow.reduce((s, xk, k) => s + xk * kernel[k][col], bv));
    // h_{t-1} U for the z and r blocks
    const hu = (col: number, h: number[]) => h.reduce((s, hk, k) => s + hk * recurrentKernel[k][col], 0);
    const z = Array.from({ length: H }, (_, j) => sigmoid(xw[j] + hu(j, hp)));
    const r = Array.from({ length: H }, (_, j) => sigmoid(xw[H + j] + hu(H + j, hp)));
    const rh = hp.map((v, k) => r[k] * v); // r ⊙ h_{t-1}, before U_h
    return Array.from({ length: H }, (_, j) => {
      const hTilde = Math.tanh(xw[2 * H + j] + hu(2 * H + j, rh));
      return z[j] * hp[j] + (1 - z[j]) * hTilde;
    });
  });
}
