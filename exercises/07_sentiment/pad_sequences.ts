/**
 * Exercise 07 · pad_sequences — padding and truncation to a fixed length.
 * Notebook 07 "Sentiment analysis": reviews have different lengths, a batch needs one length.
 *
 * Make every sequence exactly `maxLen` long, with the semantics of Keras' pad_sequences:
 * - a sequence longer than maxLen is truncated: truncating = 'pre' removes values from the
 *   beginning (keeps the last maxLen), 'post' removes them from the end (keeps the first maxLen);
 * - a shorter one is padded with `value`: padding = 'pre' puts the pad values before the
 *   sequence, 'post' after it.
 *
 * value defaults to 0; an empty batch gives []. Do not modify the inputs; every row of the result is
 * a new array (also when a sequence already has maxLen values).
 *
 * Hints:
 * - 'pre' always means "at the beginning", for padding and for truncation alike.
 * - The length is maxLen, not the length of the longest sequence in the batch.
 * - Pad with `value` (often 0, the id of '<pad>', but not always).
 *
 * Try it: padSequences([[1, 2], [1, 2, 3, 4, 5]], 3, 'pre', 'pre') → [[0, 1, 2], [3, 4, 5]]
 * Grade:  npm run grade -- pad_sequences
 */
export function padSequences(
  seqs: number[][], maxLen: number, padding: 'pre' | 'post', truncating: 'pre' | 'post', value = 0,
): number[][] {
  // TODO
  throw new Error('not implemented: pad_sequences');
}
