/**
 * The pieces around the cells: initialisers, clipping, optimisers, softmax cross-entropy,
 * sampling, and the character-level language model learning a small text for every cell.
 */
import {
  CharLanguageModel, trainCharLM, adagrad, adam, clipByGlobalNorm, clipByValue, denseBackward, denseForward,
  glorotUniform, globalNorm, gradientCheck, initCellParams, mat, matFrom, orthogonal, perplexity, sampleNext, seededRng, sgd,
  softmaxCrossEntropy,
} from 'seqmodels/internals';
import { randMat } from './helpers';

describe('initialisers', () => {
  test('seededRng repeats for a seed and differs across seeds', () => {
    const a = seededRng(3), b = seededRng(3), c = seededRng(4);
    const xa = [a(), a(), a()], xb = [b(), b(), b()], xc = [c(), c(), c()];
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    xa.forEach((v) => { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThan(1); });
  });

  test('orthogonal: Q Qᵀ = I for square, wide and tall shapes', () => {
    for (const [r, c] of [[6, 6], [4, 9], [9, 4]]) {
      const q = orthogonal(r, c, seededRng(1), 1, 'float64');
      const n = Math.min(r, c);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          if (r <= c) for (let k = 0; k < c; k++) s += q.data[i * c + k] * q.data[j * c + k];
          else for (let k = 0; k < r; k++) s += q.data[k * c + i] * q.data[k * c + j];
          expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
    }
  });

  test('glorotUniform stays within ±sqrt(6 / (fanIn + fanOut)) and fills it', () => {
    const w = glorotUniform(50, 80, seededRng(2));
    const a = Math.sqrt(6 / 130);
    let max = 0;
    for (const v of w.data) max = Math.max(max, Math.abs(v));
    expect(max).toBeLessThanOrEqual(a);
    expect(max).toBeGreaterThan(0.95 * a);
  });

  test('initCellParams: LSTM forget bias 1 (block f only), optional; GRU reset-after gets a zero recurrentBias', () => {
    const p = initCellParams({ cell: 'lstm', inputSize: 3, hiddenSize: 4 }, { seed: 1 });
    expect(Array.from(p.bias)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const q = initCellParams({ cell: 'lstm', inputSize: 3, hiddenSize: 4 }, { seed: 1, unitForgetBias: false });
    expect(Array.from(q.bias).every((v) => v === 0)).toBe(true);
    const g = initCellParams({ cell: 'gru', inputSize: 3, hiddenSize: 4, resetAfter: true }, { dtype: 'float64' });
    expect(g.recurrentBias).toBeInstanceOf(Float64Array);
    expect(g.recurrentBias!.length).toBe(12);
  });
});

describe('clipping', () => {
  test('by global norm scales all arrays together to the limit, and leaves small gradients alone', () => {
    const a = Float32Array.of(3, 0), b = Float32Array.of(0, 4);
    expect(clipByGlobalNorm([a, b], 1)).toBeCloseTo(5, 6);
    expect(globalNorm([a, b])).toBeCloseTo(1, 6);
    expect(Array.from(a)).toEqual([expect.closeTo(0.6, 6), 0]);
    const c = Float32Array.of(0.3, 0.4);
    clipByGlobalNorm([c], 1);
    expect(Array.from(c)).toEqual([expect.closeTo(0.3, 6), expect.closeTo(0.4, 6)]);
  });
  test('by value clamps each entry', () => {
    const a = Float64Array.of(-7, 2, 9);
    expect(clipByValue([a], 5)).toBe(2);
    expect(Array.from(a)).toEqual([-5, 2, 5]);
  });
});

describe('optimisers', () => {
  test('sgd: θ − lr·g; with momentum the second step uses μv + g', () => {
    const p = Float64Array.of(1, 2), g = Float64Array.of(0.5, -1);
    sgd({ lr: 0.1 }).step([p], [g]);
    expect(Array.from(p)).toEqual([0.95, 2.1]);
    const q = Float64Array.of(0), m = sgd({ lr: 0.1, momentum: 0.9 });
    m.step([q], [Float64Array.of(1)]);
    m.step([q], [Float64Array.of(1)]);
    expect(q[0]).toBeCloseTo(-0.1 - 0.19, 12);
  });
  test('adagrad: first step is lr·g/|g|, then shrinks', () => {
    const p = Float64Array.of(0, 0), o = adagrad({ lr: 0.1 });
    o.step([p], [Float64Array.of(2, -0.5)]);
    expect(p[0]).toBeCloseTo(-0.1, 6);
    expect(p[1]).toBeCloseTo(0.1, 6);
    o.step([p], [Float64Array.of(2, 0)]);
    expect(p[0]).toBeCloseTo(-0.1 - 0.1 * 2 / Math.sqrt(8), 6);
  });
  test('adam: bias-corrected first step is lr·sign(g); minimises a quadratic', () => {
    const p = Float64Array.of(0, 0), o = adam({ lr: 0.01 });
    o.step([p], [Float64Array.of(3, -0.2)]);
    expect(p[0]).toBeCloseTo(-0.01, 6);
    expect(p[1]).toBeCloseTo(0.01, 6);
    const x = Float64Array.of(5), opt = adam({ lr: 0.1 });
    for (let i = 0; i < 500; i++) opt.step([x], [Float64Array.of(2 * (x[0] - 1))]);
    expect(Math.abs(x[0] - 1)).toBeLessThan(1e-2);
  });
});

describe('dense + softmax cross-entropy', () => {
  test('stable for huge logits and equal to log-sum-exp', () => {
    const logits = matFrom([[1000, 1001, 999], [-1000, 0, 1000]], Float64Array);
    const r = softmaxCrossEntropy(logits, Int32Array.of(1, 0), { reduction: 'sum' });
    const lse = (a: number[]) => { const m = Math.max(...a); return m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0)); };
    expect(r.loss).toBeCloseTo(lse([1000, 1001, 999]) - 1001 + lse([-1000, 0, 1000]) + 1000, 9);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.probs.data[1]).toBeCloseTo(Math.exp(1) / (1 + Math.E + Math.exp(-1)), 12);
  });
  test('gradients of dense + mean cross-entropy pass a finite-difference check', () => {
    const random = seededRng(4);
    const x = randMat(3, 4, random), W = randMat(4, 5, random), b = randMat(1, 5, random).data;
    const y = Int32Array.of(0, 3, 4);
    const loss = () => softmaxCrossEntropy(denseForward(x, W, b), y).loss;
    const r = softmaxCrossEntropy(denseForward(x, W, b), y);
    const dW = mat(4, 5, Float64Array), db = new Float64Array(5);
    const dx = denseBackward(x, W, r.dLogits, dW, db);
    for (const [p, g] of [[W.data, dW.data], [b, db], [x.data, dx.data]] as const) {
      expect(gradientCheck(loss, p, g).maxRelError).toBeLessThan(1e-6);
    }
  });
});

