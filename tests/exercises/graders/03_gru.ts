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
/** Second kernel row of the inputSize-2 fixtures; their second input is 0, so it adds nothing. */
const XROW = [0.7, -0.3, 0.2, 0.4, -0.5, 0.1];
const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));

// ---------------------------------------------------------------- gru_step
// Columns: z0 z1 | r0 r1 | h0 h1.
// inputSize 2, hiddenSize 2 (x = [1, 0] or [0, 0]; the statement-level shapes case below has inputSize 3).
// Case A: U = 0, b = 0, x = [1, 0] → a_z = [0.5, −1], a_h = [0.3, −0.6]; r plays no part.
const KA = [[0.5, -1, 0, 0, 0.3, -0.6], XROW];
// Case B: only a_r = [2, −2] from x, U_h swaps the two units: (v U_h) = [v1, v0]; z = 0.5.
const KB = [[0, 0, 2, -2, 0, 0], XROW];
const UB = [[0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 1, 0]];
const rB = [sig(2), sig(-2)];
// (r ⊙ hPrev) U_h with hPrev = [0.5, −1] → [r1·(−1), r0·0.5]
const hB = [blend(0.5, 0.5, rB[1] * -1), blend(0.5, -1, rB[0] * 0.5)];
// Case C: everything together, batch of two.
const KC = [[0.5, -1, 2, -2, 0.3, -0.6], XROW];
const UC = [[0.1, 0, 0, 0, 0, 1], [0, 0.2, 0, 0, 1, 0]];
const BC = [0.1, 0, 0, 0, 0, -0.1];
// row 0: x = [1, 0], hPrev = [0.4, −0.8]: a_z = [0.5 + 0.04 + 0.1, −1 − 0.16], r = [σ(2), σ(−2)],
//        a_h = [0.3 + r1·(−0.8), −0.6 − 0.1 + r0·0.4]
// row 1: x = [0, 0], hPrev = [0.5, −1]: a_z = [0.05 + 0.1, −0.2], r = [0.5, 0.5], a_h = [0.5·(−1), 0.5·0.5 − 0.1]
const hC = [
  [blend(sig(0.64), 0.4, 0.3 + rB[1] * -0.8), blend(sig(-1.16), -0.8, -0.7 + rB[0] * 0.4)],
  [blend(sig(0.15), 0.5, -0.5), blend(sig(-0.2), -1, 0.15)],
];

/** Reference for the fixtures: the statement's equations, one row at a time. */
function gruRef(x: number[][], hPrev: number[][], w: number[][], u: number[][], b: number[]): number[][] {
  const H = u.length;
  return x.map((xr, row) => {
    const hp = hPrev[row];
    const xw = b.map((bc, col) => bc + xr.reduce((s, v, k) => s + v * w[k][col], 0));
    const hu = (col: number, h: number[]) => h.reduce((s, v, k) => s + v * u[k][col], 0);
    const z = hp.map((_, j) => sig(xw[j] + hu(j, hp)));
    const r = hp.map((_, j) => sig(xw[H + j] + hu(H + j, hp)));
    const rh = hp.map((v, k) => r[k] * v);
    return hp.map((v, j) => blend(z[j], v, xw[2 * H + j] + hu(2 * H + j, rh)));
  });
}
// Case R: z = 0.5 (U_z = 0, b_z = 0), the reset gate reads only h_{t-1} U_r + b_r, U_h non-zero.
const KR = [[0, 0, 0, 0, 0.3, -0.6], XROW];
const UR = [[0, 0, 0.5, -1, 0.4, -0.2], [0, 0, 1, 0.5, 0.3, 0.6]];
const BR = [0, 0, 0.2, -0.3, 0, 0];
// Case Z: the update gate reads h_{t-1} U_z + b_z; reset and candidate recurrent blocks zero.
const UZ = [[0.5, 0.2, 0, 0, 0, 0], [-0.3, 0.4, 0, 0, 0, 0]];
const BZ = [0.1, -0.2, 0, 0, 0, 0];
// inputSize 3, hiddenSize 2: every block of W, U and b non-zero.
const K3 = [[0.5, -1, 0.3, 0.2, 0.3, -0.6], [0.2, 0.4, -0.5, 0.1, 0.7, 0.2], [-0.3, 0.1, 0.2, -0.4, -0.2, 0.5]];
const U3 = [[0.1, 0.3, 0.5, -1, 0.4, -0.2], [-0.2, 0.2, 1, 0.5, 0.3, 0.6]];
const B3 = [0.1, -0.2, 0.2, -0.3, 0.3, -0.4];
const X3 = [[1, -0.5, 2], [-1, 0.5, 0.25]], HP3 = [[0.4, -0.8], [-0.6, 0.9]];

