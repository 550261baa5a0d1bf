/** Graders of unit 07 (sentiment analysis): padding and truncation, vocabulary, confusion matrix. */
import { defineGrader, Grader } from '../harness';

type M = typeof import('../../../exercises/07_sentiment/pad_sequences') &
  typeof import('../../../exercises/07_sentiment/vocabulary') &
  typeof import('../../../exercises/07_sentiment/confusion_matrix');
type Ex<P extends keyof M> = M[P];

// ---------------------------------------------------------------- pad_sequences (one row per case)
const HINT_PAD = 'padding \'pre\' puts the pad values before the sequence, \'post\' after it; every row has exactly maxLen entries (not the length of the longest sequence).';
const HINT_TRUNC =
  'truncating \'pre\' removes values from the beginning (keeps the last maxLen, as Keras does); \'post\' removes them from the end. ' +
  'The truncating argument decides this, not padding.';
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
    {
      name: 'value left out: pads with 0', args: [[[1, 2]], 4, 'pre', 'pre'], expected: [[0, 0, 1, 2]],
      hint: 'value is optional and defaults to 0: give the parameter a default (value = 0).',
    },
    { name: 'an empty sequence is all padding', args: [[[], [4]], 2, 'post', 'pre', 5], expected: [[5, 5], [4, 5]], hint: HINT_PAD },
    { name: 'empty batch', args: [[], 3, 'pre', 'pre', 0], expected: [], hint: 'An empty batch (seqs = []) gives a new empty array [].' },
  ],
  mistakes: [
    { id: 'truncating_reversed', description: 'truncating \'pre\' keeps the first maxLen values', hint: 'truncating \'pre\' removes values from the beginning' },
    { id: 'padding_reversed', description: 'padding \'pre\' pads after the sequence', hint: 'padding \'pre\' puts the pad values before' },
    { id: 'ignores_value', description: 'always pads with 0', hint: 'Pad with the given value' },
    { id: 'pads_to_longest', description: 'pads to the longest sequence of the batch instead of maxLen', hint: 'exactly maxLen entries' },
    { id: 'truncation_follows_padding', description: 'truncates on the side given by padding', hint: 'The truncating argument decides' },
    { id: 'no_default_value', description: 'pads with undefined when value is left out', hint: 'defaults to 0' },
    { id: 'returns_row_when_exact', description: 'returns the caller\'s row when it already has maxLen values', hint: 'must not contain the caller\'s own arrays' },
    { id: 'returns_seqs_when_empty', description: 'returns the caller\'s seqs for an empty batch', hint: 'must not contain the caller\'s own arrays' },
    { id: 'pads_in_place', description: 'unshifts or pushes the pad values into the caller\'s rows', hint: 'Do not modify the argument `seqs`' },
    { id: 'truncates_with_splice', description: 'truncates the caller\'s rows with splice', hint: 'Do not modify the argument `seqs`' },
  ],
});

// ---------------------------------------------------------------- vocabulary
// counts: the 3, cat 2, sat 2, dog 1 → ties cat/sat alphabetical
const TRAIN = [['the', 'cat', 'sat'], ['the', 'dog', 'sat'], ['the', 'cat']];
const FULL = ['<pad>', '<unk>', 'the', 'cat', 'sat', 'dog'];
// occurrences: b 3 (all in one text), a 2, c 2, d 1; counted once per text it would be a 2, c 2, b 1, d 1
const TRAIN_REPEAT = [['b', 'b', 'b', 'a'], ['a', 'c'], ['c', 'd']];
const HINT_RESERVED =
  'vocab[0] = \'<pad>\', vocab[1] = \'<unk>\', then the training words by decreasing count: the first real word gets index 2.';
