/** A tensor's values as a Float32Array (a copy for other dtypes), synchronously. */
import * as tf from '@tensorflow/tfjs';

export function float32Data(t: tf.Tensor): Float32Array {
  const d = t.dataSync();
  return d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number>);
}
