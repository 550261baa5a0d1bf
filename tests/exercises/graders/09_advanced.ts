/** Graders of unit 09 (advanced architectures): attention weights, dot-product attention, bidirectional concat. */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/09_advanced/attention_weights') &
  typeof import('../../../exercises/09_advanced/dot_product_attention') &
  typeof import('../../../exercises/09_advanced/bidirectional_concat');
type Ex<P extends keyof M> = M[P];

const sig = (v: number) => 1 / (1 + Math.exp(-v));

// ---------------------------------------------------------------- attention_weights
const HINT_SOFTMAX = 'α_t = exp(e_t) / Σ exp(e_t\'): normalise the exponentials (not the scores), so that the weights sum to 1.';
const HINT_STABLE = 'Subtract the maximum score before Math.exp: exp(1000) is Infinity, exp(−1000) is 0, and both end in NaN.';
const attentionWeights = defineGrader<Ex<'attentionWeights'>>({
  unit: '09_advanced', name: 'attention_weights', exportName: 'attentionWeights',
  title: 'softmax of attention scores, numerically stable',
  argNames: ['scores'],
  cases: [
    { name: 'two scores', args: [[0, Math.log(3)]], expected: [0.25, 0.75], hint: HINT_SOFTMAX },
    { name: 'equal scores', args: [[2, 2, 2, 2]], expected: [0.25, 0.25, 0.25, 0.25], hint: HINT_SOFTMAX },
    { name: 'negative scores', args: [[-1, 0]], expected: [1 - sig(1), sig(1)], hint: HINT_SOFTMAX },
    { name: 'large scores', args: [[1000, 999]], expected: [sig(1), 1 - sig(1)], hint: HINT_STABLE },
    { name: 'large negative scores', args: [[-1000, -1000]], expected: [0.5, 0.5], hint: HINT_STABLE },
  ],
  mistakes: [
    { id: 'no_max_subtraction', description: 'exponentiates the raw scores (overflow: NaN on large scores)', hint: 'Subtract the maximum score' },
    { id: 'normalises_scores', description: 'divides the scores by their sum, without exp', hint: 'normalise the exponentials (not the scores)' },
    { id: 'forgets_normalisation', description: 'returns exp(e_t − max) without dividing by the sum', hint: 'so that the weights sum to 1' },
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
const HINT_ATT = 'e_t = q·k_t, α = softmax(e), context = Σ_t α_t v_t: average the values (size dv), not the keys.';
const HINT_SCALE = 'With scaled = true divide every score by sqrt(d) = sqrt(query.length), not by d.';
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
      hint: 'Subtract the maximum score before Math.exp: scores of several hundred overflow exp.',
    },
  ],
  mistakes: [
    { id: 'context_from_keys', description: 'averages the keys instead of the values', hint: 'average the values' },
    { id: 'forgets_scaling', description: 'ignores scaled = true', hint: 'divide every score by sqrt(d)' },
    { id: 'scales_by_d', description: 'divides by d instead of sqrt(d)', hint: 'not by d' },
    { id: 'unstable_softmax', description: 'exponentiates without subtracting the maximum', hint: 'Subtract the maximum score' },
  ],
});

// ---------------------------------------------------------------- bidirectional_concat
const HINT_BI =
  'backwardOnReversed[s] belongs to time T − 1 − s: reverse it back before pairing. Row t is forward[t] followed by (concatenated with) the backward state of time t.';
const bidirectionalConcat = defineGrader<Ex<'bidirectionalConcat'>>({
  unit: '09_advanced', name: 'bidirectional_concat', exportName: 'bidirectionalConcat',
  title: 'h_t = [→h_t, ←h_t] from the forward outputs and the backward outputs on the reversed sequence',
  argNames: ['forward', 'backwardOnReversed'],
  cases: [
    { name: 'hiddenSize 1, three steps', args: [[[1], [2], [3]], [[10], [20], [30]]], expected: [[1, 30], [2, 20], [3, 10]], hint: HINT_BI },
    {
      name: 'hiddenSize 2, two steps', args: [[[1, 2], [3, 4]], [[10, 20], [30, 40]]], expected: [[1, 2, 30, 40], [3, 4, 10, 20]],
      hint: 'Forward first, then backward; keep all 2·hiddenSize numbers (concatenate, do not sum). ' + HINT_BI,
    },
  ],
  mistakes: [
    { id: 'no_re_reverse', description: 'pairs forward[t] with backwardOnReversed[t]', hint: 'reverse it back before pairing' },
    { id: 'backward_first', description: 'puts the backward state first', hint: 'Forward first, then backward' },
    { id: 'sums_instead_of_concat', description: 'adds the two directions (mergeMode sum)', hint: 'do not sum' },
  ],
});

export const graders: Grader[] = [attentionWeights, dotProductAttention, bidirectionalConcat];
