/** Mistaken variants of lstm_step, one per mistake listed in its grader. */
type Mat = number[][];
const sig = (v: number) => 1 / (1 + Math.exp(-v));
interface Opt { noHPrev?: boolean; order?: [number, number, number, number]; candAct?: (v: number) => number; carry?: boolean; tanhC?: boolean; interleaved?: boolean }

function step(x: Mat, hPrev: Mat, cPrev: Mat, W: Mat, U: Mat, b: number[], o: Opt) {
  const H = U.length;
  const [gi, gf, gc, go] = o.order ?? [0, 1, 2, 3];
  const h: Mat = [], c: Mat = [];
  x.forEach((xr, r) => {
    const a = b.slice();
    for (let col = 0; col < a.length; col++) {
      for (let k = 0; k < xr.length; k++) a[col] += xr[k] * W[k][col];
      if (!o.noHPrev) for (let k = 0; k < H; k++) a[col] += hPrev[r][k] * U[k][col];
    }
    const col = (g: number, j: number) => (o.interleaved ? 4 * j + g : g * H + j);
    const hr: number[] = [], cr: number[] = [];
    for (let j = 0; j < H; j++) {
      const i = sig(a[col(gi, j)]), f = sig(a[col(gf, j)]), ct = (o.candAct ?? Math.tanh)(a[col(gc, j)]), og = sig(a[col(go, j)]);
      const cj = (o.carry === false ? 0 : f * cPrev[r][j]) + i * ct;
      cr.push(cj);
      hr.push(og * (o.tanhC === false ? cj : Math.tanh(cj)));
    }
    h.push(hr); c.push(cr);
  });
  return { h, c };
}

export const wrong_gate_order = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, c, W, U, b, { order: [0, 1, 3, 2] });
export const sigmoid_candidate = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, c, W, U, b, { candAct: sig });
export const forgets_previous_cell = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, c, W, U, b, { carry: false });
export const no_tanh_on_cell = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, c, W, U, b, { tanhC: false });
export const interleaved_gate_columns = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, c, W, U, b, { interleaved: true });
export const forgets_previous_state = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, c, W, U, b, { noHPrev: true });

// Mistakes added for issue 23: gate order, sizes, batch rows, inputs modified, empty batch.
export const forget_input_swapped = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, c, W, U, b, { order: [1, 0, 2, 3] });
export function hidden_size_from_kernel(x: Mat, hPrev: Mat, cPrev: Mat, W: Mat, U: Mat, b: number[]) {
  const H = W.length; // inputSize, not hiddenSize
  const h: Mat = [], c: Mat = [];
  x.forEach((xr, r) => {
    const a = b.map((bc, col) => bc + xr.reduce((s, v, k) => s + v * W[k][col], 0) + hPrev[r].reduce((s, v, k) => s + v * U[k][col], 0));
    const cr: number[] = [], hr: number[] = [];
    for (let j = 0; j < H; j++) {
      const cj = sig(a[H + j]) * cPrev[r][j] + sig(a[j]) * Math.tanh(a[2 * H + j]);
      cr.push(cj);
      hr.push(sig(a[3 * H + j]) * Math.tanh(cj));
    }
    h.push(hr); c.push(cr);
  });
  return { h, c };
}
export const first_row_cell = (x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, x.map(() => c[0]), W, U, b, {});
export function writes_cell_into_cprev(x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) {
  const r = step(x, h, c, W, U, b, {});
  r.c.forEach((row, i) => row.forEach((v, j) => { c[i][j] = v; }));
  return { h: r.h, c };
}
export function accumulates_into_bias(x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) {
  const r = step(x, h, c, W, U, b, {});
  for (let col = 0; col < b.length; col++) for (let k = 0; k < x[0].length; k++) b[col] += x[0][k] * W[k][col];
  return r;
}
export function hidden_size_from_first_row(x: Mat, h: Mat, c: Mat, W: Mat, U: Mat, b: number[]) {
  const H = h[0].length;
  return step(x, h, c, W, U.slice(0, H), b, {});
}
