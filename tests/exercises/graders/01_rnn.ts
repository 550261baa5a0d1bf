/**
 * Graders of unit 01 (RNN fundamentals). Expected values come from tiny fixtures; the formula
 * that produced each one is written next to it so it can be checked by hand.
 */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/01_rnn/rnn_step') &
  typeof import('../../../exercises/01_rnn/rnn_step_backward') &
  typeof import('../../../exercises/01_rnn/clip_by_global_norm') &
  typeof import('../../../exercises/01_rnn/perplexity');
type Ex<P extends keyof M> = M[P];

const tanh = Math.tanh;

// ---------------------------------------------------------------- rnn_step
// inputSize 3, hiddenSize 2 (not square, so transposed or wrongly bounded loops show); U is not
// symmetric and every weight and bias entry is non-zero.
const W = [[0.1, -0.2], [0.3, 0.4], [0.05, 0.1]];
const U = [[0.5, -0.3], [0.2, 0.1]];
const B = [0.5, -0.25];
/** Reference for the fixtures: h = tanh(x W + hPrev U + b), row by row. */
function rnnRef(x: number[][], hPrev: number[][], w: number[][], u: number[][], b: number[]): number[][] {
  return x.map((xr, r) => b.map((bj, j) =>
    tanh(bj + xr.reduce((s, v, k) => s + v * w[k][j], 0) + hPrev[r].reduce((s, v, k) => s + v * u[k][j], 0))));
}
const HINT_ACT = 'The activation is tanh (Math.tanh): h_t is negative when the pre-activation is (here tanh(2·(−0.5)) = tanh(−1)); the sigmoid belongs to the gates of LSTMs and GRUs, and the pre-activation alone is not h_t.';
const HINT_SHAPES =
  'Shapes: kernel is [inputSize, hiddenSize] and recurrentKernel [hiddenSize, hiddenSize], so (x W)[b][j] = Σ_{k < inputSize} x[b][k]·kernel[k][j] and ' +
  '(h U)[b][j] = Σ_{k < hiddenSize} hPrev[b][k]·recurrentKernel[k][j], for j < hiddenSize (= bias.length). Here inputSize and hiddenSize differ: ' +
  'transposed weights or loops bounded by the wrong size give NaN or the wrong number of outputs.';
const HINT_BIAS = 'Add the bias b[j] to every pre-activation.';
const HINT_PREV =
  'The previous state enters through h_{t-1} U: add Σ_k hPrev[b][k]·recurrentKernel[k][j] (recurrentKernel indexed [k][j], not [j][k]).';
const HINT_ROWS = 'Each row of x and hPrev is one example: row b uses x[b] and hPrev[b] (not hPrev[0]), with the same W, U and b for every row.';
const HINT_EMPTY_BATCH =
  'An empty batch (no rows in x and hPrev) gives []: take hiddenSize from the weights (bias.length or recurrentKernel.length), not from x[0] or hPrev[0].';

