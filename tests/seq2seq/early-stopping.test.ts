/** trainModel's early stopping: stops `patience` epochs after the best score and puts its weights back. */
import * as tf from '@tensorflow/tfjs';
import { initBackend, trainModel } from 'seqmodels';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

function tinyModel(): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
  m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return m;
}

test.each([
  // scores per epoch, patience, epochs run, best epoch, stopped early
  [[0.1, 0.5, 0.4, 0.3, 0.2, 0.9], 2, 4, 2, true],
  [[0.1, 0.5, 0.4, 0.6, 0.5, 0.55], 2, 6, 4, false], // improvement at epoch 4 restarts the count; the cap ends it
  [[0.3, 0.3, 0.3, 0.3], 1, 2, 1, true], // no strict improvement after epoch 1
])('scores %j, patience %i: %i epochs, best epoch %i', async (scores, patience, ran, bestEpoch, early) => {
  const model = tinyModel();
  const x = tf.randomNormal([16, 3], 0, 1, 'float32', 2);
  const y = tf.randomNormal([16, 2], 0, 1, 'float32', 3);
  const snapshots: number[][] = [];
  let call = 0;
  const before = tf.memory().numTensors;
  const r = await trainModel(model, x, y, {
    epochs: scores.length, batchSize: 4, patience,
    evaluate: () => {
      snapshots.push(Array.from(model.getWeights()[0].dataSync()));
      return scores[call++];
    },
  });
  expect(r.history.loss).toHaveLength(ran);
  expect(r.stopped).toBe(early ? 'earlyStopped' : 'completed');
  expect(r.bestEpoch).toBe(bestEpoch);
  expect(r.bestScore).toBe(scores[bestEpoch - 1]);
  expect(r.stoppedEarly).toBe(early);
  expect(r.restored).toBe(bestEpoch < ran);
  const now = Array.from(model.getWeights()[0].dataSync());
  expect(now).toEqual(snapshots[bestEpoch - 1]); // the best epoch's weights are back
  if (bestEpoch < ran) expect(now).not.toEqual(snapshots[ran - 1]);
  expect(tf.memory().numTensors).toBe(before); // the saved copies are freed
  tf.dispose([x, y]);
  model.dispose();
});

test('without patience nothing is restored, and a bad patience is refused', async () => {
  const model = tinyModel();
  const x = tf.ones([4, 3]);
  const y = tf.ones([4, 2]);
  const scores = [0.9, 0.1];
  let i = 0;
  const r = await trainModel(model, x, y, { epochs: 2, batchSize: 4, evaluate: () => scores[i++] });
  expect([r.bestEpoch, r.restored, r.stoppedEarly, r.history.loss.length]).toEqual([1, undefined, undefined, 2]);
  await expect(trainModel(model, x, y, { epochs: 2, batchSize: 4, patience: 0, evaluate: () => 0 })).rejects.toThrow(/patience must be a positive integer/);
  await expect(trainModel(model, x, y, { epochs: 2, batchSize: 4, patience: 1 })).rejects.toThrow(/patience needs evaluate/);
  tf.dispose([x, y]);
  model.dispose();
});