const HINT_ORDER_BLEND =
  'Gate order z, r, h: z = σ(block 0), r = σ(block 1), h̃ = tanh(block 2) (PyTorch\'s r, z, n order differs). ' +
  'Blend h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃_t: z = 1 keeps the previous state.';
const HINT_RESET =
  'Reset before U_h: h̃ = tanh(x W_h + (r ⊙ h_{t-1}) U_h + b_h). Multiply h_{t-1} by the reset gate first, then take the ' +
  'product with U_h (not r ⊙ (h_{t-1} U_h), which is the reset-after convention).';
const HINT_RESET_REC = 'The reset gate has its own recurrent weights and bias: r = σ(x W_r + h_{t-1} U_r + b_r), block 1 of recurrentKernel and of bias.';
const HINT_UPDATE_REC = 'The update gate reads the previous state and its bias too: z = σ(x W_z + h_{t-1} U_z + b_z), block 0 of recurrentKernel and of bias.';
const HINT_CAND_BIAS = 'The candidate has its own bias: h̃ = tanh(x W_h + (r ⊙ h_{t-1}) U_h + b_h), block 2 of bias.';
const HINT_GRU_SHAPES =
  'hiddenSize = recurrentKernel.length (= bias.length / 3); kernel.length is the inputSize (3 here, not 2). Each block is hiddenSize columns wide: z | r | h.';

