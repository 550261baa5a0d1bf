/**
 * Exercise 03 · gru_to_pytorch — convert GRU weights to PyTorch's nn.GRU layout.
 * Theory: theory/03_gru_architecture.md, Sections 4 and 5; lib/README.md "PyTorch layout".
 *
 * Our reset-after GRU (the convention PyTorch uses) stores, with gate order z, r, h:
 *   kernel [inputSize, 3*hiddenSize], recurrentKernel [hiddenSize, 3*hiddenSize],
 *   bias [3*hiddenSize] (input side), recurrentBias [3*hiddenSize] (recurrent side).
 * PyTorch stores, with gate order r, z, n (n is the candidate h̃):
 *   weight_ih [3*hiddenSize, inputSize] = the transposed kernel,
 *   weight_hh [3*hiddenSize, hiddenSize] = the transposed recurrent kernel,
 *   bias_ih [3*hiddenSize] ↔ bias, bias_hh [3*hiddenSize] ↔ recurrentBias.
 *
 * So row g·h + j of weightIh (PyTorch block g ∈ {r, z, n}, unit j) is column G·h + j of the kernel,
 * where G is the same gate's block in our order (r → 1, z → 0, n → 2). The blend
 * h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃ is the same in both, so z needs no sign change.
 *
 * inputSize and hiddenSize differ in general. Do not modify the inputs; return new arrays.
 *
 * Hints:
 * - Reorder whole blocks of hiddenSize rows, not single rows.
 * - Transpose: PyTorch's weights are [out, in]; ours are [in, out].
 * - bias goes to biasIh, recurrentBias to biasHh (both reordered the same way).
 *
 * Grade: npm run grade -- gru_to_pytorch
 */
export interface PyTorchGru {
  weightIh: number[][]; // [3*hiddenSize, inputSize]
  weightHh: number[][]; // [3*hiddenSize, hiddenSize]
  biasIh: number[];     // [3*hiddenSize]
  biasHh: number[];     // [3*hiddenSize]
}

export function gruToPyTorch(
  kernel: number[][], recurrentKernel: number[][], bias: number[], recurrentBias: number[],
): PyTorchGru {
  // TODO
  throw new Error('not implemented: gru_to_pytorch');
}
