/** Graders of unit 09 (advanced architectures): attention weights, dot-product attention, bidirectional concat. */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/09_advanced/attention_weights') &
  typeof import('../../../exercises/09_advanced/dot_product_attention') &
  typeof import('../../../exercises/09_advanced/bidirectional_concat');
type Ex<P extends keyof M> = M[P];

const sig = (v: number) => 1 / (1 + Math.exp(-v));

// ---------------------------------------------------------------- attention_weights
const HINT_SOFTMAX = 'α_t = exp(e_t) / Σ exp(e_t\'): normalise the exponentials (not the scores, and not one sigmoid per score), so that the weights sum to 1.';
const HINT_STABLE = 'Subtract the maximum score before Math.exp: exp(1000) is Infinity, exp(−1000) is 0, and both end in NaN.';
const HINT_NEG = 'The maximum score can be negative: start the running maximum at −Infinity (or use Math.max(...)), not at 0; exp(−1000) is 0 and 0/0 is NaN.';
const HINT_SPREAD = 'Subtract the maximum, not the minimum or the mean: these scores are 2000 apart, so exp of anything above e_t − max overflows.';
const attentionWeights = defineGrader<Ex<'attentionWeights'>>({
  unit: '09_advanced', name: 'attention_weights', exportName: 'attentionWeights',
  title: 'softmax of attention scores, numerically stable',
  argNames: ['scores'],
  cases: [
    { name: 'two scores', args: [[0, Math.log(3)]], expected: [0.25, 0.75], hint: HINT_SOFTMAX },
    { name: 'equal scores', args: [[2, 2, 2, 2]], expected: [0.25, 0.25, 0.25, 0.25], hint: HINT_SOFTMAX },
    { name: 'negative scores', args: [[-1, 0]], expected: [1 - sig(1), sig(1)], hint: HINT_SOFTMAX },
    { name: 'large scores', args: [[1000, 999]], expected: [sig(1), 1 - sig(1)], hint: HINT_STABLE },
    { name: 'large negative scores', args: [[-1000, -1000]], expected: [0.5, 0.5], hint: HINT_NEG },
    { name: 'scores 2000 apart', args: [[1000, -1000, 0]], expected: [1, 0, 0], hint: HINT_SPREAD },
    { name: 'a single score', args: [[-7]], expected: [1], hint: HINT_SOFTMAX },
  ],
  mistakes: [
    { id: 'no_max_subtraction', description: 'exponentiates the raw scores (overflow: NaN on large scores)', hint: 'Subtract the maximum score' },
    { id: 'normalises_scores', description: 'divides the scores by their sum, without exp', hint: 'normalise the exponentials (not the scores' },
    { id: 'forgets_normalisation', description: 'returns exp(e_t − max) without dividing by the sum', hint: 'so that the weights sum to 1' },
    { id: 'sigmoid_each', description: 'applies the sigmoid to each score', hint: 'not one sigmoid per score' },
    { id: 'max_starts_at_zero', description: 'starts the running maximum at 0', hint: 'not at 0' },
    { id: 'subtracts_min', description: 'subtracts the minimum score instead of the maximum', hint: 'not the minimum or the mean' },
    { id: 'subtracts_mean', description: 'subtracts the mean score instead of the maximum', hint: 'not the minimum or the mean' },
    { id: 'exponentiates_in_place', description: 'writes the exponentials and the weights into the caller\'s scores', hint: 'Do not modify the argument `scores`' },
  ],
});

