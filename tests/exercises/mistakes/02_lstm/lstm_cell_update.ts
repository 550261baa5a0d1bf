/** Mistaken variants of lstm_cell_update, one per mistake listed in its grader. */
type Mat = number[][];
interface Opt { swap?: boolean; restart?: boolean; tanhC?: boolean; noForget?: boolean }

function run(i: Mat, f: Mat, ct: Mat, o: Mat, c0: number[], opt: Opt) {
  const c: Mat = [], h: Mat = [];
  let prev = c0;
  for (let t = 0; t < i.length; t++) {
    const base = opt.restart ? c0 : prev;
    const cur = base.map((cp, j) =>
      opt.swap ? i[t][j] * cp + f[t][j] * ct[t][j] : (opt.noForget ? 1 : f[t][j]) * cp + i[t][j] * ct[t][j]);
    c.push(cur);
    h.push(cur.map((v, j) => o[t][j] * (opt.tanhC === false ? v : Math.tanh(v))));
    prev = cur;
  }
  return { c, h };
}

export const swaps_input_and_forget = (i: Mat, f: Mat, c: Mat, o: Mat, c0: number[]) => run(i, f, c, o, c0, { swap: true });
export const restarts_from_c0 = (i: Mat, f: Mat, c: Mat, o: Mat, c0: number[]) => run(i, f, c, o, c0, { restart: true });
export const no_tanh_on_cell = (i: Mat, f: Mat, c: Mat, o: Mat, c0: number[]) => run(i, f, c, o, c0, { tanhC: false });
export const adds_without_forget = (i: Mat, f: Mat, c: Mat, o: Mat, c0: number[]) => run(i, f, c, o, c0, { noForget: true });
