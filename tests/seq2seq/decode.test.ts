/** Greedy decoding on a hand-set model, exact match, and the encoder-decoder builders. */
import * as tf from '@tensorflow/tfjs';
import {
  greedyDecode, exactMatchAccuracy, symbolAccuracy, buildSeq2Seq, initBackend, additionTask, Seq2SeqCodec, encodePairs,
  disposeEncoded, fitSeq2Seq, buildTagger,
} from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

/**
 * A hand-set "model" over the vocabulary {0 = start, 1..5}: its output at step j is (almost surely)
 *   source[0]        when the decoder input at j is the start symbol,
 *   input + 1        otherwise (5 wraps round to 1).
 * Greedy decoding from source [3] must therefore write 3, 4, 5, 1: each step reads the previous output.
 */
const V = 6;
function successor(source: tf.Tensor2D, decIn: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, T] = decIn.shape;
    const d = decIn.arraySync();
    const s = source.arraySync();
    const next = d.map((row, b) => row.map((k) => (k === 0 ? s[b][0] : (k % 5) + 1)));
    return tf.softmax(tf.mul(tf.oneHot(tf.tensor2d(next, [n, T], 'int32'), V), 20)) as tf.Tensor3D;
  });
}

test('greedy decoding feeds the model its own previous output', () => {
  const source = tf.tensor2d([[3], [5]], [2, 1], 'int32');
  const r = greedyDecode(successor, source, { tgtLen: 4, startId: 0 });
  expect(r.ids).toEqual([[3, 4, 5, 1], [5, 1, 2, 3]]);
  expect(r.decoderInput).toEqual([[0, 3, 4, 5], [0, 5, 1, 2]]);
  for (const row of r.confidence) for (const p of row) expect(p).toBeCloseTo(Math.exp(20) / (Math.exp(20) + 5), 6);
  source.dispose();
});

test('greedy decoding of a real (untrained) model is consistent with its teacher-forced output and leaks nothing', () => {
  const t = additionTask({ trainSize: 20, testSize: 0, seed: 4 });
  const codec = Seq2SeqCodec.fromTask(t);
  const e = encodePairs(codec, t.train);
  const s2s = buildSeq2Seq({ vocabSize: codec.vocabSize, srcLen: t.srcLen, tgtLen: t.tgtLen, hiddenSize: 8, embeddingDim: 4, seed: 3 });
  const before = tf.memory().numTensors;
  const r = greedyDecode(s2s.model, e.source, { tgtLen: t.tgtLen, startId: codec.startId });
  expect(tf.memory().numTensors).toBe(before);
  // feeding the decoded sequence as teacher-forcing input reproduces every decoded symbol
  const again = tf.tidy(() =>
    tf.argMax(s2s.model.predict([e.source, tf.tensor2d(r.decoderInput, undefined, 'int32')]) as tf.Tensor, -1).arraySync(),
  );
  expect(again).toEqual(r.ids);
  disposeEncoded(e);
  s2s.model.dispose();
});

test.each([
  ['all right', [[1, 2], [3, 4]], [[1, 2], [3, 4]], 1, 1],
  ['one symbol wrong makes the sequence wrong', [[1, 2], [3, 4]], [[1, 2], [3, 5]], 0.5, 0.75],
  ['the last position counts', [[1, 2, 9]], [[1, 2, 3]], 0, 2 / 3],
  ['padding is part of the answer', [[1, 0]], [[1, 7]], 0, 0.5],
])('exact match: %s', (_name, pred, target, exact, symbols) => {
  expect(exactMatchAccuracy(pred, target)).toBeCloseTo(exact as number, 12);
  expect(symbolAccuracy(pred, target)).toBeCloseTo(symbols as number, 12);
});

test('exact match refuses rows of different lengths', () => {
  expect(() => exactMatchAccuracy([[1, 2]], [[1, 2, 3]])).toThrow(/row 0 has 2 predicted symbols for 3/);
  expect(() => exactMatchAccuracy([[1]], [])).toThrow(/1 predictions for 0 targets/);
});

test.each(['gru', 'lstm'] as const)('a %s encoder-decoder (with and without attention) learns a little and leaks no tensors across epochs', async (cell) => {
  const t = additionTask({ trainSize: 64, testSize: 16, seed: 4 });
  const codec = Seq2SeqCodec.fromTask(t);
  const tr = encodePairs(codec, t.train);
  const te = encodePairs(codec, t.test);
  for (const attention of ['none', 'dot'] as const) {
    const s2s = buildSeq2Seq({ vocabSize: codec.vocabSize, srcLen: t.srcLen, tgtLen: t.tgtLen, cell, attention, hiddenSize: 8, embeddingDim: 4 });
    const run = await fitSeq2Seq(s2s, tr, te, { epochs: 3, batchSize: 16, evalSize: 8 });
    const { history } = run;
    expect(run.epochsDone).toBe(3);
    expect(history.loss[2]).toBeLessThan(history.loss[0]);
    expect(history.val_exact_match).toHaveLength(3);
    for (const v of history.val_exact_match) expect(v >= 0 && v <= 1).toBe(true);
    expect(new Set(run.tensorsAtEpochEnd).size).toBe(1);
    expect(run.trainingSeconds[2]).toBeGreaterThan(run.trainingSeconds[0]);
    if (attention === 'dot') {
      const w = s2s.attentionModel!.predict([te.source, te.decoderInput]) as tf.Tensor;
      expect(w.shape).toEqual([16, t.tgtLen, t.srcLen]);
      w.dispose();
    }
    s2s.model.dispose();
  }
  disposeEncoded(tr);
  disposeEncoded(te);
});

test('bidirectional stacked tagger: output shape and parameter count', () => {
  const m = buildTagger({ vocabSize: 10, numClasses: 10, seqLen: 6, hiddenSize: 4, embeddingDim: 3, layers: 2, bidirectional: true });
  expect(m.outputs[0].shape).toEqual([null, 6, 10]);
  const gru = (n: number, h: number) => 3 * (h * (n + h) + h);
  expect(m.countParams()).toBe(10 * 3 + 2 * gru(3, 4) + 2 * gru(8, 4) + 8 * 10 + 10);
  m.dispose();
  const withHead = buildTagger({ vocabSize: 5, numClasses: 5, seqLen: 6, hiddenSize: 4, embeddingDim: 3, bidirectional: true, headUnits: 7 });
  expect(withHead.countParams()).toBe(5 * 3 + 2 * gru(3, 4) + (8 * 7 + 7) + (7 * 5 + 5));
  withHead.dispose();
});
