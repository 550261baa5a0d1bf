/**
 * Beam search against brute-force search on tiny vocabularies: with a beam wide enough to keep
 * every candidate it must find the best sequence that exhaustive enumeration finds (with and
 * without an end token, for several length-normalisation exponents); with width 1 it is greedy.
 */
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, beamStep, beamSearch, beamScore, beamGenerate, continuationLogProb, nextLogProbs, languageModel, Hypothesis,
} from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

/** A fixed random conditional model: log p(· | prefix) over V tokens, a different distribution per prefix. */
function toyModel(V: number, seed: number): (prefix: number[]) => number[] {
  return (prefix) => {
    let s = seed * 7919 + 17;
    for (const t of prefix) s = (s * 31 + t + 1) % 1_000_003;
    const logits = Array.from({ length: V }, (_, v) => {
      const x = Math.sin(s * 12.9898 + v * 78.233) * 43758.5453;
      return 3 * (x - Math.floor(x)); // in [0, 3): some tokens much likelier than others
    });
    const m = Math.max(...logits);
    const z = Math.log(logits.reduce((a, l) => a + Math.exp(l - m), 0)) + m;
    return logits.map((l) => l - z);
  };
}

/** Every complete sequence: ended by endId (once, last) at any length ≤ maxLen, or maxLen tokens without it. */
function bruteForce(model: (p: number[]) => number[], V: number, maxLen: number, endId: number | undefined, alpha: number): Hypothesis {
  let best: Hypothesis | null = null;
  const visit = (tokens: number[], logProb: number) => {
    const done = tokens.length > 0 && tokens[tokens.length - 1] === endId;
    if (done || tokens.length === maxLen) {
      const h = { tokens, logProb, finished: done };
      if (best === null || beamScore(h, alpha) > beamScore(best, alpha)) best = h;
      return;
    }
    const lp = model(tokens);
    for (let v = 0; v < V; v++) visit([...tokens, v], logProb + lp[v]);
  };
  visit([], 0);
  return best!;
}

const search = (model: (p: number[]) => number[], k: number, maxLen: number, endId?: number, alpha = 1) =>
  beamSearch((live) => live.map((h) => model(h.tokens)), { beamWidth: k, maxLen, endId, alpha });

describe.each([
  [2, 5, undefined],
  [3, 4, undefined],
  [3, 4, 2],
  [4, 3, 0],
])('vocabulary %i, length %i, end token %s', (V, maxLen, endId) => {
  test.each([0, 0.5, 1])('a beam that keeps every candidate finds the brute-force optimum (alpha %f)', (alpha) => {
    for (let seed = 1; seed <= 12; seed++) {
      const model = toyModel(V, seed);
      const exact = bruteForce(model, V, maxLen, endId, alpha);
      const [best] = search(model, V ** maxLen, maxLen, endId, alpha);
      expect(best.tokens).toEqual(exact.tokens);
      expect(best.logProb).toBeCloseTo(exact.logProb, 10);
      expect(best.finished).toBe(exact.finished);
    }
  });

  test('width 1 is greedy decoding, and every width scores at most the optimum', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const model = toyModel(V, seed);
      const greedy: number[] = [];
      let lp = 0;
      while (greedy.length < maxLen && (greedy.length === 0 || greedy[greedy.length - 1] !== endId)) {
        const row = model(greedy);
        const v = row.indexOf(Math.max(...row));
        greedy.push(v);
        lp += row[v];
      }
      const [one] = search(model, 1, maxLen, endId);
      expect(one.tokens).toEqual(greedy);
      expect(one.logProb).toBeCloseTo(lp, 10);
      const exact = beamScore(bruteForce(model, V, maxLen, endId, 1), 1);
      for (const k of [1, 2, 3]) expect(beamScore(search(model, k, maxLen, endId)[0], 1)).toBeLessThanOrEqual(exact + 1e-12);
    }
  });

  test('every returned hypothesis carries the log-probability of its tokens, and the beam is sorted', () => {
    const model = toyModel(V, 5);
    const beam = search(model, 3, maxLen, endId);
    for (const h of beam) {
      const lp = h.tokens.reduce((acc, v, j) => acc + model(h.tokens.slice(0, j))[v], 0);
      expect(h.logProb).toBeCloseTo(lp, 10);
      expect(h.tokens.slice(0, -1)).not.toContain(endId);
    }
    for (let i = 1; i < beam.length; i++) expect(beamScore(beam[i - 1])).toBeGreaterThanOrEqual(beamScore(beam[i]));
  });
});

