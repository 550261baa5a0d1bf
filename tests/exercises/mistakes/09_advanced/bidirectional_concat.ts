/** Mistaken variants of bidirectional_concat, one per mistake listed in its grader. */
export const no_re_reverse = (f: number[][], b: number[][]) => f.map((r, t) => [...r, ...b[t]]);
export const backward_first = (f: number[][], b: number[][]) => f.map((r, t) => [...b[f.length - 1 - t], ...r]);
export const sums_instead_of_concat = (f: number[][], b: number[][]) => f.map((r, t) => r.map((v, j) => v + b[f.length - 1 - t][j]));
