/**
 * Graders of unit 03 (GRU). Expected values come from tiny fixtures (inputSize 1, hiddenSize 2)
 * whose pre-activations are written out next to them.
 */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/03_gru/gru_step') &
  typeof import('../../../exercises/03_gru/gru_param_count') &
  typeof import('../../../exercises/03_gru/gru_to_pytorch');
type Ex<P extends keyof M> = M[P];

const sig = (v: number) => 1 / (1 + Math.exp(-v));
const tanh = Math.tanh;
/** The blend for one unit: z ⊙ hPrev + (1 − z) ⊙ tanh(aH). */
const blend = (z: number, hp: number, aH: number) => z * hp + (1 - z) * tanh(aH);
const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));

// ---------------------------------------------------------------- gru_step
// Columns: z0 z1 | r0 r1 | h0 h1.
// Case A: U = 0, b = 0, x = 1 → a_z = [0.5, −1], a_h = [0.3, −0.6]; r plays no part.
const KA = [[0.5, -1, 0, 0, 0.3, -0.6]];
// Case B: only a_r = [2, −2] from x, U_h swaps the two units: (v U_h) = [v1, v0]; z = 0.5.
const KB = [[0, 0, 2, -2, 0, 0]];
const UB = [[0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 1, 0]];
const rB = [sig(2), sig(-2)];
// (r ⊙ hPrev) U_h with hPrev = [0.5, −1] → [r1·(−1), r0·0.5]
const hB = [blend(0.5, 0.5, rB[1] * -1), blend(0.5, -1, rB[0] * 0.5)];
// Case C: everything together, batch of two.
const KC = [[0.5, -1, 2, -2, 0.3, -0.6]];
const UC = [[0.1, 0, 0, 0, 0, 1], [0, 0.2, 0, 0, 1, 0]];
const BC = [0.1, 0, 0, 0, 0, -0.1];
// row 0: x = 1, hPrev = [0.4, −0.8]: a_z = [0.5 + 0.04 + 0.1, −1 − 0.16], r = [σ(2), σ(−2)],
//        a_h = [0.3 + r1·(−0.8), −0.6 − 0.1 + r0·0.4]
// row 1: x = 0, hPrev = [0.5, −1]: a_z = [0.05 + 0.1, −0.2], r = [0.5, 0.5], a_h = [0.5·(−1), 0.5·0.5 − 0.1]
const hC = [
  [blend(sig(0.64), 0.4, 0.3 + rB[1] * -0.8), blend(sig(-1.16), -0.8, -0.7 + rB[0] * 0.4)],
  [blend(sig(0.15), 0.5, -0.5), blend(sig(-0.2), -1, 0.15)],
];

const HINT_ORDER_BLEND =
  'Gate order z, r, h: z = σ(block 0), r = σ(block 1), h̃ = tanh(block 2) (PyTorch\'s r, z, n order differs). ' +
  'Blend h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃_t: z = 1 keeps the previous state.';
const HINT_RESET =
  'Reset before U_h: h̃ = tanh(x W_h + (r ⊙ h_{t-1}) U_h + b_h). Multiply h_{t-1} by the reset gate first, then take the ' +
  'product with U_h (not r ⊙ (h_{t-1} U_h), which is the reset-after convention).';

const gruStep = defineGrader<Ex<'gruStep'>>({
  unit: '03_gru', name: 'gru_step', exportName: 'gruStep',
  title: 'one GRU step, reset before the recurrent matmul, gate order z, r, h',
  argNames: ['x', 'hPrev', 'kernel', 'recurrentKernel', 'bias'],
  cases: [
    {
      name: 'update gate and blend (U = 0)', args: [[[1]], [[0.4, -0.8]], KA, zeros(2, 6), [0, 0, 0, 0, 0, 0]],
      expected: [[blend(sig(0.5), 0.4, 0.3), blend(sig(-1), -0.8, -0.6)]], hint: HINT_ORDER_BLEND,
    },
    { name: 'reset gate applied before U_h', args: [[[1]], [[0.5, -1]], KB, UB, [0, 0, 0, 0, 0, 0]], expected: [hB], hint: HINT_RESET },
    {
      name: 'batch of two, all terms', args: [[[1], [0]], [[0.4, -0.8], [0.5, -1]], KC, UC, BC], expected: hC,
      hint: 'Every gate reads x W + h_{t-1} U + b (bias included); each row of the batch is one example. ' + HINT_RESET,
    },
  ],
  mistakes: [
    { id: 'reversed_blend', description: 'blends (1 − z) ⊙ h_{t-1} + z ⊙ h̃ (the other direction)', hint: 'z = 1 keeps the previous state' },
    { id: 'pytorch_gate_order', description: 'reads the blocks in PyTorch\'s order r, z, h', hint: 'Gate order z, r, h' },
    { id: 'reset_after_matmul', description: 'applies the reset after the product, r ⊙ (h_{t-1} U_h)', hint: 'not r ⊙ (h_{t-1} U_h)' },
    { id: 'forgets_reset', description: 'leaves the reset gate out of the candidate', hint: 'Multiply h_{t-1} by the reset gate first' },
    { id: 'tanh_gates', description: 'uses tanh instead of the sigmoid for the update and reset gates', hint: 'z = σ(block 0), r = σ(block 1)' },
  ],
});

