// Training that must not report success on a broken run (issue 22, class 4) and tensor counts
// that stay flat across checkpoints, save/load/resume and dispose cycles (class 7).
import * as tf from '@tensorflow/tfjs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { disposeModel, lastTrainResult, loadModel, resumeTraining, saveModel, trainModel } from 'seqmodels/internals';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'seqmodels-robust-train-'));
const regression = () => {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: 'tanh' }), tf.layers.dense({ units: 1 })] });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return m;
};
const languageModel = (vocab = 5) => {
  const m = tf.sequential({ layers: [tf.layers.embedding({ inputDim: vocab, outputDim: 4, inputLength: 3 }), tf.layers.dense({ units: vocab, activation: 'softmax' })] });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
  return m;
};
const data = (n = 16) => ({ x: tf.randomNormal([n, 3], 0, 1, 'float32', 1), y: tf.randomNormal([n, 1], 0, 1, 'float32', 2) });
/** A copy of `t` with `value` at flat position `at`. */
const poke = (t: tf.Tensor, at: number, value: number) => {
  const v = t.dataSync().slice();
  v[at] = value;
  return tf.tensor(v, t.shape, t.dtype);
};
const base = { epochs: 2, batchSize: 4, stopOnInterrupt: false } as const;

describe('bad inputs and targets are named before training, with their position', () => {
  const rows: [string, () => [tf.Tensor, tf.Tensor, Record<string, unknown>?], RegExp][] = [
    ['NaN in x', () => { const { x, y } = data(); return [poke(x, 7, NaN), y]; }, /x\[0\] holds NaN at \[2,1\] \(shape \[16,3\]\): the inputs must be finite/],
    ['Infinity in x', () => { const { x, y } = data(); return [poke(x, 0, Infinity), y]; }, /x\[0\] holds Infinity at \[0,0\]/],
    ['-Infinity in x, last element', () => { const { x, y } = data(); return [poke(x, 47, -Infinity), y]; }, /x\[0\] holds -Infinity at \[15,2\]/],
    ['NaN in y', () => { const { x, y } = data(); return [x, poke(y, 5, NaN)]; }, /y\[0\] holds NaN at \[5,0\] \(shape \[16,1\]\): the targets must be finite/],
    ['NaN in validation x', () => { const { x, y } = data(); const v = data(8); return [x, y, { validationData: [poke(v.x, 4, NaN), v.y] }]; }, /validationData x\[0\] holds NaN at \[1,1\]/],
    ['NaN in validation y', () => { const { x, y } = data(); const v = data(8); return [x, y, { validationData: [v.x, poke(v.y, 3, NaN)] }]; }, /validationData y\[0\] holds NaN at \[3,0\]/],
    ['validation data not a pair', () => { const { x, y } = data(); return [x, y, { validationData: [x] }]; }, /validationData must be a pair \[x, y\], got 1 items/],
    ['validation y of another length', () => { const { x, y } = data(); return [x, y, { validationData: [data(8).x, data(6).y] }]; }, /validationData y\[0\] has 6 examples, expected 8/],
    ['a disposed x', () => { const { x, y } = data(); x.dispose(); return [x, y]; }, /x\[0\] \(shape \[16,3\]\) has been disposed/],
    ['a disposed y', () => { const { x, y } = data(); y.dispose(); return [x, y]; }, /y\[0\] \(shape \[16,1\]\) has been disposed/],
    ['x that is not a tensor', () => [[[1, 2, 3]] as unknown as tf.Tensor, data().y], /x\[0\] must be a tf\.Tensor, got an array/],
  ];
  test.each(rows)('%s', async (_name, make, message) => {
    const [x, y, extra] = make();
    const m = regression();
    const err = await trainModel(m, x, y, { ...base, ...extra }).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/learning rate/);
    disposeModel(m);
  });

  const lmRows: [string, number[], RegExp][] = [
    ['a target equal to the vocabulary size', [0, 1, 5], /y\[0\] holds 5 at \[3,2,0\].*class ids 0\.\.4/],
    ['a negative target', [0, -1, 2], /y\[0\] holds -1 at/],
    ['a fractional target', [0, 2.5, 1], /y\[0\] holds 2\.5 at/],
    ['a NaN target', [NaN, 0, 1], /y\[0\] holds NaN at \[3,0,0\]/],
    ['a huge target', [0, 1, 1e9], /holds 1000000000 at/],
  ];
  test.each(lmRows)('language model: %s', async (_name, bad, message) => {
    const m = languageModel(5);
    const x = tf.tensor2d([[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 0]], undefined, 'int32');
    const y = tf.tensor3d([[[1], [2], [3]], [[2], [3], [4]], [[3], [4], [0]], bad.map((v) => [v])], [4, 3, 1]);
    await expect(trainModel(m, x, y, base)).rejects.toThrow(message);
    disposeModel(m);
  });

  test('valid language-model targets (ids 0..vocab-1, float or int32) train', async () => {
    const m = languageModel(5);
    const x = tf.tensor2d([[0, 1, 2], [1, 2, 3]], undefined, 'int32');
    const r = await trainModel(m, x, tf.tensor3d([[[1], [2], [4]], [[2], [3], [0]]]), base);
    expect(r.stopped).toBe('completed');
    disposeModel(m);
  });
});

