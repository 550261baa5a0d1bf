// trainModel as the one training loop: the per-epoch score, the learning-rate schedule, the target,
// the time budget's state, the accounting, and the progress display as a set of its callbacks.
import * as tf from '@tensorflow/tfjs';
import { initBackend, trainModel, trainingProgress, TrainCallbacks, TrainingProgress } from 'seqmodels/internals';

function makeModel(lr = 0.05): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  m.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  m.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return m;
}

const data = (n = 24) => {
  const xs = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(i), (i % 5) / 5]);
  return { x: tf.tensor2d(xs), y: tf.tensor2d(xs.map((r) => [r[0] - r[2]])) };
};

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

test('the score goes into the logs before the callbacks and into the history; its time is not training time', async () => {
  const m = makeModel();
  const { x, y } = data();
  const seen: number[] = [];
  let calls = 0;
  const run = await trainModel(m, x, y, {
    epochs: 3, batchSize: 8,
    evaluate: async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 150)); // a slow evaluation
      return calls / 10;
    },
    scoreName: 'val_quality',
    callbacks: { onEpochEnd: (_e, logs) => void seen.push(logs.val_quality) },
  });
  expect(seen).toEqual([0.1, 0.2, 0.3]);
  expect(run.history.val_quality).toEqual([0.1, 0.2, 0.3]);
  expect(run.trainingSeconds).toHaveLength(3);
  // three evaluations of 150 ms each are in the wall time but not in the training time
  expect(run.seconds - run.trainingSeconds[2]).toBeGreaterThanOrEqual(0.4);
  expect(run.tensorsAtEpochEnd).toHaveLength(3);
  expect(new Set(run.tensorsAtEpochEnd).size).toBe(1);
  tf.dispose([x, y]);
  m.dispose();
});

test('the default score name is val_score', async () => {
  const m = makeModel();
  const { x, y } = data();
  const run = await trainModel(m, x, y, { epochs: 2, batchSize: 8, evaluate: () => 0.5 });
  expect(run.history.val_score).toEqual([0.5, 0.5]);
  tf.dispose([x, y]);
  m.dispose();
});

test('lrSchedule sets the learning rate before each epoch', async () => {
  const m = makeModel();
  const { x, y } = data();
  const lrs: number[] = [];
  const opt = m.optimizer as unknown as { learningRate: number };
  await trainModel(m, x, y, {
    epochs: 3, batchSize: 8, lrSchedule: (epoch) => 0.01 * 0.5 ** epoch,
    callbacks: { onBatchBegin: (b) => void (b === 0 && lrs.push(opt.learningRate)) },
  });
  expect(lrs).toEqual([0.01, 0.005, 0.0025]);
  tf.dispose([x, y]);
  m.dispose();
});

test('target stops after the epoch whose score reaches it', async () => {
  const m = makeModel();
  const { x, y } = data();
  let epoch = 0;
  const run = await trainModel(m, x, y, { epochs: 10, batchSize: 8, evaluate: () => ++epoch / 4, target: 0.5 });
  expect(run.stopped).toBe('targetReached');
  expect(run.epochsDone).toBe(2);
  expect(run.message).toMatch(/val_score reached 0.5 \(target 0.5\) after epoch 2/);
  await expect(trainModel(m, x, y, { epochs: 1, batchSize: 8, target: 1 })).rejects.toThrow(/target needs evaluate/);
  await expect(trainModel(m, x, y, { epochs: 1, batchSize: 8, minutes: -1 })).rejects.toThrow(/minutes .* must be a number >= 0, got -1/);
  tf.dispose([x, y]);
  m.dispose();
});

test('a progress display is a set of training callbacks: it learns epochs and batches from onTrainBegin', async () => {
  const m = makeModel();
  const { x, y } = data();
  const progress: TrainingProgress = trainingProgress({ view: 'none' });
  const asCallbacks: TrainCallbacks = progress; // the display implements the loop's callback type
  await trainModel(m, x, y, { epochs: 2, batchSize: 8, callbacks: asCallbacks });
  const s = progress.snapshot();
  expect(progress.tracker.epochs).toBe(2);
  expect(progress.tracker.batchesPerEpoch).toBe(3);
  expect(s.done).toBe(true);
  tf.dispose([x, y]);
  m.dispose();
});
