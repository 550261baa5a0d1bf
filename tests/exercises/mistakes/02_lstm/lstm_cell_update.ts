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

// Mistakes added for issue 23: h_t, the rows returned, c0 modified, rows shared, empty sequence.
const sigm = (v: number) => 1 / (1 + Math.exp(-v));
export function sigmoid_on_cell(i: Mat, f: Mat, ct: Mat, o: Mat, c0: number[]) {
  const r = run(i, f, ct, o, c0, {});
  return { c: r.c, h: r.c.map((row, t) => row.map((v, j) => o[t][j] * sigm(v))) };
}
export function h_from_previous_cell(i: Mat, f: Mat, ct: Mat, o: Mat, c0: number[]) {
  const r = run(i, f, ct, o, c0, {});
  return { c: r.c, h: r.c.map((row, t) => (t === 0 ? c0 : r.c[t - 1]).map((v, j) => o[t][j] * Math.tanh(v))) };
}
export function returns_c0_first(i: Mat, f: Mat, ct: Mat, o: Mat, c0: number[]) {
  const r = run(i, f, ct, o, c0, {});
  return { c: [c0.slice(), ...r.c], h: [c0.map(Math.tanh), ...r.h] };
}
export function writes_into_c0(i: Mat, f: Mat, ct: Mat, o: Mat, c0: number[]) {
  const c: Mat = [], h: Mat = [];
  for (let t = 0; t < i.length; t++) {
    for (let j = 0; j < c0.length; j++) c0[j] = f[t][j] * c0[j] + i[t][j] * ct[t][j];
    c.push(c0.slice());
    h.push(c0.map((v, j) => o[t][j] * Math.tanh(v)));
  }
  return { c, h };
}
export function pushes_same_row(i: Mat, f: Mat, ct: Mat, o: Mat, c0: number[]) {
  const cur = c0.slice();
  const c: Mat = [], h: Mat = [];
  for (let t = 0; t < i.length; t++) {
    for (let j = 0; j < cur.length; j++) cur[j] = f[t][j] * cur[j] + i[t][j] * ct[t][j];
    c.push(cur);
    h.push(cur.map((v, j) => o[t][j] * Math.tanh(v)));
  }
  return { c, h };
}
export function hidden_size_from_first_gate(i: Mat, f: Mat, ct: Mat, o: Mat, c0: number[]) {
  const H = i[0].length;
  return run(i, f, ct, o, c0.slice(0, H), {});
}
