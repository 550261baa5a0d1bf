/** Correct alternatives to the reference lstm_step: every one must pass the grader. */
type M = number[][];

/** Gate by gate: slice the four blocks out of the pre-activation, then combine element-wise. */
export function gateByGate(x: M, hPrev: M, cPrev: M, kernel: M, recurrentKernel: M, bias: number[]) {
  const H = bias.length / 4;
  const sigmoid = (v: number) => 0.5 * (1 + Math.tanh(v / 2));
  const h: M = [], c: M = [];
  for (let b = 0; b < x.length; b++) {
    const a = bias.map((bv, col) => {
      let s = bv;
      x[b].forEach((xk, k) => { s += xk * kernel[k][col]; });
      hPrev[b].forEach((hk, k) => { s += hk * recurrentKernel[k][col]; });
      return s;
    });
    const block = (g: number) => a.slice(g * H, (g + 1) * H);
    const i = block(0).map(sigmoid), f = block(1).map(sigmoid), g = block(2).map(Math.tanh), o = block(3).map(sigmoid);
    const cRow = f.map((fj, j) => fj * cPrev[b][j] + i[j] * g[j]);
    c.push(cRow);
    h.push(cRow.map((cj, j) => o[j] * Math.tanh(cj)));
  }
  return { h, c };
}

/** Unit by unit: the four pre-activations of unit j computed directly from their columns. */
export function unitByUnit(x: M, hPrev: M, cPrev: M, kernel: M, recurrentKernel: M, bias: number[]) {
  const H = recurrentKernel.length;
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const pre = (b: number, col: number) =>
    bias[col] + x[b].reduce((s, v, k) => s + v * kernel[k][col], 0) + hPrev[b].reduce((s, v, k) => s + v * recurrentKernel[k][col], 0);
  const c = x.map((_, b) => Array.from({ length: H }, (_, j) =>
    sig(pre(b, H + j)) * cPrev[b][j] + sig(pre(b, j)) * Math.tanh(pre(b, 2 * H + j))));
  const h = c.map((row, b) => row.map((cj, j) => sig(pre(b, 3 * H + j)) * Math.tanh(cj)));
  return { h, c };
}
