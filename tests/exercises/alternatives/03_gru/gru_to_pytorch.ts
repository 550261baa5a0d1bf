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
