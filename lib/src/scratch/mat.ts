/**
 * Plain typed-array matrices, the three matrix products the cells need, and column sums.
 *
 * A `Mat` is row-major: element (r, c) lives at `data[r * cols + c]`.
 * Float32 is the fast path; Float64 is the gradient-check path. Every function is
 * generic over the array type and allocates with the constructor of its inputs.
 *
 * The products accumulate (`C += ...`) and take explicit offsets and row strides,
 * so a cell can multiply into a column block of a stacked-gate matrix without copying.
 * Loops are ordered i-k-j (the inner loop walks contiguous rows) and unrolled over k
 * by four, so each element of C is loaded and stored once per four products.
 * When A, B and C are Float32 views into one SIMD arena (simd.ts; the Float32 sequence
 * workspaces are), the three products run WebAssembly SIMD kernels instead.
 */

import { SIMD_ONE, simdKernelFor, simdKernelNTFor } from './simd';

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

/** Row r as an array (a copy). */
export function matRow(m: Mat, r: number): number[] {
  return Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols));
}

/** Nested arrays from a matrix. */
export function matToArrays(m: Mat): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(matRow(m, r));
  return out;
}

/**
 * C[m, n] += A[m, k] · B[k, n].
 * A starts at aOff with row stride lda, likewise B and C.
 */
export function gemmNN(
  m: number, n: number, k: number,
  A: FloatArray, aOff: number, lda: number,
  B: FloatArray, bOff: number, ldb: number,
  C: FloatArray, cOff: number, ldc: number,
): void {
  if (C instanceof Float32Array) {
    const g = simdKernelFor(A, B, C);
    if (g) {
      g(m, n, k, A.byteOffset + aOff * 4, lda, 1, B.byteOffset + bOff * 4, ldb, C.byteOffset + cOff * 4, ldc);
      return;
    }
  }
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const ci = cOff + i * ldc;
    const ai = aOff + i * lda;
    let p = 0;
    for (; p < k4; p += 4) {
      const a0 = A[ai + p], a1 = A[ai + p + 1], a2 = A[ai + p + 2], a3 = A[ai + p + 3];
      const b0 = bOff + p * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
      for (let j = 0; j < n; j++) {
        C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; p < k; p++) {
      const a = A[ai + p];
      if (a === 0) continue;
      const b0 = bOff + p * ldb;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b0 + j];
    }
  }
}

/**
 * C[m, n] += A[m, k] · B[n, k]ᵀ (each C element is a dot product of two contiguous rows).
 */
export function gemmNT(
  m: number, n: number, k: number,
  A: FloatArray, aOff: number, lda: number,
  B: FloatArray, bOff: number, ldb: number,
  C: FloatArray, cOff: number, ldc: number,
): void {
  if (C instanceof Float32Array) {
    const g = simdKernelNTFor(A, B, C);
    if (g) {
      g(m, n, k, A.byteOffset + aOff * 4, lda, B.byteOffset + bOff * 4, ldb, C.byteOffset + cOff * 4, ldc);
      return;
    }
  }
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const ai = aOff + i * lda;
    const ci = cOff + i * ldc;
    for (let j = 0; j < n; j++) {
      const bj = bOff + j * ldb;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p < k4; p += 4) {
        s0 += A[ai + p] * B[bj + p];
        s1 += A[ai + p + 1] * B[bj + p + 1];
        s2 += A[ai + p + 2] * B[bj + p + 2];
        s3 += A[ai + p + 3] * B[bj + p + 3];
      }
      for (; p < k; p++) s0 += A[ai + p] * B[bj + p];
      C[ci + j] += s0 + s1 + s2 + s3;
    }
  }
}

/**
 * C[m, n] += A[k, m]ᵀ · B[k, n] (a sum of k outer products; used for weight gradients).
 */
