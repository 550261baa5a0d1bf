/**
 * buildForecaster: output shape, the fast layers give what tf.layers gives for the same seed,
 * training leaves no tensors behind (lib/src/forecast/model.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { buildForecaster, predictFlat, trainModel } from 'seqmodels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildForecaster', () => {
  const rows: [string, 'gru' | 'lstm', number][] = [
    ['GRU, one step ahead', 'gru', 1],
    ['GRU, 24 steps at once', 'gru', 24],
    ['LSTM, 3 steps at once', 'lstm', 3],
  ];
  test.each(rows)('%s: output [batch, outputSize, 1], fast = tf.layers for the same seed', async (_, cell, outputSize) => {
    const x = tf.randomNormal([5, 6, 4], 0, 1, 'float32', 7);
    const fast = buildForecaster({ seqLen: 6, inputSize: 4, outputSize, cell, hiddenSize: 8, seed: 3 });
    const slow = buildForecaster({ seqLen: 6, inputSize: 4, outputSize, cell, hiddenSize: 8, seed: 3, fast: false });
    const yFast = fast.predict(x) as tf.Tensor;
    expect(yFast.shape).toEqual([5, outputSize, 1]);
    const a = await predictFlat(fast, x);
    const b = await predictFlat(slow, x);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    tf.dispose([x, yFast]);
    [fast, slow].forEach((m) => m.dispose());
  });

  test('sizes must be positive integers', () => {
    expect(() => buildForecaster({ seqLen: 0, inputSize: 1 })).toThrow(/seqLen must be a positive integer, got 0/);
  });

  test('training for three epochs does not grow the tensor count', async () => {
    const x = tf.randomNormal([32, 6, 2], 0, 1, 'float32', 1);
    const y = tf.randomNormal([32, 1, 1], 0, 1, 'float32', 2);
    const m = buildForecaster({ seqLen: 6, inputSize: 2, hiddenSize: 4 });
    const counts: number[] = [];
    await trainModel(m, x, y, { epochs: 3, batchSize: 8, callbacks: { onEpochEnd: () => { counts.push(tf.memory().numTensors); } } });
    expect(new Set(counts).size).toBe(1);
    m.optimizer.dispose();
    m.dispose();
    tf.dispose([x, y]);
  });
});
