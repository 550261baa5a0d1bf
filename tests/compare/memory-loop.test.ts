/** trainMemoryModel is trainModel configured for the from-scratch MemoryModel (a Trainable). */
import * as tf from '@tensorflow/tfjs';
import { initBackend, MemoryModel, trainMemoryModel, trainModel, Trainable, TrainCallbacks } from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

const make = (lr?: number) => new MemoryModel({ cell: 'gru', lag: 3, hiddenSize: 8, symbols: 4, seed: 5, ...(lr ? { lr } : {}) });
const weights = (m: MemoryModel) => m.parameters().map((a) => Array.from(a));

test('two runs of 5 steps equal one run of 10 (the batch stream continues); the callbacks see one epoch of maxSteps batches', async () => {
  const a = make(), b = make();
  await trainMemoryModel(a, { maxSteps: 5 });
  await trainMemoryModel(a, { maxSteps: 5 });
  const seen: string[] = [];
  const spy: TrainCallbacks = {
    onTrainBegin: (info) => void seen.push(`begin ${info?.epochs}x${info?.batchesPerEpoch}`),
    onEpochEnd: (epoch, logs) => void seen.push(`epoch ${epoch} ${Number.isFinite(logs.loss)}`),
  };
  const r = await trainMemoryModel(b, { maxSteps: 10, callbacks: spy });
  expect(r).toMatchObject({ steps: 10, stopped: 'completed' });
  expect(a.steps).toBe(10);
  expect(weights(a)).toEqual(weights(b));
  expect(seen).toEqual(['begin 1x10', 'epoch 0 true']);
  a.release();
  b.release();
});

test('onProgress every reportEvery steps with the smoothed loss; the target loss and the time budget stop it', async () => {
  const m = make();
  const steps: number[] = [];
  const r = await trainMemoryModel(m, { maxSteps: 12, reportEvery: 4, onProgress: (p) => void steps.push(p.step) });
  expect(steps).toEqual([4, 8, 12]);
  expect(r.loss).toBeGreaterThan(0);
  const t = await trainMemoryModel(m, { maxSteps: 50, targetLoss: 100 }); // any loss is below 100: stops after the first step
  expect([t.steps, t.stopped]).toEqual([1, 'aborted']);
  const b = await trainMemoryModel(m, { maxSteps: 100_000, budgetMs: 50 });
  expect(b.stopped).toBe('outOfTime');
  expect(b.steps).toBeLessThan(100_000);
  m.release();
});

test('a non-finite loss restores the weights from before the epoch (the loop\'s divergence guard)', async () => {
  const m = make();
  const before = weights(m);
  const real = m.trainStep.bind(m);
  let calls = 0;
  m.trainStep = (i?: number) => (++calls === 3 ? NaN : real(i)); // the third step's loss is not finite
  const r = await trainMemoryModel(m, { maxSteps: 5 });
  expect(r.stopped).toBe('diverged');
  expect(weights(m)).toEqual(before);
  m.release();
});

test('maxSteps is required; options that need a tf.LayersModel are refused for other Trainables', async () => {
  const m = make();
  await expect(trainMemoryModel(m, { budgetMs: 10 } as never)).rejects.toThrow(/maxSteps .* must be a positive integer, got undefined/);
  const x = tf.tensor2d([[0]], [1, 1], 'int32');
  const trainable: Trainable = { trainOnExamples: async () => 1, getWeights: () => [], setWeights: () => undefined };
  await expect(trainModel(trainable, x, x, { epochs: 1, batchSize: 1, validationData: [x, x] })).rejects.toThrow(/validationData needs a tf.LayersModel/);
  await expect(trainModel(trainable, x, x, { epochs: 1, batchSize: 1, lrSchedule: () => 0.1 })).rejects.toThrow(/lrSchedule needs a tf.LayersModel/);
  const r = await trainModel(trainable, x, x, { epochs: 2, batchSize: 1 });
  expect([r.stopped, r.history.loss]).toEqual(['completed', [1, 1]]);
  await expect(trainModel({ getWeights: () => [], setWeights: () => undefined } as never, x, x, { epochs: 1, batchSize: 1 })).rejects.toThrow(/trainOnBatch or trainOnExamples/);
  x.dispose();
  m.release();
});
