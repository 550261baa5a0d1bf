/** Graders of unit 04 (text generation): sampling with temperature, top-k, greedy decoding. */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/04_text/sample_with_temperature') &
  typeof import('../../../exercises/04_text/top_k_filter') &
  typeof import('../../../exercises/04_text/greedy_decode');
type Ex<P extends keyof M> = M[P];

// ---------------------------------------------------------------- sample_with_temperature
const HINT_CDF =
  'Inverse CDF: add ŷ_j to the running sum first, then return the first j with u < ŷ_0 + … + ŷ_j. ' +
  'The draw u decides which symbol comes out: do not return the argmax.';
const HINT_TEMP = 'Divide the logits by the temperature, softmax(o / τ): τ < 1 sharpens the distribution (do not multiply by τ, and do not leave τ out).';
const HINT_STABLE =
  'Subtract the maximum of o/τ before Math.exp: exp(2000) is Infinity and Infinity/Infinity is NaN.';
const HINT_SPREAD =
  'Subtract the maximum of o/τ, not the minimum or the mean: these logits are 2000 apart, so exp(o_j/τ − c) overflows for any c below the maximum.';
const HINT_NEG_MAX =
  'The maximum can be negative: start the running maximum at −Infinity (or use Math.max(...)), not at 0; exp(−1000) is 0 and 0/0 is NaN.';

const sampleWithTemperature = defineGrader<Ex<'sampleWithTemperature'>>({
  unit: '04_text', name: 'sample_with_temperature', exportName: 'sampleWithTemperature',
  title: 'sample from softmax(o/τ) with an injected uniform number u',
  argNames: ['logits', 'temperature', 'u'],
  cases: [
    // ŷ = [0.25, 0.75]
    { name: 'τ = 1, u falls in the first interval', args: [[0, Math.log(3)], 1, 0.2], expected: 0, hint: HINT_CDF },
    { name: 'τ = 1, u falls in the second interval', args: [[0, Math.log(3)], 1, 0.3], expected: 1, hint: HINT_CDF },
    // o/τ = [2, 4, 0]: ŷ ≈ [0.117, 0.867, 0.016], so u = 0.2 lands on index 1 (with o·τ, ŷ ≈ [0.31, 0.51, 0.19] → 0)
    { name: 'τ = 0.5 sharpens', args: [[1, 2, 0], 0.5, 0.2], expected: 1, hint: HINT_TEMP },
    // o/τ = [0.5, 1, 0]: ŷ ≈ [0.307, 0.506, 0.186], so u = 0.2 lands on index 0 (with o/τ read as o·τ: [2, 4, 0] → 1)
    { name: 'τ = 2 flattens', args: [[1, 2, 0], 2, 0.2], expected: 0, hint: HINT_TEMP },
    // o/τ = [2000, 1998, 1996]: ŷ ≈ [0.867, 0.117, 0.016]
    { name: 'large logits, low temperature', args: [[1000, 999, 998], 0.5, 0.5], expected: 0, hint: HINT_STABLE },
    // ŷ ≈ [0, 1, e^−1000]: u = 0.5 lands on index 1
    { name: 'logits 2000 apart', args: [[-1000, 1000, 0], 1, 0.5], expected: 1, hint: HINT_SPREAD },
    // ŷ ≈ [0.665, 0.245, 0.090]
    { name: 'large negative logits', args: [[-999, -1000, -1001], 1, 0.5], expected: 0, hint: HINT_NEG_MAX },
    { name: 'u close to 1 gives the last symbol', args: [[0, 0, 0, 0], 1, 0.99], expected: 3, hint: HINT_CDF },
    {
      // seven equal logits: the running sum of the ŷ_j ends at 0.9999999999999998 < u
      name: 'u just below 1, sum rounded below u', args: [[0, 0, 0, 0, 0, 0, 0], 1, 1 - 2 ** -53], expected: 6,
      hint: 'If rounding leaves the running sum below u (here it ends at 0.9999999999999998), return the last index, as the statement says (not −1, 0 or undefined).',
    },
    // ŷ = [0.25, 0.25, 0.25, 0.25] exactly: running sums 0.25, 0.5, 0.75, 1; u = 0.5 is not < 0.5, so j = 2
    {
      name: 'u exactly on a boundary', args: [[0, 0, 0, 0], 1, 0.5], expected: 2,
      hint: 'Strictly less: return the first j with u < ŷ_0 + … + ŷ_j (u = 0.5 equals the sum up to j = 1, so j = 2).',
    },
  ],
  mistakes: [
    { id: 'multiplies_by_temperature', description: 'computes softmax(o·τ) instead of softmax(o/τ)', hint: 'do not multiply by τ' },
    { id: 'cdf_off_by_one', description: 'compares u with the running sum before adding ŷ_j', hint: 'add ŷ_j to the running sum first' },
    { id: 'unstable_softmax', description: 'exponentiates without subtracting the maximum (overflows to NaN)', hint: 'Subtract the maximum' },
    { id: 'ignores_random_number', description: 'returns the argmax (greedy) instead of sampling with u', hint: 'do not return the argmax' },
    { id: 'ignores_temperature', description: 'takes softmax(o), leaving τ out', hint: 'do not leave τ out' },
    { id: 'subtracts_min', description: 'subtracts the minimum instead of the maximum', hint: 'not the minimum or the mean' },
    { id: 'subtracts_mean', description: 'subtracts the mean instead of the maximum', hint: 'not the minimum or the mean' },
    { id: 'max_starts_at_zero', description: 'starts the running maximum at 0', hint: 'not at 0' },
    { id: 'less_or_equal', description: 'returns the first j with u ≤ the running sum', hint: 'Strictly less' },
    { id: 'sorts_logits_in_place', description: 'finds the maximum by sorting the logits in place', hint: 'Do not modify the argument `logits`' },
    { id: 'no_last_index_fallback', description: 'returns −1 when rounding leaves the running sum below u', hint: 'return the last index' },
  ],
});

