/**
 * Graders of unit 02 (LSTM). Expected values come from tiny fixtures; each case lists its
 * pre-activations so that the expected numbers can be checked by hand with `unit` below.
 */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/02_lstm/lstm_step') &
  typeof import('../../../exercises/02_lstm/lstm_param_count') &
  typeof import('../../../exercises/02_lstm/lstm_cell_update');
type Ex<P extends keyof M> = M[P];

const sig = (v: number) => 1 / (1 + Math.exp(-v));
/** One LSTM unit from its four pre-activations: [h, c]. */
function unit(ai: number, af: number, ac: number, ao: number, cPrev: number): [number, number] {
  const c = sig(af) * cPrev + sig(ai) * Math.tanh(ac);
  return [sig(ao) * Math.tanh(c), c];
}

// ---------------------------------------------------------------- lstm_step
// inputSize 1, hiddenSize 1: columns are i, f, c, o.
const K = [[-0.4, 0.8, -0.4, 1.2]];
const R = [[0.2, -0.1, 0.5, 0.3]];
const B = [0.1, 1.0, -0.2, 0.05];
// x = [1]: a = [−0.4 + 0.1, 0.8 + 1, −0.4 − 0.2, 1.2 + 0.05] = [−0.3, 1.8, −0.6, 1.25]
const A1: [number, number, number, number] = [-0.3, 1.8, -0.6, 1.25];
// x = 0, hPrev = 0.5: a = 0.5 U + b = [0.2, 0.95, 0.05, 0.2]
const A2: [number, number, number, number] = [0.2, 0.95, 0.05, 0.2];
const [h1, c1] = unit(...A1, 0);
const [h2, c2] = unit(...A1, 0.8);
const [h3, c3] = unit(...A2, 0.8);
// inputSize 3, hiddenSize 2: every block of W, U and b non-zero, U's blocks not symmetric.
const K3 = [[0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8], [0.2, 0.1, -0.3, 0.5, 0.4, -0.1, 0.2, 0.3], [-0.4, 0.3, 0.2, -0.2, 0.1, 0.5, -0.6, 0.1]];
const R3 = [[0.3, -0.1, 0.2, 0.1, -0.4, 0.2, 0.5, -0.3], [-0.2, 0.4, 0.1, -0.3, 0.3, 0.1, -0.1, 0.2]];
const B3 = [0.1, -0.1, 0.5, 0.2, -0.3, 0.4, 0.2, -0.2];
/** Reference for the fixtures: the statement's equations, one row at a time. */
function lstmRef(x: number[][], hPrev: number[][], cPrev: number[][], w: number[][], u: number[][], b: number[]) {
  const H = u.length;
  const rows = x.map((xr, r) => {
    const a = b.map((bc, col) => bc + xr.reduce((s, v, k) => s + v * w[k][col], 0) + hPrev[r].reduce((s, v, k) => s + v * u[k][col], 0));
    return Array.from({ length: H }, (_, j) => unit(a[j], a[H + j], a[2 * H + j], a[3 * H + j], cPrev[r][j]));
  });
  return { h: rows.map((r) => r.map(([h]) => h)), c: rows.map((r) => r.map(([, c]) => c)) };
}
const X3 = [[1, -1, 0.5]];
const big = lstmRef(X3, [[0.5, -0.4]], [[0.3, -0.6]], K3, R3, B3);
const XB = [[1, -1, 0.5], [-0.5, 0.2, 1]], HB = [[0.5, -0.4], [-0.3, 0.8]], CB = [[0.3, -0.6], [1.2, 0.4]];
const batch = lstmRef(XB, HB, CB, K3, R3, B3);

const HINT_GATES =
  'Gate order i, f, c, o: a[0:h] → i = σ, a[h:2h] → f = σ, a[2h:3h] → c̃ = tanh, a[3h:4h] → o = σ. ' +
  'The candidate uses tanh, not σ; with cPrev = 0, c_t = i_t ⊙ c̃_t.';