const gruStep = defineGrader<Ex<'gruStep'>>({
  unit: '03_gru', name: 'gru_step', exportName: 'gruStep',
  title: 'one GRU step, reset before the recurrent matmul, gate order z, r, h',
  argNames: ['x', 'hPrev', 'kernel', 'recurrentKernel', 'bias'],
  cases: [
    {
      name: 'update gate and blend (U = 0)', args: [[[1, 0]], [[0.4, -0.8]], KA, zeros(2, 6), [0, 0, 0, 0, 0, 0]],
      expected: [[blend(sig(0.5), 0.4, 0.3), blend(sig(-1), -0.8, -0.6)]],
      hint: `${HINT_ORDER_BLEND} With U = 0 the reset gate plays no part here: it multiplies only h_{t-1}, before U_h (not x W_h).`,
    },
    {
      // all weights zero: z = 0.5 and h̃ = 0, so h_t = 0.5·hPrev
      name: 'all weights zero: h_t = 0.5·hPrev', args: [[[1, 0]], [[0.4, -0.8]], zeros(2, 6), zeros(2, 6), [0, 0, 0, 0, 0, 0]],
      expected: [[0.2, -0.4]], hint: HINT_ORDER_BLEND,
    },
    { name: 'reset gate applied before U_h', args: [[[1, 0]], [[0.5, -1]], KB, UB, [0, 0, 0, 0, 0, 0]], expected: [hB], hint: HINT_RESET },
    { name: 'reset gate from h_{t-1} U_r + b_r', args: [[[1, 0]], [[0.5, -1]], KR, UR, BR], expected: gruRef([[1, 0]], [[0.5, -1]], KR, UR, BR), hint: HINT_RESET_REC },
    { name: 'update gate from h_{t-1} U_z + b_z', args: [[[1, 0]], [[0.5, -1]], KA, UZ, BZ], expected: gruRef([[1, 0]], [[0.5, -1]], KA, UZ, BZ), hint: HINT_UPDATE_REC },
    {
      name: 'candidate bias b_h', args: [[[1, 0]], [[0.4, -0.8]], KA, zeros(2, 6), [0, 0, 0, 0, 0.3, -0.4]],
      expected: gruRef([[1, 0]], [[0.4, -0.8]], KA, zeros(2, 6), [0, 0, 0, 0, 0.3, -0.4]), hint: HINT_CAND_BIAS,
    },
    {
      name: 'batch of two, all terms', args: [[[1, 0], [0, 0]], [[0.4, -0.8], [0.5, -1]], KC, UC, BC], expected: hC,
      hint: 'Every gate reads x W + h_{t-1} U + b (bias included); each row of the batch is one example (row b uses hPrev[b]). ' + HINT_RESET,
    },
    { name: 'inputSize 3, hiddenSize 2, every block non-zero', args: [[X3[0]], [HP3[0]], K3, U3, B3], expected: gruRef([X3[0]], [HP3[0]], K3, U3, B3), hint: HINT_GRU_SHAPES },
    {
      name: 'batch of two rows with different hPrev, inputSize 3', args: [X3, HP3, K3, U3, B3], expected: gruRef(X3, HP3, K3, U3, B3),
      hint: 'Each row of the batch is one example: row b uses x[b] and hPrev[b] (not hPrev[0]) with the same weights.',
    },
    {
      name: 'empty batch', args: [[], [], K3, U3, B3], expected: [],
      hint: 'An empty batch gives []: take hiddenSize from the weights (recurrentKernel.length), not from x[0] or hPrev[0].',
    },
  ],
  mistakes: [
    { id: 'reversed_blend', description: 'blends (1 − z) ⊙ h_{t-1} + z ⊙ h̃ (the other direction)', hint: 'z = 1 keeps the previous state' },
    { id: 'pytorch_gate_order', description: 'reads the blocks in PyTorch\'s order r, z, h', hint: 'Gate order z, r, h' },
    { id: 'reset_after_matmul', description: 'applies the reset after the product, r ⊙ (h_{t-1} U_h)', hint: 'not r ⊙ (h_{t-1} U_h)' },
    { id: 'forgets_reset', description: 'leaves the reset gate out of the candidate', hint: 'Multiply h_{t-1} by the reset gate first' },
    { id: 'tanh_gates', description: 'uses tanh instead of the sigmoid for the update and reset gates', hint: 'z = σ(block 0), r = σ(block 1)' },
    { id: 'reset_without_recurrent', description: 'computes r = σ(x W_r) without h_{t-1} U_r and b_r', hint: 'The reset gate has its own recurrent weights and bias' },
    { id: 'update_without_recurrent', description: 'computes z = σ(x W_z) without h_{t-1} U_z and b_z', hint: 'The update gate reads the previous state' },
    { id: 'candidate_without_bias', description: 'leaves b_h out of the candidate', hint: 'The candidate has its own bias' },
    { id: 'hidden_size_from_kernel', description: 'takes hiddenSize from kernel.length (the inputSize)', hint: 'kernel.length is the inputSize' },
    { id: 'first_row_state', description: 'uses hPrev[0] for every row of the batch', hint: 'row b uses' },
    { id: 'reset_in_place', description: 'computes r ⊙ h_{t-1} in place in hPrev', hint: 'Do not modify the argument `hPrev`' },
    { id: 'hidden_size_from_first_row', description: 'reads hiddenSize from hPrev[0] (fails on an empty batch)', hint: 'An empty batch' },
  ],
});

