// Save -> load -> train on must equal training on without saving (optimizer state, learning
// rate, gradient clipping); setLearningRate must take effect on every tf.train optimizer.
import * as tf from '@tensorflow/tfjs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { initBackend, loadModel, saveModel, setLearningRate, getLearningRate, clipGlobalNorm, clipNormOf } from 'seqmodels/internals';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'course-optstate-'));

function makeModel(optimizer: tf.Optimizer = tf.train.adam(0.01)): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.lstm({ units: 6, inputShape: [5, 3], recurrentActivation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), recurrentInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  m.add(tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  m.compile({ optimizer, loss: 'meanSquaredError' });
  return m;
}

let x: tf.Tensor3D;
let y: tf.Tensor2D;
beforeAll(async () => {
  await initBackend({ log: null });
  x = tf.randomUniform([16, 5, 3], -1, 1, 'float32', 11) as tf.Tensor3D; // [batch, time, features]
  y = tf.randomUniform([16, 2], -1, 1, 'float32', 12) as tf.Tensor2D;
});

const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
function maxDiff(a: number[][], b: number[][]): number {
  expect(b.map((w) => w.length)).toEqual(a.map((w) => w.length));
  return Math.max(...a.map((w, i) => Math.max(...w.map((v, j) => Math.abs(v - b[i][j])))));
}
async function steps(m: tf.LayersModel, k: number): Promise<void> {
  for (let i = 0; i < k; i++) await m.trainOnBatch(x, y);
}
/** Train `make()` k steps, save it, load it back: the original and the copy. */
async function trainedAndReloaded(make: () => tf.LayersModel, k = 4) {
  const a = make();
  await steps(a, k);
  const dir = tmp();
  await saveModel(a, dir);
  return { a, b: await loadModel(dir), dir };
}

describe('save -> load -> train on equals training on', () => {
  test('Adam: the loaded optimizer has the same iteration count, beta powers and moments', async () => {
    const { a, b } = await trainedAndReloaded(() => makeModel(), 4);
    const [wa, wb] = await Promise.all([a.optimizer.getWeights(), b.optimizer.getWeights()]);
    expect(wb.map((w) => w.name)).toEqual(wa.map((w) => w.name)); // iter, then m and v of each weight
    expect(wb.length).toBe(1 + 2 * a.trainableWeights.length);
    expect(Array.from(wb[0].tensor.dataSync())).toEqual([4]);
    wa.forEach((w, i) => expect(Array.from(wb[i].tensor.dataSync())).toEqual(Array.from(w.tensor.dataSync())));
    // Adam keeps beta1^(t+1), beta2^(t+1) in private variables; loading recomputes them from t.
    for (const acc of ['accBeta1', 'accBeta2']) {
      const [pa, pb] = [a, b].map((m) => ((m.optimizer as unknown as Record<string, tf.Scalar>)[acc]).dataSync()[0]);
      expect(pb).toBeCloseTo(pa, 6);
    }
  });

  test('Adam: the next steps of the loaded model equal those of the original', async () => {
    const { a, b } = await trainedAndReloaded(() => makeModel(), 4);
    expect(weightsOf(b)).toEqual(weightsOf(a));
    await steps(a, 3);
    await steps(b, 3);
    expect(maxDiff(weightsOf(a), weightsOf(b))).toBeLessThan(1e-6);
    // and differ from a model whose optimizer starts afresh: the state matters
    const fresh = await loadModel((await trainedAndReloaded(() => makeModel(), 4)).dir);
    fresh.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    await steps(fresh, 3);
    expect(maxDiff(weightsOf(a), weightsOf(fresh))).toBeGreaterThan(1e-4);
  });

  test('gradient clipping is saved with the model and comes back on load', async () => {
    // maxNorm so small that every step is clipped: without the wrapper the steps differ
    const { a, b, dir } = await trainedAndReloaded(() => {
      const m = makeModel(tf.train.sgd(0.5));
      clipGlobalNorm(m.optimizer, 1e-3);
      return m;
    }, 2);
    expect(clipNormOf(b.optimizer)).toBe(1e-3);
    await steps(a, 2);
    await steps(b, 2);
    expect(maxDiff(weightsOf(a), weightsOf(b))).toBeLessThan(1e-6);
    // saving without the optimizer records no clipping; the user's own metadata is kept
    a.setUserDefinedMetadata({ note: 'mine' });
    await saveModel(a, dir, { includeOptimizer: false });
    const c = await loadModel(dir);
    expect(clipNormOf(c.optimizer)).toBeUndefined();
    expect(c.getUserDefinedMetadata()).toEqual({ note: 'mine' });
  });
});

describe('setLearningRate', () => {
  test('a saved model keeps the learning rate it had when saved (a decayed one, not the initial)', async () => {
    const { a, dir } = await trainedAndReloaded(() => makeModel(tf.train.adam(0.01)), 1);
    setLearningRate(a, 0.002);
    await saveModel(a, dir);
    expect(getLearningRate(await loadModel(dir))).toBe(0.002);
  });

  test('on a loaded model it takes effect: same steps as the original with the same new rate', async () => {
    const { a, b, dir } = await trainedAndReloaded(() => makeModel(), 4);
    const unchanged = await loadModel(dir);
    setLearningRate(a, 0.05);
    setLearningRate(b, 0.05);
    await steps(a, 1);
    await steps(b, 1);
    await steps(unchanged, 1);
    expect(maxDiff(weightsOf(a), weightsOf(b))).toBeLessThan(1e-6);
    expect(maxDiff(weightsOf(b), weightsOf(unchanged))).toBeGreaterThan(1e-4);
    const stopped = await loadModel(dir);
    const before = weightsOf(stopped);
    setLearningRate(stopped, 0);
    await steps(stopped, 1);
    expect(weightsOf(stopped)).toEqual(before);
  });

  test.each([
    ['sgd', () => tf.train.sgd(0.1)],
    ['momentum', () => tf.train.momentum(0.1, 0.9)],
  ])('%s: it takes effect where assigning optimizer.learningRate does not, and survives a save', async (_, make) => {
    const m = makeModel(make());
    const before = weightsOf(m);
    (m.optimizer as unknown as { learningRate: number }).learningRate = 0; // tfjs steps with a cached -lr scalar
    await steps(m, 1);
    expect(maxDiff(before, weightsOf(m))).toBeGreaterThan(1e-4);
    const now = weightsOf(m);
    setLearningRate(m, 0);
    await steps(m, 1);
    expect(weightsOf(m)).toEqual(now);
    // the rate set is the one saved, and the loaded model steps like the original
    setLearningRate(m, 0.02);
    const dir = tmp();
    await saveModel(m, dir);
    const back = await loadModel(dir);
    expect(getLearningRate(back)).toBe(0.02);
    await steps(m, 2);
    await steps(back, 2);
    expect(maxDiff(weightsOf(m), weightsOf(back))).toBeLessThan(1e-6);
  });

  test('bad rates and uncompiled models are refused clearly', () => {
    const m = makeModel();
    expect(() => setLearningRate(m, -1)).toThrow(/lr must be a finite number >= 0, got -1/);
    expect(() => setLearningRate(m, NaN)).toThrow(/got NaN/);
    const raw = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    expect(() => setLearningRate(raw, 0.1)).toThrow(/not compiled/);
    setLearningRate(m.optimizer, 0.3); // an optimizer directly
    expect(getLearningRate(m)).toBe(0.3);
  });
});

test('clipGlobalNorm called again replaces the maximum norm instead of stacking wrappers', () => {
  const v = tf.variable(tf.tensor1d([0, 0]));
  const opt = clipGlobalNorm(clipGlobalNorm(tf.train.sgd(1), 0.5), 1);
  expect(clipNormOf(opt)).toBe(1);
  opt.applyGradients({ [v.name]: tf.tensor1d([3, 4]) }); // norm 5 -> 1, not 0.5
  const got = Array.from(v.dataSync());
  expect(got[0]).toBeCloseTo(-0.6, 6);
  expect(got[1]).toBeCloseTo(-0.8, 6);
  expect(clipNormOf(tf.train.sgd(1))).toBeUndefined();
});
