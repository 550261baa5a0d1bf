/** n-gram baselines: probabilities by hand, normalisation, the unigram case, and the excluded tokens of generate. */
import * as tf from '@tensorflow/tfjs';
import { initBackend, NGramModel, unigramCrossEntropy, unknownRate, languageModel, lmWindows, generatorFor, generate } from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

const train = [0, 1, 2, 0, 1, 1, 0, 1, 2, 2]; // V = 4 (token 3 never seen)

test.each([
  ['discount', 2], ['discount', 3], ['addK', 2], ['addK', 3], ['discount', 1],
] as const)('%s, order %i: p(· | context) sums to one for seen, unseen and short contexts', (smoothing, order) => {
  const m = NGramModel.fit(train, 4, { smoothing, order, k: 0.5 });
  for (const ctx of [[], [0], [1], [3], [0, 1], [1, 1], [3, 3], [2, 0, 1]]) {
    let s = 0;
    for (let w = 0; w < 4; w++) {
      const p = m.prob(w, ctx);
      expect(p).toBeGreaterThan(0);
      s += p;
    }
    expect(s).toBeCloseTo(1, 12);
  }
});

test('bigram with absolute discounting, by hand', () => {
  const m = NGramModel.fit(train, 4, { order: 2, discount: 0.75 });
  // unigram (add-one): counts 0:3, 1:4, 2:3, 3:0 → (c + 1) / 14
  const uni = [4 / 14, 5 / 14, 4 / 14, 1 / 14];
  // after 0: 1 three times (c(0) = 3, N₁₊ = 1) → p(1|0) = 2.25/3 + 0.75/3 · 5/14
  expect(m.prob(1, [0])).toBeCloseTo(2.25 / 3 + (0.75 / 3) * uni[1], 12);
  expect(m.prob(3, [0])).toBeCloseTo((0.75 / 3) * uni[3], 12);
  // after 2: 0 once, 2 once (the last 2 is followed by nothing: c(2) = 2, N₁₊ = 2)
  expect(m.prob(2, [2])).toBeCloseTo(0.25 / 2 + (1.5 / 2) * uni[2], 12);
  // a context never seen falls back to the unigram
  expect(m.prob(0, [3])).toBeCloseTo(uni[0], 12);
  expect(m.contextsSeen()).toEqual([1, 3]);
});

test('add-k trigram by hand, and the cross-entropy is the mean of −log p', () => {
  const m = NGramModel.fit(train, 4, { order: 3, smoothing: 'addK', k: 0.5 });
  // context (0, 1): followed by 2, 1, 2 → p(2 | 0, 1) = (2 + 0.5) / (3 + 2)
  expect(m.prob(2, [0, 1])).toBeCloseTo(2.5 / 5, 12);
  const test = [0, 1, 2, 3];
  const want = -(Math.log(m.prob(0, [])) + Math.log(m.prob(1, [0])) + Math.log(m.prob(2, [0, 1])) + Math.log(m.prob(3, [1, 2]))) / 4;
  expect(m.crossEntropy(test)).toBeCloseTo(want, 12);
});

test('order 1 is the add-one unigram baseline', () => {
  const test = [3, 0, 1, 1, 2];
  expect(NGramModel.fit(train, 4, { order: 1 }).crossEntropy(test)).toBeCloseTo(unigramCrossEntropy(train, test, 4), 12);
});

test('on text with structure, more context scores lower (in-sample, deterministic successor)', () => {
  const ids = Array.from({ length: 300 }, (_, i) => [0, 1, 2, 1, 3][i % 5]); // after 1: 2 or 3, decided by the token before
  const h = [1, 2, 3].map((order) => NGramModel.fit(ids, 4, { order }).crossEntropy(ids));
  expect(h[1]).toBeLessThan(h[0]);
  expect(h[2]).toBeLessThan(h[1]);
});

test('clear errors', () => {
  expect(() => NGramModel.fit([0, 5], 4)).toThrow(/ids\[1\] = 5 is outside 0..3/);
  expect(() => NGramModel.fit([0], 4, { order: 0 })).toThrow(/order must be a positive integer, got 0/);
  expect(() => NGramModel.fit([0], 4, { discount: 1.5 })).toThrow(/discount must be in \(0, 1\], got 1.5/);
  expect(() => unknownRate([], 1)).toThrow(/empty/);
  expect(unknownRate([1, 0, 1, 2], 1)).toBe(0.5);
});

test('generate never emits an excluded token (sampling and greedy)', () => {
  const config = { vocabSize: 5, embeddingDim: 4, hiddenSize: 6, seed: 4 };
  const model = languageModel(config);
  const gen = generatorFor(model, config);
  const free = generate(gen, { prime: [1], length: 200, temperature: 2, seed: 3 });
  expect(free).toContain(0); // the untrained model does write token 0 ...
  for (const strategy of ['sample', 'greedy'] as const) {
    const out = generate(gen, { prime: [1], length: 200, temperature: 2, seed: 3, strategy, exclude: [0] });
    expect(out).not.toContain(0); // ... and never when it is excluded
  }
  expect(() => generate(gen, { prime: [1], length: 2, exclude: [0, 1, 2, 3, 4] })).toThrow(/every one of the 5 tokens is excluded/);
  model.dispose();
  gen.dispose();
});
