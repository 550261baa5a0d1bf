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
 *   transposes the operand first and runs the plain product: Aᵀ B = (transpose A) B. Same result
 *   up to float32 summation order. The transposition is a blocked copy in TypeScript on the heap
 *   (faster than the wasm Transpose kernel).
 *
 * And three that copy more than they need to:
 * - `Slice` reads the whole input out of the heap into a fresh array before copying the slice;
 *   here the slice is copied from the heap directly, one contiguous run at a time.
 * - `SplitV` (`tf.split`, hence every per-step or per-gate split) calls that same slice once per
 *   piece, out of the kernel registry's reach; here each piece is such a heap copy.
 * - `GatherV2` (the forward pass of an embedding): one row copy per index.
 * They fall back to tfjs' kernels for what they do not handle (strings, bool, batchDims > 0).
 * `bench/kernels.mjs` measures each against tfjs' own at notebook 04's shapes.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

let registered = false;

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };
type KernelFn = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/** x [..., rows, cols] → [..., cols, rows] (float32), in blocks of 32 × 32 for the cache. */
function transposeLast2(x: tf.TensorInfo, backend: WasmBackendLike): tf.TensorInfo {
  const r = x.shape.length;
  const rows = x.shape[r - 2];
  const cols = x.shape[r - 1];
  const out = backend.makeOutput([...x.shape.slice(0, r - 2), cols, rows], x.dtype);
  const src = backend.typedArrayFromHeap(x); // views after makeOutput: a heap growth detaches older ones
  const dst = backend.typedArrayFromHeap(out);
  const B = 32;
  for (let m = 0, off = 0; off < src.length; m++, off = m * rows * cols) {
    for (let i0 = 0; i0 < rows; i0 += B) {
      const i1 = Math.min(rows, i0 + B);
      for (let j0 = 0; j0 < cols; j0 += B) {
        const j1 = Math.min(cols, j0 + B);
        for (let i = i0; i < i1; i++) {
          const from = off + i * cols;
          for (let j = j0; j < j1; j++) dst[off + j * rows + i] = src[from + j];
        }
      }
    }
  }
  return out;
}

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
      let out: tf.TensorInfo;
      if (t.dtype === 'float32' && r >= 2) {
        out = transposeLast2(t, args.backend as WasmBackendLike);
      } else {
        const perm = [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2];
        out = transposeKernel({ inputs: { x: t }, backend: args.backend, attrs: { perm } }) as tf.TensorInfo;
      }
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
  replaceWithFallback('Slice', heapSlice);
  replaceWithFallback('SplitV', heapSplit);
  replaceWithFallback('GatherV2', heapGather);
}

/** A kernel of ours in place of tfjs' wasm one; `ours` returns null for what it leaves to tfjs. */
type PartialKernel = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[] | null;

function replaceWithFallback(kernelName: string, ours: PartialKernel): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (!original) return;
  const fallback = original.kernelFunc as unknown as KernelFn;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: ((args: KernelArgs) => ours(args) ?? fallback(args)) as unknown as tf.KernelFunc,
  });
}

const HEAP_DTYPES = new Set(['float32', 'int32']);

/** `Slice` copied from the heap (see `sliceFromHeap`). */
function heapSlice(args: KernelArgs): tf.TensorInfo | null {
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (!HEAP_DTYPES.has(x.dtype)) return null;
  const attrs = args.attrs as { begin: number | number[]; size: number | number[] };
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
  return sliceFromHeap(x, begin, size, args.backend as WasmBackendLike);
}

/** `SplitV`: one heap slice per piece along `axis`. */
function heapSplit(args: KernelArgs): tf.TensorInfo[] | null {
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (!HEAP_DTYPES.has(x.dtype)) return null;
  const attrs = args.attrs as { numOrSizeSplits: number | number[]; axis: number };
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[axis] = s;
    const piece = sliceFromHeap(x, begin, size, args.backend as WasmBackendLike);
    begin[axis] += s;
    return piece;
  });
}

/** x[begin : begin + size], the innermost run that stays contiguous copied once per outer index. */
function sliceFromHeap(x: tf.TensorInfo, begin: number[], size: number[], backend: WasmBackendLike): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const n = size.reduce((a, b) => a * b, 1);
  if (n === 0) return out;
  const src = backend.typedArrayFromHeap(x); // views after makeOutput: a heap growth detaches older ones
  const dst = backend.typedArrayFromHeap(out);
  const shape = x.shape;
  const rank = shape.length;
  const strides = new Array<number>(rank);
  for (let d = rank - 1, s = 1; d >= 0; d--) { strides[d] = s; s *= shape[d]; }
  // Dimensions from `inner` on are taken whole (after the first partial one): one run per outer index.
  let inner = rank;
  while (inner > 0 && (inner === rank || size[inner] === shape[inner])) inner--;
  const run = size.slice(inner).reduce((a, b) => a * b, 1);
  const outerDims = size.slice(0, inner);
  const idx = new Array<number>(inner).fill(0);
  let base = 0;
  for (let d = 0; d < rank; d++) base += begin[d] * strides[d];
  for (let o = 0; o < n; o += run) {
    let from = base;
    for (let d = 0; d < inner; d++) from += idx[d] * strides[d];
    dst.set(src.subarray(from, from + run), o);
    for (let d = inner - 1; d >= 0; d--) {
      if (++idx[d] < outerDims[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** `GatherV2` without batch dimensions: x [outer, dim, inner], out [outer, indices, inner]. */
function heapGather(args: KernelArgs): tf.TensorInfo | null {
  const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
  const attrs = args.attrs as { axis: number; batchDims: number };
  if (!HEAP_DTYPES.has(x.dtype) || indices.dtype !== 'int32' || (attrs.batchDims ?? 0) !== 0) return null;
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const dim = x.shape[axis];
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const backend = args.backend as WasmBackendLike;
  const out = backend.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype);
  const src = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(indices);
  const dst = backend.typedArrayFromHeap(out);
  for (let i = 0; i < ids.length; i++) {
    if (!(ids[i] >= 0 && ids[i] < dim)) {
      (backend as unknown as { disposeData(id: object): void }).disposeData(out.dataId);
      throw new Error(`GatherV2: the index value ${ids[i]} is not in [0, ${dim - 1}]`);
    }
  }
  const k = ids.length;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < k; i++) {
      const from = (o * dim + ids[i]) * inner;
      const to = (o * k + i) * inner;
      if (inner >= 64) dst.set(src.subarray(from, from + inner), to);
      else for (let j = 0; j < inner; j++) dst[to + j] = src[from + j]; // short rows: no view objects
    }
  }
  return out;
}
