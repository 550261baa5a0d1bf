/**
 * The strided matrix products of the fast path, and column sums.
 *
 * The products accumulate (`C += ...`) and take explicit offsets and row strides,
 * so a cell can multiply into a column block of a stacked-gate matrix without copying.
 * Loops are ordered i-k-j (the inner loop walks contiguous rows) and unrolled over k
 * by four, so each element of C is loaded and stored once per four products.
 * When A, B and C are Float32 views into one SIMD arena (simd.ts; the Float32 sequence
 * workspaces are), the three products run WebAssembly SIMD kernels instead.
 */
import type { FloatArray, Mat } from '../mat';
import { SIMD_ONE, simdKernelFor, simdKernelNTFor } from './simd';

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