const HINT_HT = 'h_t = o_t ⊙ tanh(c_t): tanh of the cell state, not c_t itself, times the output gate (block 3).';
const HINT_CELL = 'c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t: the previous cell state is carried, scaled by the forget gate.';
const HINT_HPREV = 'The gates also read the previous hidden state: a = x W + h_{t-1} U + b.';
const HINT_BLOCKS =
  'The weights hold four contiguous blocks of hiddenSize columns: unit j reads columns j, h + j, 2h + j and 3h + j (not 4j … 4j + 3), ' +
  'with hiddenSize = recurrentKernel.length = bias.length / 4 (inputSize = kernel.length differs from it here).';
const HINT_LSTM_ROWS = 'Each row of the batch is one example: row b uses x[b], hPrev[b] and cPrev[b] (not row 0 for every example).';

const lstmStep = defineGrader<Ex<'lstmStep'>>({
  unit: '02_lstm', name: 'lstm_step', exportName: 'lstmStep',
  title: 'one LSTM step, gate order i, f, c, o',
  argNames: ['x', 'hPrev', 'cPrev', 'kernel', 'recurrentKernel', 'bias'],
  cases: [
    { name: 'gate activations: c_t (hPrev = 0, cPrev = 0)', args: [[[1]], [[0]], [[0]], K, R, B], expected: { c: [[c1]] }, hint: HINT_GATES },
    { name: 'h_t from c_t (hPrev = 0, cPrev = 0)', args: [[[1]], [[0]], [[0]], K, R, B], expected: { h: [[h1]] }, hint: HINT_HT },
    { name: 'the previous cell state is carried', args: [[[1]], [[0]], [[0.8]], K, R, B], expected: { h: [[h2]], c: [[c2]] }, hint: HINT_CELL },
    { name: 'previous hidden state', args: [[[0]], [[0.5]], [[0.8]], K, R, B], expected: { h: [[h3]], c: [[c3]] }, hint: HINT_HPREV },
    { name: 'inputSize 3, hiddenSize 2: blocks of hiddenSize columns', args: [X3, [[0.5, -0.4]], [[0.3, -0.6]], K3, R3, B3], expected: big, hint: HINT_BLOCKS },
    { name: 'batch of two, each row its own x, hPrev and cPrev', args: [XB, HB, CB, K3, R3, B3], expected: batch, hint: HINT_LSTM_ROWS },
    {
      // all weights zero: i = f = o = 0.5 and c̃ = 0, so c_t = 0.5·cPrev and h_t = 0.5·tanh(c_t)
      name: 'all weights zero: c_t = 0.5·cPrev', args: [[[1, -1, 0.5]], [[0.5, -0.4]], [[0.3, -0.6]], K3.map((r) => r.map(() => 0)), R3.map((r) => r.map(() => 0)), B3.map(() => 0)],
      expected: { c: [[0.15, -0.3]], h: [[0.5 * Math.tanh(0.15), 0.5 * Math.tanh(-0.3)]] }, hint: HINT_CELL,
    },
    {
      name: 'empty batch', args: [[], [], [], K3, R3, B3], expected: { h: [], c: [] },
      hint: 'An empty batch gives { h: [], c: [] }: take hiddenSize from the weights (recurrentKernel.length), not from x[0] or hPrev[0].',
    },
  ],
  mistakes: [
    { id: 'wrong_gate_order', description: 'reads the blocks as i, f, o, c (output gate and candidate swapped)', hint: 'Gate order i, f, c, o' },
    { id: 'sigmoid_candidate', description: 'applies σ to the candidate c̃ instead of tanh', hint: 'The candidate uses tanh' },
    { id: 'forgets_previous_cell', description: 'computes c_t = i_t ⊙ c̃_t, dropping f_t ⊙ c_{t-1}', hint: 'the previous cell state is carried' },
    { id: 'no_tanh_on_cell', description: 'computes h_t = o_t ⊙ c_t without tanh', hint: 'tanh of the cell state' },
    { id: 'forgets_previous_state', description: 'leaves h_{t-1} U out of the pre-activations', hint: 'The gates also read the previous hidden state' },
    { id: 'interleaved_gate_columns', description: 'reads unit j\'s gates from columns 4j … 4j + 3', hint: 'four contiguous blocks' },
    { id: 'forget_input_swapped', description: 'reads the blocks as f, i, c, o', hint: 'Gate order i, f, c, o' },
    { id: 'hidden_size_from_kernel', description: 'takes hiddenSize from kernel.length (the inputSize)', hint: 'inputSize = kernel.length differs' },
    { id: 'first_row_cell', description: 'uses cPrev[0] for every row of the batch', hint: 'row b uses x[b], hPrev[b] and cPrev[b]' },
    { id: 'writes_cell_into_cprev', description: 'writes c_t into cPrev in place and returns it', hint: 'Do not modify the argument `cPrev`' },
    { id: 'accumulates_into_bias', description: 'accumulates the pre-activations in the bias array itself', hint: 'Do not modify the argument `bias`' },
    { id: 'hidden_size_from_first_row', description: 'reads hiddenSize from hPrev[0] (fails on an empty batch)', hint: 'An empty batch' },
  ],
});

