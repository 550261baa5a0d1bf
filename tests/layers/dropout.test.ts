/**
 * Dropout in the fast layers (`dropout` on the inputs, `recurrentDropout` on h_{t-1}), with
 * tf.layers' semantics: one mask per sequence shared by every step (Gal & Ghahramani 2016), masks
 * only when called with `training: true`, kept entries scaled by 1/(1 − rate).
 * - parity: given the same masks (tf.layers' own `dropoutFunc` hook), outputs and gradients
 *   equal tf.layers' (its cells apply the masks in their step; autodiff gives the gradients), on
 *   both engines (recurrent dropout always takes the tfjs-op path);
 * - by construction: a dropped input feature has zero gradient at every step; an all-zero
 *   recurrent mask makes each step of a SimpleRNN independent of the previous one;
 * - inference: no effect; training: fresh masks per call, and a model with dropout learns.
 */
import * as tf from '@tensorflow/tfjs';
import { activeSequenceEngine, fastGru, fastLstm, fastSimpleRnn, initBackend, seededDropout, setSequenceEngine } from 'seqmodels/internals';
import { Args, CellName, compareRuns, makeLayer, maxAbsDiff } from './helpers';

const B = 3, T = 5, IN = 4, H = 5;

beforeAll(async () => {
  await initBackend({ force: 'wasm', log: null });
});
afterEach(() => tf.disposeVariables());

/** A fixed mask for a given shape (same seed, same shape: the same mask at every call). */
function fixedMask(ones: tf.Tensor, rate: number): tf.Tensor {
  return tf.tidy(() => {
    const u = tf.randomUniform(ones.shape, 0, 1, 'float32', 7 + ones.shape[1]!);
    return tf.mul(tf.cast(tf.greater(u, rate), 'float32'), 1 / (1 - rate));
  });
}

function pair(cell: CellName, args: Args, x: tf.Tensor) {
  const fast = makeLayer(cell, true, { units: H, dropoutFunc: fixedMask, ...args });
  const ref = makeLayer(cell, false, { units: H, dropoutFunc: fixedMask, ...args });
  fast.apply(x);
  ref.apply(x);
  ref.setWeights(fast.getWeights());
  return { fast, ref };
}

const cells: CellName[] = ['lstm', 'gru', 'rnn'];
const configs: [string, Args][] = [
  ['input dropout', { dropout: 0.3, returnSequences: true }],
  ['recurrent dropout', { recurrentDropout: 0.4, returnSequences: true }],
  ['both, last step', { dropout: 0.25, recurrentDropout: 0.5 }],
  ['both, goBackwards', { dropout: 0.25, recurrentDropout: 0.5, returnSequences: true, goBackwards: true }],
];

describe.each(['simd', 'tf'] as const)('engine %s', (engine) => {
  beforeAll(() => setSequenceEngine(engine));
  afterAll(() => setSequenceEngine('auto'));

  describe.each(cells)('%s: same masks as tf.layers, same outputs and gradients', (cell) => {
    test.each(configs)('%s', (_name, args) => {
      const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1, 'float32', 11));
      const { fast, ref } = pair(cell, args, x);
      compareRuns(fast, ref, (m) => (m === 'fast' ? fast : ref).apply(x, { training: true }) as tf.Tensor, [x]);
    });

    test('with a sequence mask (padded rows) too', () => {
      const x = tf.variable(tf.randomNormal([B, T, IN], 0, 1, 'float32', 12));
      const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 1, 1, 0]]);
      const { fast, ref } = pair(cell, { dropout: 0.3, recurrentDropout: 0.3, returnSequences: true }, x);
      compareRuns(fast, ref, (m) => (m === 'fast' ? fast : ref).apply(x, { training: true, mask }) as tf.Tensor, [x]);
    });
  });

  test('dropout and recurrent dropout run on this engine', () => {
    expect(activeSequenceEngine()).toBe(engine);
  });
});

describe.each(cells)('%s: masks as specified', (cell) => {
  test('a dropped input feature has zero gradient at every time step (one mask per sequence)', () => {
    // Drop feature 0 in every row, keep the rest (scaled by 1/(1 − 0.25)).
    const dropFirst = (ones: tf.Tensor, rate: number) =>
      tf.tidy(() => (ones.shape[1] === IN ? tf.concat([tf.zeros([B, 1]), tf.fill([B, IN - 1], 1 / (1 - rate))], 1) : ones.clone()));
    const layer = makeLayer(cell, true, { units: H, dropout: 0.25, dropoutFunc: dropFirst, returnSequences: true });
    const x = tf.randomNormal([B, T, IN], 0, 1, 'float32', 13);
    const g = tf.grad((xi: tf.Tensor) => tf.sum(layer.apply(xi, { training: true }) as tf.Tensor))(x);
    const gd = g.arraySync() as number[][][];
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        expect(Math.abs(gd[b][t][0])).toBe(0);
        expect(Math.abs(gd[b][t][1])).toBeGreaterThan(0);
      }
    }
    // The kept features are scaled by 1/(1 − rate): the output equals a no-dropout layer on
    // x with feature 0 zeroed and the others multiplied by 4/3.
    const plain = makeLayer(cell, true, { units: H, returnSequences: true });
    plain.apply(x);
    plain.setWeights(layer.getWeights());
    const xScaled = tf.mul(x, tf.tensor1d([0, 4 / 3, 4 / 3, 4 / 3]));
    expect(maxAbsDiff(layer.apply(x, { training: true }) as tf.Tensor, plain.apply(xScaled) as tf.Tensor)).toBeLessThan(1e-5);
  });
});

