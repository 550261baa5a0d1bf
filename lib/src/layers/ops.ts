/**
 * Small tensor helpers for the fused recurrent layers, chosen per backend for speed.
 *
 * Two measured wasm costs shape this file (tfjs 4.22, 2-core machine):
 * - the wasm `Slice` kernel (hence `split`, `unstack`) first copies the WHOLE input out of the
 *   wasm heap (`readSync`), then copies the slice: taking one [64, 512] step out of a
 *   [40*64, 512] tensor costs ~5 ms, so unstacking a sequence costs ~200 ms. `splitRows` /
 *   `splitCols` below register a kernel that copies straight from the heap instead.
 * - the wasm `Tanh` kernel is ~10x slower than `Sigmoid` ([64,128]: ~200 µs vs ~20 µs), so on
 *   wasm `tanh(x)` is computed as `2 σ(2x) − 1` (exact identity; float32 rounding ~1e-7).
 */
import * as tf from '@tensorflow/tfjs';

/** Name of the heap-to-heap 2-D split kernel this file registers for the wasm backend. */
export const SPLIT_2D_KERNEL = 'SeqmodelsSplit2D';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** out[p] = x[rows or columns of piece p]; x is 2-D, `axis` 0 splits rows, 1 splits columns. */
function split2dWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const axis = Number(args.attrs?.axis);
  const sizes = args.attrs?.sizes as number[];
  const backend = args.backend as WasmBackendLike;
  const [rows, cols] = x.shape;
  // Allocate every output first: an allocation may grow the heap and detach older views.
  const outs = sizes.map((s) => backend.makeOutput(axis === 0 ? [s, cols] : [rows, s], x.dtype));
  const xs = backend.typedArrayFromHeap(x);
  let start = 0;
  for (let p = 0; p < sizes.length; p++) {
    const o = backend.typedArrayFromHeap(outs[p]);
    const s = sizes[p];
    if (axis === 0) {
      o.set(xs.subarray(start * cols, (start + s) * cols));
    } else {
      for (let r = 0; r < rows; r++) o.set(xs.subarray(r * cols + start, r * cols + start + s), r * s);
    }
    start += s;
  }
  return outs;
}

let registered = false;
function ensureKernel(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel(SPLIT_2D_KERNEL, 'wasm')) {
    tf.registerKernel({ kernelName: SPLIT_2D_KERNEL, backendName: 'wasm', kernelFunc: split2dWasm as unknown as tf.KernelFunc });
  }
}

function split2d(x: tf.Tensor2D, sizes: number[], axis: 0 | 1): tf.Tensor2D[] {
  if (tf.getBackend() === 'wasm') {
    ensureKernel();
    const out = tf.engine().runKernel(SPLIT_2D_KERNEL, { x }, { axis, sizes } as unknown as tf.NamedAttrMap);
    return (Array.isArray(out) ? out : [out]) as tf.Tensor2D[];
  }
  return tf.split(x, sizes, axis);
}

/** Split `x` [rows, cols] into pieces of `sizes` rows each (no gradient: use inside customGrad). */
export function splitRows(x: tf.Tensor2D, sizes: number[]): tf.Tensor2D[] {
  return split2d(x, sizes, 0);
}

/** Split `x` [rows, cols] into column blocks of widths `sizes` (no gradient: use inside customGrad). */
export function splitCols(x: tf.Tensor2D, sizes: number[]): tf.Tensor2D[] {
  return split2d(x, sizes, 1);
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