// ---------------------------------------------------------------- lstm_param_count
const HINT_COUNT =
  'Four gates, each with an n × h input matrix W, an h × h recurrent matrix U and an h-vector bias (one per gate): 4(h(n + h) + h), ' +
  'where n = inputSize and h = hiddenSize are two different numbers.';
const lstmParamCount = defineGrader<Ex<'lstmParamCount'>>({
  unit: '02_lstm', name: 'lstm_param_count', exportName: 'lstmParamCount',
  title: 'the parameter count of an LSTM layer, 4(h(n + h) + h)',
  argNames: ['inputSize', 'hiddenSize', 'twoBiases'],
  cases: [
    { name: 'n = 1, h = 1', args: [1, 1, false], expected: 12, hint: HINT_COUNT }, // 4(1·2 + 1)
    { name: 'n = 3, h = 2', args: [3, 2, false], expected: 48, hint: HINT_COUNT }, // 4(2·5 + 2)
    { name: 'n = 65, h = 256 (theory chapter)', args: [65, 256, false], expected: 329728, hint: HINT_COUNT },
    {
      name: 'twoBiases left out: one bias', args: [3, 2], expected: 48,
      hint: 'twoBiases is optional and defaults to false (one bias per gate, as in tf.layers).',
    },
    {
      name: 'PyTorch layout with two biases, n = 3, h = 2', args: [3, 2, true], expected: 56, // 48 + 4·2
      hint: 'With twoBiases (PyTorch bias_ih and bias_hh), each of the 4 gates has two h-vectors: add 4h to the one-bias count (not h, and not twice everything).',
    },
  ],
  mistakes: [
    { id: 'forgets_bias', description: 'counts 4h(n + h) without the bias', hint: 'an h-vector bias' },
    { id: 'three_gates', description: 'counts three gates (the GRU count)', hint: 'Four gates' },
    { id: 'forgets_recurrent_kernel', description: 'counts only W and b, not U', hint: 'h × h recurrent matrix U' },
    { id: 'ignores_two_biases', description: 'ignores the second PyTorch bias', hint: 'add 4h' },
    { id: 'square_assumption', description: 'counts h × h for the input matrix too (as if n = h)', hint: 'two different numbers' },
    { id: 'bias_once', description: 'counts one h-vector bias for the whole layer instead of one per gate', hint: 'one per gate' },
    { id: 'two_biases_add_h', description: 'adds a single h-vector for the second bias', hint: 'not h, and not twice everything' },
    { id: 'two_biases_double_all', description: 'doubles the whole count for twoBiases', hint: 'not h, and not twice everything' },
    { id: 'default_two_biases', description: 'defaults twoBiases to true', hint: 'defaults to false' },
  ],
});

// ---------------------------------------------------------------- lstm_cell_update
// hiddenSize 2, three steps. Expected values: the recursion written out step by step.
const gi = [[1, 0.5], [0, 0.5], [0.5, 1]];
const gf = [[0.5, 1], [1, 0.25], [0.8, 0]];
const gc = [[0.2, -0.4], [0.9, 0.4], [-1, 0.3]];
const go = [[1, 0.5], [0.5, 1], [1, 1]];
const c0 = [1, 2];
const cs1 = [0.5 * 1 + 1 * 0.2, 1 * 2 + 0.5 * -0.4];             // [0.7, 1.8]
const cs2 = [1 * cs1[0] + 0 * 0.9, 0.25 * cs1[1] + 0.5 * 0.4];    // [0.7, 0.65]
const cs3 = [0.8 * cs2[0] + 0.5 * -1, 0 * cs2[1] + 1 * 0.3];      // [0.06, 0.3]
const hs = [cs1, cs2, cs3].map((c, t) => c.map((v, j) => go[t][j] * Math.tanh(v)));

