/**
 * tf.layers' graph executor applies a layer once per output that later layers read, so an encoder
 * LSTM whose h and c both feed a decoder ran its sequence twice per training batch. A fast layer
 * called again with the same inputs, weights, mask and gradient tape returns copies of its last
 * outputs (base.ts); anything that changes the result (new inputs, updated weights, random
 * dropout masks, state) runs the sequence again.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from 'seqmodels/internals';
import { makeLayer, maxAbsDiff } from './helpers';

const engine = jest.requireActual('../../lib/src/layers/simd-engine');

beforeAll(async () => {
  await initBackend({ force: 'wasm', log: null });
});
afterEach(() => tf.disposeVariables());

/** Encoder-decoder with an LSTM encoder whose h and c are the decoder's initial states. */
function encoderDecoder(T: number, IN: number, H: number) {
  const src = tf.input({ shape: [T, IN] });
  const tgt = tf.input({ shape: [T, IN] });
  const [, h, c] = makeLayer('lstm', true, { units: H, returnState: true }).apply(src) as tf.SymbolicTensor[];
  const y = makeLayer('lstm', true, { units: H, returnSequences: true }).apply(tgt, { initialState: [h, c] }) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2 }).apply(y) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [src, tgt], outputs: out });
  model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
  return model;
}

test('an encoder whose h and c feed a decoder runs its sequence once per training batch, and the model learns', async () => {
  const spy = jest.spyOn(engine, 'runSequenceSimd');
  const model = encoderDecoder(5, 3, 8);
  const xs = [tf.randomNormal([16, 5, 3], 0, 1, 'float32', 1), tf.randomNormal([16, 5, 3], 0, 1, 'float32', 2)];
  const y = tf.randomNormal([16, 5, 2], 0, 1, 'float32', 3);
  const first = (await model.trainOnBatch(xs, y)) as number;
  spy.mockClear();
  let last = first;
  for (let i = 0; i < 20; i++) last = (await model.trainOnBatch(xs, y)) as number;
  expect(spy).toHaveBeenCalledTimes(2 * 20); // encoder and decoder, once each per batch
  expect(last).toBeLessThan(first);
  spy.mockRestore();
  tf.dispose([...xs, y]);
  model.dispose();
});

test('the same call again gives equal, separate tensors; new weights or inputs run again', () => {
  const spy = jest.spyOn(engine, 'runSequenceSimd');
  const layer = makeLayer('gru', true, { units: 4, returnSequences: true });
  const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 4);
  const a = layer.apply(x) as tf.Tensor;
  const b = layer.apply(x) as tf.Tensor;
  expect(spy).toHaveBeenCalledTimes(1);
  expect(b).not.toBe(a);
  expect(maxAbsDiff(a, b)).toBe(0);
  a.dispose();
  expect(b.isDisposed).toBe(false);
  expect(b.dataSync().length).toBe(2 * 3 * 4); // still readable
  const c = layer.apply(x) as tf.Tensor;        // a was disposed: runs again
  expect(spy).toHaveBeenCalledTimes(2);
  layer.setWeights(layer.getWeights().map((w) => tf.mul(w, 2)));
  const d = layer.apply(x) as tf.Tensor;        // new weights: runs again, other values
  expect(spy).toHaveBeenCalledTimes(3);
  expect(maxAbsDiff(c, d)).toBeGreaterThan(0);
  const x2 = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 5);
  layer.apply(x2);                              // new input: runs again
  expect(spy).toHaveBeenCalledTimes(4);
  spy.mockRestore();
  tf.dispose([b, c, d, x, x2]);
});

test('dropout in training draws new masks at every call (Monte Carlo dropout still works)', () => {
  const layer = makeLayer('lstm', true, { units: 4, dropout: 0.5, recurrentDropout: 0.5, returnSequences: true });
  const x = tf.randomNormal([3, 4, 5], 0, 1, 'float32', 6);
  const a = layer.apply(x, { training: true }) as tf.Tensor;
  const b = layer.apply(x, { training: true }) as tf.Tensor;
  expect(maxAbsDiff(a, b)).toBeGreaterThan(0);
  tf.dispose([a, b, x]);
});

test('a call inside a gradient tape after one outside it runs again, and its gradient flows', () => {
  const layer = makeLayer('rnn', true, { units: 4 });
  const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 7);
  const outside = layer.apply(x) as tf.Tensor;
  const w = layer.trainableWeights.map((v) => v.read() as tf.Variable);
  const g = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, w);
  for (const v of w) expect(tf.max(tf.abs(g.grads[v.name])).dataSync()[0]).toBeGreaterThan(0);
  tf.dispose([outside, x, g.value, ...Object.values(g.grads)]);
});