const rnnStep = defineGrader<Ex<'rnnStep'>>({
  unit: '01_rnn', name: 'rnn_step', exportName: 'rnnStep',
  title: 'one forward step of a vanilla RNN, h_t = tanh(x_t W + h_{t-1} U + b)',
  argNames: ['x', 'hPrev', 'kernel', 'recurrentKernel', 'bias'],
  cases: [
    // inputSize = hiddenSize = 1: only the activation matters. a = 2·(−0.5) = −1
    { name: 'one unit: tanh of a negative pre-activation', args: [[[2]], [[0]], [[-0.5]], [[0.3]], [0]], expected: [[tanh(-1)]], hint: HINT_ACT },
    {
      name: 'inputSize 3, hiddenSize 2 (hPrev = 0, bias = 0)',
      args: [[[1, -1, 2]], [[0, 0]], W, U, [0, 0]],
      expected: [[tanh(1 * 0.1 - 1 * 0.3 + 2 * 0.05), tanh(1 * -0.2 - 1 * 0.4 + 2 * 0.1)]],
      hint: HINT_SHAPES,
    },
    {
      // inputSize 1, hiddenSize 3: a = 2·kernel[0] = [0.2, −0.4, 0.6]
      name: 'inputSize 1, hiddenSize 3',
      args: [[[2]], [[0, 0, 0]], [[0.1, -0.2, 0.3]], [[0.1, 0.2, 0.3], [-0.1, 0.4, 0.2], [0.3, -0.2, 0.1]], [0, 0, 0]],
      expected: [[tanh(0.2), tanh(-0.4), tanh(0.6)]],
      hint: HINT_SHAPES,
    },
    {
      name: 'bias is added',
      args: [[[1, -1, 2]], [[0, 0]], W, U, B],
      expected: [[tanh(-0.1 + 0.5), tanh(-0.4 - 0.25)]],
      hint: HINT_BIAS,
    },
    {
      name: 'previous state (hPrev ≠ 0)',
      args: [[[0, 0, 0]], [[1, -2]], W, U, [0, 0]],
      expected: [[tanh(1 * 0.5 - 2 * 0.2), tanh(1 * -0.3 - 2 * 0.1)]],
      hint: HINT_PREV,
    },
    {
      name: 'batch of two, each row its own x and hPrev',
      args: [[[1, -1, 2], [0.5, 0, -1]], [[1, -2], [0.3, 0.4]], W, U, B],
      expected: rnnRef([[1, -1, 2], [0.5, 0, -1]], [[1, -2], [0.3, 0.4]], W, U, B),
      hint: HINT_ROWS,
    },
    { name: 'empty batch', args: [[], [], W, U, B], expected: [], hint: HINT_EMPTY_BATCH },
  ],
  mistakes: [
    { id: 'forgets_previous_state', description: 'drops the h_{t-1} U term', hint: 'The previous state enters through h_{t-1} U' },
    { id: 'sigmoid_activation', description: 'uses the sigmoid instead of tanh', hint: 'The activation is tanh' },
    { id: 'transposed_weights', description: 'indexes kernel and recurrentKernel as [hidden][input] (W and U transposed)', hint: 'kernel is [inputSize, hiddenSize]' },
    { id: 'forgets_bias', description: 'leaves out the bias', hint: 'Add the bias' },
    { id: 'no_activation', description: 'returns the pre-activation x W + h U + b without tanh', hint: 'the pre-activation alone is not h_t' },
    { id: 'transposed_recurrent_kernel', description: 'indexes only recurrentKernel as [j][k] (U transposed; square, so no NaN)', hint: 'not [j][k]' },
    { id: 'hidden_size_from_input', description: 'loops j < inputSize (assumes inputSize = hiddenSize)', hint: 'loops bounded by the wrong size' },
    { id: 'recurrent_sum_to_input_size', description: 'sums h_{t-1} U over k < inputSize', hint: 'loops bounded by the wrong size' },
    { id: 'first_row_state', description: 'uses hPrev[0] for every row of the batch', hint: 'row b uses x[b] and hPrev[b]' },
    { id: 'writes_into_hprev', description: 'writes h_t into hPrev in place and returns it', hint: 'Do not modify the argument `hPrev`' },
    { id: 'accumulates_into_bias', description: 'accumulates the pre-activation in the bias array itself', hint: 'Do not modify the argument `bias`' },
    { id: 'hidden_size_from_first_row', description: 'reads hiddenSize from hPrev[0] (fails on an empty batch)', hint: 'An empty batch' },
  ],
});

// ---------------------------------------------------------------- rnn_step_backward
// h is given (not recomputed), chosen so that 1 − h² is a round number: h = ±0.5 → 0.75.
// inputSize 3, hiddenSize 2, U not symmetric.
const Wb = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]];
const Ub = [[1, 2], [3, 4]];
/** Reference for the fixtures: the six formulas of the statement. */
function rnnBwdRef(x: number[][], hPrev: number[][], w: number[][], u: number[][], h: number[][], dh: number[][]) {
  const n = w.length, H = u.length;
  const da = dh.map((r, b) => r.map((g, j) => g * (1 - h[b][j] ** 2)));
  const outer = (a: number[][], rows: number) => Array.from({ length: rows }, (_, k) =>
    Array.from({ length: H }, (_, j) => a.reduce((s, ar, b) => s + ar[k] * da[b][j], 0)));
  return {
    dKernel: outer(x, n),
    dRecurrentKernel: outer(hPrev, H),
    dBias: Array.from({ length: H }, (_, j) => da.reduce((s, r) => s + r[j], 0)),
    dx: da.map((r) => Array.from({ length: n }, (_, k) => r.reduce((s, d, j) => s + d * w[k][j], 0))),
    dhPrev: da.map((r) => Array.from({ length: H }, (_, k) => r.reduce((s, d, j) => s + d * u[k][j], 0))),
  };
}
const X1 = [[1, 2, -1]], HP1 = [[-1, 0.25]], H1 = [[0.5, -0.5]], DH1 = [[1, 2]]; // δa = [0.75, 1.5]
const one = rnnBwdRef(X1, HP1, Wb, Ub, H1, DH1);
const X2 = [[1, 0, 2], [0, 1, -1]], HP2 = [[1, 0.5], [-0.5, 2]], H2 = [[0.5, -0.5], [0, 0.5]], DH2 = [[1, 2], [-1, 4]];
const two = rnnBwdRef(X2, HP2, Wb, Ub, H2, DH2);
const HINT_DA =
  'δa = dh ⊙ (1 − h ⊙ h): the derivative of tanh written with its output (1 − h², not 1 − h, and not left out). Here δa = 2·(1 − 0.25) = 1.5.';
