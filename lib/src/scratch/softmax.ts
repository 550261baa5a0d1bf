/**
 * The output side: a dense layer and a numerically stable softmax cross-entropy.
 *   logits = h V + bᵥ                              V [hiddenSize, vocabSize], bᵥ [vocabSize]
 *   p = softmax(logits) = exp(l − max l) / Σ exp(l − max l)
 *   loss = −log p[y]  (per row; averaged over rows with reduction 'mean', summed with 'sum')
 *   ∂loss/∂logits = p − onehot(y)  (÷ rows for 'mean')
 * log p[y] is computed as (l_y − max l) − log Σ exp(l − max l): no overflow, no log(0).
 */
import { FloatArray, FloatArrayConstructor, Mat, mat } from './mat';
import { gemmNN, gemmNT, gemmTN } from './fast/gemm';
import { checkIndices, checkLength, checkShape } from './shapes';

/** out[batch, V] = x W + b (allocated when not given). */
export function denseForward(x: Mat, W: Mat, b: FloatArray, out?: Mat): Mat {
  checkShape(W, x.cols, W.cols, 'dense W');
  checkLength(b, W.cols, 'dense bias');
  const o = out ?? mat(x.rows, W.cols, x.data.constructor as FloatArrayConstructor);
  checkShape(o, x.rows, W.cols, 'dense output');
  for (let r = 0; r < x.rows; r++) o.data.set(b, r * W.cols);
  gemmNN(x.rows, W.cols, x.cols, x.data, 0, x.cols, W.data, 0, W.cols, o.data, 0, W.cols);
  return o;
}

/** dW += xᵀ dOut, db += Σ dOut; returns dx = dOut Wᵀ (into `dx` when given). */
export function denseBackward(x: Mat, W: Mat, dOut: Mat, dW: Mat, db: FloatArray, dx?: Mat): Mat {
  const V = W.cols;
  gemmTN(x.cols, V, x.rows, x.data, 0, x.cols, dOut.data, 0, V, dW.data, 0, V);
  for (let r = 0; r < dOut.rows; r++) for (let j = 0; j < V; j++) db[j] += dOut.data[r * V + j];
  const out = dx ?? mat(x.rows, x.cols, x.data.constructor as FloatArrayConstructor);
  out.data.fill(0);
  gemmNT(x.rows, x.cols, V, dOut.data, 0, V, W.data, 0, V, out.data, 0, x.cols);
  return out;
}

export interface SoftmaxCrossEntropyResult {
  loss: number;      // mean (or sum) of −log p[y] over rows
  probs: Mat;        // [batch, V] softmax probabilities
  dLogits: Mat;      // [batch, V] ∂loss/∂logits
}

export interface SoftmaxCrossEntropyOptions {
  reduction?: 'mean' | 'sum';  // default 'mean'
  out?: { probs: Mat; dLogits: Mat }; // buffers to reuse
}

/** Softmax cross-entropy of `logits [batch, V]` against integer `targets [batch]`. */
export function softmaxCrossEntropy(logits: Mat, targets: Int32Array, opts: SoftmaxCrossEntropyOptions = {}): SoftmaxCrossEntropyResult {
  const B = logits.rows, V = logits.cols;
  checkIndices(targets, B, V, 'softmaxCrossEntropy targets');
  const C = logits.data.constructor as FloatArrayConstructor;
  const probs = opts.out?.probs ?? mat(B, V, C);
  const dLogits = opts.out?.dLogits ?? mat(B, V, C);
  const scale = opts.reduction === 'sum' ? 1 : 1 / B;
  const l = logits.data, p = probs.data, d = dLogits.data;
  let loss = 0;
  for (let r = 0; r < B; r++) {
    const o = r * V;
    let max = -Infinity;
    for (let j = 0; j < V; j++) if (l[o + j] > max) max = l[o + j];
    if (!Number.isFinite(max)) throw new Error(`softmaxCrossEntropy logits: expected finite values, got ${max} in row ${r}`);
    let sum = 0;
    for (let j = 0; j < V; j++) { const e = Math.exp(l[o + j] - max); p[o + j] = e; sum += e; }
    for (let j = 0; j < V; j++) { p[o + j] /= sum; d[o + j] = p[o + j] * scale; }
    const y = targets[r];
    loss -= l[o + y] - max - Math.log(sum);
    d[o + y] -= scale;
  }
  return { loss: loss * scale, probs, dLogits };
}

/** exp(mean negative log-likelihood in nats): the effective number of equally likely choices. */
export function perplexity(meanLoss: number): number {
  if (!(Number.isFinite(meanLoss) && meanLoss >= 0)) {
    throw new Error(`perplexity: expected a mean cross-entropy in nats (finite, ≥ 0), got ${meanLoss}`);
  }
  return Math.exp(meanLoss);
}

/** Softmax of one row of logits divided by `temperature` (a new Float64Array). */
export function softmaxProbs(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0)) throw new Error(`softmax temperature: expected > 0, got ${temperature}`);
  const n = logits.length;
  const p = new Float64Array(n);
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (logits[j] > max) max = logits[j];
  let sum = 0;
  for (let j = 0; j < n; j++) { p[j] = Math.exp((logits[j] - max) / temperature); sum += p[j]; }
  for (let j = 0; j < n; j++) p[j] /= sum;
  return p;
}
