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
// inputSize 3, hiddenSize 2; U deliberately not symmetric so a transposed U is caught.
const W = [[0.1, -0.2], [0.3, 0.4], [0.05, 0.1]];
const U = [[0.5, -0.3], [0.2, 0.1]];
const HINT_ACT_KERNEL =
  'h_t = tanh(x_t W + h_{t-1} U + b) is negative when the pre-activation is: use Math.tanh, not the sigmoid. ' +
  'The kernel has shape [inputSize, hiddenSize]: (x W)[b][j] = Σ_k x[b][k]·kernel[k][j] (transposed weights give NaN or wrong values).';
const HINT_BIAS = 'Add the bias b[j] to every pre-activation.';
const HINT_PREV =
  'The previous state enters through h_{t-1} U: add Σ_k hPrev[b][k]·recurrentKernel[k][j] (recurrentKernel indexed [k][j], not [j][k]).';

const rnnStep = defineGrader<Ex<'rnnStep'>>({
  unit: '01_rnn', name: 'rnn_step', exportName: 'rnnStep',
  title: 'one forward step of a vanilla RNN, h_t = tanh(x_t W + h_{t-1} U + b)',
  argNames: ['x', 'hPrev', 'kernel', 'recurrentKernel', 'bias'],
  cases: [
    {
      name: 'input only (hPrev = 0, bias = 0)',
      args: [[[1, -1, 2]], [[0, 0]], W, U, [0, 0]],
      expected: [[tanh(1 * 0.1 - 1 * 0.3 + 2 * 0.05), tanh(1 * -0.2 - 1 * 0.4 + 2 * 0.1)]],
      hint: HINT_ACT_KERNEL,
    },
    {
      name: 'bias is added',
      args: [[[1, -1, 2]], [[0, 0]], W, U, [0.5, -0.25]],
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
      name: 'batch of two, everything together',
      args: [[[1, -1, 2], [0.5, 0, -1]], [[1, -2], [0.3, 0.4]], W, U, [0.5, -0.25]],
      expected: [
        [tanh(-0.1 + 0.1 + 0.5), tanh(-0.4 - 0.5 - 0.25)],
        [tanh(0.5 * 0.1 - 0.05 + 0.3 * 0.5 + 0.4 * 0.2 + 0.5), tanh(0.5 * -0.2 - 0.1 + 0.3 * -0.3 + 0.4 * 0.1 - 0.25)],
      ],
      hint: 'Each row of x and hPrev is one example: compute every row with the same W, U and b. ' + HINT_PREV,
    },
  ],
  mistakes: [
    { id: 'forgets_previous_state', description: 'drops the h_{t-1} U term', hint: 'The previous state enters through h_{t-1} U' },
    { id: 'sigmoid_activation', description: 'uses the sigmoid instead of tanh', hint: 'use Math.tanh, not the sigmoid' },
    { id: 'transposed_weights', description: 'indexes kernel and recurrentKernel as [hidden][input] (W and U transposed)', hint: 'The kernel has shape [inputSize, hiddenSize]' },
    { id: 'forgets_bias', description: 'leaves out the bias', hint: 'Add the bias' },
  ],
});

// ---------------------------------------------------------------- rnn_step_backward
// h is given (not recomputed), chosen so that 1 − h² is a round number: h = 0.5 → 0.75, h = 0 → 1.
const Wb = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]];
const Ub = [[1, 2], [3, 4]];
const HINT_BWD_ONE =
  'δa = dh ⊙ (1 − h ⊙ h): the derivative of tanh written with its output (1 − h², not 1 − h, and not left out). ' +
  'dhPrev = δa Uᵀ, i.e. dhPrev[b][k] = Σ_j δa[b][j]·recurrentKernel[k][j]; dx = δa Wᵀ likewise with the kernel.';
const HINT_BWD_BATCH =
  'The parameters are shared by the batch: dKernel, dRecurrentKernel and dBias sum over the batch rows (dBias[j] = Σ_b δa[b][j]).';

const rnnStepBackward = defineGrader<Ex<'rnnStepBackward'>>({
  unit: '01_rnn', name: 'rnn_step_backward', exportName: 'rnnStepBackward',
  title: 'the gradients of one RNN step (δa, dKernel, dRecurrentKernel, dBias, dx, dhPrev)',
  argNames: ['x', 'hPrev', 'kernel', 'recurrentKernel', 'h', 'dh'],
  cases: [
    {
      // δa = [1·0.75, 2·1] = [0.75, 2]
      name: 'one example',
      args: [[[1, 2, -1]], [[0.5, -0.5]], Wb, Ub, [[0.5, 0]], [[1, 2]]],
      expected: {
        dKernel: [[0.75, 2], [1.5, 4], [-0.75, -2]],
        dRecurrentKernel: [[0.375, 1], [-0.375, -1]],
        dBias: [0.75, 2],
        dx: [[0.75 * 0.1 + 2 * 0.2, 0.75 * 0.3 + 2 * 0.4, 0.75 * 0.5 + 2 * 0.6]],
        dhPrev: [[0.75 * 1 + 2 * 2, 0.75 * 3 + 2 * 4]],
      },
      hint: HINT_BWD_ONE,
    },
    {
      // δa = [[0.75, 0], [0, 1]] (second row: h = 0 → 1 − h² = 1)
      name: 'batch of two: parameter gradients are sums over the batch',
      args: [[[1, 0, 0], [0, 1, 0]], [[1, 0], [0, 1]], Wb, Ub, [[0.5, 0.5], [0, 0]], [[1, 0], [0, 1]]],
      expected: {
        dBias: [0.75, 1],
        dKernel: [[0.75, 0], [0, 1], [0, 0]],
        dRecurrentKernel: [[0.75, 0], [0, 1]],
        dx: [[0.75 * 0.1, 0.75 * 0.3, 0.75 * 0.5], [0.2, 0.4, 0.6]],
        dhPrev: [[0.75 * 1, 0.75 * 3], [2, 4]],
      },
      hint: HINT_BWD_BATCH,
    },
  ],
  mistakes: [
    { id: 'wrong_tanh_derivative', description: 'uses 1 − h instead of 1 − h² for tanh\'', hint: '1 − h², not 1 − h' },
    { id: 'no_activation_derivative', description: 'forgets the activation derivative (δa = dh)', hint: 'and not left out' },
    { id: 'transposed_recurrent_kernel', description: 'computes dhPrev = δa U instead of δa Uᵀ', hint: 'dhPrev = δa Uᵀ' },
    { id: 'bias_not_summed_over_batch', description: 'takes dBias from the first example only', hint: 'sum over the batch rows' },
  ],
});

