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
