/** Graders of unit 07 (sentiment analysis): padding and truncation, vocabulary, confusion matrix. */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/07_sentiment/pad_sequences') &
  typeof import('../../../exercises/07_sentiment/vocabulary') &
  typeof import('../../../exercises/07_sentiment/confusion_matrix');
type Ex<P extends keyof M> = M[P];

// ---------------------------------------------------------------- pad_sequences (one row per case)
const HINT_PAD = 'padding \'pre\' puts the pad values before the sequence, \'post\' after it; every row has exactly maxLen entries (not the length of the longest sequence).';
const HINT_TRUNC = 'truncating \'pre\' removes values from the beginning (keeps the last maxLen, as Keras does); \'post\' removes them from the end.';
const padSequences = defineGrader<Ex<'padSequences'>>({
  unit: '07_sentiment', name: 'pad_sequences', exportName: 'padSequences',
  title: 'padding and truncation to maxLen, pre or post (Keras semantics)',
  argNames: ['seqs', 'maxLen', 'padding', 'truncating', 'value'],
  cases: [
    { name: 'pad pre', args: [[[1, 2]], 4, 'pre', 'pre', 0], expected: [[0, 0, 1, 2]], hint: HINT_PAD },
    { name: 'pad post', args: [[[1, 2]], 4, 'post', 'pre', 0], expected: [[1, 2, 0, 0]], hint: HINT_PAD },
    { name: 'truncate pre', args: [[[1, 2, 3, 4, 5]], 3, 'pre', 'pre', 0], expected: [[3, 4, 5]], hint: HINT_TRUNC },
    { name: 'truncate post', args: [[[1, 2, 3, 4, 5]], 3, 'pre', 'post', 0], expected: [[1, 2, 3]], hint: HINT_TRUNC },
    { name: 'exact length unchanged', args: [[[7, 8, 9]], 3, 'pre', 'pre', 0], expected: [[7, 8, 9]], hint: HINT_PAD },
    {
      name: 'mixed batch, pad value -1', args: [[[1], [1, 2, 3, 4], [5, 6, 7]], 3, 'post', 'pre', -1],
      expected: [[1, -1, -1], [2, 3, 4], [5, 6, 7]], hint: 'Pad with the given value, not always 0. ' + HINT_TRUNC,
    },
  ],
  mistakes: [
    { id: 'truncating_reversed', description: 'truncating \'pre\' keeps the first maxLen values', hint: 'truncating \'pre\' removes values from the beginning' },
    { id: 'padding_reversed', description: 'padding \'pre\' pads after the sequence', hint: 'padding \'pre\' puts the pad values before' },
    { id: 'ignores_value', description: 'always pads with 0', hint: 'Pad with the given value' },
    { id: 'pads_to_longest', description: 'pads to the longest sequence of the batch instead of maxLen', hint: 'exactly maxLen entries' },
  ],
});

// ---------------------------------------------------------------- vocabulary
// counts: the 3, cat 2, sat 2, dog 1 → ties cat/sat alphabetical
const TRAIN = [['the', 'cat', 'sat'], ['the', 'dog', 'sat'], ['the', 'cat']];
const FULL = ['<pad>', '<unk>', 'the', 'cat', 'sat', 'dog'];
const HINT_RESERVED = 'vocab[0] = \'<pad>\', vocab[1] = \'<unk>\', then the words; a word not in the vocabulary encodes as 1 (\'<unk>\'), never -1 or undefined.';
const HINT_SIZE = 'maxSize counts the two reserved entries: vocab.length ≤ maxSize; words cut from the vocabulary encode as 1.';
const HINT_ORDER = 'Order the words by decreasing count, ties alphabetically (not in order of first appearance).';
const vocabulary = defineGrader<Ex<'encodeWithVocab'>>({
  unit: '07_sentiment', name: 'vocabulary', exportName: 'encodeWithVocab',
  title: 'a vocabulary with <pad> = 0 and <unk> = 1, by frequency, and the encoding of texts',
  argNames: ['trainTexts', 'texts', 'maxSize'],
  cases: [
    { name: 'reserved indices and an OOV word', args: [TRAIN, [['the', 'dog', 'ran']], 10], expected: { vocab: FULL, ids: [[2, 5, 1]] }, hint: HINT_RESERVED },
    { name: 'maxSize cuts rare words', args: [TRAIN, [['the', 'sat', 'cat']], 4], expected: { vocab: ['<pad>', '<unk>', 'the', 'cat'], ids: [[2, 1, 3]] }, hint: HINT_SIZE },
    { name: 'ties: alphabetical', args: [[['b', 'a', 'c', 'a', 'b']], [['c', 'b', 'a']], 10], expected: { vocab: ['<pad>', '<unk>', 'a', 'b', 'c'], ids: [[4, 3, 2]] }, hint: HINT_ORDER },
  ],
  mistakes: [
    { id: 'no_reserved_tokens', description: 'numbers the words from 0, with no <pad> and <unk>', hint: 'vocab[0] = \'<pad>\'' },
    { id: 'oov_as_minus_one', description: 'encodes unknown words as -1', hint: 'never -1 or undefined' },
    { id: 'max_size_excludes_reserved', description: 'keeps maxSize words plus the two reserved entries', hint: 'maxSize counts the two reserved entries' },
    { id: 'ties_by_first_appearance', description: 'breaks ties by first appearance instead of alphabetically', hint: 'ties alphabetically' },
  ],
});

// ---------------------------------------------------------------- confusion_matrix
const HINT_ROWS = 'matrix[true][predicted]: rows are the true classes, columns the predictions.';
const HINT_ACC = 'accuracy = correct predictions / number of examples (not the mean of the per-class accuracies).';
const confusionMatrix = defineGrader<Ex<'confusionMatrix'>>({
  unit: '07_sentiment', name: 'confusion_matrix', exportName: 'confusionMatrix',
  title: 'confusion matrix (rows true, columns predicted) and accuracy',
  argNames: ['yTrue', 'yPred', 'numClasses'],
  cases: [
    // true 0 predicted 0 once, predicted 1 twice; true 1 predicted 1 twice
    { name: 'binary, unbalanced errors', args: [[0, 0, 0, 1, 1], [0, 1, 1, 1, 1], 2], expected: { matrix: [[1, 2], [0, 2]] }, hint: HINT_ROWS },
    { name: 'binary accuracy', args: [[0, 0, 0, 1, 1], [0, 1, 1, 1, 1], 2], expected: { accuracy: 0.6 }, hint: HINT_ACC },
    {
      name: 'a class that never occurs', args: [[0, 1, 1], [0, 1, 0], 3],
      expected: { matrix: [[1, 0, 0], [1, 1, 0], [0, 0, 0]], accuracy: 2 / 3 },
      hint: 'The matrix is numClasses × numClasses even when a class never occurs in yTrue or yPred.',
    },
  ],
  mistakes: [
    { id: 'transposed', description: 'puts the predictions in the rows', hint: 'rows are the true classes' },
    { id: 'infers_num_classes', description: 'sizes the matrix from the classes seen in the data', hint: 'numClasses × numClasses even when' },
    { id: 'mean_per_class_accuracy', description: 'returns the mean of per-class recalls (balanced accuracy)', hint: 'not the mean of the per-class accuracies' },
  ],
});

export const graders: Grader[] = [padSequences, vocabulary, confusionMatrix];
