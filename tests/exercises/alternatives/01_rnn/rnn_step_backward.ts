/** Correct alternatives to the reference rnn_step_backward: every one must pass the grader. */
type M = number[][];
const transpose = (a: M, cols: number): M => Array.from({ length: cols }, (_, j) => a.map((r) => r[j]));
const matmul = (a: M, b: M, cols: number): M => a.map((r) => Array.from({ length: cols }, (_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));

/** Matrix products written once and reused: xᵀ δa, hPrevᵀ δa, δa Wᵀ, δa Uᵀ. */
export function withMatmul(x: M, hPrev: M, kernel: M, recurrentKernel: M, h: M, dh: M) {
  const n = kernel.length, H = recurrentKernel.length;
  const da = dh.map((r, b) => r.map((g, j) => g * (1 - h[b][j]) * (1 + h[b][j])));
  return {
    dKernel: matmul(transpose(x, n), da, H),
    dRecurrentKernel: matmul(transpose(hPrev, H), da, H),
    dBias: Array.from({ length: H }, (_, j) => da.reduce((s, r) => s + r[j], 0)),
    dx: matmul(da, transpose(kernel, H), n),
    dhPrev: matmul(da, transpose(recurrentKernel, H), H),
  };
}

/** Batch-outer loops with a per-row δa, accumulating into zeroed arrays. */
export function perRow(x: M, hPrev: M, kernel: M, recurrentKernel: M, h: M, dh: M) {
  const n = kernel.length, H = recurrentKernel.length;
  const dKernel = kernel.map((r) => r.map(() => 0));
  const dRecurrentKernel = recurrentKernel.map((r) => r.map(() => 0));
  const dBias = new Array<number>(H).fill(0);
  const dx: M = [], dhPrev: M = [];
  x.forEach((xRow, b) => {
    const da = dh[b].map((g, j) => g - g * h[b][j] ** 2);
    da.forEach((d, j) => {
      dBias[j] += d;
      xRow.forEach((xk, k) => { dKernel[k][j] += xk * d; });
      hPrev[b].forEach((hk, k) => { dRecurrentKernel[k][j] += hk * d; });
    });
    dx.push(Array.from({ length: n }, (_, k) => da.reduce((s, d, j) => s + d * kernel[k][j], 0)));
    dhPrev.push(Array.from({ length: H }, (_, k) => da.reduce((s, d, j) => s + d * recurrentKernel[k][j], 0)));
  });
  return { dx, dhPrev, dKernel, dRecurrentKernel, dBias };
}
