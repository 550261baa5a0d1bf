/**
 * Perplexity and the unigram baseline.
 *
 * Perplexity = exp(mean cross-entropy in nats per token): the number of equally likely choices
 * that would leave the model as uncertain as it is. The unigram baseline predicts every token
 * from its frequency in the training text alone (add-one smoothing over the vocabulary), the
 * bar a sequence model must clear to show that it uses context.
 */

/** Cross-entropy (nats per token) of the add-one unigram model fitted on `train`, measured on `test`. */
export function unigramCrossEntropy(train: ArrayLike<number>, test: ArrayLike<number>, vocabSize: number): number {
  if (test.length === 0) throw new Error('unigramCrossEntropy: the test sequence is empty');
  const counts = new Float64Array(vocabSize).fill(1);
  for (let i = 0; i < train.length; i++) {
    const id = train[i];
    if (!(id >= 0 && id < vocabSize)) throw new Error(`unigramCrossEntropy: train[${i}] = ${id} is outside 0..${vocabSize - 1}`);
    counts[id]++;
  }
  const total = train.length + vocabSize;
  let nll = 0;
  for (let i = 0; i < test.length; i++) {
    const id = test[i];
    if (!(id >= 0 && id < vocabSize)) throw new Error(`unigramCrossEntropy: test[${i}] = ${id} is outside 0..${vocabSize - 1}`);
    nll -= Math.log(counts[id] / total);
  }
  return nll / test.length;
}
