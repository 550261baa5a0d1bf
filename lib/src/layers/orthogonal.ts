/**
 * The orthogonal initializer of recurrent kernels (Saxe et al., 2014), tf.layers' default for the
 * recurrent kernel U of `lstm`, `gru` and `simpleRNN`, computed fast.
 *
 * Same definition as tf.layers' `Orthogonal`: for a weight of shape [..., cols] with
 * rows = the product of the other dimensions, draw a Gaussian matrix A of shape
 * [max(rows, cols), min(rows, cols)] (`tf.randomNormal`, seeded when `seed` is given), factor
 * A = QR with R's diagonal positive, and return gain · Q (transposed when rows < cols), so the
 * rows (rows <= cols) or the columns (rows > cols) are orthonormal. Q is unique for such R, so
 * with the same seed this gives tf.layers' matrix up to float rounding.
 *
 * Why a second implementation: tf.layers computes Q with `tf.linalg.qr`, a Householder loop of
 * small tensor ops, and warns "Orthogonal initializer is being called on a matrix with more than
 * 2000 ... elements: Slowness may result" for every recurrent kernel of the course's sizes
 * ([64, 256] already has 16,384). Here Q comes from Gram–Schmidt on the columns of A in float64
 * (each column orthogonalised twice against the earlier ones, enough for orthogonality to
 * rounding), a few times faster, with nothing to warn about. Importing the library registers it
 * under tf.layers' class name 'Orthogonal', so `recurrentInitializer: 'orthogonal'` (the default
 * of `tf.layers.lstm` and `gru`) and saved models that name it use it; a saved model's config
 * is unchanged ({ className: 'Orthogonal', config: { gain, seed } }).
 */
import * as tf from '@tensorflow/tfjs';
import { orthonormalize } from '../scratch/init';

export interface OrthogonalArgs {
  /** Multiplies the orthogonal matrix (default 1). */
  gain?: number;
  /** Seed of the Gaussian matrix (default: a fresh random one). */
  seed?: number;
}

/**
 * tf.layers' base class of initializers, which it does not export: layers accept an initializer
 * object only if it is an instance of it (otherwise they read it as a config). It is the parent
 * class of every built-in one.
 */
type TfInitializer = ReturnType<typeof tf.initializers.zeros>;
const InitializerBase = Object.getPrototypeOf(tf.initializers.zeros().constructor) as new () => TfInitializer;

export class Orthogonal extends InitializerBase {
  /** tf.layers' class name: registering under it replaces tf.layers' implementation. */
  static className = 'Orthogonal';
  readonly gain: number;
  readonly seed?: number;

  constructor(args: OrthogonalArgs = {}) {
    super();
    this.gain = args.gain ?? 1;
    this.seed = args.seed ?? undefined; // (a saved config may hold null)
  }

  apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new Error(`Orthogonal initializer: the shape must have at least 2 dimensions, got [${shape}]`);
    if (dtype !== undefined && dtype !== 'float32' && dtype !== 'int32') throw new TypeError(`Orthogonal initializer: unsupported dtype ${dtype}`);
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const m = Math.max(rows, cols); // length of each orthonormal vector
    const n = Math.min(rows, cols); // how many
    const gaussian = tf.randomNormal([m, n], 0, 1, 'float32', this.seed); // A [m, n], tf.layers' draw
    const a = gaussian.dataSync();
    gaussian.dispose();
    // q[j]: column j of A, then of Q (float64): Gram–Schmidt, R's diagonal positive as in tf.layers
    const q = orthonormalize(Array.from({ length: n }, (_, j) => Float64Array.from({ length: m }, (_, i) => a[i * n + j])));
    // Q [m, n] when rows >= cols; Qᵀ [n, m] when rows < cols: out[r, c] for the weight [rows, cols]
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) out[r * cols + c] = this.gain * (rows >= cols ? q[c][r] : q[r][c]);
    }
    return tf.tensor(out, shape, dtype ?? 'float32');
  }

  getConfig(): tf.serialization.ConfigDict {
    return { gain: this.gain, seed: this.seed } as tf.serialization.ConfigDict; // tf.layers' keys
  }
}
// (the base's static fromConfig, `new cls(config)`, is typed away by the cast above)
tf.serialization.registerClass(Orthogonal as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