const HINT_OOV = 'A word not in the vocabulary encodes as 1 (\'<unk>\'), never -1 or undefined.';
const HINT_TRAIN_ONLY = 'Build the vocabulary from trainTexts only: a word that appears only in texts is not added (it is out of vocabulary).';
const HINT_SIZE = 'maxSize counts the two reserved entries: vocab.length ≤ maxSize; words cut from the vocabulary encode as 1.';
const HINT_ORDER = 'Order the words by decreasing count, ties alphabetically (not in order of first appearance).';
const vocabulary = defineGrader<Ex<'encodeWithVocab'>>({
  unit: '07_sentiment', name: 'vocabulary', exportName: 'encodeWithVocab',
  title: 'a vocabulary with <pad> = 0 and <unk> = 1, by frequency, and the encoding of texts',
  argNames: ['trainTexts', 'texts', 'maxSize'],
  cases: [
    { name: 'reserved indices', args: [TRAIN, [['the', 'the']], 10], expected: { vocab: FULL, ids: [[2, 2]] }, hint: HINT_RESERVED },
    { name: 'encoding training words', args: [TRAIN, [['dog', 'the', 'sat', 'cat']], 10], expected: { ids: [[5, 2, 4, 3]] }, hint: HINT_RESERVED },
    { name: 'words only in texts are not added', args: [TRAIN, [['ran', 'the', 'ran']], 10], expected: { vocab: FULL }, hint: HINT_TRAIN_ONLY },
    { name: 'an OOV word encodes as 1', args: [TRAIN, [['ran', 'the', 'ran']], 10], expected: { ids: [[1, 2, 1]] }, hint: HINT_OOV },
    { name: 'maxSize cuts rare words', args: [TRAIN, [['the', 'sat', 'cat']], 4], expected: { vocab: ['<pad>', '<unk>', 'the', 'cat'], ids: [[2, 1, 3]] }, hint: HINT_SIZE },
    { name: 'ties: alphabetical', args: [[['b', 'a', 'c', 'a', 'b']], [['c', 'b', 'a']], 10], expected: { vocab: ['<pad>', '<unk>', 'a', 'b', 'c'], ids: [[4, 3, 2]] }, hint: HINT_ORDER },
    {
      name: 'every occurrence counts', args: [TRAIN_REPEAT, [['d', 'b']], 10], expected: { vocab: ['<pad>', '<unk>', 'b', 'a', 'c', 'd'], ids: [[5, 2]] },
      hint: 'Count every occurrence of a word (b appears 3 times in one text), not the number of texts that contain it.',
    },
    {
      name: 'ties by plain string comparison', args: [[['b', 'B', 'a']], [['a']], 10], expected: { vocab: ['<pad>', '<unk>', 'B', 'a', 'b'], ids: [[3]] },
      hint: 'Break ties by plain string comparison (a < b ? −1 : a > b ? 1 : 0), where "B" comes before "a"; localeCompare orders differently.',
    },
    {
      name: 'words named like Object properties', args: [[['constructor', 'toString', 'constructor']], [['toString', 'valueOf', 'constructor']], 10],
      expected: { vocab: ['<pad>', '<unk>', 'constructor', 'toString'], ids: [[3, 1, 2]] },
      hint: 'Count with a Map (or Object.create(null)): a plain {} already has "constructor", "toString" and "valueOf" (inherited functions), so counts and lookups go wrong.',
    },
  ],
  mistakes: [
    { id: 'no_reserved_tokens', description: 'numbers the words from 0, with no <pad> and <unk>', hint: 'vocab[0] = \'<pad>\'' },
    { id: 'oov_as_minus_one', description: 'encodes unknown words as -1', hint: 'never -1 or undefined' },
    { id: 'max_size_excludes_reserved', description: 'keeps maxSize words plus the two reserved entries', hint: 'maxSize counts the two reserved entries' },
    { id: 'ties_by_first_appearance', description: 'breaks ties by first appearance instead of alphabetically', hint: 'ties alphabetically' },
    { id: 'index_from_one', description: 'reserves only <pad>, so the first word gets index 1', hint: 'the first real word gets index 2' },
    { id: 'increasing_count', description: 'orders the words by increasing count', hint: 'by decreasing count' },
    { id: 'vocab_from_all_texts', description: 'builds the vocabulary from trainTexts and texts', hint: 'from trainTexts only' },
    { id: 'counts_texts_not_occurrences', description: 'counts each word once per text', hint: 'Count every occurrence' },
    { id: 'locale_compare_ties', description: 'breaks ties with localeCompare', hint: 'plain string comparison' },
    { id: 'encodes_in_place', description: 'writes the ids into the caller\'s texts', hint: 'Do not modify the argument `texts`' },
    { id: 'plain_object_counts', description: 'counts and looks words up in a plain {} (inherited "constructor", "toString")', hint: 'Count with a Map' },
  ],
});

// ---------------------------------------------------------------- confusion_matrix
const HINT_ROWS =
  'matrix[yTrue[n]][yPred[n]] += 1: rows are the true classes, columns the predictions; classes are 0 … numClasses − 1 (class 0 is row 0), ' +
  'and every example adds 1 to its cell.';
const HINT_ACC = 'accuracy = correct predictions / number of examples (not the mean of the per-class accuracies, and not divided by numClasses).';
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
    {
      name: 'no examples', args: [[], [], 2], expected: { matrix: [[0, 0], [0, 0]], accuracy: NaN },
      hint: 'With no examples the matrix is all zeros and the accuracy is 0/0 = NaN, as the statement says (not 0).',
    },
  ],
  mistakes: [
    { id: 'transposed', description: 'puts the predictions in the rows', hint: 'rows are the true classes' },
    { id: 'infers_num_classes', description: 'sizes the matrix from the classes seen in the data', hint: 'numClasses × numClasses even when' },
    { id: 'mean_per_class_accuracy', description: 'returns the mean of per-class recalls (balanced accuracy)', hint: 'not the mean of the per-class accuracies' },
    { id: 'one_based_labels', description: 'indexes the matrix with class − 1', hint: 'class 0 is row 0' },
    { id: 'shared_rows', description: 'builds the matrix with new Array(n).fill(row), one row shared', hint: 'Each row of the result must be its own array' },
    { id: 'sets_instead_of_counts', description: 'sets the cell to 1 instead of adding 1', hint: 'every example adds 1 to its cell' },
    { id: 'accuracy_over_classes', description: 'divides the correct predictions by numClasses', hint: 'not divided by numClasses' },
    { id: 'accuracy_zero_when_empty', description: 'returns accuracy 0 when there are no examples', hint: 'the accuracy is 0/0 = NaN' },
    { id: 'sorts_labels_in_place', description: 'sorts yTrue and yPred in place to group the classes', hint: 'Do not modify the argument `yPred`' },
  ],
});

export const graders: Grader[] = [padSequences, vocabulary, confusionMatrix];