const HINT_DKERNEL = 'dKernel = x_tᵀ δa has the shape of the kernel, [inputSize, hiddenSize]: dKernel[k][j] = Σ_b x[b][k]·δa[b][j] (x, not hPrev).';
const HINT_DX = 'dx = δa Wᵀ: dx[b][k] = Σ_j δa[b][j]·kernel[k][j], shape [batch, inputSize] (the transpose swaps the index you sum over).';
const HINT_DHPREV = 'dhPrev = δa Uᵀ: dhPrev[b][k] = Σ_j δa[b][j]·recurrentKernel[k][j] (not δa U, which sums over the other index).';
const HINT_DU = 'dRecurrentKernel = h_{t-1}ᵀ δa: dRecurrentKernel[k][j] = Σ_b hPrev[b][k]·δa[b][j], with the previous state hPrev (not the output h).';
const HINT_BWD_BATCH =
  'The parameters are shared by the batch: dKernel, dRecurrentKernel and dBias sum over the batch rows (dBias[j] = Σ_b δa[b][j]; add with +=, do not overwrite).';

const rnnStepBackward = defineGrader<Ex<'rnnStepBackward'>>({
  unit: '01_rnn', name: 'rnn_step_backward', exportName: 'rnnStepBackward',
  title: 'the gradients of one RNN step (δa, dKernel, dRecurrentKernel, dBias, dx, dhPrev)',
  argNames: ['x', 'hPrev', 'kernel', 'recurrentKernel', 'h', 'dh'],
  cases: [
    {
      // inputSize = hiddenSize = 1; δa = 2·0.75 = 1.5
      name: 'one unit: δa (= dBias for one example)',
      args: [[[2]], [[-1]], [[0.5]], [[0.3]], [[-0.5]], [[2]]],
      expected: { dBias: [1.5] },
      hint: HINT_DA,
    },
    { name: 'dKernel and dBias, inputSize 3, hiddenSize 2', args: [X1, HP1, Wb, Ub, H1, DH1], expected: { dKernel: one.dKernel, dBias: one.dBias }, hint: HINT_DKERNEL },
    { name: 'dx', args: [X1, HP1, Wb, Ub, H1, DH1], expected: { dx: one.dx }, hint: HINT_DX },
    { name: 'dhPrev (U not symmetric)', args: [X1, HP1, Wb, Ub, H1, DH1], expected: { dhPrev: one.dhPrev }, hint: HINT_DHPREV },
    { name: 'dRecurrentKernel', args: [X1, HP1, Wb, Ub, H1, DH1], expected: { dRecurrentKernel: one.dRecurrentKernel }, hint: HINT_DU },
    { name: 'batch of two: parameter gradients are sums over the batch', args: [X2, HP2, Wb, Ub, H2, DH2], expected: two, hint: HINT_BWD_BATCH },
    {
      name: 'empty batch: zero parameter gradients',
      args: [[], [], Wb, Ub, [], []],
      expected: { dKernel: [[0, 0], [0, 0], [0, 0]], dRecurrentKernel: [[0, 0], [0, 0]], dBias: [0, 0], dx: [], dhPrev: [] },
      hint: 'An empty batch gives zero parameter gradients of the weights\' shapes and empty dx and dhPrev: take inputSize and hiddenSize from kernel and recurrentKernel, not from x[0].',
    },
  ],
  mistakes: [
    { id: 'wrong_tanh_derivative', description: 'uses 1 − h instead of 1 − h² for tanh\'', hint: '1 − h², not 1 − h' },
    { id: 'no_activation_derivative', description: 'forgets the activation derivative (δa = dh)', hint: 'and not left out' },
    { id: 'transposed_recurrent_kernel', description: 'computes dhPrev = δa U instead of δa Uᵀ', hint: 'dhPrev = δa Uᵀ' },
    { id: 'bias_not_summed_over_batch', description: 'takes dBias from the first example only', hint: 'sum over the batch rows' },
    { id: 'transposed_input_kernel', description: 'computes dx = δa W, indexing the kernel [j][k]', hint: 'dx = δa Wᵀ' },
    { id: 'dkernel_from_hprev', description: 'computes dKernel from hPrev instead of x', hint: 'dKernel = x_tᵀ δa' },
    { id: 'recurrent_grad_from_h', description: 'computes dRecurrentKernel from the output h instead of hPrev', hint: 'with the previous state hPrev' },
    { id: 'overwrites_over_batch', description: 'assigns the parameter gradients per row (=) instead of summing (+=)', hint: 'do not overwrite' },
    { id: 'delta_into_dh', description: 'computes δa in place in dh', hint: 'Do not modify the argument `dh`' },
    { id: 'sizes_from_first_row', description: 'reads inputSize from x[0] (fails on an empty batch)', hint: 'An empty batch gives zero parameter gradients' },
  ],
});

