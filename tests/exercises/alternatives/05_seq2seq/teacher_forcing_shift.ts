/** Correct alternatives to the reference teacher_forcing_shift: every one must pass the grader. */
/** Index arithmetic: input t is y[t − 1], the start token at t = 0. */
export const byIndex = (y: number[][], startToken: number): number[][] =>
  y.map((row) => row.map((_, t) => (t === 0 ? startToken : row[t - 1])));
/** concat and slice on a copy. */
export const concatSlice = (y: number[][], startToken: number): number[][] =>
  y.map((row) => [startToken].concat(row).slice(0, row.length));
