/**
 * The fast layers train in tf.sequential / tf.model: model.fit lowers the loss, the number of
 * tensors does not grow across training steps, and a saved model reloads (registered classes)
 * with the same predictions. Wasm backend.
 */
import * as tf from '@tensorflow/tfjs';
import { FastGRU, FastLSTM, FastSimpleRNN, fastGru, fastLstm, fastSimpleRnn, initBackend } from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'wasm', log: null });
});
afterEach(() => tf.disposeVariables());

const B = 8, T = 10, V = 6, H = 12;

/** Next-symbol task on a fixed cyclic sequence: easy to learn, fixed seed. */
function data() {
  return tf.tidy(() => {
    const start = tf.randomUniform([B], 0, V, 'int32', 3);
    const ids = tf.mod(tf.add(tf.expandDims(start, 1), tf.range(0, T + 1, 1, 'int32')), V).toInt(); // [B, T+1]
    const x = tf.oneHot(tf.slice(ids, [0, 0], [B, T]), V).toFloat(); // [B, T, V]
    const y = tf.oneHot(tf.reshape(tf.slice(ids, [0, T], [B, 1]), [B]), V).toFloat(); // [B, V]
    return { x, y };
  });
}

const factories = [
  ['fastLstm', fastLstm, FastLSTM],
  ['fastGru', fastGru, FastGRU],
  ['fastSimpleRnn', fastSimpleRnn, FastSimpleRNN],
] as const;

describe.each(factories)('%s in a model', (_name, make, cls) => {
  test('model.fit lowers the loss and the tensor count stays flat', async () => {
    // Seeded weights: the run is the same every time (unseeded, a rare draw trained too slowly).
    const seeded = (k: number) => ({
      kernelInitializer: tf.initializers.glorotUniform({ seed: k }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: k + 1 }),
    });
    const model = tf.sequential({
      layers: [
        make({ units: H, inputShape: [T, V], returnSequences: true, ...seeded(1) }),
        make({ units: H, ...seeded(3) }),
        tf.layers.dense({ units: V, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
    const { x, y } = data();
    const counts: number[] = [];
    const h = await model.fit(x, y, {
      epochs: 12,
      batchSize: 4,
      shuffle: false,
      verbose: 0,
      callbacks: { onEpochEnd: async () => void counts.push(tf.memory().numTensors) },
    });
    const loss = h.history.loss as number[];
    if (process.env.LAYERS_REPORT) console.log(_name, loss[0], loss[loss.length - 1]);
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] * 0.7);
    // After the first epochs (optimizer slots created), every epoch ends with the same count.
    const steady = counts.slice(2);
    if (process.env.LAYERS_REPORT) console.log(counts.join(" "));
    expect(Math.max(...steady) - Math.min(...steady)).toBe(0);
    tf.dispose([x, y]);
    model.dispose();
  });

  test('save and reload: same class, same weights, same predictions', async () => {
    const input = tf.input({ shape: [T, V] });
    const out = tf.layers.dense({ units: V }).apply(make({ units: H }).apply(input)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(loaded.layers[1]).toBeInstanceOf(cls);
    expect(loaded.layers[1].getWeights().map((w) => w.shape)).toEqual(model.layers[1].getWeights().map((w) => w.shape));
    const { x, y } = data();
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor))).dataSync()[0]);
    expect(d).toBeLessThan(1e-6);
    tf.dispose([x, y]);
  });
});

test('weight names and shapes are tf.layers\' (kernel, recurrent_kernel, bias; k = 4, 3, 1)', () => {
  const x = tf.zeros([2, 3, 5]);
  for (const [layer, k] of [[fastLstm({ units: 7 }), 4], [fastGru({ units: 7 }), 3], [fastSimpleRnn({ units: 7 })!, 1]] as const) {
    layer.apply(x);
    const names = layer.weights.map((w) => w.name.split('/').pop());
    expect(names).toEqual(['kernel', 'recurrent_kernel', 'bias']);
    expect(layer.weights.map((w) => w.shape)).toEqual([[5, k * 7], [7, k * 7], [k * 7]]);
  }
});

test('inference (predict) keeps no tensors', () => {
  const model = tf.sequential({ layers: [fastLstm({ units: H, inputShape: [T, V] })] });
  const { x, y } = data();
  tf.dispose(model.predict(x) as tf.Tensor);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) tf.dispose(model.predict(x) as tf.Tensor);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, y]);
});
