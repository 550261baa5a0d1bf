// The library's fused sparse categorical cross-entropy against tf.layers' own (the reference is
// the function tf.layers compiles for `loss: 'sparseCategoricalCrossentropy'`, tfLayersLoss): values and
// gradients, at the clip boundaries too; and a language model trained with it against one
// trained with tf.layers' loss.
import * as tf from '@tensorflow/tfjs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { initBackend, sparseCategoricalCrossentropy, useFusedLoss, languageModel, loadModel, saveModel, tfLayersLoss, lossFunctionsOf } from 'seqmodels/internals';

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
const tfLayersSparseLoss = () => tfLayersLoss('sparseCategoricalCrossentropy');

beforeAll(async () => {
  await initBackend({ log: null });
});

/** Value per position and gradient of Σ w·L with respect to the probabilities. */
function valueAndGrad(loss: LossFn, yTrue: tf.Tensor, p: tf.Tensor, w: tf.Tensor) {
  return tf.tidy(() => {
    const value = loss(yTrue, p).arraySync();
    const grad = tf.grad((q: tf.Tensor) => tf.sum(tf.mul(loss(yTrue, q), w)))(p).arraySync();
    return { value, grad };
  });
}

function expectClose(a: unknown, b: unknown, tol: number) {
  const [u, v] = [[a].flat(4) as number[], [b].flat(4) as number[]];
  expect(u.length).toBe(v.length);
  u.forEach((x, i) => expect(Math.abs(x - v[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(v[i]))));
}

describe('sparseCategoricalCrossentropy (fused) equals tf.layers\' loss', () => {
  const cases: [string, number[][], number[]][] = [
    // [what, probabilities per row, targets]
    ['softmax rows', [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.25, 0.25, 0.5]], [0, 2, 1]],
    ['rows that do not sum to 1 (tf.layers renormalises)', [[0.5, 0.5, 0.5], [0.1, 0.1, 0.2]], [1, 2]],
    ['a probability of exactly 0 and 1 (both clips)', [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 2]],
    ['tiny probabilities below epsilon', [[1e-9, 1 - 1e-9, 0], [0.3, 0.3, 0.4]], [0, 1]],
    ['targets out of range give 0', [[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]], [3, -1]],
  ];
  test.each(cases)('%s', (_what, probs, targets) => {
    const ref = tfLayersSparseLoss();
    const p = tf.tensor2d(probs);
    const yTrue = tf.tensor2d(targets.map((t) => [t])); // [n, 1], as tf.layers feeds it
    const w = tf.tensor1d(targets.map((_, i) => 1 + 0.5 * i));
    const a = valueAndGrad(sparseCategoricalCrossentropy, yTrue, p, w);
    const b = valueAndGrad(ref, yTrue, p, w);
    expectClose(a.value, b.value, 1e-6);
    expectClose(a.grad, b.grad, 1e-5);
    tf.dispose([p, yTrue, w]);
  });

  test('on a batch of a language model: [batch, time, vocabSize] with targets [batch, time, 1]', () => {
    const ref = tfLayersSparseLoss();
    const p = tf.softmax(tf.randomNormal([4, 7, 11], 0, 3, 'float32', 5));
    const yTrue = tf.randomUniform([4, 7, 1], 0, 11, 'int32', 6).toFloat();
    const w = tf.randomUniform([4, 7], 0.5, 1.5, 'float32', 7);
    const a = valueAndGrad(sparseCategoricalCrossentropy, yTrue, p, w);
    const b = valueAndGrad(ref, yTrue, p, w);
    expect(tf.tensor(a.value as number[][]).shape).toEqual([4, 7]);
    expectClose(a.value, b.value, 1e-6);
    expectClose(a.grad, b.grad, 1e-5);
    tf.dispose([p, yTrue, w]);
  });

  test('a mismatched number of targets is an error that gives both shapes', () => {
    const p = tf.ones([2, 3, 4]);
    const yTrue = tf.zeros([2, 4, 1]);
    expect(() => sparseCategoricalCrossentropy(yTrue, p)).toThrow(/8 targets \(shape \[2,4,1\]\) for 6 predictions \(shape \[2,3,4\]\)/);
    tf.dispose([p, yTrue]);
  });

  test('leaves no tensor behind', () => {
    const p = tf.softmax(tf.randomNormal([3, 5]));
    const yTrue = tf.tensor2d([[1], [0], [4]]);
    const before = tf.memory().numTensors;
    tf.dispose(tf.grad((q: tf.Tensor) => tf.sum(sparseCategoricalCrossentropy(yTrue, q)))(p));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([p, yTrue]);
  });
});

describe('useFusedLoss', () => {
  const config = { vocabSize: 9, embeddingDim: 4, hiddenSize: 8, lr: 1e-2, seed: 3 };
  const x = () => tf.randomUniform([6, 5], 0, 9, 'int32', 8);
  const y = () => tf.randomUniform([6, 5, 1], 0, 9, 'int32', 9).toFloat();

  test('languageModel uses it, and training with it equals training with tf.layers\' loss', async () => {
    const fused = languageModel(config);
    const plain = languageModel(config);
    expect(lossFunctionsOf(fused)[0]).toBe(sparseCategoricalCrossentropy);
    lossFunctionsOf(plain)[0] = tfLayersSparseLoss(); // back to tf.layers' own
    const [xs, ys] = [x(), y()];
    for (let i = 0; i < 5; i++) {
      const [a, b] = [await fused.trainOnBatch(xs, ys), await plain.trainOnBatch(xs, ys)] as number[];
      expect(Math.abs(a - b)).toBeLessThan(1e-5);
    }
    const [wa, wb] = [fused.getWeights(), plain.getWeights()];
    wa.forEach((w, i) => expect(tf.max(tf.abs(tf.sub(w, wb[i]))).dataSync()[0]).toBeLessThan(1e-5));
    tf.dispose([xs, ys]);
    fused.dispose();
    plain.dispose();
  });

  test('a saved model keeps tf.layers\' loss name and gets the fused loss back when loaded', async () => {
    const m = languageModel(config);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-loss-'));
    await saveModel(m, dir);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(json.trainingConfig.loss).toBe('sparse_categorical_crossentropy');
    const loaded = await loadModel(dir);
    expect(lossFunctionsOf(loaded)[0]).toBe(sparseCategoricalCrossentropy);
    m.dispose();
    loaded.dispose();
  });

  test('leaves other losses alone', () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    expect(useFusedLoss(m)).toBe(false);
    m.dispose();
  });
});
