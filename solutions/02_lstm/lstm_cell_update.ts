// REFERENCE SOLUTION. Try the exercise in exercises/02_lstm/lstm_cell_update.ts first.
/**
 * lstm_cell_update: run the cell-state update over time, given the gate activations.
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t,  h_t = o_t ⊙ tanh(c_t)
 */
export function lstmCellUpdate(
  i: number[][], f: number[][], cTilde: number[][], o: number[][], c0: number[],
): { c: number[][]; h: number[][] } {
  const c: number[][] = [];
  const h: number[][] = [];
  let cPrev = c0;
  for (let t = 0; t < i.length; t++) {
    const ct = cPrev.map((cp, j) => f[t][j] * cp + i[t][j] * cTilde[t][j]);
    c.push(ct);
    h.push(ct.map((v, j) => o[t][j] * Math.tanh(v)));
    cPrev = ct;
  }
  return { c, h };
}
