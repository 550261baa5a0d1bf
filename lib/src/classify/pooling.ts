/**
 * `MaskedMeanPooling`: the mean of a sequence of vectors over its real (unmasked) steps.
 *
 *   y_b = Σ_t m_{b,t} x_{b,t} / max(1, Σ_t m_{b,t})       x [batch, time, features] -> y [batch, features]
 *
 * With `tf.layers.embedding({ maskZero: true })` before it, m is 0 at the padding (id 0), so a
 * review's "bag of embeddings" does not depend on how much padding it got. Without a mask it is
 * the plain mean over all steps (tf.layers.globalAveragePooling1d). The mask stops here: the
 * output has no time axis.
 */
import * as tf from '@tensorflow/tfjs';

type Kwargs = { [key: string]: unknown };

export class MaskedMeanPooling extends tf.layers.Layer {
  static className = 'MaskedMeanPooling';

  constructor(args: { name?: string } = {}) {
    super(args);
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0], s[2]];
  }

  /** The mask stops here (tf.layers types the return as a tensor; null means "no mask", as in tf.layers' own pooling). */
  computeMask(_inputs: tf.Tensor | tf.Tensor[], _mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return null as unknown as tf.Tensor;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D; // [batch, time, features]
      if (x.rank !== 3) throw new Error(`MaskedMeanPooling: input must be [batch, time, features], got shape [${x.shape}]`);
      const mask = kwargs?.mask as tf.Tensor | undefined | null;
      if (mask == null) return tf.mean(x, 1); // [batch, features]
      const m = tf.expandDims(tf.cast(mask, 'float32'), 2); // [batch, time, 1]
      const sum = tf.sum(tf.mul(x, m), 1); // [batch, features]
      const count = tf.maximum(tf.sum(m, 1), 1); // [batch, 1]
      return tf.div(sum, count);
    });
  }
}
tf.serialization.registerClass(MaskedMeanPooling);

/** A masked mean over time: `[batch, time, features]` -> `[batch, features]`. */
export function maskedMeanPooling(args: { name?: string } = {}): MaskedMeanPooling {
  return new MaskedMeanPooling(args);
}
