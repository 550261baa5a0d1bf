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