// ---------------------------------------------------------------- clip_by_global_norm
const HINT_CLIP_SCALE =
  'Scale every entry by τ/‖g‖₂ with one norm over all the tensors together (not one norm per tensor, and no capping of ' +
  'single entries as clip-by-value does); ‖g‖₂ is the square root of the sum of squares.';
const HINT_CLIP_KEEP =
  'Leave the gradients unchanged when ‖g‖₂ ≤ maxNorm (here ‖g‖₂ = 5, the square root of the sum of squares over all the tensors): ' +
  'the factor is min(1, maxNorm/‖g‖₂).';
const HINT_CLIP_NORM = 'norm is the global norm ‖g‖₂ before clipping (here 5), not the norm of the clipped gradients.';

const clipByGlobalNorm = defineGrader<Ex<'clipByGlobalNorm'>>({
  unit: '01_rnn', name: 'clip_by_global_norm', exportName: 'clipByGlobalNorm',
  title: 'clipping by global norm, g̃ = g·min(1, τ/‖g‖₂)',
  argNames: ['grads', 'maxNorm'],
  cases: [
    { name: 'norm below maxNorm: unchanged', args: [[[3], [4]], 10], expected: { grads: [[3], [4]], norm: 5 }, hint: HINT_CLIP_KEEP },
    { name: 'norm equal to maxNorm: unchanged', args: [[[0, 3], [-4]], 5], expected: { grads: [[0, 3], [-4]], norm: 5 }, hint: HINT_CLIP_KEEP },
    // ‖g‖ = 5, τ = 1: factor 0.2
    { name: 'two tensors, rescaled together', args: [[[3, 0], [4]], 1], expected: { grads: [[0.6, 0], [0.8]] }, hint: HINT_CLIP_SCALE },
    { name: 'the norm before clipping is returned', args: [[[3, 0], [4]], 1], expected: { norm: 5 }, hint: HINT_CLIP_NORM },
    // ‖g‖ = sqrt(1 + 4 + 4 + 0 + 16) = 5, τ = 2.5: factor 0.5
    { name: 'several entries, negative values', args: [[[1, -2], [2, 0, -4]], 2.5], expected: { grads: [[0.5, -1], [1, 0, -2]], norm: 5 }, hint: HINT_CLIP_SCALE },
    {
      name: 'zero gradients: norm 0, unchanged', args: [[[0, 0], [0]], 1], expected: { grads: [[0, 0], [0]], norm: 0 },
      hint: 'A zero gradient has norm 0 and is returned unchanged: do not divide by the norm when it is 0 (0/0 is NaN); min(1, τ/0) = 1.',
    },
    {
      name: 'no tensors', args: [[], 1], expected: { grads: [], norm: 0 },
      hint: 'With no tensors (grads = []) the norm is 0 and grads is []: give reduce an initial value (reduce((s, v) => s + v * v, 0)).',
    },
  ],
  mistakes: [
    { id: 'per_tensor_norm', description: 'clips each tensor by its own norm', hint: 'not one norm per tensor' },
    { id: 'always_rescales', description: 'rescales to norm τ even when the norm is already below τ', hint: 'Leave the gradients unchanged' },
    { id: 'clips_by_value', description: 'caps each entry to [−τ, τ] (clipping by value)', hint: 'no capping of single entries' },
    { id: 'forgets_sqrt', description: 'uses the sum of squares as the norm', hint: 'square root of the sum of squares' },
    { id: 'norm_after_clipping', description: 'returns the norm of the clipped gradients', hint: 'before clipping' },
    { id: 'inverted_factor', description: 'scales by ‖g‖₂/τ instead of τ/‖g‖₂', hint: 'Scale every entry by τ/‖g‖₂' },
    { id: 'returns_input_when_unchanged', description: 'returns the caller\'s grads when no clipping is needed', hint: 'must not contain the caller\'s own arrays' },
    { id: 'scales_in_place', description: 'scales the caller\'s arrays in place', hint: 'Do not modify the argument `grads`' },
    { id: 'divides_by_zero_norm', description: 'computes v/‖g‖·min(‖g‖, τ), NaN for a zero gradient', hint: 'do not divide by the norm when it is 0' },
    { id: 'reduce_without_initial', description: 'sums with reduce without an initial value (throws on no tensors)', hint: 'give reduce an initial value' },
  ],
});

