/**
 * Small tensor helpers for the fused recurrent layers, chosen per backend for speed.
 *
 * Two measured wasm costs shape the tfjs-op path (tfjs 4.22, 2-core machine):
 * - tfjs' wasm `Slice` and `SplitV` kernels (hence `split`, `unstack`) first copy the WHOLE input
 *   out of the wasm heap, then copy the slice: unstacking a sequence step by step cost ~200 ms.
 *   `initBackend` replaces both with kernels that copy straight from the heap
 *   (src/backend/wasm-kernels.ts), so `splitRows` / `splitCols` below are plain `tf.split`.
 * - the wasm `Tanh` kernel is ~10x slower than `Sigmoid` ([64,128]: ~200 µs vs ~20 µs), so on
 *   wasm `tanh(x)` is computed as `2 σ(2x) − 1` (exact identity; float32 rounding ~1e-7).
 */
import * as tf from '@tensorflow/tfjs';

/** Split `x` [rows, cols] into pieces of `sizes` rows each. */
export function splitRows(x: tf.Tensor2D, sizes: number[]): tf.Tensor2D[] {
  return tf.split(x, sizes, 0);
}

/** Split `x` [rows, cols] into column blocks of widths `sizes`. */
export function splitCols(x: tf.Tensor2D, sizes: number[]): tf.Tensor2D[] {
  return tf.split(x, sizes, 1);
}

/** tanh, computed as 2σ(2x) − 1 on wasm where the Tanh kernel is slow. */
export function tanh<T extends tf.Tensor>(x: T): T {
  if (tf.getBackend() !== 'wasm') return tf.tanh(x);
  return tf.tidy(() => {
    const s = tf.sigmoid(tf.add(x, x)); // σ(2x); x + x avoids a scalar broadcast
    return tf.sub(tf.add(s, s), 1);
  }) as T;
}

/** 1 − y², the derivative of tanh written with its output y. */
export function tanhGradFromOutput<T extends tf.Tensor>(y: T): T {
  return tf.tidy(() => tf.sub(1, tf.square(y))) as T;
}

/** The recurrent activations the fused layers implement (tf.layers' names). */
export type RecurrentActivation = 'sigmoid' | 'hardSigmoid';

/** σ(x) or tf.layers' hard sigmoid clip(0.2 x + 0.5, 0, 1). */
export function gate<T extends tf.Tensor>(x: T, kind: RecurrentActivation): T {
  if (kind === 'sigmoid') return tf.sigmoid(x);
  return tf.tidy(() => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1)) as T;
}

/**
 * d gate / d x, from the gate's output y (and, for the hard sigmoid, its input x):
 * σ: y (1 − y); hard sigmoid: 0.2 where 0 ≤ 0.2 x + 0.5 ≤ 1 (the pass-through region, as
 * tfjs' clipByValue gradient), else 0.
 */
export function gateGrad<T extends tf.Tensor>(y: T, x: T, kind: RecurrentActivation): T {
  return tf.tidy(() => {
    if (kind === 'sigmoid') return tf.mul(y, tf.sub(1, y));
    const lin = tf.add(tf.mul(x, 0.2), 0.5);
    const inside = tf.logicalAnd(tf.greaterEqual(lin, 0), tf.lessEqual(lin, 1));
    return tf.mul(tf.cast(inside, 'float32'), 0.2);
  }) as T;
}
