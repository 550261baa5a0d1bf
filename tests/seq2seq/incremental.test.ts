/**
 * Step-by-step greedy decoding of `buildSeq2Seq` models (seq2seq/incremental.ts) against the
 * teacher-forced path (the whole model run T' times, reading step j of pass j): the same symbols,
 * the same confidences, on random models of every layout, on both sequence engines.
 */
import * as tf from '@tensorflow/tfjs';
import { buildSeq2Seq, greedyDecode, initBackend } from 'seqmodels';
import { setSequenceEngine } from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'wasm', log: null });
});
afterEach(() => {
  setSequenceEngine('auto');
});

const V = 9;
const srcLen = 7;
const tgtLen = 6;
const n = 40;

/** Random sources, with a tail of padding (id 1) of random length, as the date and addition tasks have. */
function randomSource(seed: number): tf.Tensor2D {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: n }, () => {
    const used = 2 + Math.floor(next() * (srcLen - 1));
    return Array.from({ length: srcLen }, (_, t) => (t < used ? 2 + Math.floor(next() * (V - 2)) : 1));
  });
  return tf.tensor2d(rows, [n, srcLen], 'int32');
}

/** The same model through the teacher-forced path: a function predictor is never decoded step by step. */
const teacherForced = (model: tf.LayersModel) => (source: tf.Tensor2D, decoderInput: tf.Tensor2D) =>
  model.predict([source, decoderInput]) as tf.Tensor;

/** Make the untrained model's outputs less uniform (larger weights), so that its argmax has clear choices. */
function sharpen(model: tf.LayersModel, seed: number): void {
  const ws = model.getWeights().map((w, i) => tf.tidy(() => tf.add(w, tf.randomNormal(w.shape, 0, 0.6, 'float32', seed + i))));
  model.setWeights(ws);
  tf.dispose(ws);
}

type Layout = Partial<Parameters<typeof buildSeq2Seq>[0]>;
const layouts: [string, Layout][] = [
  ['gru, no attention', { cell: 'gru' }],
  ['lstm, no attention', { cell: 'lstm' }],
  ['gru, dot attention', { cell: 'gru', attention: 'dot' }],
  ['gru, dot attention, masked', { cell: 'gru', attention: 'dot', sourcePadId: 1 }],
  ['gru, additive attention, masked', { cell: 'gru', attention: 'additive', sourcePadId: 1 }],
  ['lstm, additive attention', { cell: 'lstm', attention: 'additive' }],
  ['lstm, scaled dot attention, masked', { cell: 'lstm', attention: 'scaledDot', sourcePadId: 1 }],
  ['gru, dot attention, tf.layers.gru (fast: false)', { cell: 'gru', attention: 'dot', fast: false }],
  ['lstm, no attention, tf.layers.lstm (fast: false)', { cell: 'lstm', fast: false }],
];

describe.each(['simd', 'tf'] as const)('sequence engine %s', (engine) => {
  test.each(layouts)('%s: step by step gives the teacher-forced symbols and confidences', (_name, layout) => {
    setSequenceEngine(engine);
    for (const seed of [3, 11]) {
      const s2s = buildSeq2Seq({ vocabSize: V, srcLen, tgtLen, hiddenSize: 12, embeddingDim: 5, seed, ...layout });
      sharpen(s2s.model, seed);
      const source = randomSource(seed);
      const before = tf.memory().numTensors;
      // batchSize 16: three slices of rows (16, 16, 8), each encoded once
      const stepwise = greedyDecode(s2s.model, source, { tgtLen, startId: 0, batchSize: 16 });
      expect(tf.memory().numTensors).toBe(before);
      const reference = greedyDecode(teacherForced(s2s.model), source, { tgtLen, startId: 0 });
      expect(stepwise.ids).toEqual(reference.ids);
      expect(stepwise.decoderInput).toEqual(reference.decoderInput);
      for (let b = 0; b < n; b++) {
        for (let j = 0; j < tgtLen; j++) expect(Math.abs(stepwise.confidence[b][j] - reference.confidence[b][j])).toBeLessThan(1e-6);
      }
      // the decoded symbols are not all alike: the comparison has something to compare
      expect(new Set(stepwise.ids.flat()).size).toBeGreaterThan(2);
      source.dispose();
      s2s.model.dispose();
    }
  });
});

test('the decoder layer keeps its configuration (it returns no state in the training model)', () => {
  const s2s = buildSeq2Seq({ vocabSize: V, srcLen, tgtLen, hiddenSize: 8, embeddingDim: 4, cell: 'lstm', attention: 'dot' });
  const source = randomSource(5);
  greedyDecode(s2s.model, source, { tgtLen, startId: 0 });
  expect((s2s.model.getLayer('decoder') as unknown as { returnState: boolean }).returnState).toBe(false);
  const probs = s2s.model.predict([source, tf.zeros([n, tgtLen], 'int32')]) as tf.Tensor;
  expect(probs.shape).toEqual([n, tgtLen, V]);
  tf.dispose([probs, source]);
  s2s.model.dispose();
});

test('sources and output lengths other than the model was built for are refused, as the teacher-forced pass refuses them', () => {
  const s2s = buildSeq2Seq({ vocabSize: V, srcLen, tgtLen, hiddenSize: 8, embeddingDim: 4, attention: 'dot' });
  const source = randomSource(7);
  const longer = tf.concat([source, tf.ones([n, 3], 'int32')], 1) as tf.Tensor2D;
  expect(() => greedyDecode(s2s.model, longer, { tgtLen, startId: 0 }))
    .toThrow(/built for sources \[batch, 7\] and 6 output symbols, got sources \[40,10\] and tgtLen 6: pad the sources to 7/);
  expect(() => greedyDecode(s2s.model, source, { tgtLen: tgtLen + 1, startId: 0 })).toThrow(/got sources \[40,7\] and tgtLen 7/);
  expect(() => greedyDecode(teacherForced(s2s.model), longer, { tgtLen, startId: 0 })).toThrow();
  tf.dispose([source, longer]);
  s2s.model.dispose();
});
