/**
 * earlyStopping, the library's one early-stopping mechanism: it watches a figure of the epoch logs,
 * stops `patience` epochs after the last improvement and puts back the best epoch's weights, in
 * trainModel and in tf.layers' model.fit alike. One table of scripted figures runs through both
 * loops; options are checked.
 */
import * as tf from '@tensorflow/tfjs';
import { earlyStopping, initBackend, trainModel } from 'seqmodels';
import type { TrainCallbacks } from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

function tiny(): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
  m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return m;
}

const flatWeights = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

/**
 * A callback, placed before earlyStopping, that writes the scripted figure of each epoch into the
 * logs as `val_score` and records the weights the model had at that epoch's end.
 */
function script(model: tf.LayersModel, values: number[]) {
  const weightsAt: number[][] = [];
  const cb: TrainCallbacks = {
    onEpochEnd(epoch, logs) {
      logs!.val_score = values[epoch];
      weightsAt.push(flatWeights(model));
    },
  };
  return { cb, weightsAt };
}

type Row = [
  string, // what the row shows
  { mode: 'min' | 'max'; patience: number; minDelta?: number; restoreBestWeights?: boolean },
  number[], // the figure at the end of each epoch (epochs = its length)
  number | null, // stoppedEpoch (from 0): where patience ran out
  number, // bestEpoch (from 0; -1: no epoch improved)
  boolean, // restored
];

const rows: Row[] = [
  ['min: stops at the patience-th epoch without improvement', { mode: 'min', patience: 2 }, [1.0, 0.8, 0.9, 0.85, 0.7], 3, 1, true],
  ['max: the same for a score', { mode: 'max', patience: 2 }, [0.1, 0.5, 0.4, 0.3, 0.2, 0.9], 3, 1, true],
  ['an improvement restarts the count; patience runs out at the cap', { mode: 'max', patience: 2 }, [0.1, 0.5, 0.4, 0.6, 0.5, 0.55], 5, 3, true],
  ['max, ties: an equal score is no improvement, the earlier epoch stays best', { mode: 'max', patience: 1 }, [0.3, 0.3, 0.3, 0.3], 1, 0, true],
  ['min, ties', { mode: 'min', patience: 2 }, [0.5, 0.4, 0.4, 0.4, 0.3], 3, 1, true],
  ['never improves after the first epoch: the first epoch is the best', { mode: 'min', patience: 3 }, [0.5, 0.6, 0.7, 0.8, 0.9, 1.0], 3, 0, true],
  ['NaN is never an improvement and counts towards patience', { mode: 'min', patience: 2 }, [NaN, 0.5, NaN, NaN, 0.1], 3, 1, true],
  ['every value NaN: stops, no epoch was best, nothing is put back', { mode: 'max', patience: 2 }, [NaN, NaN, NaN, NaN], 1, -1, false],
  ['patience 0: stops at the first epoch without improvement', { mode: 'min', patience: 0 }, [1.0, 0.9, 0.95, 0.5], 2, 1, true],
  ['patience 1: the same as 0', { mode: 'min', patience: 1 }, [1.0, 0.9, 0.95, 0.5], 2, 1, true],
  ['minDelta: an improvement must exceed it', { mode: 'max', patience: 1, minDelta: 0.05 }, [0.5, 0.52, 0.6], 1, 0, true],
  ['the last epoch is the best: nothing to put back', { mode: 'min', patience: 2 }, [1.0, 0.9, 0.8], null, 2, false],
  ['restoreBestWeights false: stops, keeps the last weights', { mode: 'min', patience: 1, restoreBestWeights: false }, [1.0, 2.0, 0.5], 1, 0, false],
];

