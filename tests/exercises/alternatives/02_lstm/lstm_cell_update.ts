/** Correct alternatives to the reference lstm_cell_update: every one must pass the grader. */
type M = number[][];
/** reduce over time, carrying the last cell state in the accumulator. */
export function withReduce(i: M, f: M, cTilde: M, o: M, c0: number[]) {
  const c = i.reduce<M>((acc, it, t) => {
    const prev = t === 0 ? c0 : acc[t - 1];
    return [...acc, prev.map((cp, j) => f[t][j] * cp + it[j] * cTilde[t][j])];
  }, []);
  return { c, h: c.map((row, t) => row.map((v, j) => o[t][j] * Math.tanh(v))) };
}
/** Index loops, the previous cell state read back from the output. */
export function indexLoops(i: M, f: M, cTilde: M, o: M, c0: number[]) {
  const c: M = [], h: M = [];
  for (let t = 0; t < i.length; t++) {
    c.push([]); h.push([]);
    for (let j = 0; j < c0.length; j++) {
      const prev = t === 0 ? c0[j] : c[t - 1][j];
      c[t].push(f[t][j] * prev + i[t][j] * cTilde[t][j]);
      h[t].push(o[t][j] * Math.tanh(c[t][j]));
    }
  }
  return { c, h };
}