// ---------------------------------------------------------------- dot_product_attention
// d = 4 (sqrt d = 2); values have size 2, keys size 4.
const Q = [1, 0, 1, 0];
const KEYS = [[1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 0, 0]];
const VALUES = [[1, 0], [0, 1], [2, 2]];
function softmax(e: number[]): number[] {
  const m = Math.max(...e);
  const x = e.map((v) => Math.exp(v - m));
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
}
const ctx = (w: number[]) => [w[0] + 2 * w[2], w[1] + 2 * w[2]]; // Σ α_t v_t for VALUES
const wDot = softmax([2, 0, 1]);       // q·k_t
const wScaled = softmax([1, 0, 0.5]);  // q·k_t / 2
const HINT_ATT = 'e_t = q·k_t, α = softmax(e), context = Σ_t α_t v_t: average the values, not the keys; the context has the size of a value, dv = values[0].length (2 here, d = 4).';
const HINT_SCALE = 'With scaled = true divide every score by sqrt(d) = sqrt(query.length), before the softmax: not by d, and not by the number of keys.';
const HINT_ATT_STABLE = 'Subtract the maximum score before Math.exp (not the minimum or the mean): scores of several hundred overflow exp.';
const dotProductAttention = defineGrader<Ex<'dotProductAttention'>>({
  unit: '09_advanced', name: 'dot_product_attention', exportName: 'dotProductAttention',
  title: 'dot-product attention: weights from q·k_t (optionally / sqrt d), context from the values',
  argNames: ['query', 'keys', 'values', 'scaled'],
  cases: [
    { name: 'dot scores', args: [Q, KEYS, VALUES, false], expected: { weights: wDot, context: ctx(wDot) }, hint: HINT_ATT },
    { name: 'scaled dot scores, d = 4', args: [Q, KEYS, VALUES, true], expected: { weights: wScaled, context: ctx(wScaled) }, hint: HINT_SCALE },
    {
      // scores [800, 0, 400]: α ≈ [1, 0, e^−400]
      name: 'large scores', args: [[400, 0, 400, 0], KEYS, VALUES, false], expected: { weights: [1, 0, 0], context: [1, 0] },
      hint: HINT_ATT_STABLE,
    },
    {
      // scores [800, −800, 0]
      name: 'scores 1600 apart', args: [[400, 0, 400, 0], [[1, 0, 1, 0], [-1, 0, -1, 0], [0, 1, 0, 1]], VALUES, false],
      expected: { weights: [1, 0, 0], context: [1, 0] }, hint: HINT_ATT_STABLE,
    },
    {
      // scores [−800, −1000, −900]: α ≈ [1, e^−200, e^−100]
      name: 'all scores large and negative', args: [[-400, 0, -400, 0], [[1, 0, 1, 0], [1.25, 0, 1.25, 0], [1.125, 0, 1.125, 0]], VALUES, false],
      expected: { weights: [1, 0, 0], context: [1, 0] },
      hint: 'The maximum score can be negative: start the running maximum at −Infinity (or use Math.max(...)), not at 0.',
    },
    {
      name: 'one key', args: [Q, [[0, 1, 0, 1]], [[3, -1]], true], expected: { weights: [1], context: [3, -1] },
      hint: 'With one key the weight is 1 and the context equals that value, as a new array (not the caller\'s values[0]).',
    },
  ],
  mistakes: [
    { id: 'context_from_keys', description: 'averages the keys instead of the values', hint: 'average the values' },
    { id: 'forgets_scaling', description: 'ignores scaled = true', hint: 'divide every score by sqrt(d)' },
    { id: 'scales_by_d', description: 'divides by d instead of sqrt(d)', hint: 'not by d' },
    { id: 'unstable_softmax', description: 'exponentiates without subtracting the maximum', hint: 'Subtract the maximum score' },
    { id: 'scales_by_key_count', description: 'divides by the square root of the number of keys', hint: 'not by the number of keys' },
    { id: 'scales_weights', description: 'divides the weights after the softmax instead of the scores', hint: 'before the softmax' },
    { id: 'context_size_from_query', description: 'gives the context the size of the query (d) instead of a value (dv)', hint: 'dv = values[0].length' },
    { id: 'subtracts_mean', description: 'subtracts the mean score instead of the maximum', hint: 'not the minimum or the mean' },
    { id: 'max_starts_at_zero', description: 'starts the running maximum at 0', hint: 'not at 0' },
    { id: 'weights_values_in_place', description: 'scales the caller\'s value rows in place by their weights', hint: 'Do not modify the argument `values`' },
    { id: 'single_key_shortcut', description: 'returns the caller\'s values[0] as the context when there is one key', hint: 'must not contain the caller\'s own arrays' },
  ],
});

// ---------------------------------------------------------------- bidirectional_concat
const HINT_BI =
  'backwardOnReversed[s] belongs to time T − 1 − s: reverse it back before pairing (forward keeps its order). Row t is forward[t] followed by the backward state ' +
  'of time t: forward first, then backward, concatenated into 2·hiddenSize numbers (do not sum or interleave).';
const bidirectionalConcat = defineGrader<Ex<'bidirectionalConcat'>>({
  unit: '09_advanced', name: 'bidirectional_concat', exportName: 'bidirectionalConcat',
  title: 'h_t = [→h_t, ←h_t] from the forward outputs and the backward outputs on the reversed sequence',
  argNames: ['forward', 'backwardOnReversed'],
  cases: [
    { name: 'hiddenSize 1, three steps', args: [[[1], [2], [3]], [[10], [20], [30]]], expected: [[1, 30], [2, 20], [3, 10]], hint: HINT_BI },
    {
      name: 'hiddenSize 2, two steps', args: [[[1, 2], [3, 4]], [[10, 20], [30, 40]]], expected: [[1, 2, 30, 40], [3, 4, 10, 20]],
      hint: HINT_BI,
    },
    {
      name: 'hiddenSize 3, negative values, one step', args: [[[-1, 0.5, 2]], [[3, -4, 0]]], expected: [[-1, 0.5, 2, 3, -4, 0]],
      hint: 'All hiddenSize forward values first, then the backward ones: ' + HINT_BI,
    },
    { name: 'no steps', args: [[], []], expected: [], hint: 'With no time steps the result is []: do not read forward[0].' },
  ],
  mistakes: [
    { id: 'no_re_reverse', description: 'pairs forward[t] with backwardOnReversed[t]', hint: 'reverse it back before pairing' },
    { id: 'backward_first', description: 'puts the backward state first', hint: 'forward first, then backward' },
    { id: 'sums_instead_of_concat', description: 'adds the two directions (mergeMode sum)', hint: 'do not sum' },
    { id: 'reverses_forward_instead', description: 'reverses the forward outputs instead of the backward ones', hint: 'forward keeps its order' },
    { id: 'interleaves_units', description: 'interleaves the units, [→h_1, ←h_1, →h_2, ←h_2, …]', hint: 'do not sum or interleave' },
    { id: 'index_off_by_one', description: 'reads backwardOnReversed[T − t] instead of [T − 1 − t]', hint: 'belongs to time T − 1 − s' },
    { id: 'reverses_in_place', description: 'calls reverse() on the caller\'s backwardOnReversed', hint: 'Do not modify the argument `backwardOnReversed`' },
    { id: 'pushes_into_forward_rows', description: 'pushes the backward values into the caller\'s forward rows', hint: 'Do not modify the argument `forward`' },
    { id: 'size_from_first_row', description: 'reads hiddenSize from forward[0] (fails with no time steps)', hint: 'do not read forward[0]' },
  ],
});

export const graders: Grader[] = [attentionWeights, dotProductAttention, bidirectionalConcat];