// ---------------------------------------------------------------- top_k_filter
const s32 = 1 / (1 + Math.exp(-1)); // softmax([3, 2])[0] = e³/(e³ + e²)
const s2 = 1 / (1 + Math.exp(-2));  // softmax([5, 3])[0]
/** Plain softmax, for the cases that keep every symbol. */
function softmaxAll(o: number[]): number[] {
  const m = Math.max(...o);
  const e = o.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
const HINT_TOPK =
  'Keep exactly the k largest logits (not the smallest, and not k + 1) and renormalise over them only: ' +
  'p_j = exp(o_j − m)/Σ_{i∈S} exp(o_i − m); the kept probabilities sum to 1.';
const HINT_COUNT = 'Exactly k symbols keep a non-zero probability: not k + 1, and on a tie at the boundary the lower index wins.';

const topKFilter = defineGrader<Ex<'topKFilter'>>({
  unit: '04_text', name: 'top_k_filter', exportName: 'topKFilter',
  title: 'top-k: keep the k largest logits, renormalise, zero elsewhere',
  argNames: ['logits', 'k'],
  cases: [
    { name: 'k = 2 of 4', args: [[1, 3, 2, 0], 2], expected: [0, s32, 1 - s32, 0], hint: HINT_TOPK },
    { name: 'k = 1 is greedy', args: [[1, 3, 2, 0], 1], expected: [0, 1, 0, 0], hint: HINT_COUNT },
    {
      name: 'k = vocabSize is the plain softmax', args: [[0, Math.log(3)], 2], expected: [0.25, 0.75],
      hint: 'With k = vocabSize every symbol is kept and the result is softmax(o).',
    },
    { name: 'tie at the boundary: lower index wins', args: [[2, 5, 5, 1], 1], expected: [0, 1, 0, 0], hint: HINT_COUNT },
    { name: 'tie at the boundary, k = 2', args: [[5, 1, 3, 3], 2], expected: [s2, 0, 1 - s2, 0], hint: HINT_COUNT },
    {
      name: 'all logits negative', args: [[-3, -1, -2, -5], 2], expected: [0, s32, 1 - s32, 0],
      hint: 'Logits can all be negative: when you look for the largest, start from −Infinity (or the first logit), not from 0.',
    },
    {
      name: 'k above vocabSize keeps every symbol', args: [[1, 3, 2], 5], expected: softmaxAll([1, 3, 2]),
      hint: 'k can exceed vocabSize: keep min(k, vocabSize) symbols (do not read indices past the end).',
    },
    {
      name: 'large logits', args: [[1000, 1001, 999], 2], expected: [1 - s32, s32, 0],
      hint: 'Subtract the maximum before Math.exp: exp(1000) is Infinity and Infinity/Infinity is NaN.',
    },
    {
      // kept logits 1000, −1000, 0: p ≈ [1, 0, e^−1000]
      name: 'kept logits 2000 apart', args: [[1000, -1000, 0], 3], expected: [1, 0, 0],
      hint: 'Subtract the maximum, not the minimum or the mean: the kept logits are 2000 apart, so anything below the maximum overflows exp.',
    },
  ],
  mistakes: [
    { id: 'no_renormalisation', description: 'takes the softmax over all symbols, then zeroes the rest (does not sum to 1)', hint: 'renormalise over them only' },
    { id: 'keeps_smallest', description: 'sorts ascending and keeps the k smallest logits', hint: 'not the smallest' },
    { id: 'keeps_k_plus_one', description: 'keeps k + 1 symbols (off by one)', hint: 'not k + 1' },
    { id: 'keeps_ties_beyond_k', description: 'keeps every logit ≥ the k-th largest, so ties keep more than k', hint: 'the lower index wins' },
    { id: 'unstable_softmax', description: 'exponentiates without subtracting the maximum', hint: 'Subtract the maximum' },
    { id: 'ties_higher_index', description: 'sorts ascending and reverses, so the higher index wins ties', hint: 'the lower index wins' },
    { id: 'argmax_from_zero', description: 'picks the k largest by repeated argmax starting from the value 0', hint: 'not from 0' },
    { id: 'k_above_vocab', description: 'loops k times over the sorted indices (reads past the end when k > vocabSize)', hint: 'min(k, vocabSize)' },
    { id: 'subtracts_min', description: 'subtracts the smallest kept logit instead of the maximum', hint: 'not the minimum or the mean' },
    { id: 'sorts_logits_in_place', description: 'sorts the logits array itself to find the k-th largest', hint: 'Do not modify the argument `logits`' },
  ],
});

// ---------------------------------------------------------------- greedy_decode
/** Input-driven toy model: the most probable next token is (token + 1) mod 8; the state counts steps. */
function nextTokenModel(token: number, h: number[]) {
  const logits = new Array<number>(8).fill(0);
  logits[(token + 1) % 8] = 2;
  return { logits, h: [h[0] + 1] };
}
/** State-driven toy model: ignores the token; the most probable token is (h + 1) mod 4, the state counts. */
function counterModel(_token: number, h: number[]) {
  const logits = new Array<number>(4).fill(0);
  logits[(h[0] + 1) % 4] = 2;
  return { logits, h: [h[0] + 1] };
}
/** Like nextTokenModel, with every logit negative: −1 for (token + 1) mod 8, −5 elsewhere. */
function negativeModel(token: number, h: number[]) {
  const logits = new Array<number>(8).fill(-5);
  logits[(token + 1) % 8] = -1;
  return { logits, h: [h[0] + 1] };
}
/** Two maxima: logit 2 at (token + 1) mod 6 and at (token + 3) mod 6; the lower index must win. */
function tieModel(token: number, h: number[]) {
  const logits = new Array<number>(6).fill(0);
  logits[(token + 1) % 6] = 2;
  logits[(token + 3) % 6] = 2;
  return { logits, h: [h[0] + 1] };
}
const DESC_NEXT = 'step = nextTokenModel (argmax is (token + 1) mod 8, ignores h)';
const DESC_COUNTER = 'step = counterModel (argmax is (h[0] + 1) mod 4, ignores the token; returns h = [h[0] + 1])';
const DESC_NEG = 'step = negativeModel (logits −1 at (token + 1) mod 8 and −5 elsewhere)';
const DESC_TIE = 'step = tieModel (logit 2 at both (token + 1) mod 6 and (token + 3) mod 6, 0 elsewhere)';
const HINT_FEED = 'Feed back the token you just produced (token = next), not the start token.';
const HINT_END = 'Stop when argmax is the end token, and do not put the end token in the output.';
const HINT_STATE = 'Carry the state: pass the h returned by the previous step call, not h0 again.';

const greedyDecode = defineGrader<Ex<'greedyDecode'>>({
  unit: '04_text', name: 'greedy_decode', exportName: 'greedyDecode',
  title: 'greedy decoding: feed back the argmax, carry the state, stop at the end token',
  argNames: ['step', 'h0', 'startToken', 'endToken', 'maxLen'],
  cases: [
    {
      name: 'stops at the end token', args: [nextTokenModel, [0], 0, 5, 10], expected: [1, 2, 3, 4],
      input: `${DESC_NEXT}, h0 = [0], startToken = 0, endToken = 5, maxLen = 10`, hint: `${HINT_FEED} ${HINT_END}`,
    },
    {
      name: 'stops at maxLen', args: [nextTokenModel, [0], 0, 5, 2], expected: [1, 2],
      input: `${DESC_NEXT}, h0 = [0], startToken = 0, endToken = 5, maxLen = 2`, hint: 'Return at most maxLen tokens.',
    },
    {
      name: 'token 0 in the middle, end token 3', args: [nextTokenModel, [0], 5, 3, 10], expected: [6, 7, 0, 1, 2],
      input: `${DESC_NEXT}, h0 = [0], startToken = 5, endToken = 3, maxLen = 10`,
      hint: 'Token 0 is an ordinary symbol: only next === endToken stops the loop (do not test the token for truthiness).',
    },
    {
      name: 'the state is carried', args: [counterModel, [0], 0, 9, 6], expected: [1, 2, 3, 0, 1, 2],
      input: `${DESC_COUNTER}, h0 = [0], startToken = 0, endToken = 9, maxLen = 6`, hint: HINT_STATE,
    },
    {
      name: 'end token as the very first prediction', args: [nextTokenModel, [0], 4, 5, 10], expected: [],
      input: `${DESC_NEXT}, h0 = [0], startToken = 4, endToken = 5, maxLen = 10`, hint: HINT_END,
    },
    {
      name: 'all logits negative', args: [negativeModel, [0], 0, 5, 10], expected: [1, 2, 3, 4],
      input: `${DESC_NEG}, h0 = [0], startToken = 0, endToken = 5, maxLen = 10`,
      hint: 'Logits can all be negative: start the argmax from logits[0] (or −Infinity), not from the value 0.',
    },
    {
      // 0 → min(1, 3) = 1 → 2 → 3 → min(4, 0) = 0 → 1
      name: 'ties: the lowest index wins', args: [tieModel, [0], 0, 9, 5], expected: [1, 2, 3, 0, 1],
      input: `${DESC_TIE}, h0 = [0], startToken = 0, endToken = 9, maxLen = 5`,
      hint: 'On ties argmax takes the lowest index: replace the best only when logits[j] > best (strictly greater).',
    },
    {
      name: 'maxLen 0', args: [nextTokenModel, [0], 0, 5, 0], expected: [],
      input: `${DESC_NEXT}, h0 = [0], startToken = 0, endToken = 5, maxLen = 0`,
      hint: 'Never return more than maxLen tokens: with maxLen = 0 the result is [] (check the length before appending).',
    },
  ],
  mistakes: [
    { id: 'feeds_start_token', description: 'feeds the start token at every step instead of its own prediction', hint: 'Feed back the token you just produced' },
    { id: 'forgets_state', description: 'passes h0 to every step', hint: 'Carry the state' },
    { id: 'includes_end_token', description: 'appends the end token before stopping', hint: 'do not put the end token in the output' },
    { id: 'ignores_end_token', description: 'never stops at the end token', hint: 'Stop when argmax is the end token' },
    { id: 'stops_at_token_zero', description: 'stops when the token is falsy (0) as well', hint: 'Token 0 is an ordinary symbol' },
    { id: 'argmax_from_zero', description: 'starts the argmax from the value 0', hint: 'not from the value 0' },
    { id: 'last_index_on_ties', description: 'uses ≥ in the argmax, so the last maximum wins', hint: 'the lowest index' },
    { id: 'appends_before_length_check', description: 'appends the first token before checking maxLen (do … while)', hint: 'with maxLen = 0 the result is []' },
    { id: 'overwrites_h0', description: 'copies each new state into h0 in place', hint: 'Do not modify the argument `h0`' },
  ],
});

export const graders: Grader[] = [sampleWithTemperature, topKFilter, greedyDecode];