// ---------------------------------------------------------------- gru_param_count
const HINT_GRU_COUNT =
  'Three blocks (z, r, h), each with an n × h matrix W, an h × h matrix U and an h-vector bias (one per block): 3(h(n + h) + h), ' +
  'with n = inputSize and h = hiddenSize two different numbers; resetAfter = false adds nothing.';
const HINT_RA = 'The reset-after GRU has a second bias, recurrentBias, of length 3h (one h-vector per block): add 3h, only when resetAfter is true.';
const gruParamCount = defineGrader<Ex<'gruParamCount'>>({
  unit: '03_gru', name: 'gru_param_count', exportName: 'gruParamCount',
  title: 'the parameter count of a GRU layer, both reset conventions',
  argNames: ['inputSize', 'hiddenSize', 'resetAfter'],
  cases: [
    { name: 'n = 1, h = 1', args: [1, 1, false], expected: 9, hint: HINT_GRU_COUNT },       // 3(1·2 + 1)
    { name: 'n = 3, h = 2', args: [3, 2, false], expected: 36, hint: HINT_GRU_COUNT },      // 3(2·5 + 2)
    { name: 'n = 65, h = 256', args: [65, 256, false], expected: 247296, hint: HINT_GRU_COUNT },
    { name: 'reset after, n = 3, h = 2', args: [3, 2, true], expected: 42, hint: HINT_RA }, // 36 + 3·2
    { name: 'reset after, n = 65, h = 256', args: [65, 256, true], expected: 248064, hint: HINT_RA }, // 247296 + 768
  ],
  mistakes: [
    { id: 'four_gates', description: 'counts four blocks (the LSTM count)', hint: 'Three blocks' },
    { id: 'forgets_bias', description: 'counts 3h(n + h) without the bias', hint: 'an h-vector bias' },
    { id: 'ignores_reset_after', description: 'forgets the recurrent bias of the reset-after GRU', hint: 'add 3h' },
    { id: 'square_assumption', description: 'counts h × h for the input matrix too (as if n = h)', hint: 'two different numbers' },
    { id: 'bias_once', description: 'counts one h-vector bias for the whole layer', hint: 'one per block' },
    { id: 'reset_after_adds_h', description: 'adds h instead of 3h for the recurrent bias', hint: 'one h-vector per block' },
    { id: 'reset_after_adds_three', description: 'adds 3 instead of 3h for the recurrent bias', hint: 'one h-vector per block' },
    { id: 'inverted_reset_flag', description: 'adds the recurrent bias when resetAfter is false', hint: 'resetAfter = false adds nothing' },
  ],
});

// ---------------------------------------------------------------- gru_to_pytorch
// Entries encode their position: kernel[k][c] = 10k + c, so each output entry shows where it came from.
const K1 = [[1, 2, 3]];
const K2 = [[0, 1, 2, 3, 4, 5], [10, 11, 12, 13, 14, 15]];
const U2 = [[20, 21, 22, 23, 24, 25], [30, 31, 32, 33, 34, 35]];
/** Reference for the fixtures: PyTorch row g·h + j is our column G·h + j (r → 1, z → 0, n → 2). */
function toPt(kernel: number[][], rec: number[][], bias: number[], rbias: number[]) {
  const H = rec.length;
  const cols = Array.from({ length: 3 * H }, (_, row) => [1, 0, 2][Math.floor(row / H)] * H + (row % H));
  return {
    weightIh: cols.map((c) => kernel.map((r) => r[c])), weightHh: cols.map((c) => rec.map((r) => r[c])),
    biasIh: cols.map((c) => bias[c]), biasHh: cols.map((c) => rbias[c]),
  };
}
// inputSize 3, hiddenSize 2 and inputSize 1, hiddenSize 2 (not square).
const K32 = [[0, 1, 2, 3, 4, 5], [10, 11, 12, 13, 14, 15], [20, 21, 22, 23, 24, 25]];
const U32 = [[30, 31, 32, 33, 34, 35], [40, 41, 42, 43, 44, 45]];
const b32 = [50, 51, 52, 53, 54, 55], rb32 = [60, 61, 62, 63, 64, 65];
const K12 = [[0, 1, 2, 3, 4, 5]];
const HINT_PT =
  'PyTorch\'s gate order is r, z, n: its first block is our r (block 1), its second our z (block 0), its third our h. ' +
  'Transpose: weightIh[row][k] = kernel[k][column], and weightHh likewise from recurrentKernel.';
