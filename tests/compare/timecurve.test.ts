/** timedValidation: evaluation time is not training time; the signal aborts at the budget. */
import * as tf from '@tensorflow/tfjs';
import { timedValidation } from 'seqmodels';

test('evaluates every everyMs of training, excludes its own time, aborts at the budget', async () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const x = tf.ones([4, 2]);
  const y = tf.zeros([4, 1]);
  let clock = 0;
  const evaluate = model.evaluate.bind(model);
  model.evaluate = ((...args: Parameters<typeof evaluate>) => { clock += 1000; return evaluate(...args); }) as typeof model.evaluate; // an evaluation takes 1 s
  const timed = timedValidation({ model, validationData: [x, y], budgetMs: 100, everyMs: 30, now: () => clock });
  const before = tf.memory().numTensors;
  await timed.callbacks.onTrainBegin!();
  for (let b = 0; b < 20 && !timed.signal.aborted; b++) {
    clock += 10;                      // a batch of training: 10 ms
    await timed.callbacks.onBatchEnd!(b, { loss: 0 });
  }
  expect(timed.signal.aborted).toBe(true);
  expect(timed.seconds).toEqual([0, 0.03, 0.06, 0.09, 0.1]);
  expect(timed.valLoss).toHaveLength(5);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, y]);
  model.dispose();
});
