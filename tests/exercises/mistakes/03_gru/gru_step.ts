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
