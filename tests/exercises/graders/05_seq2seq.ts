/** Graders of unit 05 (sequence prediction, encoder-decoder). */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/05_seq2seq/teacher_forcing_shift') &
  typeof import('../../../exercises/05_seq2seq/exact_match_accuracy') &
  typeof import('../../../exercises/05_seq2seq/addition_pair') &
  typeof import('../../../exercises/05_seq2seq/beam_step');
type Ex<P extends keyof M> = M[P];

// ---------------------------------------------------------------- teacher_forcing_shift
const HINT_SHIFT =
  'Decoder input t is the target t − 1: put the start token first (startToken, not a fixed 0 or 1), then y_1 … y_{T-1} ' +
  '(shift right, drop the last target, keep the length T).';
const teacherForcingShift = defineGrader<Ex<'decoderInputs'>>({
  unit: '05_seq2seq', name: 'teacher_forcing_shift', exportName: 'decoderInputs',
  title: 'decoder inputs under teacher forcing: (<start>, y_1, …, y_{T-1})',
  argNames: ['y', 'startToken'],
  cases: [
    { name: 'one sequence', args: [[[5, 6, 7]], 2], expected: [[2, 5, 6]], hint: HINT_SHIFT },
    {
      name: 'batch of two', args: [[[5, 6, 7, 8], [9, 10, 11, 12]], 1], expected: [[1, 5, 6, 7], [1, 9, 10, 11]],
      hint: 'Shift every row on its own: row b of the result comes from y[b]. ' + HINT_SHIFT,
    },
    { name: 'length one', args: [[[4]], 3], expected: [[3]], hint: HINT_SHIFT },
    { name: 'empty batch', args: [[], 1], expected: [], hint: 'An empty batch (y = []) gives []: do not read y[0] for the length.' },
  ],
  mistakes: [
    { id: 'no_shift', description: 'feeds the targets themselves (the decoder sees the answer)', hint: 'put the start token first' },
    { id: 'shift_left', description: 'shifts left: (y_2, …, y_T, <start>)', hint: 'shift right' },
    { id: 'keeps_last_target', description: 'prepends the start token without dropping y_T (length T + 1)', hint: 'keep the length T' },
    { id: 'start_token_one', description: 'always puts 1 first instead of startToken', hint: 'not a fixed 0 or 1' },
    { id: 'replaces_first_target', description: 'overwrites y_1 with the start token instead of shifting', hint: 'then y_1 … y_{T-1}' },
    { id: 'first_row_for_all', description: 'shifts the first target row for every row of the batch', hint: 'row b of the result comes from y[b]' },
    { id: 'unshift_in_place', description: 'unshifts the start token into the caller\'s rows and pops the last target', hint: 'Do not modify the argument `y`' },
    { id: 'length_from_first_row', description: 'reads the length from y[0] (fails on an empty batch)', hint: 'An empty batch' },
  ],
});

// ---------------------------------------------------------------- exact_match_accuracy
const HINT_EXACT =
  'Return the fraction of sequences that are right (not wrong); a sequence counts only if every checked token is right: this is not the fraction of correct tokens.';
