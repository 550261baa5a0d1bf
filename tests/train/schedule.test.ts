// Learning-rate schedules: the warmdown formula at its corners, and the callbacks that apply a
// schedule before every batch of trainModel (resumed runs included).
import * as tf from '@tensorflow/tfjs';
import { initBackend, warmdown, scheduleLearningRate, trainModel, getLearningRate } from 'seqmodels';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('warmdown', () => {
  test.each([
    // [step, expected rate] for lr 1, 11 steps, hold 0.2 (s0 = 2), final 0.1
    [0, 1],
    [2, 1],
    [3, 0.1 + 0.9 * (7 / 8)],
    [6, 0.1 + 0.9 * (4 / 8)],
    [10, 0.1],      // the last step ends at final·lr
    [25, 0.1],      // past the end it stays there
  ])('step %d: rate %f', (step, rate) => {
    const at = warmdown({ lr: 1, steps: 11, hold: 0.2, final: 0.1 });
    expect(at(step)).toBeCloseTo(rate, 12);
  });

  test('never increases, defaults hold 0.4 and final 0.02', () => {
    const at = warmdown({ lr: 3e-3, steps: 100 });
    const rates = Array.from({ length: 100 }, (_, s) => at(s));
    rates.slice(1).forEach((r, i) => expect(r).toBeLessThanOrEqual(rates[i]));
    expect(rates[40]).toBe(3e-3);
    expect(rates[41]).toBeLessThan(3e-3);
    expect(rates[99]).toBeCloseTo(3e-3 * 0.02, 15);
  });

  test.each([
    [{ lr: 0, steps: 10 }, /lr must be a positive number/],
    [{ lr: 1, steps: 2.5 }, /steps must be a positive integer/],
    [{ lr: 1, steps: 10, hold: 1 }, /hold must be in \[0, 1\)/],
    [{ lr: 1, steps: 10, final: 2 }, /final must be in \[0, 1\]/],
  ])('bad config %j is an error naming the field', (config, message) => {
    expect(() => warmdown(config)).toThrow(message);
  });
});

describe('scheduleLearningRate', () => {
  function tinyModel(): tf.LayersModel {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
    m.compile({ optimizer: tf.train.adam(1), loss: 'meanSquaredError' });
    return m;
  }

  test('sets the rate of each step before its batch, across epochs and a resumed run', async () => {
    const x = tf.randomNormal([10, 2], 0, 1, 'float32', 1);
    const y = tf.randomNormal([10, 1], 0, 1, 'float32', 2);
    const m = tinyModel();
    const perEpoch = 3; // 10 examples in batches of 4
    const rateAt = (s: number) => 1 / (s + 1);
    const seen: number[] = [];
    const record = { onBatchBegin: () => { seen.push(getLearningRate(m)); } };
    await trainModel(m, x, y, { epochs: 2, batchSize: 4, callbacks: [scheduleLearningRate(m, rateAt, perEpoch), record] });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5].map(rateAt));
    seen.length = 0;
    await trainModel(m, x, y, { epochs: 3, batchSize: 4, initialEpoch: 2, callbacks: [scheduleLearningRate(m, rateAt, perEpoch), record] });
    expect(seen).toEqual([6, 7, 8].map(rateAt));
    tf.dispose([x, y]);
    m.dispose();
  });

  test('batchesPerEpoch must be a positive integer', () => {
    const m = tinyModel();
    expect(() => scheduleLearningRate(m, () => 1, 0)).toThrow(/batchesPerEpoch must be a positive integer, got 0/);
    m.dispose();
  });
});