export function gemmTN(
  m: number, n: number, k: number,
  A: FloatArray, aOff: number, lda: number,
  B: FloatArray, bOff: number, ldb: number,
  C: FloatArray, cOff: number, ldc: number,
): void {
  if (C instanceof Float32Array) {
    const g = simdKernelFor(A, B, C);
    if (g) {
      g(m, n, k, A.byteOffset + aOff * 4, 1, lda, B.byteOffset + bOff * 4, ldb, C.byteOffset + cOff * 4, ldc);
      return;
    }
  }
  const k4 = k - (k % 4);
  let p = 0;
  for (; p < k4; p += 4) {
    const a0r = aOff + p * lda, a1r = a0r + lda, a2r = a1r + lda, a3r = a2r + lda;
    const b0 = bOff + p * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
    for (let i = 0; i < m; i++) {
      const a0 = A[a0r + i], a1 = A[a1r + i], a2 = A[a2r + i], a3 = A[a3r + i];
      const ci = cOff + i * ldc;
      for (let j = 0; j < n; j++) {
        C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
  }
  for (; p < k; p++) {
    const ar = aOff + p * lda;
    const b0 = bOff + p * ldb;
    for (let i = 0; i < m; i++) {
      const a = A[ar + i];
      if (a === 0) continue;
      const ci = cOff + i * ldc;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b0 + j];
    }
  }
}

/**
 * C[m, n] += A[m, k] · W[:, col0 : col0+k]ᵀ for W of shape [n, W.cols]. With `WT` = Wᵀ
 * [W.cols, n] this is a plain product (gemmNN, SIMD when in an arena), else gemmNT.
 */
export function gemmWT(
  m: number, n: number, k: number, A: FloatArray, aOff: number, lda: number,
  W: Mat, WT: Mat | undefined, col0: number, C: FloatArray, cOff: number, ldc: number,
): void {
  if (WT) gemmNN(m, n, k, A, aOff, lda, WT.data, col0 * n, n, C, cOff, ldc);
  else gemmNT(m, n, k, A, aOff, lda, W.data, col0, W.cols, C, cOff, ldc);
}

/**
 * out[j] += Σ_r D[r, j] for `rows` rows of `cols` columns (row stride ld, from dOff): the product
 * 1ᵀ D, which is how it runs on the SIMD kernel (an A of stride 0 that reads the arena's 1.0).
 */
export function addColumnSums(rows: number, cols: number, D: FloatArray, dOff: number, ld: number, out: FloatArray): void {
  if (out instanceof Float32Array) {
    const g = simdKernelFor(D, D, out);
    if (g) {
      g(1, cols, rows, SIMD_ONE, 0, 0, D.byteOffset + dOff * 4, ld, out.byteOffset, cols);
      return;
    }
  }
  for (let r = 0; r < rows; r++) {
    const d0 = dOff + r * ld;
    for (let j = 0; j < cols; j++) out[j] += D[d0 + j];
  }
}

/** Bᵀ into `out` ([cols, rows] of B). */
export function transposeInto(B: Mat, out: Mat): Mat {
  const { rows, cols } = B;
  const b = B.data, o = out.data;
  const T = 16; // tiles keep both the rows read and the rows written in cache
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(rows, r0 + T);
    for (let c0 = 0; c0 < cols; c0 += T) {
      const c1 = Math.min(cols, c0 + T);
      for (let r = r0; r < r1; r++) {
        const rb = r * cols;
        for (let c = c0; c < c1; c++) o[c * rows + r] = b[rb + c];
      }
    }
  }
  return out;
}

/** Plain product `A · B` into a new matrix (a convenience, not used in hot loops). */
export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`matmul: inner sizes differ: [${a.rows}, ${a.cols}] · [${b.rows}, ${b.cols}]`);
  const c = mat(a.rows, b.cols, a.data.constructor as FloatArrayConstructor);
  gemmNN(a.rows, b.cols, a.cols, a.data, 0, a.cols, b.data, 0, b.cols, c.data, 0, c.cols);
  return c;
}
