/** Mistaken variants of rnn_step_backward, one per mistake listed in its grader. */
type M = number[][];

function bwd(x: M, hPrev: M, W: M, U: M, h: M, dh: M, o: { deriv?: (h: number) => number; transposedU?: boolean; biasFirstOnly?: boolean }) {
  const B = x.length, n = W.length, H = U.length;
  const deriv = o.deriv ?? ((v: number) => 1 - v * v);
  const da = dh.map((row, b) => row.map((g, j) => g * deriv(h[b][j])));
  const z = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
  const dKernel = z(n, H), dRecurrentKernel = z(H, H), dx = z(B, n), dhPrev = z(B, H);
  const dBias = new Array<number>(H).fill(0);
  for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) {
    const d = da[b][j];
    if (!o.biasFirstOnly || b === 0) dBias[j] += d;
    for (let k = 0; k < n; k++) { dKernel[k][j] += x[b][k] * d; dx[b][k] += d * W[k][j]; }
    for (let k = 0; k < H; k++) {
      dRecurrentKernel[k][j] += hPrev[b][k] * d;
      if (o.transposedU) dhPrev[b][j] += da[b][k] * U[k][j]; // δa U
      else dhPrev[b][k] += d * U[k][j];
    }
  }
  return { dx, dhPrev, dKernel, dRecurrentKernel, dBias };
}

export const wrong_tanh_derivative = (x: M, hp: M, W: M, U: M, h: M, dh: M) => bwd(x, hp, W, U, h, dh, { deriv: (v) => 1 - v });
export const no_activation_derivative = (x: M, hp: M, W: M, U: M, h: M, dh: M) => bwd(x, hp, W, U, h, dh, { deriv: () => 1 });
export const transposed_recurrent_kernel = (x: M, hp: M, W: M, U: M, h: M, dh: M) => bwd(x, hp, W, U, h, dh, { transposedU: true });
export const bias_not_summed_over_batch = (x: M, hp: M, W: M, U: M, h: M, dh: M) => bwd(x, hp, W, U, h, dh, { biasFirstOnly: true });
