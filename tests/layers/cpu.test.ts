/**
 * The same parity on the cpu backend, where the fused loop uses tf.split instead of the wasm
 * heap-split kernel and tf.tanh instead of 2σ(2x) − 1.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from 'seqmodels';
import { CellName, compareRuns, makeLayer } from './helpers';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

test.each(['lstm', 'gru', 'rnn'] as CellName[])('%s on cpu: outputs, states and gradients equal tf.layers', (cell) => {
  const x = tf.variable(tf.randomNormal([3, 5, 4], 0, 1, 'float32', 1));
  const mask = tf.tensor2d([[1, 1, 1, 1, 1], [0, 1, 1, 1, 1], [1, 0, 1, 1, 0]]).cast('bool');
  const args = { units: 6, returnSequences: true, returnState: true };
  const fast = makeLayer(cell, true, args);
  const ref = makeLayer(cell, false, args);
  fast.apply(x);
  ref.apply(x);
  ref.setWeights(fast.getWeights());
  compareRuns(fast, ref, (m) => (m === 'fast' ? fast : ref).apply(x, { mask }) as tf.Tensor[], [x]);
});
