/**
 * Kernels the wasm backend lacks but training needs, written in TypeScript on the
 * wasm backend's heap.
 *
 * - `UnsortedSegmentSum`: the gradient of `gather`, hence of `tf.layers.embedding`.
 *   out[s, ...] = sum over i with segmentIds[i] = s of x[i, ...]
 *
 * And one kernel it has but runs slowly:
 * - `BatchMatMul` and `_FusedMatMul` with `transposeA` / `transposeB`: the wasm kernel multiplies
 *   a transposed operand 10-30 times slower than a plain one (measured here: [2048, 768] by
 *   [768, 192] in 34 ms plain, 453 ms with transposeB, 1,299 ms with transposeA). The gradient of
 *   every matMul (dense layers, tf.layers' recurrent cells) is such a product. The wrapper
 *   transposes the operand first (the wasm Transpose kernel: a copy, a few ms) and runs the plain
 *   product: Aᵀ B = (transpose A) B. Same result up to float32 summation order.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

let registered = false;

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };
type KernelFn = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/** `BatchMatMul` / `_FusedMatMul` that never hands a transposed operand to the wasm product. */
function plainOperandsMatMul(original: KernelFn, transposeKernel: KernelFn): KernelFn {
  return (args) => {
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const backend = args.backend as { disposeData(dataId: object, force?: boolean): boolean };
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const made: tf.TensorInfo[] = [];
    const swapLast2 = (t: tf.TensorInfo): tf.TensorInfo => {
      const r = t.shape.length;
      const perm = [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2];
      const out = transposeKernel({ inputs: { x: t }, backend: args.backend, attrs: { perm } }) as tf.TensorInfo;
      made.push(out);
      return out;
    };
    try {
      return original({
        ...args,
        inputs: { ...args.inputs, a: attrs.transposeA ? swapLast2(a) : a, b: attrs.transposeB ? swapLast2(b) : b },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of made) backend.disposeData(t.dataId);
    }
  };
}

const originals = new Map<string, tf.KernelConfig>();
const wrapped = new Map<string, tf.KernelConfig>();
let transposeFree = false;

function wrapMatMul(kernelName: string): void {
  const original = tf.getKernel(kernelName, 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose || originals.has(kernelName)) return;
  originals.set(kernelName, original);
  wrapped.set(kernelName, {
    kernelName,
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    disposeFunc: original.disposeFunc,
    kernelFunc: plainOperandsMatMul(original.kernelFunc as unknown as KernelFn, transpose.kernelFunc as unknown as KernelFn) as unknown as tf.KernelFunc,
  });
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel(wrapped.get(kernelName)!);
  transposeFree = true;
}

/**
 * Use the transpose-first matMul kernels on wasm (`true`, the default once the wasm backend was
 * started by `initBackend`) or tfjs' own (`false`: for benchmarks that compare the two).
 * Returns the previous setting.
 */
export function setTransposeFreeMatMul(on: boolean): boolean {
  const prev = transposeFree;
  if (on !== prev && wrapped.size > 0) {
    for (const [name, config] of (on ? wrapped : originals).entries()) {
      tf.unregisterKernel(name, 'wasm');
      tf.registerKernel(config);
    }
    transposeFree = on;
  }
  return prev;
}

function unsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = Number(args.attrs?.numSegments);
  const backend = args.backend as WasmBackendLike;
  if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
    throw new Error(
      `UnsortedSegmentSum (wasm): segmentIds must have shape [${x.shape[0]}], got [${segmentIds.shape}]`,
    );
  }
  const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
  const out = backend.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
  const xs = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  const o = backend.typedArrayFromHeap(out);
  o.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue; // tf semantics: out-of-range ids are dropped
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) o[dst + j] += xs[src + j];
  }
  return out;
}

/** Register the missing kernels for the `wasm` backend and wrap the slow ones (idempotent; before the backend starts). */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as tf.KernelFunc });
  }
  wrapMatMul('BatchMatMul');
  wrapMatMul('_FusedMatMul');
}
