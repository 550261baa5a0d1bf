/**
 * beamDecode on encoder-decoders: against brute-force search over every answer of a hand-set
 * model with a tiny vocabulary, and equal to greedyDecode at width 1 on a real model.
 */
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, beamDecode, greedyDecode, buildSeq2Seq, additionTask, Seq2SeqCodec, encodePairs, disposeEncoded, disposeModel,
} from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

/**
 * A hand-set teacher-forced "model" over the vocabulary {0 = start, 1, 2, 3}: the probabilities at
 * step j depend on the source row and on the decoder inputs 0..j only (a one-directional decoder),
 * through a fixed pseudo-random table.
 */
const V = 4;
function table(src: number, prefix: number[]): number[] {
  let s = 97 * src + 13;
  for (const t of prefix) s = (s * 31 + t + 3) % 1_000_003;
  const logits = Array.from({ length: V }, (_, v) => {
    const x = Math.sin(s * 12.9898 + v * 78.233) * 43758.5453;
    return v === 0 ? -30 : 3 * (x - Math.floor(x)); // the start symbol is never predicted
  });
  const z = logits.reduce((a, l) => a + Math.exp(l), 0);
  return logits.map((l) => Math.exp(l) / z);
}
function handModel(source: tf.Tensor2D, decIn: tf.Tensor2D): tf.Tensor3D {
  const s = source.arraySync();
  const d = decIn.arraySync();
  return tf.tensor3d(d.map((row, b) => row.map((_, j) => table(s[b][0], row.slice(1, j + 1)))));
}

function bruteForce(src: number, T: number, endId: number | undefined, alpha: number): { tokens: number[]; logProb: number } {
  let best = { tokens: [] as number[], logProb: -Infinity, score: -Infinity };
  const visit = (tokens: number[], lp: number) => {
    if (tokens.length === T || (tokens.length > 0 && tokens[tokens.length - 1] === endId)) {
      const score = lp / Math.pow(tokens.length, alpha);
      if (score > best.score) best = { tokens, logProb: lp, score };
      return;
    }
    const p = table(src, tokens);
    for (let v = 0; v < V; v++) visit([...tokens, v], lp + Math.log(p[v]));
  };
  visit([], 0);
  return best;
}

test.each([
  [undefined, 1],
  [3, 1],
  [3, 0],
  [2, 0.6],
])('an exhaustive beam equals brute-force search on every row (end id %s, alpha %f)', (endId, alpha) => {
  const T = 4;
  const source = tf.tensor2d([[1], [2], [3], [4], [5]], [5, 1], 'int32');
  const r = beamDecode(handModel, source, { tgtLen: T, startId: 0, beamWidth: V ** T, endId, alpha, batchSize: 7 });
  for (let b = 0; b < 5; b++) {
    const exact = bruteForce(b + 1, T, endId, alpha);
    expect(r.ids[b]).toEqual([...exact.tokens, ...new Array(T - exact.tokens.length).fill(endId)]);
    expect(r.logProb[b]).toBeCloseTo(exact.logProb, 4);
  }
  source.dispose();
});

test('width 1 equals greedy decoding on an untrained encoder-decoder, and nothing leaks', () => {
  const t = additionTask({ trainSize: 30, testSize: 0, seed: 5 });
  const codec = Seq2SeqCodec.fromTask(t);
  const e = encodePairs(codec, t.train);
  const s2s = buildSeq2Seq({ vocabSize: codec.vocabSize, srcLen: t.srcLen, tgtLen: t.tgtLen, hiddenSize: 8, embeddingDim: 4, seed: 3 });
  const before = tf.memory().numTensors;
  const greedy = greedyDecode(s2s.model, e.source, { tgtLen: t.tgtLen, startId: codec.startId });
  const beam = beamDecode(s2s.model, e.source, { tgtLen: t.tgtLen, startId: codec.startId, beamWidth: 1 });
  expect(tf.memory().numTensors).toBe(before);
  expect(beam.ids).toEqual(greedy.ids);
  beam.logProb.forEach((lp, b) => expect(lp).toBeCloseTo(greedy.confidence[b].reduce((a, p) => a + Math.log(p), 0), 4));
  // a wider beam never ends with a less probable answer than its width-1 greedy start, on this model
  const wide = beamDecode(s2s.model, e.source, { tgtLen: t.tgtLen, startId: codec.startId, beamWidth: 4, alpha: 0 });
  wide.logProb.forEach((lp, b) => expect(lp).toBeGreaterThanOrEqual(beam.logProb[b] - 1e-5));
  disposeEncoded(e);
  disposeModel(s2s);
});
