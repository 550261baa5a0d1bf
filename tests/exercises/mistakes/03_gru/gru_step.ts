/** Mistaken variants of gru_step, one per mistake listed in its grader. */
type Mat = number[][];
const sig = (v: number) => 1 / (1 + Math.exp(-v));
interface Opt { reversed?: boolean; rzOrder?: boolean; resetAfter?: boolean; noReset?: boolean; gateAct?: (v: number) => number }

function step(x: Mat, hPrev: Mat, W: Mat, U: Mat, b: number[], o: Opt): Mat {
  const H = U.length;
  const [bz, br] = o.rzOrder ? [1, 0] : [0, 1];
  return x.map((xr, row) => {
    const hp = hPrev[row];
    const xw = b.map((bv, c) => xr.reduce((s, v, k) => s + v * W[k][c], bv));
    const hu = (c: number, h: number[]) => h.reduce((s, v, k) => s + v * U[k][c], 0);
    const act = o.gateAct ?? sig;
    const z = hp.map((_, j) => act(xw[bz * H + j] + hu(bz * H + j, hp)));
    const r = hp.map((_, j) => act(xw[br * H + j] + hu(br * H + j, hp)));
    return hp.map((_, j) => {
      let rec: number;
      if (o.noReset) rec = hu(2 * H + j, hp);
      else if (o.resetAfter) rec = r[j] * hu(2 * H + j, hp);
      else rec = hu(2 * H + j, hp.map((v, k) => r[k] * v));
      const ht = Math.tanh(xw[2 * H + j] + rec);
      return o.reversed ? (1 - z[j]) * hp[j] + z[j] * ht : z[j] * hp[j] + (1 - z[j]) * ht;
    });
  });
}

export const reversed_blend = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, W, U, b, { reversed: true });
export const pytorch_gate_order = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, W, U, b, { rzOrder: true });
export const reset_after_matmul = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, W, U, b, { resetAfter: true });
export const forgets_reset = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, W, U, b, { noReset: true });
export const tanh_gates = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step(x, h, W, U, b, { gateAct: Math.tanh });

// Mistakes added for issue 23: the recurrent terms and biases of each block, sizes, batch rows,
// inputs modified, empty batch.
function step2(x: Mat, hPrev: Mat, W: Mat, U: Mat, b: number[], o: { noRecR?: boolean; noRecZ?: boolean; noBh?: boolean; H?: number }): Mat {
  const H = o.H ?? U.length;
  return x.map((xr, row) => {
    const hp = hPrev[row];
    const xw = (c: number) => xr.reduce((s, v, k) => s + v * W[k][c], 0);
    const hu = (c: number, h: number[]) => h.reduce((s, v, k) => s + v * U[k][c], 0);
    const z = Array.from({ length: H }, (_, j) => sig(xw(j) + (o.noRecZ ? 0 : hu(j, hp) + b[j])));
    const r = Array.from({ length: H }, (_, j) => sig(xw(H + j) + (o.noRecR ? 0 : hu(H + j, hp) + b[H + j])));
    const rh = hp.map((v, k) => r[k] * v);
    return Array.from({ length: H }, (_, j) => {
      const ht = Math.tanh(xw(2 * H + j) + hu(2 * H + j, rh) + (o.noBh ? 0 : b[2 * H + j]));
      return z[j] * hp[j] + (1 - z[j]) * ht;
    });
  });
}
export const reset_without_recurrent = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step2(x, h, W, U, b, { noRecR: true });
export const update_without_recurrent = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step2(x, h, W, U, b, { noRecZ: true });
export const candidate_without_bias = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step2(x, h, W, U, b, { noBh: true });
export const hidden_size_from_kernel = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step2(x, h, W, U, b, { H: W.length });
export const first_row_state = (x: Mat, h: Mat, W: Mat, U: Mat, b: number[]) => step(x, x.map(() => h[0]), W, U, b, {});
export function reset_in_place(x: Mat, hPrev: Mat, W: Mat, U: Mat, b: number[]): Mat {
  const H = U.length;
  return x.map((xr, row) => {
    const hp = hPrev[row];
    const a = (c: number, h: number[]) => b[c] + xr.reduce((s, v, k) => s + v * W[k][c], 0) + h.reduce((s, v, k) => s + v * U[k][c], 0);
    const z = hp.map((_, j) => sig(a(j, hp)));
    const r = hp.map((_, j) => sig(a(H + j, hp)));
    const keep = hp.slice();
    for (let k = 0; k < H; k++) hp[k] *= r[k]; // r ⊙ h_{t-1}, written over the caller's row
    return keep.map((v, j) => z[j] * v + (1 - z[j]) * Math.tanh(a(2 * H + j, hp)));
  });
}
export function hidden_size_from_first_row(x: Mat, h: Mat, W: Mat, U: Mat, b: number[]): Mat {
  return step2(x, h, W, U, b, { H: h[0].length });
}