describe('sampling', () => {
  test('topK 1 is argmax; low temperature concentrates, high temperature spreads', () => {
    const logits = [0.1, 2.0, 1.5, -1];
    const random = seededRng(9);
    for (let i = 0; i < 20; i++) expect(sampleNext(logits, { topK: 1, random })).toBe(1);
    const count = (opts: { temperature?: number; topK?: number }) => {
      const c = [0, 0, 0, 0];
      for (let i = 0; i < 2000; i++) c[sampleNext(logits, { ...opts, random })]++;
      return c;
    };
    expect(count({ temperature: 0.05 })[1]).toBeGreaterThan(1990);
    const hot = count({ temperature: 100 });
    hot.forEach((n) => expect(n).toBeGreaterThan(350));
    const top2 = count({ topK: 2 });
    expect(top2[0] + top2[3]).toBe(0);
    expect(top2[2]).toBeGreaterThan(500);   // p(2 | top 2) = 1 / (1 + e^0.5) ≈ 0.38
  });
  test('perplexity of a uniform guess over V symbols is V', () => {
    expect(perplexity(Math.log(65))).toBeCloseTo(65, 9);
  });
});

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(4);
const CHARS = Array.from(new Set(TEXT)).sort();
const encode = (s: string) => Int32Array.from(Array.from(s), (ch) => CHARS.indexOf(ch));

describe.each([
  ['rnn' as const, false],
  ['lstm' as const, false],
  ['gru' as const, false],
  ['gru' as const, true],
])('character language model: %s (resetAfter %s)', (cell, resetAfter) => {
  test('learns a small text with truncated BPTT, reports progress, samples reproducibly', async () => {
    const ids = encode(TEXT);
    const model = new CharLanguageModel({
      cell, resetAfter, vocabSize: CHARS.length, hiddenSize: 32, seqLen: 16, optimizer: 'adam', lr: 0.01, seed: 3,
    });
    const before = model.evaluate(ids);
    expect(before.perplexity).toBeGreaterThan(CHARS.length * 0.7);  // untrained: close to uniform
    const steps: number[] = [];
    const epochs: { epoch: number; meanLoss: number }[] = [];
    await trainCharLM(model, ids, {
      epochs: 12,
      onBatchEnd: (batch, logs) => void steps.push(logs.loss),
      onEpochEnd: (epoch, logs) => void epochs.push({ epoch, meanLoss: logs.loss }),
    });
    expect(steps.length).toBe(12 * Math.ceil((ids.length - 1) / 16));
    expect(epochs.map((e) => e.epoch)).toEqual([...Array(12).keys()]);
    expect(epochs[11].meanLoss).toBeLessThan(0.5 * epochs[0].meanLoss);
    const after = model.evaluate(ids);
    expect(after.perplexity).toBeLessThan(3);
    expect(after.perplexity).toBeCloseTo(perplexity(after.loss), 9);
    const a = model.sample(CHARS.indexOf('t'), 40, { temperature: 0.5, random: seededRng(1) });
    const b = model.sample(CHARS.indexOf('t'), 40, { temperature: 0.5, random: seededRng(1) });
    expect(Array.from(a)).toEqual(Array.from(b));
    const text = Array.from(a, (i) => CHARS[i]).join('');
    expect(text).toMatch(/ sat on | the /);   // it learnt some of the words
  });
});

test.each(['rnn', 'lstm', 'gru'] as const)('character language model (%s): window gradients pass a finite-difference check', (cell) => {
  const model = new CharLanguageModel({ cell, vocabSize: 4, hiddenSize: 5, seqLen: 6, dtype: 'float64', seed: 5 });
  const inputs = Int32Array.of(0, 1, 2, 3, 1, 0), targets = Int32Array.of(1, 2, 3, 1, 0, 2);
  const loss = () => { model.resetState(); return model.lossAndGradients(inputs, targets); };
  loss();
  const analytic = model.gradients().map((g) => Float64Array.from(g));
  model.parameters().forEach((p, i) => {
    const r = gradientCheck(loss, p, analytic[i]);
    if (!(r.maxRelError < 1e-6)) throw new Error(`parameter ${i}: relative error ${r.maxRelError} (analytic ${r.analytic}, numeric ${r.numeric})`);
  });
});