const HINT_SEQ = 'Each step starts from the previous step\'s cell state: c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t (c0 is used only at t = 1).';
const HINT_IF =
  'The forget gate multiplies the previous cell state and the input gate the candidate: f_t ⊙ c_{t-1} + i_t ⊙ c̃_t. ' +
  'The result has one row per step, c_1 … c_T (c0 itself is not returned).';
const HINT_H = 'h_t = o_t ⊙ tanh(c_t): squash the new cell state of the same step with tanh (not the sigmoid, and not c_{t-1}), then apply the output gate.';

const lstmCellUpdate = defineGrader<Ex<'lstmCellUpdate'>>({
  unit: '02_lstm', name: 'lstm_cell_update', exportName: 'lstmCellUpdate',
  title: 'the cell state and hidden state along a sequence, given the gate activations',
  argNames: ['i', 'f', 'cTilde', 'o', 'c0'],
  cases: [
    {
      name: 'one step, gates differ per unit', args: [[gi[0]], [gf[0]], [gc[0]], [[1, 1]], c0],
      expected: { c: [cs1] }, hint: HINT_IF,
    },
    {
      name: 'carousel: f = 1, i = 0 keeps c0', args: [[[0, 0], [0, 0]], [[1, 1], [1, 1]], [[5, 5], [5, 5]], [[1, 1], [1, 1]], [0.3, -0.2]],
      expected: { c: [[0.3, -0.2], [0.3, -0.2]] },
      hint: HINT_IF,
    },
    { name: 'three steps: the cell state is carried', args: [gi, gf, gc, go, c0], expected: { c: [cs1, cs2, cs3] }, hint: HINT_SEQ },
    { name: 'three steps: hidden states', args: [gi, gf, gc, go, c0], expected: { h: hs }, hint: HINT_H },
    {
      // c_1 = 0.5·(−2) + 1·(−0.5) = −1.5, h_1 = tanh(−1.5)
      name: 'negative cell state', args: [[[1]], [[0.5]], [[-0.5]], [[1]], [-2]], expected: { c: [[-1.5]], h: [[Math.tanh(-1.5)]] }, hint: HINT_H,
    },
    {
      name: 'empty sequence', args: [[], [], [], [], [1, 2]], expected: { c: [], h: [] },
      hint: 'An empty sequence (T = 0) gives { c: [], h: [] }: take hiddenSize from c0, not from i[0].',
    },
  ],
  mistakes: [
    { id: 'swaps_input_and_forget', description: 'computes i ⊙ c_{t-1} + f ⊙ c̃', hint: 'The forget gate multiplies the previous cell state' },
    { id: 'restarts_from_c0', description: 'uses c0 as the previous cell state at every step', hint: 'Each step starts from the previous step' },
    { id: 'no_tanh_on_cell', description: 'computes h_t = o_t ⊙ c_t', hint: 'squash the new cell state' },
    { id: 'adds_without_forget', description: 'computes c_t = c_{t-1} + i ⊙ c̃ (no forget gate)', hint: 'The forget gate multiplies' },
    { id: 'sigmoid_on_cell', description: 'computes h_t = o_t ⊙ σ(c_t)', hint: 'not the sigmoid' },
    { id: 'h_from_previous_cell', description: 'computes h_t from c_{t-1} instead of c_t', hint: 'not c_{t-1}' },
    { id: 'returns_c0_first', description: 'returns c0 as the first row (T + 1 rows)', hint: 'c0 itself is not returned' },
    { id: 'writes_into_c0', description: 'updates c0 in place step after step', hint: 'Do not modify the argument `c0`' },
    { id: 'pushes_same_row', description: 'updates one array in place and pushes it at every step', hint: 'Each row of the result must be its own array' },
    { id: 'hidden_size_from_first_gate', description: 'reads hiddenSize from i[0] (fails on an empty sequence)', hint: 'An empty sequence' },
  ],
});

export const graders: Grader[] = [lstmStep, lstmParamCount, lstmCellUpdate];