test('a beam of two finds what greedy misses: the likeliest first token leads nowhere', () => {
  const ln = Math.log;
  // step 1: token 0 (0.6) or 1 (0.4); after 0 the next token is a coin flip, after 1 it is certain
  const model = (p: number[]) => (p.length === 0 ? [ln(0.6), ln(0.4)] : p[0] === 0 ? [ln(0.5), ln(0.5)] : [ln(1e-9), ln(1 - 1e-9)]);
  expect(search(model, 1, 2, undefined, 0)[0].tokens).toEqual([0, 0]); // p = 0.3
  expect(search(model, 2, 2, undefined, 0)[0].tokens).toEqual([1, 1]); // p ≈ 0.4
});

test('beamStep: finished hypotheses are carried, not extended; length normalisation ranks them fairly', () => {
  const ln = Math.log;
  const beams: Hypothesis[] = [
    { tokens: [2], logProb: ln(0.5), finished: true }, // ended at once (end id 2) with p = 0.5
    { tokens: [3], logProb: ln(0.6), finished: false },
  ];
  const rows = [[NaN, NaN, NaN, NaN, NaN], [ln(0.1), ln(0.05), ln(0.8), ln(0.05), ln(1e-6)]];
  const raw = beamStep(beams, rows, 2, { endId: 2, alpha: 0 });
  expect(raw.map((h) => h.tokens)).toEqual([[2], [3, 2]]); // raw p: 0.5 > 0.48 > 0.06
  expect(raw[0]).toBe(beams[0]);
  expect(raw[1].finished).toBe(true);
  const norm = beamStep(beams, rows, 2, { endId: 2, alpha: 1 });
  expect(norm.map((h) => h.tokens)).toEqual([[3, 2], [2]]); // mean log p: ln(0.48)/2 > ln(0.5)/1
  // excluded tokens are never proposed
  expect(beamStep([beams[1]], [rows[1]], 5, { exclude: [2, 0] }).map((h) => h.tokens[1])).toEqual([1, 3, 4]);
  expect(() => beamStep(beams, rows, 0)).toThrow(/beamWidth must be a positive integer, got 0/);
  expect(() => beamStep(beams, [rows[1]], 2)).toThrow(/1 rows of log-probabilities for 2 hypotheses/);
});

describe('a language model (languageModel, untrained, vocabulary 4)', () => {
  let model: tf.LayersModel;
  beforeAll(() => {
    model = languageModel({ vocabSize: 4, embeddingDim: 3, hiddenSize: 5, seed: 7 });
  });
  afterAll(() => model.dispose());
  const prime = [1, 3];

  test('continuationLogProb equals the sum of the step-by-step log-probabilities', () => {
    const cont = [2, 0, 3];
    let lp = 0;
    for (let j = 0; j < cont.length; j++) lp += nextLogProbs(model, [[...prime, ...cont.slice(0, j)]])[0][cont[j]];
    expect(continuationLogProb(model, prime, cont)).toBeCloseTo(lp, 5);
  });

  test('an exhaustive beam finds the likeliest continuation of every one of the 4^3', () => {
    let best = { ids: [] as number[], lp: -Infinity };
    for (let i = 0; i < 64; i++) {
      const ids = [Math.floor(i / 16), Math.floor(i / 4) % 4, i % 4];
      const lp = continuationLogProb(model, prime, ids);
      if (lp > best.lp) best = { ids, lp };
    }
    const before = tf.memory().numTensors;
    const [top] = beamGenerate(model, { prime, length: 3, beamWidth: 64, alpha: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(top.tokens).toEqual(best.ids);
    expect(top.logProb).toBeCloseTo(best.lp, 4);
  });

  test('excluded tokens never appear, and a clear error without a prime', () => {
    const beam = beamGenerate(model, { prime, length: 4, beamWidth: 3, exclude: [0] });
    for (const h of beam) expect(h.tokens).not.toContain(0);
    expect(() => beamGenerate(model, { prime: [], length: 2, beamWidth: 2 })).toThrow(/prime needs at least one token/);
  });
});
