/**
 * earlyStopping: stops after `patience` epochs without improvement and puts back the best
 * epoch's weights, in trainModel and in model.fit; options are checked.
 */
import * as tf from '@tensorflow/tfjs';
import { earlyStopping, initBackend, trainModel } from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

function tiny(): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
  m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return m;
}

test('driven by hand: stops at the patience-th epoch without improvement and restores the best weights', () => {
  const model = tiny();
  const stop = earlyStopping(model, { patience: 2 });
  stop.onTrainBegin!();
  const vals = [1.0, 0.8, 0.9, 0.85, 0.7];
  const weightsAt: number[] = [];
  for (let e = 0; e < vals.length && !model.stopTraining; e++) {
    model.setWeights([tf.tensor2d([[e], [e]]), tf.tensor1d([e])]); // the weights "after" epoch e
    weightsAt.push(e);
    stop.onEpochEnd!(e, { loss: 0, val_loss: vals[e] });
  }
  expect(stop.stoppedEpoch).toBe(3); // epochs 2 and 3 did not beat 0.8
  expect(stop.bestEpoch).toBe(1);
  expect(stop.bestValue).toBe(0.8);
  stop.onTrainEnd!();
  expect(stop.restored).toBe(true);
  expect(Array.from(model.getWeights()[1].dataSync())).toEqual([1]);
});

test('mode max for accuracies, minDelta', () => {
  const model = tiny();
  const stop = earlyStopping(model, { monitor: 'val_acc', patience: 1, minDelta: 0.05 });
  stop.onTrainBegin!();
  stop.onEpochEnd!(0, { loss: 1, val_acc: 0.5 });
  stop.onEpochEnd!(1, { loss: 1, val_acc: 0.52 }); // not more than minDelta better
  expect(stop.stoppedEpoch).toBe(1);
  expect(stop.bestEpoch).toBe(0);
});

test('a missing figure and bad options are reported', () => {
  const model = tiny();
  const stop = earlyStopping(model);
  expect(() => stop.onEpochEnd!(0, { loss: 1 })).toThrow(/no 'val_loss' \(they have: loss\); pass validation data/);
  expect(() => earlyStopping(model, { patience: 0 })).toThrow(/patience must be a positive integer/);
  expect(() => earlyStopping(model, { mode: 'up' as never })).toThrow(/mode must be 'min' or 'max'/);
  expect(() => earlyStopping(null as never)).toThrow(/expected the tf.LayersModel/);
});

/** Memorising noise: the training loss falls, the loss on fresh noise rises. */
function noiseTask() {
  const x = tf.randomNormal([24, 2, 3], 0, 1, 'float32', 1);
  const y = tf.randomNormal([24, 1], 0, 1, 'float32', 2);
  const vx = tf.randomNormal([64, 2, 3], 0, 1, 'float32', 3);
  const vy = tf.randomNormal([64, 1], 0, 1, 'float32', 4);
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [2, 3] }), tf.layers.dense({ units: 64, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }), tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) })],
  });
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
  return { x, y, vx, vy, model };
}

test('in trainModel: an overfitting run stops early, and the model ends with its best validation loss', async () => {
  const { x, y, vx, vy, model } = noiseTask();
  const stop = earlyStopping(model, { patience: 3 });
  const r = await trainModel(model, x, y, { epochs: 200, batchSize: 8, validationData: [vx, vy], callbacks: stop, stopOnInterrupt: false });
  const val = r.history.val_loss;
  expect(r.epochsDone).toBeLessThan(200);
  expect(r.message).toMatch(/a callback stopped training/);
  expect(stop.stoppedEpoch).toBe(r.epochsDone - 1);
  expect(stop.bestEpoch).toBe(val.indexOf(Math.min(...val)));
  const now = (model.evaluate(vx, vy) as tf.Scalar).dataSync()[0];
  expect(Math.abs(now - Math.min(...val))).toBeLessThan(1e-5);
  // And a second run with the same callback starts afresh.
  const r2 = await trainModel(model, x, y, { epochs: 2, batchSize: 8, validationData: [vx, vy], callbacks: stop, stopOnInterrupt: false });
  expect(r2.epochsDone).toBe(2);
});

test('in model.fit', async () => {
  const { x, y, vx, vy, model } = noiseTask();
  const stop = earlyStopping(model, { patience: 3 });
  const h = await model.fit(x, y, { epochs: 200, batchSize: 8, validationData: [vx, vy], callbacks: stop as tf.CustomCallbackArgs, verbose: 0 });
  const val = h.history.val_loss as number[];
  expect(val.length).toBeLessThan(200);
  const now = (model.evaluate(vx, vy) as tf.Scalar).dataSync()[0];
  expect(Math.abs(now - Math.min(...val))).toBeLessThan(1e-5);
});