describe('options are checked: the error names the option, the value and the rule', () => {
  const { x, y } = data();
  const rows: [string, Record<string, unknown>, RegExp][] = [
    ['NaN seed', { seed: NaN }, /seed must be an integer .*got NaN/],
    ['fractional seed', { seed: 1.5 }, /seed must be an integer .*got 1\.5/],
    ['Infinity seed', { seed: Infinity }, /seed .* got Infinity/],
    ['every 0', { checkpoint: { dir: '/tmp/x', every: 0 } }, /checkpoint\.every must be a positive integer .*got 0/],
    ['every -1', { checkpoint: { dir: '/tmp/x', every: -1 } }, /checkpoint\.every .* got -1/],
    ['every 1.5', { checkpoint: { dir: '/tmp/x', every: 1.5 } }, /checkpoint\.every .* got 1\.5/],
    ['every NaN', { checkpoint: { dir: '/tmp/x', every: NaN } }, /checkpoint\.every .* got NaN/],
    ['empty checkpoint dir', { checkpoint: { dir: '' } }, /checkpoint\.dir must be a folder path, got ""/],
    ['keepBest "yes"', { checkpoint: { dir: '/tmp/x', keepBest: 'yes' } }, /keepBest must be true or false/],
    ['shuffle "no"', { shuffle: 'no' }, /shuffle must be true or false, got "no"/],
    ['initialEpoch past epochs', { initialEpoch: 3 }, /initialEpoch must be an integer from 0 to epochs \(2\), got 3/],
    ['epochs NaN', { epochs: NaN }, /epochs must be a positive integer, got NaN/],
    ['batchSize Infinity', { batchSize: Infinity }, /batchSize must be a positive integer, got Infinity/],
    ['signal not a signal', { signal: 'stop' }, /signal must be an AbortSignal/],
  ];
  test.each(rows)('%s', async (_name, change, message) => {
    const m = regression();
    await expect(trainModel(m, x, y, { ...base, ...change } as never)).rejects.toThrow(message);
    disposeModel(m);
  });
});

describe('weights are checked finite before they are kept', () => {
  // The last batch of epoch 2 leaves a weight at -Infinity while its loss was finite.
  test.each([-Infinity, Infinity, NaN])('a weight set to %p by the last batch: diverged, earlier weights restored and checkpointed', async (bad) => {
    const dir = tmp();
    const m = regression();
    const { x, y } = data();
    let afterEpoch1: number[] = [];
    const r = await trainModel(m, x, y, {
      ...base,
      epochs: 4,
      checkpoint: { dir },
      callbacks: {
        onEpochEnd: (epoch) => {
          if (epoch === 0) afterEpoch1 = m.getWeights().flatMap((w) => Array.from(w.dataSync()));
        },
        onBatchEnd: (batch) => {
          if (lastTrainResult()!.epochsDone === 1 && batch === 3) {
            const w = m.getWeights();
            m.setWeights([poke(w[0], 0, bad), ...w.slice(1)]);
          }
        },
      },
    });
    expect(r.stopped).toBe('diverged');
    expect(r.epochsDone).toBe(1);
    expect(r.message).toMatch(/some weights became NaN or infinite at the end of epoch 2/);
    expect(m.getWeights().flatMap((w) => Array.from(w.dataSync()))).toEqual(afterEpoch1);
    const saved = await loadModel(path.join(dir, 'last'));
    expect(saved.getWeights().every((w) => w.dataSync().every(Number.isFinite))).toBe(true);
    disposeModel(saved);
    disposeModel(m);
  });
});

