/**
 * The library's orthogonal initializer (lib/src/layers/orthogonal.ts): tf.layers' matrix for the
 * same seed (tf.initializers.orthogonal is tf.layers' own class, the reference), orthonormal rows or
 * columns, registered under tf.layers' name so the default recurrent initializer of tf.layers.lstm /
 * gru / simpleRNN and of the library's builders uses it, without tf.layers' "Slowness may result"
 * warning, and saved models keep tf.layers' config.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, Orthogonal, languageModel, buildForecaster, fastLstm } from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

test.each([
  [[8, 32], 1, 3],
  [[32, 8], 1, 4],
  [[16, 16], 1.5, 5],
  [[2, 3, 12], 1, 6], // rows = 2·3
  [[24, 96], 1, 7], // an LSTM's recurrent kernel, hiddenSize 24 (more than 2000 entries)
])('shape %j, gain %d, seed %d: equals tf.layers\' Orthogonal', (shape, gain, seed) => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // tf.layers' own warns above 2000 entries
  const ref = tf.initializers.orthogonal({ gain, seed }).apply(shape);
  warn.mockRestore();
  const ours = new Orthogonal({ gain, seed }).apply(shape);
  expect(ours.shape).toEqual(shape);
  expect(maxAbsDiff(ours, ref)).toBeLessThan(1e-5);
  tf.dispose([ref, ours]);
});

test.each([[12, 40], [40, 12], [20, 20]])('[%i, %i] unseeded: orthonormal rows (rows <= cols) or columns, times the gain', (rows, cols) => {
  const w = new Orthogonal({ gain: 2 }).apply([rows, cols]) as tf.Tensor2D;
  const gram = tf.tidy(() => (rows <= cols ? tf.matMul(w, w, false, true) : tf.matMul(w, w, true, false)));
  const n = Math.min(rows, cols);
  expect(maxAbsDiff(gram, tf.mul(tf.eye(n), 4))).toBeLessThan(1e-5);
  tf.dispose([w, gram]);
});

test('the default recurrent initializer of tf.layers and the library builders, with no "Slowness" warning', () => {
  const warn = jest.spyOn(console, 'warn');
  const built: tf.LayersModel[] = [];
  for (const layer of [
    tf.layers.lstm({ units: 64, inputShape: [5, 8] }),
    tf.layers.gru({ units: 64, inputShape: [5, 8] }),
    tf.layers.simpleRNN({ units: 64, inputShape: [5, 8] }),
    fastLstm({ units: 64, inputShape: [5, 8] }),
  ]) {
    built.push(tf.sequential({ layers: [layer] }));
    const init = (layer as unknown as { cell: { recurrentInitializer: unknown } }).cell.recurrentInitializer;
    expect(init).toBeInstanceOf(Orthogonal);
  }
  built.push(languageModel({ vocabSize: 30, embeddingDim: 8, hiddenSize: 64, cell: 'lstm' }));
  built.push(buildForecaster({ seqLen: 6, inputSize: 3, outputSize: 2, hiddenSize: 64 }));
  const messages = warn.mock.calls.map((c) => String(c[0]));
  expect(messages.filter((m) => /Orthogonal initializer/.test(m))).toEqual([]);
  warn.mockRestore();
  built.forEach((m) => m.dispose());
});

test('a saved model keeps tf.layers\' config for it and loads with the same weights', async () => {
  const model = tf.sequential({ layers: [tf.layers.lstm({ units: 4, inputShape: [3, 2], recurrentInitializer: tf.initializers.orthogonal({ gain: 1, seed: 9 }) })] });
  const json = model.toJSON(null, false) as unknown as { config: { layers: { config: { recurrent_initializer: unknown } }[] } };
  expect(json.config.layers[0].config.recurrent_initializer).toEqual({ class_name: 'Orthogonal', config: { gain: 1, seed: 9 } });
  const loaded = await tf.models.modelFromJSON({ modelTopology: json as unknown as tf.io.ModelJSON['modelTopology'] });
  expect((loaded.layers[0] as unknown as { cell: { recurrentInitializer: unknown } }).cell.recurrentInitializer).toBeInstanceOf(Orthogonal);
  const [a, b] = [model.getWeights()[1], loaded.getWeights()[1]];
  expect(maxAbsDiff(a, b)).toBeLessThan(1e-5); // same seed, same matrix (tf.layers' there, the library's here)
  model.dispose();
  loaded.dispose();
});

test('a weight of one dimension is refused', () => {
  expect(() => new Orthogonal().apply([5])).toThrow(/at least 2 dimensions, got \[5\]/);
});