test('an all-zero recurrent mask cuts the recurrence (SimpleRNN: each step sees only its input)', () => {
  const zeros = (ones: tf.Tensor) => tf.zerosLike(ones);
  const layer = fastSimpleRnn({ units: H, recurrentDropout: 0.5, dropoutFunc: zeros, returnSequences: true });
  const x = tf.randomNormal([B, T, IN], 0, 1, 'float32', 14);
  const y = layer.apply(x, { training: true }) as tf.Tensor; // [B, T, H]
  const [W, , b] = layer.getWeights();
  const expected = tf.tanh(tf.add(tf.reshape(tf.matMul(tf.reshape(x, [B * T, IN]), W), [B, T, H]), b)); // h_t = tanh(x_t W + b)
  expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
  // Without training the recurrence is there: a different result.
  expect(maxAbsDiff(layer.apply(x) as tf.Tensor, expected)).toBeGreaterThan(1e-3);
});

describe.each(cells)('%s: inference and training', (cell) => {
  test('no effect at inference: apply without training and predict equal the layer without dropout', () => {
    const x = tf.randomNormal([B, T, IN], 0, 1, 'float32', 15);
    const drop = makeLayer(cell, true, { units: H, dropout: 0.5, recurrentDropout: 0.5, returnSequences: true });
    const none = makeLayer(cell, true, { units: H, returnSequences: true });
    drop.apply(x);
    none.apply(x);
    none.setWeights(drop.getWeights());
    expect(maxAbsDiff(drop.apply(x) as tf.Tensor, none.apply(x) as tf.Tensor)).toBe(0);
    expect(maxAbsDiff(drop.apply(x, { training: false }) as tf.Tensor, none.apply(x) as tf.Tensor)).toBe(0);
    const model = tf.sequential({ layers: [makeLayer(cell, true, { units: H, dropout: 0.5, recurrentDropout: 0.5, inputShape: [T, IN] })] });
    const twin = tf.sequential({ layers: [makeLayer(cell, true, { units: H, inputShape: [T, IN] })] });
    twin.setWeights(model.getWeights());
    expect(maxAbsDiff(model.predict(x) as tf.Tensor, twin.predict(x) as tf.Tensor)).toBe(0);
    // In training the masks act (this test can fail), and each call draws fresh masks.
    const a = drop.apply(x, { training: true }) as tf.Tensor;
    const b = drop.apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDiff(a, none.apply(x) as tf.Tensor)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-3);
  });
});

test('a model with dropout and recurrent dropout trains: the loss of a memory task falls', async () => {
  // Target: the first input of the sequence (the net must carry it over T steps).
  const n = 128;
  const x = tf.randomNormal([n, T, 2], 0, 1, 'float32', 16);
  const y = tf.reshape(tf.slice(x, [0, 0, 0], [n, 1, 1]), [n, 1]);
  const model = tf.sequential({
    // Seeded weights, masks and batches: the same run every time.
    layers: [
      fastLstm({ units: 16, dropout: 0.1, recurrentDropout: 0.1, inputShape: [T, 2], dropoutFunc: seededDropout(17),
        kernelInitializer: tf.initializers.glorotUniform({ seed: 18 }), recurrentInitializer: tf.initializers.orthogonal({ seed: 19 }) }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 20 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
  const before = (model.evaluate(x, y) as tf.Scalar).dataSync()[0];
  await model.fit(x, y, { epochs: 60, batchSize: 32, verbose: 0, shuffle: false });
  const after = (model.evaluate(x, y) as tf.Scalar).dataSync()[0];
  expect(after).toBeLessThan(0.25 * before);
});

test('options: rates outside [0, 1) are refused with the option named', () => {
  expect(() => fastGru({ units: 3, dropout: 1 })).toThrow(/dropout is the fraction of units dropped, a number in \[0, 1\), got 1/);
  expect(() => fastLstm({ units: 3, recurrentDropout: -0.1 })).toThrow(/recurrentDropout .* got -0.1/);
  expect(() => fastSimpleRnn({ units: 3, resetAfter: true } as never)).toThrow(/resetAfter is an option of the GRU only/);
});

test('seededDropout: the same seed gives the same masks in the same order, each call a fresh one', () => {
  const x = tf.randomNormal([B, T, IN], 0, 1, 'float32', 17);
  const run = (seed: number) => {
    const layer = fastGru({ units: H, dropout: 0.5, recurrentDropout: 0.5, dropoutFunc: seededDropout(seed), returnSequences: true } as never);
    layer.apply(x);
    layer.setWeights(reference.getWeights());
    return [layer.apply(x, { training: true }) as tf.Tensor, layer.apply(x, { training: true }) as tf.Tensor];
  };
  const reference = fastGru({ units: H, returnSequences: true });
  reference.apply(x);
  const [a1, a2] = run(5);
  const [b1, b2] = run(5);
  const [c1] = run(6);
  expect(maxAbsDiff(a1, b1)).toBe(0);
  expect(maxAbsDiff(a2, b2)).toBe(0);
  expect(maxAbsDiff(a1, a2)).toBeGreaterThan(1e-3); // a fresh mask per call
  expect(maxAbsDiff(a1, c1)).toBeGreaterThan(1e-3);
  const m = seededDropout(1)(tf.ones([200, 50]), 0.25);
  const kept = Array.from(m.dataSync()).filter((v) => v !== 0);
  expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
  expect(Math.abs(kept.length / 10000 - 0.75)).toBeLessThan(0.03);
  expect(() => seededDropout(1.5)).toThrow(/seed must be an integer, got 1.5/);
});
