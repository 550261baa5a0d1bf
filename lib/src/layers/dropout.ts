/**
 * Reproducible dropout masks for the fast layers and tf.layers' recurrent layers.
 *
 * Both draw their masks through `dropoutFunc(ones, rate)` when one is given (tf.layers' own hook),
 * else from an unseeded generator, so two runs of a notebook would train differently.
 * `seededDropout(seed)` is such a function whose k-th call uses seed + k: the same seed gives the
 * same masks in the same order (the k-th mask of a run is always the same), and every call gives a
 * fresh mask, as dropout needs.
 *
 *   fastLstm({ units: 32, dropout: 0.3, recurrentDropout: 0.3, dropoutFunc: seededDropout(42) })
 */
import * as tf from '@tensorflow/tfjs';

export type DropoutFunc = (ones: tf.Tensor, rate: number) => tf.Tensor;

export function seededDropout(seed: number): DropoutFunc {
  if (!Number.isSafeInteger(seed)) throw new Error(`seededDropout: seed must be an integer, got ${seed}`);
  let calls = 0;
  return (ones: tf.Tensor, rate: number) => tf.dropout(ones, rate, undefined, seed + calls++);
}