describe('a throwing callback ends the run as "failed", with the cause', () => {
  const hooks = ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd'] as const;
  test.each(hooks)('%s throws', async (hook) => {
    const m = regression();
    const { x, y } = data();
    const boom = new Error(`chart failed in ${hook}`);
    await m.trainOnBatch(x, y); // Adam makes its state at the first step: counted before
    const before = tf.memory().numTensors;
    const err = await trainModel(m, x, y, { ...base, callbacks: { [hook]: () => { throw boom; } } }).catch((e) => e);
    expect(err).toBe(boom);
    expect(lastTrainResult()).toMatchObject({ stopped: 'failed', error: boom });
    expect(lastTrainResult()!.message).toMatch(new RegExp(`training failed during epoch 1: chart failed in ${hook}`));
    expect(tf.memory().numTensors).toBe(before); // the "last good" copy was freed
    disposeModel(m);
  });
  test('an async callback that rejects', async () => {
    const m = regression();
    const { x, y } = data();
    const err = await trainModel(m, x, y, { ...base, callbacks: { onEpochEnd: async () => Promise.reject(new Error('later')) } }).catch((e) => e);
    expect(err.message).toBe('later');
    expect(lastTrainResult()!.stopped).toBe('failed');
    expect(lastTrainResult()!.epochsDone).toBe(1);
    disposeModel(m);
  });
});

describe('tensor counts stay flat (class 7)', () => {
  test('across epochs with a checkpoint every epoch and best/', async () => {
    const m = regression();
    const { x, y } = data();
    const v = data(8);
    const counts: number[] = [];
    await trainModel(m, x, y, {
      ...base,
      epochs: 6,
      validationData: [v.x, v.y],
      checkpoint: { dir: tmp() },
      callbacks: { onEpochEnd: () => void counts.push(tf.memory().numTensors) },
    });
    expect(new Set(counts.slice(1)).size).toBe(1);
    disposeModel(m);
  });

  test.each([
    ['saveModel + loadModel + model.dispose()', async (dir: string) => (await loadModel(dir)).dispose()],
    ['saveModel + loadModel + disposeModel', async (dir: string) => disposeModel(await loadModel(dir))],
    ['loadModel + a training step + model.dispose()', async (dir: string) => {
      const m = await loadModel(dir);
      const [x, y] = [tf.ones([2, 3]), tf.ones([2, 1])];
      await m.trainOnBatch(x, y);
      tf.dispose([x, y]);
      m.dispose();
    }],
    ['a failed load (weights of the wrong size)', async (dir: string) => {
      const other = tmp();
      const big = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [3] }), tf.layers.dense({ units: 1 })] });
      big.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
      await saveModel(big, other);
      disposeModel(big);
      fs.copyFileSync(path.join(other, 'model.json'), path.join(dir, 'model.json'));
      await expect(loadModel(dir)).rejects.toThrow();
      fs.rmSync(dir, { recursive: true });
    }],
  ])('%s, five times', async (_name, cycle) => {
    const m = regression();
    const { x, y } = data();
    await trainModel(m, x, y, base);
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const dir = tmp();
      await saveModel(m, dir);
      await cycle(dir);
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    disposeModel(m);
  });

  test('resumeTraining + model.dispose(), three times', async () => {
    const dir = tmp();
    const m = regression();
    const { x, y } = data();
    await trainModel(m, x, y, { ...base, checkpoint: { dir } });
    disposeModel(m);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { model } = await resumeTraining(x, y, { ...base, epochs: 3 + i, checkpoint: { dir } });
      model.dispose();
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
  });
});
