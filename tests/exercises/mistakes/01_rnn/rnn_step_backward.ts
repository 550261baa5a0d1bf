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

// Mistakes added for issue 23: shapes and transposes, batch sums, inputs modified, empty batch.
function grads(x: M, hPrev: M, W: M, U: M, h: M, dh: M, o: { dxT?: boolean; kernelFrom?: 'hPrev'; recurrentFrom?: 'h'; assign?: boolean }) {
  const n = W.length, H = U.length;
  const da = dh.map((row, b) => row.map((g, j) => g * (1 - h[b][j] * h[b][j])));
  const z = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
  const kIn = o.kernelFrom === 'hPrev' ? hPrev : x;
  const rIn = o.recurrentFrom === 'h' ? h : hPrev;
  const dKernel = z(kIn[0]?.length ?? n, H), dRecurrentKernel = z(H, H), dBias = new Array<number>(H).fill(0);
  for (let b = 0; b < x.length; b++) for (let j = 0; j < H; j++) {
    const d = da[b][j];
    dBias[j] = o.assign ? d : dBias[j] + d;
    for (let k = 0; k < kIn[b].length; k++) dKernel[k][j] = o.assign ? kIn[b][k] * d : dKernel[k][j] + kIn[b][k] * d;
    for (let k = 0; k < H; k++) dRecurrentKernel[k][j] = o.assign ? rIn[b][k] * d : dRecurrentKernel[k][j] + rIn[b][k] * d;
  }
  const dx = da.map((r) => Array.from({ length: n }, (_, k) => r.reduce((s, d, j) => s + d * (o.dxT ? W[j][k] : W[k][j]), 0)));
  const dhPrev = da.map((r) => Array.from({ length: H }, (_, k) => r.reduce((s, d, j) => s + d * U[k][j], 0)));
  return { dx, dhPrev, dKernel, dRecurrentKernel, dBias };
}
export const transposed_input_kernel = (x: M, hp: M, W: M, U: M, h: M, dh: M) => grads(x, hp, W, U, h, dh, { dxT: true });
export const dkernel_from_hprev = (x: M, hp: M, W: M, U: M, h: M, dh: M) => grads(x, hp, W, U, h, dh, { kernelFrom: 'hPrev' });
export const recurrent_grad_from_h = (x: M, hp: M, W: M, U: M, h: M, dh: M) => grads(x, hp, W, U, h, dh, { recurrentFrom: 'h' });
export const overwrites_over_batch = (x: M, hp: M, W: M, U: M, h: M, dh: M) => grads(x, hp, W, U, h, dh, { assign: true });
export function delta_into_dh(x: M, hp: M, W: M, U: M, h: M, dh: M) {
  dh.forEach((row, b) => row.forEach((g, j) => { row[j] = g * (1 - h[b][j] * h[b][j]); }));
  return bwd(x, hp, W, U, dh.map((r) => r.map(() => 0)), dh, {});
}
export function sizes_from_first_row(x: M, hp: M, W: M, U: M, h: M, dh: M) {
  const n = x[0].length;
  return bwd(x, hp, W.slice(0, n), U, h, dh, {});
}
