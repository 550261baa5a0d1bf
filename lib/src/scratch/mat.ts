/**
 * Plain typed-array matrices.
 *
 * A `Mat` is row-major: element (r, c) lives at `data[r * cols + c]`.
 * Float32 is the fast path; Float64 is the gradient-check path. Every function is
 * generic over the array type and allocates with the constructor of its inputs.
 */

import { gemmNN } from './fast/gemm';

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

/** Plain product `A · B` into a new matrix (a convenience, not used in hot loops). */
export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`matmul: inner sizes differ: [${a.rows}, ${a.cols}] · [${b.rows}, ${b.cols}]`);
  const c = mat(a.rows, b.cols, a.data.constructor as FloatArrayConstructor);
  gemmNN(a.rows, b.cols, a.cols, a.data, 0, a.cols, b.data, 0, b.cols, c.data, 0, c.cols);
  return c;
}
