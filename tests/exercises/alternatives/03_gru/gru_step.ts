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