const HINT_PT_BIAS = 'bias goes to biasIh and recurrentBias to biasHh, both reordered the same way as the weights (r, z, n).';
const HINT_PT_BLOCKS = 'Blocks are hiddenSize rows tall: move whole blocks (rows g·h … g·h + h − 1), not single rows.';
const HINT_PT_SHAPES =
  'weightIh is [3·hiddenSize, inputSize]: one row per column of the kernel, with inputSize entries (kernel.length, 3 or 1 here); ' +
  'hiddenSize = recurrentKernel.length, not kernel.length.';

const gruToPyTorch = defineGrader<Ex<'gruToPyTorch'>>({
  unit: '03_gru', name: 'gru_to_pytorch', exportName: 'gruToPyTorch',
  title: 'GRU weights from our layout (z, r, h; [in, out]) to PyTorch\'s (r, z, n; [out, in])',
  argNames: ['kernel', 'recurrentKernel', 'bias', 'recurrentBias'],
  cases: [
    {
      name: 'weights, inputSize 1, hiddenSize 1', args: [K1, [[4, 5, 6]], [7, 8, 9], [10, 11, 12]],
      expected: { weightIh: [[2], [1], [3]], weightHh: [[5], [4], [6]] }, hint: HINT_PT,
    },
    {
      name: 'biases, inputSize 1, hiddenSize 1', args: [K1, [[4, 5, 6]], [7, 8, 9], [10, 11, 12]],
      expected: { biasIh: [8, 7, 9], biasHh: [11, 10, 12] }, hint: HINT_PT_BIAS,
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
    { name: 'inputSize 3, hiddenSize 2', args: [K32, U32, b32, rb32], expected: toPt(K32, U32, b32, rb32), hint: HINT_PT_SHAPES },
    { name: 'inputSize 1, hiddenSize 2', args: [K12, U32, b32, rb32], expected: toPt(K12, U32, b32, rb32), hint: HINT_PT_SHAPES },
  ],
  mistakes: [
    { id: 'no_gate_reorder', description: 'keeps our gate order z, r, h', hint: 'PyTorch\'s gate order is r, z, n' },
    { id: 'not_transposed', description: 'reorders but does not transpose the weights', hint: 'Transpose' },
    { id: 'biases_swapped', description: 'puts bias into biasHh and recurrentBias into biasIh', hint: 'bias goes to biasIh' },
    { id: 'reorders_rows_not_blocks', description: 'swaps single rows 0 and 1 instead of blocks of hiddenSize rows', hint: 'move whole blocks' },
    { id: 'order_r_n_z', description: 'orders the blocks r, n, z', hint: 'PyTorch\'s gate order is r, z, n' },
    { id: 'biases_not_reordered', description: 'reorders the weights but copies the biases in our order', hint: 'both reordered the same way' },
    { id: 'recurrent_not_transposed', description: 'transposes the kernel but not the recurrent kernel', hint: 'weightHh likewise' },
    { id: 'hidden_size_from_kernel', description: 'takes hiddenSize from kernel.length (the inputSize)', hint: 'not kernel.length' },
    { id: 'square_transpose_loop', description: 'transposes with a loop over hiddenSize entries instead of inputSize', hint: 'with inputSize entries' },
    { id: 'reorders_bias_in_place', description: 'swaps the bias blocks in the caller\'s array', hint: 'Do not modify the argument `bias`' },
  ],
});

export const graders: Grader[] = [gruStep, gruParamCount, gruToPyTorch];