const HINT_PAD = 'Skip the positions where the target is padToken: what the model predicts there does not count.';
const HINT_LAST = 'Check every position t = 0 … seqLen − 1, the last one included.';
const exactMatchAccuracy = defineGrader<Ex<'exactMatchAccuracy'>>({
  unit: '05_seq2seq', name: 'exact_match_accuracy', exportName: 'exactMatchAccuracy',
  title: 'fraction of sequences right at every non-padding position',
  argNames: ['predictions', 'targets', 'padToken'],
  cases: [
    { name: 'all right', args: [[[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]], 0], expected: 1, hint: HINT_EXACT },
    { name: 'one wrong token in one of two sequences', args: [[[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 9, 6]], 0], expected: 0.5, hint: HINT_EXACT },
    { name: 'predictions at padding positions do not count', args: [[[1, 2, 9], [3, 4, 4]], [[1, 2, 0], [3, 0, 0]], 0], expected: 1, hint: HINT_PAD },
    { name: 'the last position is checked', args: [[[1, 2, 4], [7, 7, 7]], [[1, 2, 3], [7, 7, 7]], 0], expected: 0.5, hint: HINT_LAST },
    {
      // pad = 9: sequence 0 is right (position 2 is padding), sequence 1 is wrong at position 1; 0 is an ordinary token
      name: 'padToken 9, token 0 is a symbol', args: [[[0, 1, 5], [0, 2, 9]], [[0, 1, 9], [0, 3, 9]], 9], expected: 0.5,
      hint: 'The padding token is padToken (9 here), not always 0: compare with the argument, and check the positions where the target is 0.',
    },
    {
      name: 'a predicted pad where the target has a symbol is wrong', args: [[[1, 2, 0], [5, 0, 0]], [[1, 2, 3], [5, 0, 0]], 0], expected: 0.5,
      hint: 'Only the target decides what is padding: a position is skipped when targets[b][t] is padToken, whatever the prediction there.',
    },
    {
      // sequence 0: position 1 is padding, position 2 is wrong; sequence 1 is right
      name: 'a padding position in the middle: later positions still count', args: [[[1, 5, 4], [2, 2, 2]], [[1, 0, 3], [2, 2, 2]], 0], expected: 0.5,
      hint: 'Skip only the padding positions themselves: a position after a padding one is still checked (do not stop at the first padToken).',
    },
    {
      name: 'empty batch', args: [[], [], 0], expected: NaN,
      hint: 'An empty batch has no sequence to count: return 0/0 = NaN, as the statement says (do not read targets[0] for the length).',
    },
  ],
  mistakes: [
    { id: 'token_level', description: 'returns the fraction of correct tokens', hint: 'this is not the fraction of correct tokens' },
    { id: 'counts_padding', description: 'also compares the padding positions', hint: 'Skip the positions where the target is padToken' },
    { id: 'skips_last_position', description: 'loops to seqLen − 2 (off by one)', hint: 'the last one included' },
    { id: 'fraction_wrong', description: 'returns the fraction of wrong sequences', hint: 'that are right (not wrong)' },
    { id: 'any_token_right', description: 'counts a sequence as right when any checked token is right', hint: 'every checked token is right' },
    { id: 'pad_is_zero', description: 'skips the positions where the target is 0 instead of padToken', hint: 'not always 0' },
    { id: 'skips_predicted_padding', description: 'also skips the positions where the prediction is padToken', hint: 'Only the target decides what is padding' },
    { id: 'masks_predictions_in_place', description: 'writes padToken into the caller\'s predictions at padding positions', hint: 'Do not modify the argument `predictions`' },
    { id: 'length_from_first_row', description: 'reads seqLen from targets[0] (fails on an empty batch)', hint: 'An empty batch' },
    { id: 'stops_at_first_pad', description: 'stops checking a sequence at its first padding position', hint: 'do not stop at the first padToken' },
  ],
});

// ---------------------------------------------------------------- addition_pair
const HINT_ADD =
  'source: "a+b" (no spaces around the plus) padded with spaces on the right (padEnd, spaces not zeros) to 2·digits + 1 characters; ' +
  'target: the sum padded on the right to digits + 1 characters. digits is the parameter (not the number of digits of a or b).';
