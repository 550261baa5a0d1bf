/** Mistaken variants of bidirectional_concat, one per mistake listed in its grader. */
export const no_re_reverse = (f: number[][], b: number[][]) => f.map((r, t) => [...r, ...b[t]]);
export const backward_first = (f: number[][], b: number[][]) => f.map((r, t) => [...b[f.length - 1 - t], ...r]);
export const sums_instead_of_concat = (f: number[][], b: number[][]) => f.map((r, t) => r.map((v, j) => v + b[f.length - 1 - t][j]));

// Mistakes added for issue 23: which side is reversed, the layout, the index, inputs modified, no steps.
export const reverses_forward_instead = (f: number[][], b: number[][]) => f.map((_, t) => [...f[f.length - 1 - t], ...b[t]]);
export const interleaves_units = (f: number[][], b: number[][]) => f.map((r, t) => r.flatMap((v, j) => [v, b[f.length - 1 - t][j]]));
export const index_off_by_one = (f: number[][], b: number[][]) => f.map((r, t) => [...r, ...b[f.length - t]]);
export function reverses_in_place(f: number[][], b: number[][]) {
  b.reverse();
  return f.map((r, t) => [...r, ...b[t]]);
}
export function pushes_into_forward_rows(f: number[][], b: number[][]) {
  const T = f.length;
  f.forEach((r, t) => r.push(...b[T - 1 - t]));
  return f.map((r) => r.slice());
}
export function size_from_first_row(f: number[][], b: number[][]) {
  const H = f[0].length;
  return f.map((r, t) => Array.from({ length: 2 * H }, (_, j) => (j < H ? r[j] : b[f.length - 1 - t][j - H])));
}
