// Saving/loading on disk (any backend), and the training loop: stop, divergence, resume, memory.
import * as tf from '@tensorflow/tfjs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { initBackend, loadModel, saveModel, trainModel, resumeTraining, epochPermutation, trainingProgress, lastTrainResult } from 'seqmodels/internals';

// fs with a renameSync the crash test can make fail (the library sees the same module).
jest.mock('fs', () => {
  const real = jest.requireActual('fs');
  return { ...real, renameSync: jest.fn((a: string, b: string) => real.renameSync(a, b)) };
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'course-train-'));

function makeModel(lr = 0.05): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.gru({ units: 6, inputShape: [5, 3], recurrentActivation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), recurrentInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  m.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  m.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return m;
}

function data(n = 40) {
  // y = mean of the first feature over time: learnable, deterministic.
  const xs = Array.from({ length: n }, (_, i) => Array.from({ length: 5 }, (_, t) => [Math.sin(i + t), Math.cos(i * t), ((i * 7 + t) % 5) / 5]));
  const ys = xs.map((s) => [s.reduce((a, r) => a + r[0], 0) / 5]);
  return { x: tf.tensor3d(xs), y: tf.tensor2d(ys) };
}

const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('saving and loading', () => {
  test('round trip keeps predictions; the folder holds model.json and one weights file', async () => {
    const dir = tmp();
    const m = makeModel();
    const { x } = data(4);
    await saveModel(m, dir);
    await saveModel(m, dir); // saving twice leaves one weights file
    expect(fs.readdirSync(dir).sort()).toEqual(['model.json', expect.stringMatching(/^weights-[0-9a-f]{16}\.bin$/)]);
    const back = await loadModel(dir);
    const a = (m.predict(x) as tf.Tensor).dataSync();
    const b = (back.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  test('file:// URLs work on the active backend', async () => {
    const dir = tmp();
    const m = makeModel();
    await m.save(`file://${dir}`);
    const back = await tf.loadLayersModel(`file://${dir}/model.json`);
    expect(weightsOf(back)).toEqual(weightsOf(m));
  });

  test.each([
    ['model.json cut in half', (d: string) => { const f = path.join(d, 'model.json'); const s = fs.readFileSync(f, 'utf8'); fs.writeFileSync(f, s.slice(0, s.length >> 1)); }, /model\.json: is not valid JSON.*truncated/],
    ['weights truncated', (d: string) => { const f = fs.readdirSync(d).find((n) => n.endsWith('.bin'))!; fs.truncateSync(path.join(d, f), 10); }, /weights-.*\.bin: holds 10 bytes but model\.json describes \d+ bytes/],
    ['weights missing', (d: string) => { const f = fs.readdirSync(d).find((n) => n.endsWith('.bin'))!; fs.rmSync(path.join(d, f)); }, /weights-.*\.bin: missing/],
    ['nothing saved', (d: string) => fs.rmSync(path.join(d, 'model.json')), /model\.json: not found/],
  ])('a broken save (%s) fails with the file and the problem', async (_, breakIt, message) => {
    const dir = tmp();
    await saveModel(makeModel(), dir);
    breakIt(dir);
    await expect(loadModel(dir)).rejects.toThrow(message);
  });

  test('a crash during a save leaves the previous model loadable', async () => {
    const dir = tmp();
    const m = makeModel();
    await saveModel(m, dir);
    const before = weightsOf(m);
    m.setWeights(m.getWeights().map((w) => w.add(1)));
    const real = jest.requireActual('fs');
    (fs.renameSync as jest.Mock).mockImplementation((a: string, b: string) => {
      if (String(b).endsWith('model.json')) throw new Error('simulated crash');
      return real.renameSync(a, b);
    });
    try {
      await expect(saveModel(m, dir)).rejects.toThrow('simulated crash');
    } finally {
      (fs.renameSync as jest.Mock).mockImplementation((a: string, b: string) => real.renameSync(a, b));
    }
    expect(weightsOf(await loadModel(dir))).toEqual(before);
  });
});

describe('trainModel', () => {
  test('learns, reports each batch and epoch, and does not leak tensors', async () => {
    const m = makeModel();
    const { x, y } = data();
    const counts: number[] = [];
    let batches = 0;
    const r = await trainModel(m, x, y, {
      epochs: 6,
      batchSize: 8,
      callbacks: { onBatchEnd: () => void batches++, onEpochEnd: () => void counts.push(tf.memory().numTensors) },
    });
    expect(r.stopped).toBe('completed');
    expect(batches).toBe(6 * 5);
    expect(r.history.loss).toHaveLength(6);
    expect(r.history.loss[5]).toBeLessThan(r.history.loss[0]);
    expect(new Set(counts.slice(1)).size).toBe(1); // constant after the first epoch (optimizer slots)
  });

  test('drives the live progress display (the same callbacks as model.fit)', async () => {
    const m = makeModel();
    const { x, y } = data();
    const progress = trainingProgress({ epochs: 2, view: 'none' });
    const r = await trainModel(m, x, y, { epochs: 2, batchSize: 8, callbacks: progress });
    const snap = progress.snapshot() as any;
    expect(snap.epoch + 1).toBe(2);
    expect(lastTrainResult()).toBe(r);
  });

  test('stops between batches on an abort signal and keeps the history', async () => {
    const m = makeModel();
    const { x, y } = data();
    const ac = new AbortController();
    const r = await trainModel(m, x, y, {
      epochs: 5,
      batchSize: 8,
      signal: ac.signal,
      callbacks: { onBatchEnd: (b) => { if (b === 2) ac.abort(); } },
    });
    expect(r.stopped).toBe('aborted');
    expect(r.epochsDone).toBe(0);
    expect(r.message).toMatch(/epoch 1 \(after 3 of 5 batches\)/);
  });

  test('a diverging loss stops training, restores the last good weights and suggests a fix', async () => {
    const m = makeModel(1e9);
    const { x, y } = data();
    const y2 = y.mul(1e20);
    const r = await trainModel(m, x, y2, { epochs: 5, batchSize: 8 });
    expect(r.stopped).toBe('diverged');
    expect(r.message).toMatch(/lower learning rate or gradient clipping/);
    for (const w of weightsOf(m)) expect(w.every(Number.isFinite)).toBe(true);
  });

  test('resuming from a checkpoint continues exactly as an uninterrupted run', async () => {
    const { x, y } = data();
    const straight = makeModel();
    const full = await trainModel(straight, x, y, { epochs: 4, batchSize: 8, seed: 7 });

    const dir = tmp();
    const first = makeModel();
    await trainModel(first, x, y, { epochs: 2, batchSize: 8, seed: 7, checkpoint: { dir } });
    const { model: resumed, result } = await resumeTraining(x, y, { epochs: 4, batchSize: 8, checkpoint: { dir } });
    expect(result.epochsDone).toBe(4);
    expect(result.history.loss).toEqual(full.history.loss);
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
  });

  test('keeps the best model by validation loss', async () => {
    const { x, y } = data();
    const dir = tmp();
    const m = makeModel();
    const r = await trainModel(m, x, y, { epochs: 3, batchSize: 8, validationData: [x, y], checkpoint: { dir } });
    expect(r.history.val_loss).toHaveLength(3);
    const best = await loadModel(path.join(dir, 'best'));
    const ev = best.evaluate(x, y) as tf.Scalar;
    expect(ev.dataSync()[0]).toBeCloseTo(Math.min(...r.history.val_loss), 5);
  });

  test.each([
    [{ epochs: 0, batchSize: 8 }, /epochs must be a positive integer, got 0/],
    [{ epochs: 2, batchSize: -1 }, /batchSize must be a positive integer, got -1/],
  ])('bad config %j is refused clearly', async (cfg, message) => {
    const { x, y } = data();
    await expect(trainModel(makeModel(), x, y, cfg)).rejects.toThrow(message);
  });

  test('mismatched x and y are refused with both shapes', async () => {
    const { x } = data(10);
    await expect(trainModel(makeModel(), x, tf.zeros([9, 1]), { epochs: 1, batchSize: 4 })).rejects.toThrow(/y\[0\] has 9 examples, expected 10/);
  });

  test('an uncompiled model is refused', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    await expect(trainModel(m, tf.zeros([2, 2]), tf.zeros([2, 1]), { epochs: 1, batchSize: 1 })).rejects.toThrow(/not compiled/);
  });
});

test('epoch permutations depend only on seed and epoch', () => {
  expect(Array.from(epochPermutation(10, 3, 1))).toEqual(Array.from(epochPermutation(10, 3, 1)));
  expect(Array.from(epochPermutation(10, 3, 1))).not.toEqual(Array.from(epochPermutation(10, 3, 2)));
  expect(Array.from(epochPermutation(10, 3, 1)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});