const additionPair = defineGrader<Ex<'additionPair'>>({
  unit: '05_seq2seq', name: 'addition_pair', exportName: 'additionPair',
  title: 'fixed-length source and target strings for the addition task',
  argNames: ['a', 'b', 'digits'],
  cases: [
    { name: '12 + 7, two digits', args: [12, 7, 2], expected: { source: '12+7 ', target: '19 ' }, hint: HINT_ADD },
    {
      name: 'longest case 99 + 99', args: [99, 99, 2], expected: { source: '99+99', target: '198' },
      hint: 'The sum can have one digit more than the operands: the target has digits + 1 characters (99 + 99 = 198).',
    },
    { name: '3 + 4, three digits', args: [3, 4, 3], expected: { source: '3+4    ', target: '7   ' }, hint: HINT_ADD },
    {
      name: '0 + 0', args: [0, 0, 2], expected: { source: '0+0  ', target: '0  ' },
      hint: '0 + 0 = 0 is written "0": String(0) is "0"; do not treat a zero sum as missing.',
    },
    { name: '999 + 1, three digits', args: [999, 1, 3], expected: { source: '999+1  ', target: '1000' }, hint: HINT_ADD },
  ],
  mistakes: [
    { id: 'target_too_short', description: 'pads the target to digits characters (no room for the carry)', hint: 'the sum padded on the right to digits + 1 characters' },
    { id: 'pads_left', description: 'pads on the left (padStart)', hint: 'padded with spaces on the right' },
    { id: 'source_off_by_one', description: 'pads the source to 2·digits characters (forgets the plus sign)', hint: '2·digits + 1 characters' },
    { id: 'source_too_long', description: 'pads the source to 2·digits + 2 characters', hint: '2·digits + 1 characters' },
    { id: 'pads_with_zeros', description: 'pads with "0" instead of spaces', hint: 'spaces not zeros' },
    { id: 'spaces_around_plus', description: 'writes "a + b" with spaces around the plus', hint: 'no spaces around the plus' },
    { id: 'digits_from_operand', description: 'takes digits from the length of a instead of the parameter', hint: 'digits is the parameter' },
    { id: 'zero_sum_empty', description: 'writes an empty target when the sum is 0 (a + b || "")', hint: 'do not treat a zero sum as missing' },
  ],
});

// ---------------------------------------------------------------- beam_step
const ln = Math.log;
const HINT_TOPK =
  "Keep the beamWidth candidates of highest score, best first; a candidate's logProb is its hypothesis' logProb " +
  "plus the token's log-probability (log-probabilities add, they are not multiplied).";
const HINT_ADD_SCORES =
  "A candidate's logProb is its hypothesis' logProb plus the token's log-probability (log-probabilities add); " +
  'keep beamWidth candidates over all hypotheses together, not beamWidth per hypothesis.';
const HINT_FINISHED =
  'A finished hypothesis is carried into the candidates as it is: not extended (its row of logProbs is not read) ' +
  'and not dropped. Return a copy of it ({ ...h, tokens: [...h.tokens] }), not the object from beams.';
const HINT_END = 'An extension by endToken is finished: set finished = (v === endToken).';
const HINT_NORM =
  'Rank by the length-normalised score logProb / tokens.length ** alpha, where tokens.length counts the new token ' +
  'too, not by the raw logProb.';
