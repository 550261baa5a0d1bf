/** Mistaken variants of gru_to_pytorch, one per mistake listed in its grader. */
type Mat = number[][];
interface Opt { order?: number[]; transpose?: boolean; swapBiases?: boolean; singleRows?: boolean }

function convert(W: Mat, U: Mat, b: number[], rb: number[], o: Opt) {
  const H = U.length;
  const order = o.order ?? [1, 0, 2];
  const src = (row: number) => (o.singleRows ? ([1, 0].includes(row) ? 1 - row : row) : order[Math.floor(row / H)] * H + (row % H));
  const rows = Array.from({ length: 3 * H }, (_, r) => src(r));
  const t = (m: Mat) => (o.transpose === false ? m.map((mr) => rows.map((c) => mr[c])) : rows.map((c) => m.map((mr) => mr[c])));
  const bi = rows.map((c) => b[c]), bh = rows.map((c) => rb[c]);
  return { weightIh: t(W), weightHh: t(U), biasIh: o.swapBiases ? bh : bi, biasHh: o.swapBiases ? bi : bh };
}

export const no_gate_reorder = (W: Mat, U: Mat, b: number[], rb: number[]) => convert(W, U, b, rb, { order: [0, 1, 2] });
export const not_transposed = (W: Mat, U: Mat, b: number[], rb: number[]) => convert(W, U, b, rb, { transpose: false });
export const biases_swapped = (W: Mat, U: Mat, b: number[], rb: number[]) => convert(W, U, b, rb, { swapBiases: true });
export const reorders_rows_not_blocks = (W: Mat, U: Mat, b: number[], rb: number[]) => convert(W, U, b, rb, { singleRows: true });

// Mistakes added for issue 23: block order, biases, shapes (inputSize ≠ hiddenSize), input modified.
export const order_r_n_z = (W: Mat, U: Mat, b: number[], rb: number[]) => convert(W, U, b, rb, { order: [1, 2, 0] });
export function biases_not_reordered(W: Mat, U: Mat, b: number[], rb: number[]) {
  return { ...convert(W, U, b, rb, {}), biasIh: b.slice(), biasHh: rb.slice() };
}
export function recurrent_not_transposed(W: Mat, U: Mat, b: number[], rb: number[]) {
  const r = convert(W, U, b, rb, {});
  const H = U.length;
  const cols = Array.from({ length: 3 * H }, (_, row) => [1, 0, 2][Math.floor(row / H)] * H + (row % H));
  return { ...r, weightHh: U.map((ur) => cols.map((c) => ur[c])) };
}
export function hidden_size_from_kernel(W: Mat, U: Mat, b: number[], rb: number[]) {
  const H = W.length;
  const cols = Array.from({ length: 3 * H }, (_, row) => [1, 0, 2][Math.floor(row / H)] * H + (row % H));
  return {
    weightIh: cols.map((c) => W.map((r) => r[c])), weightHh: cols.map((c) => U.map((r) => r[c])),
    biasIh: cols.map((c) => b[c]), biasHh: cols.map((c) => rb[c]),
  };
}
export function square_transpose_loop(W: Mat, U: Mat, b: number[], rb: number[]) {
  const H = U.length;
  const cols = Array.from({ length: 3 * H }, (_, row) => [1, 0, 2][Math.floor(row / H)] * H + (row % H));
  return {
    weightIh: cols.map((c) => Array.from({ length: H }, (_, k) => W[k][c])), weightHh: cols.map((c) => U.map((r) => r[c])),
    biasIh: cols.map((c) => b[c]), biasHh: cols.map((c) => rb[c]),
  };
}
export function reorders_bias_in_place(W: Mat, U: Mat, b: number[], rb: number[]) {
  const H = U.length;
  const out = convert(W, U, b, rb, {});
  const z = b.splice(0, H); // swap the z and r blocks of the caller's bias
  b.splice(H, 0, ...z);
  return { ...out, biasIh: b.slice() };
}
