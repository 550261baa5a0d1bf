// Language-model helpers: windows, perplexity and the unigram baseline, generation, clipping.
import * as tf from '@tensorflow/tfjs';
import { initBackend, languageModel, lmWindows, generatorFor, generate, perplexity, unigramCrossEntropy, clipGlobalNorm } from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ log: null });
});

test('lmWindows cuts non-overlapping windows whose targets are the next tokens', () => {
  const { x, y } = lmWindows([0, 1, 2, 3, 4, 5, 6, 7], 3);
  expect(x.arraySync()).toEqual([[0, 1, 2], [3, 4, 5]]);
  expect(y.arraySync()).toEqual([[[1], [2], [3]], [[4], [5], [6]]]);
  expect(() => lmWindows([1, 2], 3)).toThrow(/2 tokens make no window of 4/);
  tf.dispose([x, y]);
});

test.each([
  [0, 1],
  [Math.log(65), 65],
])('perplexity of a mean loss of %f nats is %f', (loss, ppl) => {
  expect(perplexity(loss)).toBeCloseTo(ppl, 10);
});

test('perplexity refuses a loss that is not a cross-entropy', () => {
  expect(() => perplexity(NaN)).toThrow(/got NaN/);
  expect(() => perplexity(-1)).toThrow(/got -1/);
});

test('unigram baseline with add-one smoothing, by hand', () => {
  // train counts: id0 x3, id1 x1, id2 x0 -> smoothed 4/7, 2/7, 1/7
  const h = unigramCrossEntropy([0, 0, 0, 1], [0, 2], 3);
  expect(h).toBeCloseTo(-(Math.log(4 / 7) + Math.log(1 / 7)) / 2, 12);
  expect(() => unigramCrossEntropy([0, 5], [0], 3)).toThrow(/train\[1\] = 5 is outside 0..2/);
});

test('a tiny language model learns a repeating pattern and generates it back', async () => {
  const ids = Array.from({ length: 400 }, (_, i) => [0, 1, 2, 3][i % 4]);
  const config = { vocabSize: 4, embeddingDim: 8, hiddenSize: 16, lr: 0.02, seed: 3 };
  const model = languageModel(config);
  const { x, y } = lmWindows(ids, 8);
  for (let e = 0; e < 40; e++) await model.trainOnBatch(x, y);
  const gen = generatorFor(model, config);
  const before = tf.memory().numTensors;
  const out = generate(gen, { prime: [0, 1], length: 6, strategy: 'greedy' });
  expect(out).toEqual([2, 3, 0, 1, 2, 3]);
  const sampled = generate(gen, { prime: [0], length: 5, temperature: 0.5, seed: 9 });
  expect(sampled).toEqual(generate(gen, { prime: [0], length: 5, temperature: 0.5, seed: 9 })); // seeded
  expect(tf.memory().numTensors).toBe(before);
  expect(() => generate(gen, { prime: [], length: 3 })).toThrow(/prime needs at least one token/);
  expect(() => generate(gen, { prime: [0], length: 3, temperature: 0 })).toThrow(/temperature must be a finite number > 0, got 0/);
  tf.dispose([x, y]);
});

test('clipGlobalNorm scales gradients to the maximum norm', () => {
  const v = tf.variable(tf.tensor1d([0, 0]));
  const opt = clipGlobalNorm(tf.train.sgd(1), 1);
  opt.applyGradients({ [v.name]: tf.tensor1d([3, 4]) }); // norm 5 -> scaled to 1
  const got = Array.from(v.dataSync());
  expect(got[0]).toBeCloseTo(-0.6, 6);
  expect(got[1]).toBeCloseTo(-0.8, 6);
  expect(() => clipGlobalNorm(tf.train.sgd(1), 0)).toThrow(/maxNorm must be positive/);
});

test('bad model configs are refused with the offending value', () => {
  expect(() => languageModel({ vocabSize: 0 })).toThrow(/vocabSize must be a positive integer, got 0/);
  expect(() => languageModel({ vocabSize: 5, cell: 'transformer' as any })).toThrow(/cell must be 'lstm', 'gru' or 'rnn'/);
  expect(() => languageModel({ vocabSize: 5, dropout: 1 })).toThrow(/dropout must be in \[0, 1\), got 1/);
});