const live = (tokens: number[], logProb: number) => ({ tokens, logProb, finished: false });
const done = (tokens: number[], logProb: number) => ({ tokens, logProb, finished: true });
const beamStep = defineGrader<Ex<'beamStep'>>({
  unit: '05_seq2seq', name: 'beam_step', exportName: 'beamStep',
  title: 'one step of beam search: expand, score (length-normalised), keep the top k, finished hypotheses carried',
  argNames: ['beams', 'logProbs', 'beamWidth', 'endToken', 'alpha'],
  cases: [
    {
      // candidates [0] 0.1 (finished: end token 0), [1] 0.6, [2] 0.3; top 2: [1], [2]
      name: 'one empty hypothesis, keep the top 2',
      args: [[live([], 0)], [[ln(0.1), ln(0.6), ln(0.3)]], 2, 0, 0],
      expected: [live([1], ln(0.6)), live([2], ln(0.3))],
      hint: HINT_TOPK,
    },
    {
      // [1] (p 0.2) → [1,1] 0.18; [2] (p 0.8) → [2,1] 0.4, [2,2] 0.36: the prefix's probability counts
      name: 'the prefix counts: log-probabilities add',
      args: [[live([1], ln(0.2)), live([2], ln(0.8))], [[ln(0.05), ln(0.9), ln(0.05)], [ln(0.05), ln(0.5), ln(0.45)]], 2, 0, 0],
      expected: [live([2, 1], ln(0.8) + ln(0.5)), live([2, 2], ln(0.8) + ln(0.45))],
      hint: HINT_ADD_SCORES,
    },
    {
      // finished [2,0] (p 0.5) carried; [1] (p 0.6) → [1,1] 0.3, [1,2] 0.24, [1,0] 0.06
      name: 'a finished hypothesis is carried, not extended',
      args: [[done([2, 0], ln(0.5)), live([1], ln(0.6))], [[ln(0.9), ln(0.05), ln(0.05)], [ln(0.1), ln(0.5), ln(0.4)]], 3, 0, 0],
      expected: [done([2, 0], ln(0.5)), live([1, 1], ln(0.6) + ln(0.5)), live([1, 2], ln(0.6) + ln(0.4))],
      hint: HINT_FINISHED,
    },
    {
      // [0] 0.7 ends with the end token 0; [1] 0.2 goes on
      name: 'the end token finishes a hypothesis',
      args: [[live([], 0)], [[ln(0.7), ln(0.2), ln(0.1)]], 2, 0, 0],
      expected: [done([0], ln(0.7)), live([1], ln(0.2))],
      hint: HINT_END,
    },
    {
      // alpha 1: [0] scores ln 0.4 = -0.92; [1,2,1] ln 0.35 / 3 = -0.35, [1,2,0] ln 0.1 / 3 = -0.77, [1,2,2] ln 0.05 / 3 = -1.0
      name: 'length normalisation (alpha 1): a short finished hypothesis loses to a longer, likelier-per-token one',
      args: [[done([0], ln(0.4)), live([1, 2], ln(0.5))], [[0, 0, 0], [ln(0.2), ln(0.7), ln(0.1)]], 2, 0, 1],
      expected: [live([1, 2, 1], ln(0.5) + ln(0.7)), done([1, 2, 0], ln(0.5) + ln(0.2))],
      hint: HINT_NORM,
    },
    {
      // alpha 0.5, three live hypotheses of length 1; ties between candidates keep the earlier one:
      // [1] → [1,0] 0.5·0.5 (finished), [1,1] 0.25; [2] → [2,1] 0.25 (tie: after [1,1]); top 3 of 9
      name: 'three hypotheses, a tie between candidates keeps the earlier one',
      args: [
        [live([1], ln(0.5)), live([2], ln(0.5)), live([1], ln(0.1))],
        [[ln(0.5), ln(0.5), ln(1e-9)], [ln(0.4), ln(0.5), ln(0.1)], [ln(0.2), ln(0.4), ln(0.4)]],
        3, 0, 0.5,
      ],
      expected: [done([1, 0], ln(0.5) + ln(0.5)), live([1, 1], ln(0.5) + ln(0.5)), live([2, 1], ln(0.5) + ln(0.5))],
      hint: HINT_TOPK,
    },
  ],
  mistakes: [
    { id: 'forgets_prior_score', description: "scores a candidate by the new token's log-probability alone", hint: "plus the token's log-probability" },
    { id: 'multiplies_log_probs', description: "multiplies the prefix's log-probability by the token's", hint: 'they are not multiplied' },
    { id: 'keeps_k_per_beam', description: 'keeps the k best extensions of each hypothesis (k per hypothesis, not k in total)', hint: 'not beamWidth per hypothesis' },
    { id: 'keeps_worst', description: 'sorts in ascending order and keeps the k lowest scores', hint: 'of highest score, best first' },
    { id: 'ignores_beam_width', description: 'returns every candidate', hint: 'Keep the beamWidth candidates' },
    { id: 'expands_finished', description: 'extends finished hypotheses as well', hint: 'not extended' },
    { id: 'drops_finished', description: 'drops finished hypotheses from the candidates', hint: 'not dropped' },
    { id: 'end_not_finished', description: 'never marks a hypothesis finished when it emits the end token', hint: 'An extension by endToken is finished' },
    { id: 'no_length_normalisation', description: 'ranks by the raw log-probability, ignoring alpha', hint: 'length-normalised score' },
    { id: 'normalises_by_old_length', description: 'divides by the length before the new token (n − 1 instead of n)', hint: 'counts the new token' },
    { id: 'extends_in_place', description: 'pushes the new token onto the hypothesis\u2019 own tokens array (changes beams)', hint: 'Do not modify the argument `beams`' },
  ],
});

export const graders: Grader[] = [teacherForcingShift, exactMatchAccuracy, additionPair, beamStep];
