/**
 * Exercise 05 · exact_match_accuracy — sequence-level accuracy of a seq2seq model.
 * Notebook 05 (addition and date normalisation): an answer is only useful when every symbol is right.
 *
 * `predictions` and `targets` are [batch, seqLen] token ids; target positions equal to `padToken`
 * are padding and are not checked. Return the fraction of sequences b for which
 *
 *   predictions[b][t] = targets[b][t]   for every t with targets[b][t] ≠ padToken.
 *
 * padToken can be any id (not necessarily 0), and only the target decides what is padding. An
 * empty batch has no sequence to count: return 0/0 = NaN. Do not modify the inputs.
 *
 * Hints:
 * - One wrong token makes the whole sequence wrong: this is not the token-level accuracy.
 * - Whatever the model predicts at padding positions does not count.
 * - Check every position, the last one included.
 *
 * Try it: exactMatchAccuracy([[1, 2], [3, 4]], [[1, 2], [3, 5]], 0) → 0.5
 * Grade:  npm run grade -- exact_match_accuracy
 */
export function exactMatchAccuracy(predictions: number[][], targets: number[][], padToken: number): number {
  // TODO
  throw new Error('not implemented: exact_match_accuracy');
}
