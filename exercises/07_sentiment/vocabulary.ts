/**
 * Exercise 07 · vocabulary — build a word vocabulary with an OOV token and encode texts.
 * Notebook 07 "Sentiment analysis" (tokenising, vocabulary, padding, embeddings).
 *
 * Build the vocabulary from the tokenised training texts `trainTexts` only:
 *   vocab[0] = '<pad>', vocab[1] = '<unk>', then the training words by decreasing count,
 *   ties broken alphabetically (plain string comparison), cut so that vocab.length ≤ maxSize
 *   (maxSize counts the two reserved entries).
 * Then encode each text of `texts` word by word: the index of the word in vocab, or 1 ('<unk>')
 * for a word that is not in it (out of vocabulary, OOV). Return { vocab, ids }.
 *
 * A word's count is the number of its occurrences in trainTexts (every occurrence, not the number
 * of texts that contain it). Do not modify the inputs.
 *
 * Hints:
 * - Index 0 is reserved for padding and 1 for unknown words: the first real word gets index 2.
 * - An OOV word still needs an id the embedding layer accepts: 1, never -1 or undefined.
 * - Sort with a comparator that looks at the count first, then at the word.
 * - Count in a Map: a plain {} already has keys such as "constructor" and "toString".
 *
 * Try it: encodeWithVocab([['a', 'b', 'a']], [['b', 'z']], 10) → { vocab: ['<pad>', '<unk>', 'a', 'b'], ids: [[3, 1]] }
 * Grade:  npm run grade -- vocabulary
 */
export function encodeWithVocab(trainTexts: string[][], texts: string[][], maxSize: number): { vocab: string[]; ids: number[][] } {
  // TODO
  throw new Error('not implemented: vocabulary');
}