describe.each(['trainModel', 'model.fit'] as const)('in %s', (loop) => {
  test.each(rows)('%s', async (_what, options, values, stoppedEpoch, bestEpoch, restored) => {
    const model = tiny();
    const x = tf.randomNormal([16, 2], 0, 1, 'float32', 2);
    const y = tf.randomNormal([16, 1], 0, 1, 'float32', 3);
    const { cb, weightsAt } = script(model, values);
    const stop = earlyStopping(model, { monitor: 'val_score', ...options });
    const before = tf.memory().numTensors;
    let epochsRun: number;
    if (loop === 'trainModel') {
      const r = await trainModel(model, x, y, { epochs: values.length, batchSize: 4, callbacks: [cb, stop], stopOnInterrupt: false });
      epochsRun = r.epochsDone;
      const early = stoppedEpoch !== null && stoppedEpoch < values.length - 1;
      expect(r.stopped).toBe(early ? 'stoppedByCallback' : 'completed');
      if (early) expect(r.message).toMatch(/a callback \(e\.g\. earlyStopping\) stopped training/);
      expect(tf.memory().numTensors).toBe(before); // the copies of the best weights are freed
    } else {
      const h = await model.fit(x, y, { epochs: values.length, batchSize: 4, callbacks: [cb, stop] as tf.CustomCallbackArgs[], verbose: 0 });
      epochsRun = (h.history.loss as number[]).length;
    }
    expect(epochsRun).toBe(stoppedEpoch === null ? values.length : stoppedEpoch + 1); // the stop epoch
    expect(stop.stoppedEpoch).toBe(stoppedEpoch);
    expect(stop.bestEpoch).toBe(bestEpoch);
    expect(stop.bestValue).toBe(bestEpoch >= 0 ? values[bestEpoch] : options.mode === 'min' ? Infinity : -Infinity);
    expect(stop.restored).toBe(restored);
    const last = weightsAt.length - 1;
    expect(flatWeights(model)).toEqual(weightsAt[restored ? bestEpoch : last]);
    if (restored) expect(flatWeights(model)).not.toEqual(weightsAt[last]); // (the weights did change after the best epoch)
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe.each(['trainModel', 'model.fit'] as const)('only watching (stopTraining: false), in %s', (loop) => {
  test.each(rows)('%s: every epoch runs; the stop epoch, the best epoch and the weights at the end are those of a stopping run', async (_what, options, values, stoppedEpoch, bestEpoch) => {
    const model = tiny();
    const x = tf.randomNormal([16, 2], 0, 1, 'float32', 2);
    const y = tf.randomNormal([16, 1], 0, 1, 'float32', 3);
    const { cb, weightsAt } = script(model, values);
    const stop = earlyStopping(model, { monitor: 'val_score', ...options, stopTraining: false });
    const before = tf.memory().numTensors;
    let epochsRun: number;
    if (loop === 'trainModel') {
      const r = await trainModel(model, x, y, { epochs: values.length, batchSize: 4, callbacks: [cb, stop], stopOnInterrupt: false });
      epochsRun = r.epochsDone;
      expect(r.stopped).toBe('completed');
      expect(tf.memory().numTensors).toBe(before);
    } else {
      const h = await model.fit(x, y, { epochs: values.length, batchSize: 4, callbacks: [cb, stop] as tf.CustomCallbackArgs[], verbose: 0 });
      epochsRun = (h.history.loss as number[]).length;
    }
    expect(epochsRun).toBe(values.length);
    expect(stop.stoppedEpoch).toBe(stoppedEpoch);
    expect(stop.bestEpoch).toBe(bestEpoch); // an improvement after the stop epoch does not count
    const last = values.length - 1;
    const restored = (options.restoreBestWeights ?? true) && bestEpoch >= 0 && bestEpoch !== last;
    expect(stop.restored).toBe(restored);
    expect(flatWeights(model)).toEqual(weightsAt[restored ? bestEpoch : last]);
    tf.dispose([x, y]);
    model.dispose();
  });
});

test('trainModel: the per-epoch score of evaluate is watched like any figure (the seq2seq notebooks use this)', async () => {
  const model = tiny();
  const x = tf.randomNormal([16, 2], 0, 1, 'float32', 2);
  const y = tf.randomNormal([16, 1], 0, 1, 'float32', 3);
  const scores = [0.2, 0.6, 0.5, 0.55, 0.9];
  let call = 0;
  const weightsAt: number[][] = [];
  const stop = earlyStopping(model, { monitor: 'val_exact_match', mode: 'max', patience: 2 });
  const r = await trainModel(model, x, y, {
    epochs: scores.length, batchSize: 4, scoreName: 'val_exact_match', callbacks: [stop], stopOnInterrupt: false,
    evaluate: () => {
      weightsAt.push(flatWeights(model));
      return scores[call++];
    },
  });
  expect(r.history.val_exact_match).toEqual([0.2, 0.6, 0.5, 0.55]);
  expect([r.stopped, stop.stoppedEpoch, stop.bestEpoch, stop.restored]).toEqual(['stoppedByCallback', 3, 1, true]);
  expect(flatWeights(model)).toEqual(weightsAt[1]);
  tf.dispose([x, y]);
  model.dispose();
});

test('a Trainable (a from-scratch model on the same loop) can be stopped early too', async () => {
  let w: tf.Tensor = tf.tensor1d([0]);
  const trainable = {
    stopTraining: false,
    async trainOnExamples() {
      const next = w.add(1);
      w.dispose();
      w = next;
      return 1;
    },
    getWeights: () => [w],
    setWeights(ws: tf.Tensor[]) {
      w.dispose();
      w = ws[0].clone();
    },
  };
  const losses = [3, 2, 2.5, 2.6, 1];
  const stop = earlyStopping(trainable, { monitor: 'score', mode: 'min', patience: 2 });
  const scoreOf: TrainCallbacks = { onEpochEnd: (e, logs) => void (logs!.score = losses[e]) };
  const x = tf.zeros([2, 1]);
  const r = await trainModel(trainable, x, x, { epochs: 5, batchSize: 2, callbacks: [scoreOf, stop], stopOnInterrupt: false });
  expect([r.epochsDone, stop.bestEpoch, stop.restored]).toEqual([4, 1, true]);
  expect(w.dataSync()[0]).toBe(2); // the weights after epoch 1 (one step per epoch)
  tf.dispose([w, x]);
});

test('bad options are refused with what was wrong and what to do', () => {
  const model = tiny();
  const cases: [object, RegExp][] = [
    [{ patience: -1 }, /patience must be an integer >= 0 .*got -1/],
    [{ patience: 1.5 }, /patience must be an integer >= 0/],
    [{ patience: '3' }, /patience must be an integer >= 0/],
    [{ mode: 'up' }, /mode must be 'min' or 'max', got "up"/],
    [{ minDelta: -0.1 }, /minDelta must be a finite number >= 0/],
    [{ minDelta: NaN }, /minDelta must be a finite number >= 0/],
    [{ restoreBestWeights: 'yes' }, /restoreBestWeights must be true or false/],
    [{ restoreBest: true }, /unknown option\(s\) restoreBest; the options are monitor, mode, patience, minDelta, restoreBestWeights, stopTraining/],
    [{ stopTraining: 'no' }, /stopTraining must be true \(stop when patience runs out\) or false \(only watch\), got "no"/],
    [{ monitor: '' }, /monitor must be the name of a figure/],
    [{ monitor: 'val_exact_match' }, /say whether a larger 'val_exact_match' is better: mode: 'max'.*mode: 'min'/],
  ];
  for (const [options, message] of cases) {
    expect(() => earlyStopping(model, options as never)).toThrow(message);
  }
  expect(() => earlyStopping(null as never)).toThrow(/expected the model being trained/);
  // the name says the direction for losses and accuracies
  expect(() => earlyStopping(model, { monitor: 'val_acc' })).not.toThrow();
  expect(() => earlyStopping(model, { monitor: 'loss' })).not.toThrow();
  model.dispose();
});

test('a figure missing from the logs, and trainModel options that are no longer there, say what to do', async () => {
  const model = tiny();
  const x = tf.ones([4, 2]);
  const y = tf.ones([4, 1]);
  const stop = earlyStopping(model);
  await expect(trainModel(model, x, y, { epochs: 2, batchSize: 4, callbacks: [stop], stopOnInterrupt: false }))
    .rejects.toThrow(/no 'val_loss' \(they have: loss\); pass validationData/);
  await expect(trainModel(model, x, y, { epochs: 2, batchSize: 4, patience: 2 } as never))
    .rejects.toThrow(/patience is not an option of trainModel: early stopping is the callback earlyStopping, e\.g\. callbacks: \[earlyStopping\(model, \{ monitor: 'val_loss', mode: 'min', patience: 3 \}\)\]/);
  await expect(trainModel(model, x, y, { epochs: 2, batchSize: 4, restoreBest: true, evaluate: () => 1, scoreName: 'val_exact_match' } as never))
    .rejects.toThrow(/restoreBest is not an option of trainModel.*monitor: 'val_exact_match', mode: 'max'/);
  tf.dispose([x, y]);
  model.dispose();
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

test('trainModel, a real overfitting run on val_loss: stops early and ends with its best validation loss; the callback can serve a second run', async () => {
  const { x, y, vx, vy, model } = noiseTask();
  const stop = earlyStopping(model, { patience: 3 });
  const r = await trainModel(model, x, y, { epochs: 200, batchSize: 8, validationData: [vx, vy], callbacks: stop, stopOnInterrupt: false });
  const val = r.history.val_loss;
  expect(r.epochsDone).toBeLessThan(200);
  expect(r.stopped).toBe('stoppedByCallback');
  expect(stop.stoppedEpoch).toBe(r.epochsDone - 1);
  expect(stop.bestEpoch).toBe(val.indexOf(Math.min(...val)));
  const now = (model.evaluate(vx, vy) as tf.Scalar).dataSync()[0];
  expect(Math.abs(now - Math.min(...val))).toBeLessThan(1e-5);
  const r2 = await trainModel(model, x, y, { epochs: 2, batchSize: 8, validationData: [vx, vy], callbacks: stop, stopOnInterrupt: false });
  expect([r2.epochsDone, stop.stoppedEpoch]).toEqual([2, null]); // started afresh: the first run's stop epoch is forgotten
});

test('model.fit, the same overfitting run: ends with its best validation loss', async () => {
  const { x, y, vx, vy, model } = noiseTask();
  const stop = earlyStopping(model, { patience: 3 });
  const h = await model.fit(x, y, { epochs: 200, batchSize: 8, validationData: [vx, vy], callbacks: stop as tf.CustomCallbackArgs, verbose: 0 });
  const val = h.history.val_loss as number[];
  expect(val.length).toBeLessThan(200);
  expect(stop.bestEpoch).toBe(val.indexOf(Math.min(...val)));
  const now = (model.evaluate(vx, vy) as tf.Scalar).dataSync()[0];
  expect(Math.abs(now - Math.min(...val))).toBeLessThan(1e-5);
});

test('trainModel, the overfitting run watched instead of stopped: the same epochs up to the stop, then early stopping\'s model at the end', async () => {
  const a = noiseTask();
  const stopping = earlyStopping(a.model, { patience: 3 });
  const ra = await trainModel(a.model, a.x, a.y, { epochs: 60, batchSize: 8, seed: 1, validationData: [a.vx, a.vy], callbacks: stopping, stopOnInterrupt: false });
  expect(ra.stopped).toBe('stoppedByCallback');
  const b = noiseTask();
  const watching = earlyStopping(b.model, { patience: 3, stopTraining: false });
  const rb = await trainModel(b.model, b.x, b.y, { epochs: 60, batchSize: 8, seed: 1, validationData: [b.vx, b.vy], callbacks: watching, stopOnInterrupt: false });
  expect(rb.epochsDone).toBe(60);
  expect(rb.history.val_loss.slice(0, ra.epochsDone)).toEqual(ra.history.val_loss);
  expect([watching.stoppedEpoch, watching.bestEpoch, watching.bestValue, watching.restored])
    .toEqual([stopping.stoppedEpoch, stopping.bestEpoch, stopping.bestValue, stopping.restored]);
  expect(flatWeights(b.model)).toEqual(flatWeights(a.model));
  for (const t of [a, b]) {
    tf.dispose([t.x, t.y, t.vx, t.vy]);
    t.model.dispose();
  }
});
