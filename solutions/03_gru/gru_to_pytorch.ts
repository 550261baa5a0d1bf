// REFERENCE SOLUTION. Try the exercise in exercises/03_gru/gru_to_pytorch.ts first.
/**
 * gru_to_pytorch: our reset-after GRU weights (gate order z, r, h; kernel [n, 3h]) to PyTorch's
 * nn.GRU layout (gate order r, z, n; weight_ih [3h, n] = transposed).
 */
export interface PyTorchGru {
  weightIh: number[][]; // [3*hiddenSize, inputSize]
  weightHh: number[][]; // [3*hiddenSize, hiddenSize]
  biasIh: number[];     // [3*hiddenSize]
  biasHh: number[];     // [3*hiddenSize]
}

const FROM_OURS = [1, 0, 2]; // PyTorch block g (r, z, n) comes from our block FROM_OURS[g] (z, r, h)

export function gruToPyTorch(
  kernel: number[][], recurrentKernel: number[][], bias: number[], recurrentBias: number[],
): PyTorchGru {
  const H = recurrentKernel.length;
  const col = (row: number) => FROM_OURS[Math.floor(row / H)] * H + (row % H); // our column of PyTorch row
  const rows = Array.from({ length: 3 * H }, (_, row) => col(row));
  return {
    weightIh: rows.map((c) => kernel.map((kRow) => kRow[c])),
    weightHh: rows.map((c) => recurrentKernel.map((uRow) => uRow[c])),
    biasIh: rows.map((c) => bias[c]),
    biasHh: rows.map((c) => recurrentBias[c]),
  };
}