// ---------------------------------------------------------------- gru_param_count
const HINT_GRU_COUNT = 'Three blocks (z, r, h), each with an n × h matrix W, an h × h matrix U and an h-vector bias: 3(h(n + h) + h).';
const gruParamCount = defineGrader<Ex<'gruParamCount'>>({
  unit: '03_gru', name: 'gru_param_count', exportName: 'gruParamCount',
  title: 'the parameter count of a GRU layer, both reset conventions',
  argNames: ['inputSize', 'hiddenSize', 'resetAfter'],
  cases: [
    { name: 'n = 1, h = 1', args: [1, 1, false], expected: 9, hint: HINT_GRU_COUNT },       // 3(1·2 + 1)
    { name: 'n = 3, h = 2', args: [3, 2, false], expected: 36, hint: HINT_GRU_COUNT },      // 3(2·5 + 2)
    { name: 'n = 65, h = 256', args: [65, 256, false], expected: 247296, hint: HINT_GRU_COUNT },
    {
      name: 'reset after, n = 3, h = 2', args: [3, 2, true], expected: 42, // 36 + 3·2
      hint: 'The reset-after GRU has a second bias, recurrentBias, of length 3h: add 3h.',
    },
  ],
  mistakes: [
    { id: 'four_gates', description: 'counts four blocks (the LSTM count)', hint: 'Three blocks' },
    { id: 'forgets_bias', description: 'counts 3h(n + h) without the bias', hint: 'an h-vector bias' },
    { id: 'ignores_reset_after', description: 'forgets the recurrent bias of the reset-after GRU', hint: 'add 3h' },
  ],
});

// ---------------------------------------------------------------- gru_to_pytorch
// Entries encode their position: kernel[k][c] = 10k + c, so each output entry shows where it came from.
const K1 = [[1, 2, 3]];
const K2 = [[0, 1, 2, 3, 4, 5], [10, 11, 12, 13, 14, 15]];
const U2 = [[20, 21, 22, 23, 24, 25], [30, 31, 32, 33, 34, 35]];
const HINT_PT =
  'PyTorch\'s gate order is r, z, n: its first block is our r (block 1), its second our z (block 0), its third our h. ' +
  'Transpose: weightIh[row][k] = kernel[k][column]. bias goes to biasIh and recurrentBias to biasHh.';
const HINT_PT_BLOCKS = 'Blocks are hiddenSize rows tall: move whole blocks (rows g·h … g·h + h − 1), not single rows.';

const gruToPyTorch = defineGrader<Ex<'gruToPyTorch'>>({
  unit: '03_gru', name: 'gru_to_pytorch', exportName: 'gruToPyTorch',
  title: 'GRU weights from our layout (z, r, h; [in, out]) to PyTorch\'s (r, z, n; [out, in])',
  argNames: ['kernel', 'recurrentKernel', 'bias', 'recurrentBias'],
  cases: [
    {
      name: 'inputSize 1, hiddenSize 1', args: [K1, [[4, 5, 6]], [7, 8, 9], [10, 11, 12]],
      expected: { weightIh: [[2], [1], [3]], weightHh: [[5], [4], [6]], biasIh: [8, 7, 9], biasHh: [11, 10, 12] },
      hint: HINT_PT,
    },
    {
      name: 'inputSize 2, hiddenSize 2', args: [K2, U2, [40, 41, 42, 43, 44, 45], [50, 51, 52, 53, 54, 55]],
      expected: {
        weightIh: [[2, 12], [3, 13], [0, 10], [1, 11], [4, 14], [5, 15]],
        weightHh: [[22, 32], [23, 33], [20, 30], [21, 31], [24, 34], [25, 35]],
        biasIh: [42, 43, 40, 41, 44, 45],
        biasHh: [52, 53, 50, 51, 54, 55],
      },
      hint: HINT_PT_BLOCKS,
    },
  ],
  mistakes: [
    { id: 'no_gate_reorder', description: 'keeps our gate order z, r, h', hint: 'PyTorch\'s gate order is r, z, n' },
    { id: 'not_transposed', description: 'reorders but does not transpose the weights', hint: 'Transpose' },
    { id: 'biases_swapped', description: 'puts bias into biasHh and recurrentBias into biasIh', hint: 'bias goes to biasIh' },
    { id: 'reorders_rows_not_blocks', description: 'swaps single rows 0 and 1 instead of blocks of hiddenSize rows', hint: 'move whole blocks' },
  ],
});

export const graders: Grader[] = [gruStep, gruParamCount, gruToPyTorch];