// ---------------------------------------------------------------- perplexity
const perplexity = defineGrader<Ex<'perplexity'>>({
  unit: '01_rnn', name: 'perplexity', exportName: 'perplexity',
  title: 'perplexity from per-symbol losses, PPL = exp(mean loss)',
  argNames: ['losses'],
  cases: [
    {
      name: 'a single loss of 1 nat', args: [[1]], expected: Math.E,
      hint: 'With one loss the mean is that loss (N = 1) and PPL = exp(1) = e: the losses are natural logs (Math.exp, not 2 **), and ℓ_t = −log p is already positive, so exponentiate +ℓ̄, not −ℓ̄.',
    },
    {
      name: 'uniform model over 4 symbols',
      args: [[Math.log(4), Math.log(4), Math.log(4)]], expected: 4,
      hint: 'A model uniform over V symbols has perplexity V: divide the sum of the losses by their number before exp.',
    },
    {
      name: 'unequal losses',
      args: [[0, Math.log(4)]], expected: 2, // exp((0 + log 4)/2) = sqrt(4)
      hint: 'PPL = exp(mean of the losses): average the losses first, then exponentiate (the mean of exp(ℓ_t) is larger, 1/mean of the probabilities exp(−ℓ_t) is smaller).',
    },
    {
      // 400 losses of 2 nats: PPL = e² ≈ 7.389, but exp of the sum (800) overflows and the product of the
      // probabilities exp(−2)^400 = e^−800 underflows to 0
      name: 'a long sequence: stay in log space', args: [new Array<number>(400).fill(2)], expected: Math.exp(2),
      input: 'losses = 400 losses of 2 nats',
      hint: 'Average the losses and exponentiate once: over a long sequence exp of the sum overflows and the product of the probabilities exp(−ℓ_t) underflows to 0.',
    },
  ],
  mistakes: [
    { id: 'exp_of_sum', description: 'exponentiates the sum instead of the mean', hint: 'divide the sum of the losses by their number' },
    { id: 'mean_of_exp', description: 'averages exp(ℓ_t) instead of exponentiating the average', hint: 'average the losses first, then exponentiate' },
    { id: 'base_two', description: 'uses 2 ** mean (bits) although the losses are in nats', hint: 'not 2 **' },
    { id: 'negated_exponent', description: 'computes exp(−mean), as if the losses were log-probabilities', hint: 'not −ℓ̄' },
    { id: 'divides_by_n_minus_one', description: 'divides the sum by N − 1', hint: 'the mean is that loss (N = 1)' },
    { id: 'inverse_mean_probability', description: 'returns 1 / mean of exp(−ℓ_t)', hint: '1/mean of the probabilities' },
    { id: 'product_of_probabilities', description: 'multiplies the probabilities exp(−ℓ_t), then takes the N-th root (underflows)', hint: 'the product of the probabilities exp(−ℓ_t) underflows' },
    { id: 'prefix_sums_in_place', description: 'accumulates the running sum in the losses array itself', hint: 'Do not modify the argument `losses`' },
  ],
});

export const graders: Grader[] = [rnnStep, rnnStepBackward, clipByGlobalNorm, perplexity];
