/**
 * Plain typed-array matrices, and the few operations the cells are written with.
 *
 * A `Mat` is row-major: element (r, c) lives at `data[r * cols + c]`.
 * Float32 is what tfjs computes in; Float64 is the gradient-check precision. Every function is
 * generic over the array type and allocates its result with the constructor of its first input.
 *
 * This file is meant to be read: each operation is a loop over the elements, nothing more.
 * The fast path (scratch/fast/) multiplies in place with strides and WebAssembly SIMD instead.
 */

export type FloatArray = Float32Array | Float64Array;
export type FloatArrayConstructor = Float32ArrayConstructor | Float64ArrayConstructor;
export type FloatDType = 'float32' | 'float64';

/** A row-major matrix `[rows, cols]`. */
export interface Mat<A extends FloatArray = FloatArray> {
  rows: number;
  cols: number;
  data: A;
}

export function ctorOf(dtype: FloatDType): FloatArrayConstructor {
  return dtype === 'float64' ? Float64Array : Float32Array;
}

export function dtypeOf(a: FloatArray): FloatDType {
  return a instanceof Float64Array ? 'float64' : 'float32';
}

/** A new zero matrix `[rows, cols]` of the given array type (Float32 by default). */
export function mat(rows: number, cols: number, ctor: FloatArrayConstructor = Float32Array): Mat {
  return { rows, cols, data: new ctor(rows * cols) };
}

/** A matrix from nested arrays (`[[row0...], [row1...]]`), handy in tests and notebooks. */
export function matFrom(rows: ArrayLike<number>[], ctor: FloatArrayConstructor = Float32Array): Mat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = mat(r, c, ctor);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new Error(`matFrom: row ${i} has ${rows[i].length} columns, expected ${c}`);
    for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
  }
  return m;
}

/** A deep copy, optionally into another array type. */
export function cloneMat(m: Mat, ctor?: FloatArrayConstructor): Mat {
  const C = ctor ?? (m.data.constructor as FloatArrayConstructor);
  return { rows: m.rows, cols: m.cols, data: new C(m.data) };
}

/** The rows of a matrix as nested arrays (for `console.table` and comparisons). */
export function rowsOf(m: Mat): number[][] {
  return Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
}

/** The product `a · b`: [n, k] · [k, m] → [n, m]. */
export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`matmul: inner sizes differ: [${a.rows}, ${a.cols}] · [${b.rows}, ${b.cols}]`);
  const c = like(a, a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return c;
}

/** The transpose `mᵀ`: [rows, cols] → [cols, rows]. */
export function transpose(m: Mat): Mat {
  const t = like(m, m.cols, m.rows);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) t.data[c * m.rows + r] = m.data[r * m.cols + c];
  }
  return t;
}

/** `a + b`, element by element (same shapes). */
export function add(a: Mat, b: Mat): Mat {
  return zipWith(a, b, 'add', (p, q) => p + q);
}

/** `a − b`, element by element (same shapes). */
export function sub(a: Mat, b: Mat): Mat {
  return zipWith(a, b, 'sub', (p, q) => p - q);
}

/** `a ⊙ b`, the element-wise (Hadamard) product (same shapes). */
export function mul(a: Mat, b: Mat): Mat {
  return zipWith(a, b, 'mul', (p, q) => p * q);
}

/** `f` applied to every element. */
export function mapMat(m: Mat, f: (v: number) => number): Mat {
  const out = like(m, m.rows, m.cols);
  for (let i = 0; i < m.data.length; i++) out.data[i] = f(m.data[i]);
  return out;
}

/** The logistic sigmoid σ(v) = 1 / (1 + e^(−v)), element by element. */
export function sigmoid(m: Mat): Mat {
  return mapMat(m, (v) => 1 / (1 + Math.exp(-v)));
}

/** tanh, element by element. */
export function tanh(m: Mat): Mat {
  return mapMat(m, Math.tanh);
}

/** `m + b` with the row vector `b` [cols] added to every row (a bias). */
export function addRowVector(m: Mat, b: ArrayLike<number>): Mat {
  if (b.length !== m.cols) throw new Error(`addRowVector: expected a vector of ${m.cols} values, got ${b.length}`);
  const out = like(m, m.rows, m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) out.data[r * m.cols + c] = m.data[r * m.cols + c] + b[c];
  }
  return out;
}

/** Columns [from, to) of `m`: one gate's block of a stacked-gate matrix. */
export function columns(m: Mat, from: number, to: number): Mat {
  const out = like(m, m.rows, to - from);
  for (let r = 0; r < m.rows; r++) out.data.set(m.data.subarray(r * m.cols + from, r * m.cols + to), r * (to - from));
  return out;
}

/** The matrices side by side, [rows, Σ cols]: gate blocks back into one stacked matrix. */
export function concatColumns(parts: Mat[]): Mat {
  const rows = parts[0].rows;
  const cols = parts.reduce((s, p) => s + p.cols, 0);
  const out = like(parts[0], rows, cols);
  let c0 = 0;
  for (const p of parts) {
    if (p.rows !== rows) throw new Error(`concatColumns: expected ${rows} rows in every part, got ${p.rows}`);
    for (let r = 0; r < rows; r++) out.data.set(p.data.subarray(r * p.cols, (r + 1) * p.cols), r * cols + c0);
    c0 += p.cols;
  }
  return out;
}

/** Σ over the rows of `m`: [rows, cols] → [cols] (a bias gradient sums over the batch). */
export function sumRows(m: Mat): Float64Array {
  const out = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) out[c] += m.data[r * m.cols + c];
  }
  return out;
}

/** `target += values`, in place (gradients accumulate over the steps). */
export function addInPlace(target: ArrayLike<number> & { [i: number]: number }, values: ArrayLike<number>): void {
  if (target.length !== values.length) throw new Error(`addInPlace: expected ${target.length} values, got ${values.length}`);
  for (let i = 0; i < values.length; i++) target[i] += values[i];
}

/** A zero matrix [rows, cols] with the array type of `m`. */
function like(m: Mat, rows: number, cols: number): Mat {
  return mat(rows, cols, m.data.constructor as FloatArrayConstructor);
}

function zipWith(a: Mat, b: Mat, name: string, f: (p: number, q: number) => number): Mat {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`${name}: shapes differ: [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`);
  }
  const out = like(a, a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = f(a.data[i], b.data[i]);
  return out;
}
