/** Correct alternatives to the reference gru_to_pytorch: every one must pass the grader. */
type M = number[][];
/** Reorder the columns first (r, z, n), then transpose. */
export function reorderThenTranspose(kernel: M, recurrentKernel: M, bias: number[], recurrentBias: number[]) {
  const H = recurrentKernel.length;
  const reorder = (row: number[]) => [...row.slice(H, 2 * H), ...row.slice(0, H), ...row.slice(2 * H)];
  const transpose = (m: M) => m[0].map((_, c) => m.map((r) => r[c]));
  return {
    weightIh: transpose(kernel.map(reorder)),
    weightHh: transpose(recurrentKernel.map(reorder)),
    biasIh: reorder(bias),
    biasHh: reorder(recurrentBias),
  };
}
/** Loops over PyTorch's rows with an explicit block map. */
export function loops(kernel: M, recurrentKernel: M, bias: number[], recurrentBias: number[]) {
  const H = recurrentKernel.length;
  const ours = { r: 1, z: 0, n: 2 };
  const out = { weightIh: [] as M, weightHh: [] as M, biasIh: [] as number[], biasHh: [] as number[] };
  for (const g of ['r', 'z', 'n'] as const) {
    for (let j = 0; j < H; j++) {
      const col = ours[g] * H + j;
      out.weightIh.push(kernel.map((row) => row[col]));
      out.weightHh.push(recurrentKernel.map((row) => row[col]));
      out.biasIh.push(bias[col]);
      out.biasHh.push(recurrentBias[col]);
    }
  }
  return out;
}