// ---------------------------------------------------------------- clip_by_global_norm
const HINT_CLIP_SCALE =
  'Scale every entry by τ/‖g‖₂ with one norm over all the tensors together (not one norm per tensor, and no capping of ' +
  'single entries as clip-by-value does); ‖g‖₂ is the square root of the sum of squares.';
const HINT_CLIP_KEEP = 'Leave the gradients unchanged when ‖g‖₂ ≤ maxNorm: the factor is min(1, maxNorm/‖g‖₂).';

const clipByGlobalNorm = defineGrader<Ex<'clipByGlobalNorm'>>({
  unit: '01_rnn', name: 'clip_by_global_norm', exportName: 'clipByGlobalNorm',
  title: 'clipping by global norm, g̃ = g·min(1, τ/‖g‖₂)',
  argNames: ['grads', 'maxNorm'],
  cases: [
    { name: 'norm below maxNorm: unchanged', args: [[[3], [4]], 10], expected: { grads: [[3], [4]], norm: 5 }, hint: HINT_CLIP_KEEP },
    { name: 'norm equal to maxNorm: unchanged', args: [[[0, 3], [-4]], 5], expected: { grads: [[0, 3], [-4]], norm: 5 }, hint: HINT_CLIP_KEEP },
    // ‖g‖ = 5, τ = 1: factor 0.2
    { name: 'two tensors, rescaled together', args: [[[3, 0], [4]], 1], expected: { grads: [[0.6, 0], [0.8]], norm: 5 }, hint: HINT_CLIP_SCALE },
    // ‖g‖ = sqrt(1 + 4 + 4 + 0 + 16) = 5, τ = 2.5: factor 0.5
    { name: 'several entries, negative values', args: [[[1, -2], [2, 0, -4]], 2.5], expected: { grads: [[0.5, -1], [1, 0, -2]], norm: 5 }, hint: HINT_CLIP_SCALE },
  ],
  mistakes: [
    { id: 'per_tensor_norm', description: 'clips each tensor by its own norm', hint: 'not one norm per tensor' },
    { id: 'always_rescales', description: 'rescales to norm τ even when the norm is already below τ', hint: 'Leave the gradients unchanged' },
    { id: 'clips_by_value', description: 'caps each entry to [−τ, τ] (clipping by value)', hint: 'no capping of single entries' },
    { id: 'forgets_sqrt', description: 'uses the sum of squares as the norm', hint: 'square root of the sum of squares' },
  ],
});

// ---------------------------------------------------------------- perplexity
const perplexity = defineGrader<Ex<'perplexity'>>({
  unit: '01_rnn', name: 'perplexity', exportName: 'perplexity',
  title: 'perplexity from per-symbol losses, PPL = exp(mean loss)',
  argNames: ['losses'],
  cases: [
    {
      name: 'uniform model over 4 symbols',
      args: [[Math.log(4), Math.log(4), Math.log(4)]], expected: 4,
      hint: 'A model uniform over V symbols has perplexity V: divide the sum of the losses by their number before exp.',
    },
    {
      name: 'unequal losses',
      args: [[0, Math.log(4)]], expected: 2, // exp((0 + log 4)/2) = sqrt(4)
      hint: 'PPL = exp(mean of the losses): average first, then exponentiate (the mean of exp(ℓ_t) is larger). Losses are natural logs: use Math.exp, not 2 **.',
    },
    { name: 'a single loss of 1 nat', args: [[1]], expected: Math.E, hint: 'exp(1) = e: the base is e, not 2.' },
  ],
  mistakes: [
    { id: 'exp_of_sum', description: 'exponentiates the sum instead of the mean', hint: 'divide the sum of the losses by their number' },
    { id: 'mean_of_exp', description: 'averages exp(ℓ_t) instead of exponentiating the average', hint: 'average first, then exponentiate' },
    { id: 'base_two', description: 'uses 2 ** mean (bits) although the losses are in nats', hint: 'not 2 **' },
  ],
});

export const graders: Grader[] = [rnnStep, rnnStepBackward, clipByGlobalNorm, perplexity];
