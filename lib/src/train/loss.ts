/**
 * Sparse categorical cross-entropy on probabilities, in one pass over the data: the same value
 * and gradient as tf.layers' `'sparseCategoricalCrossentropy'`, which builds them from about
 * twenty tfjs ops (a one-hot of the targets, two clips, a normalisation, a log, and the
 * gradients of each: comparisons and selects over the whole [batch, time, vocabSize] tensor).
 * `bench/kernels.mjs` times both at notebook 04's shapes.
 *
 * tf.layers' definition, per position with target class y and predicted probabilities p
 * (ε = the backend's epsilon, 1e-7 in float32; clip(v) = min(max(v, ε), 1 − ε)):
 *
 *   p'_j = clip(p_j)          s = Σ_j p'_j          q = clip(p'_y / s)
 *   L = −log q
 *   ∂L/∂p_j = g · (δ_jy / s − p'_y / s²)   where ε ≤ p_j ≤ 1 − ε, else 0
 *   g = −1 / q                             where ε ≤ p'_y / s ≤ 1 − ε, else 0
 *
 * (A clip passes the gradient where its input is inside [ε, 1 − ε], as tfjs' clipByValue does.)
 * A target outside [0, vocabSize) gives an all-zero one-hot row in tf.layers, hence a loss and a
 * gradient of 0; so it does here.
 *
 * `useFusedLoss(model)` swaps it in for a model compiled with that loss. The model's
 * configuration still names tf.layers' loss, so a saved model loads anywhere.
 */
import * as tf from '@tensorflow/tfjs';
import { float32Data as floats } from '../backend/data';

/**
 * Per-position losses [...] of targets `yTrue` (class ids, shape [..., 1] or [...]) against
 * probabilities `yPred` [..., vocabSize]: what tf.layers' sparse categorical cross-entropy
 * returns, with the same gradient (see the top of the file).
 */
export function sparseCategoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const V = yPred.shape[yPred.rank - 1];
  const lead = yPred.shape.slice(0, -1);
  const n = lead.reduce((a, b) => a * b, 1);
  if (yTrue.size !== n) {
    throw new Error(
      `sparseCategoricalCrossentropy: ${yTrue.size} targets (shape [${yTrue.shape}]) for ${n} predictions ` +
        `(shape [${yPred.shape}]): expected one class id per position, shape [${lead}] or [${lead},1]`,
    );
  }
  const eps = tf.backend().epsilon();
  const hi = 1 - eps;
  const f = tf.customGrad((...args: unknown[]) => {
    const [yt, yp] = args as tf.Tensor[];
    const p = floats(yp);
    const ids = yt.dataSync();
    const target = new Int32Array(n); // class per row, −1 when out of range
    const sums = new Float32Array(n);
    const loss = new Float32Array(n);
    const gs = new Float32Array(n); // g of the formula, 0 where the clip of q blocks it
    for (let r = 0; r < n; r++) {
      const y = Math.floor(ids[r]);
      target[r] = y >= 0 && y < V ? y : -1;
      const row = r * V;
      let s = 0;
      for (let j = 0; j < V; j++) s += Math.min(Math.max(p[row + j], eps), hi);
      sums[r] = s;
      if (target[r] < 0) continue;
      const q = Math.min(Math.max(p[row + y], eps), hi) / s;
      const qc = Math.min(Math.max(q, eps), hi);
      loss[r] = -Math.log(qc);
      gs[r] = q >= eps && q <= hi ? -1 / qc : 0;
    }
    const value = tf.tensor(loss, lead);
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const d = floats(dy);
      const dp = new Float32Array(n * V);
      for (let r = 0; r < n; r++) {
        const y = target[r];
        const g = gs[r] * d[r];
        if (y < 0 || g === 0) continue;
        const row = r * V;
        const s = sums[r];
        const py = Math.min(Math.max(p[row + y], eps), hi);
        const common = (-g * py) / (s * s);
        for (let j = 0; j < V; j++) {
          const pj = p[row + j];
          if (pj >= eps && pj <= hi) dp[row + j] = common;
        }
        if (p[row + y] >= eps && p[row + y] <= hi) dp[row + y] += g / s;
      }
      return [tf.zerosLike(yt), tf.tensor(dp, yp.shape)];
    };
    return { value, gradFunc };
  });
  return f(yTrue, yPred);
}

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/**
 * The loss functions a compiled model calls, one per output: a public field of tf.LayersModel
 * (a tf.Sequential trains through the functional model it wraps, its `model` field). Writable:
 * replacing an entry changes what training and evaluation compute, not the saved configuration.
 */
export function lossFunctionsOf(model: tf.LayersModel): LossFn[] {
  const fns = trainedModel(model).lossFunctions;
  if (!Array.isArray(fns)) throw new Error('lossFunctionsOf: the model is not compiled: call model.compile({ optimizer, loss }) first');
  return fns;
}

type Compiled = { loss?: unknown; lossFunctions?: LossFn[] };
/** The model whose compile state training uses: a tf.Sequential's inner functional model. */
function trainedModel(model: tf.LayersModel): Compiled {
  const m = model as unknown as Compiled & { model?: Compiled };
  return Array.isArray(m.lossFunctions) ? m : m.model ?? m;
}

/**
 * The function tf.layers compiles for a loss name (e.g. 'sparseCategoricalCrossentropy'): the
 * reference the fused loss is tested and benchmarked against.
 */
export function tfLayersLoss(name: string): LossFn {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [1] })] });
  try {
    m.compile({ optimizer: 'sgd', loss: name });
    return lossFunctionsOf(m)[0];
  } finally {
    m.dispose();
  }
}

/**
 * Make a model compiled with `loss: 'sparseCategoricalCrossentropy'` compute it with the fused
 * version above (same value and gradient, far fewer kernels). Returns whether it did; a model
 * with another loss, or several outputs, is left as it is.
 */
export function useFusedLoss(model: tf.LayersModel): boolean {
  const loss = trainedModel(model).loss;
  const name = Array.isArray(loss) ? (loss.length === 1 ? loss[0] : undefined) : loss;
  if (name !== 'sparseCategoricalCrossentropy') return false;
  const fns = lossFunctionsOf(model);
  if (fns.length !== 1) return false;
  fns[0] = sparseCategoricalCrossentropy;
  return true;
}
