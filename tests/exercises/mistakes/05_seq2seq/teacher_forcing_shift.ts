/** Mistaken variants of teacher_forcing_shift, one per mistake listed in its grader. */
export const no_shift = (y: number[][]) => y.map((r) => r.slice());
export const shift_left = (y: number[][], start: number) => y.map((r) => [...r.slice(1), start]);
export const keeps_last_target = (y: number[][], start: number) => y.map((r) => [start, ...r]);

// Mistakes added for issue 23: the start token, the shift, batch rows, input modified, empty batch.
export const start_token_one = (y: number[][]) => y.map((r) => [1, ...r.slice(0, -1)]);
export const replaces_first_target = (y: number[][], start: number) => y.map((r) => { const o = r.slice(); o[0] = start; return o; });
export const first_row_for_all = (y: number[][], start: number) => y.map(() => [start, ...y[0].slice(0, -1)]);
export function unshift_in_place(y: number[][], start: number): number[][] {
  for (const r of y) { r.unshift(start); r.pop(); }
  return y.map((r) => r.slice());
}
export function length_from_first_row(y: number[][], start: number): number[][] {
  const T = y[0].length;
  return y.map((r) => [start, ...r.slice(0, T - 1)]);
}
