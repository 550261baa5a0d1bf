/** Correct alternatives to the reference rnn_step: every one must pass the grader. */
type M = number[][];

/** Functional style: reduce over the input and the recurrent sums. */
export const functional = (x: M, hPrev: M, kernel: M, recurrentKernel: M, bias: number[]): M =>
  x.map((xRow, b) => bias.map((bj, j) => Math.tanh(
    xRow.reduce((s, xk, k) => s + xk * kernel[k][j], bj) + hPrev[b].reduce((s, hk, k) => s + hk * recurrentKernel[k][j], 0),
  )));

/** Outer loop over k: accumulate row by row of the weights, then squash. */
export function rowAccumulation(x: M, hPrev: M, kernel: M, recurrentKernel: M, bias: number[]): M {
  const hiddenSize = recurrentKernel.length;
  const out: M = [];
  for (let b = 0; b < x.length; b++) {
    const a = bias.slice();
    for (let k = 0; k < kernel.length; k++) for (let j = 0; j < hiddenSize; j++) a[j] += x[b][k] * kernel[k][j];
    for (let k = 0; k < hiddenSize; k++) for (let j = 0; j < hiddenSize; j++) a[j] += hPrev[b][k] * recurrentKernel[k][j];
    out.push(a.map((v) => (Math.exp(2 * v) - 1) / (Math.exp(2 * v) + 1)));
  }
  return out;
}
