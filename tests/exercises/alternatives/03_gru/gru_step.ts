/** Correct alternatives to the reference gru_step: every one must pass the grader. */
type M = number[][];
const matvec = (v: number[], m: M, from: number, to: number) =>
  Array.from({ length: to - from }, (_, j) => v.reduce((s, vk, k) => s + vk * m[k][from + j], 0));

/** Block by block with a small vector-matrix helper; sigmoid written with exp of a negative. */
export function blockwise(x: M, hPrev: M, kernel: M, recurrentKernel: M, bias: number[]): M {
  const H = bias.length / 3;
  const sigmoid = (a: number) => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));
  return x.map((xRow, b) => {
    const h = hPrev[b];
    const gate = (g: number, hIn: number[]) => {
      const xw = matvec(xRow, kernel, g * H, (g + 1) * H), hu = matvec(hIn, recurrentKernel, g * H, (g + 1) * H);
      return xw.map((v, j) => v + hu[j] + bias[g * H + j]);
    };
    const z = gate(0, h).map(sigmoid);
    const r = gate(1, h).map(sigmoid);
    const hTilde = gate(2, h.map((v, k) => r[k] * v)).map(Math.tanh);
    return h.map((v, j) => hTilde[j] + z[j] * (v - hTilde[j]));
  });
}

/** Plain loops, the blend written as (1 − z)·h̃ + z·hPrev. */
export function loops(x: M, hPrev: M, kernel: M, recurrentKernel: M, bias: number[]): M {
  const H = recurrentKernel.length;
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const out: M = [];
  for (let b = 0; b < x.length; b++) {
    const a = bias.slice();
    for (let col = 0; col < 3 * H; col++) for (let k = 0; k < x[b].length; k++) a[col] += x[b][k] * kernel[k][col];
    for (let col = 0; col < 2 * H; col++) for (let k = 0; k < H; k++) a[col] += hPrev[b][k] * recurrentKernel[k][col];
    const rh: number[] = [];
    for (let k = 0; k < H; k++) rh.push(sig(a[H + k]) * hPrev[b][k]);
    const row: number[] = [];
    for (let j = 0; j < H; j++) {
      let s = a[2 * H + j];
      for (let k = 0; k < H; k++) s += rh[k] * recurrentKernel[k][2 * H + j];
      const z = sig(a[j]);
      row.push((1 - z) * Math.tanh(s) + z * hPrev[b][j]);
    }
    out.push(row);
  }
  return out;
}
