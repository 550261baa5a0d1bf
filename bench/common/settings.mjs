// The settings of the layer benchmarks (bench/layers.mjs, bench/profile.mjs): data and model of
// each, built the same way for tf.layers' layers and the library's fast layers.
//   a: one-hot text input, vocabSize 65, seqLen 40, batchSize 64, hiddenSize 128, Adam,
//      last hidden state -> dense softmax over 65 symbols (next-character model).
//   b: embedding input (vocabSize 2000, 64 dims, maskZero off), seqLen 100, batchSize 32,
//      hiddenSize 256, Adam, last hidden state -> dense sigmoid (sentiment model).
// Both models use glorotUniform recurrent weights (tf.layers' orthogonal initializer does not
// change the training speed).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');

export const SETTINGS = {
  a: { label: 'a: one-hot 65, T=40, B=64, H=128', vocabSize: 65, seqLen: 40, batchSize: 64, hiddenSize: 128, embedding: null },
  b: { label: 'b: embedding, T=100, B=32, H=256', vocabSize: 2000, seqLen: 100, batchSize: 32, hiddenSize: 256, embedding: 64 },
};

const INIT = { recurrentInitializer: 'glorotUniform' };

/** Fixed-seed batch of data for a setting. */
export function makeBatch(s) {
  return tf.tidy(() => {
    const ids = tf.randomUniform([s.batchSize, s.seqLen], 0, s.vocabSize, 'int32', 7);
    if (s.embedding === null) {
      const x = tf.oneHot(ids, s.vocabSize).toFloat(); // [batch, time, vocabSize]
      const y = tf.oneHot(tf.randomUniform([s.batchSize], 0, s.vocabSize, 'int32', 8), s.vocabSize).toFloat();
      return { x, y };
    }
    const x = ids.toFloat(); // [batch, time] token ids
    const y = tf.randomUniform([s.batchSize, 1], 0, 2, 'int32', 9).toFloat();
    return { x, y };
  });
}

/** The setting's model around a recurrent layer factory (`tf.layers.lstm`, `fastLstm`, ...). */
export function makeModel(s, recurrent) {
  const layers = [];
  if (s.embedding === null) {
    layers.push(recurrent({ ...INIT, units: s.hiddenSize, inputShape: [s.seqLen, s.vocabSize] }));
    layers.push(tf.layers.dense({ units: s.vocabSize, activation: 'softmax' }));
  } else {
    layers.push(tf.layers.embedding({ inputDim: s.vocabSize, outputDim: s.embedding, inputLength: s.seqLen }));
    layers.push(recurrent({ ...INIT, units: s.hiddenSize }));
    layers.push(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  }
  const model = tf.sequential({ layers });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: s.embedding === null ? 'categoricalCrossentropy' : 'binaryCrossentropy' });
  return model;
}
