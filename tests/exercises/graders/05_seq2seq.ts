/** Graders of unit 05 (sequence prediction, encoder-decoder). */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/05_seq2seq/teacher_forcing_shift') &
  typeof import('../../../exercises/05_seq2seq/exact_match_accuracy') &
  typeof import('../../../exercises/05_seq2seq/addition_pair');
type Ex<P extends keyof M> = M[P];

// ---------------------------------------------------------------- teacher_forcing_shift
const HINT_SHIFT =
  'Decoder input t is the target t − 1: put the start token first, then y_1 … y_{T-1} (shift right, drop the last target, keep the length T).';
const teacherForcingShift = defineGrader<Ex<'decoderInputs'>>({
  unit: '05_seq2seq', name: 'teacher_forcing_shift', exportName: 'decoderInputs',
  title: 'decoder inputs under teacher forcing: (<start>, y_1, …, y_{T-1})',
  argNames: ['y', 'startToken'],
  cases: [
    { name: 'one sequence', args: [[[5, 6, 7]], 1], expected: [[1, 5, 6]], hint: HINT_SHIFT },
    { name: 'batch of two', args: [[[5, 6, 7, 8], [9, 10, 11, 12]], 1], expected: [[1, 5, 6, 7], [1, 9, 10, 11]], hint: HINT_SHIFT },
    { name: 'length one', args: [[[4]], 2], expected: [[2]], hint: HINT_SHIFT },
  ],
  mistakes: [
    { id: 'no_shift', description: 'feeds the targets themselves (the decoder sees the answer)', hint: 'put the start token first' },
    { id: 'shift_left', description: 'shifts left: (y_2, …, y_T, <start>)', hint: 'shift right' },
    { id: 'keeps_last_target', description: 'prepends the start token without dropping y_T (length T + 1)', hint: 'keep the length T' },
  ],
});

// ---------------------------------------------------------------- exact_match_accuracy
const HINT_EXACT = 'A sequence counts only if every checked token is right: this is not the fraction of correct tokens.';
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
  ],
  mistakes: [
    { id: 'token_level', description: 'returns the fraction of correct tokens', hint: 'this is not the fraction of correct tokens' },
    { id: 'counts_padding', description: 'also compares the padding positions', hint: 'Skip the positions where the target is padToken' },
    { id: 'skips_last_position', description: 'loops to seqLen − 2 (off by one)', hint: 'the last one included' },
  ],
});

// ---------------------------------------------------------------- addition_pair
const HINT_ADD =
  'source: "a+b" padded with spaces on the right (padEnd) to 2·digits + 1 characters; target: the sum padded on the right to digits + 1 characters.';
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
  ],
  mistakes: [
    { id: 'target_too_short', description: 'pads the target to digits characters (no room for the carry)', hint: 'the sum padded on the right to digits + 1 characters' },
    { id: 'pads_left', description: 'pads on the left (padStart)', hint: 'padded with spaces on the right' },
    { id: 'source_off_by_one', description: 'pads the source to 2·digits characters (forgets the plus sign)', hint: '2·digits + 1 characters' },
  ],
});

export const graders: Grader[] = [teacherForcingShift, exactMatchAccuracy, additionPair];
