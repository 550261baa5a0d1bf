/**
 * The relaxed-SIMD matrix kernel (lib/src/scratch/simd-relaxed.ts) against the plain SIMD kernel
 * and a Float64 sum: C += A·B and C += Aᵀ·B over shapes with whole 4 × 8 tiles and edges (rows
 * and columns left to the plain kernel), strided operands, k = 0 and the column sums of the
 * arena's 1.0. The fused multiply-add rounds once per product instead of twice, so the two
 * kernels agree within float32 rounding, not bit for bit: each entry is checked against the
 * bound (k + 1)·2⁻²⁴·Σ|terms| of a float32 sum.
 */
import { createSimdArena, matrixKernel, relaxedSimdAvailable, setRelaxedSimdEnabled, seededRng } from 'seqmodels/internals';
import type { SimdArena } from 'seqmodels/internals';

afterEach(() => setRelaxedSimdEnabled(true));

/** C (m × n, row stride ldc) += A(m × k) · B (k × n, row stride ldb) on the arena's kernel. */
function product(arena: SimdArena, m: number, n: number, k: number, transA: boolean, ldb: number, ldc: number, seed: number) {
  const random = seededRng(seed);
  const lda = transA ? m + 3 : k + 2;                       // padded rows: strides differ from the shapes
  const fill = (x: Float32Array) => x.forEach((_, i) => (x[i] = random() * 2 - 1));
  const A = arena.f32(Math.max(1, (transA ? k : m) * lda)), B = arena.f32(Math.max(1, k * ldb)), C0 = arena.f32(m * ldc);
  fill(A); fill(B); fill(C0);
  const sI = transA ? 1 : lda, sP = transA ? lda : 1;
  const run = () => {
    const C = arena.f32(m * ldc);
    C.set(C0);
    arena.gemm(m, n, k, A.byteOffset, sI, sP, B.byteOffset, ldb, C.byteOffset, ldc);
    return C;
  };
  // Float64 reference and the float32 rounding bound of each entry.
  const want = new Float64Array(m * ldc), bound = new Float64Array(m * ldc);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < ldc; j++) {
      let sum = C0[i * ldc + j], abs = Math.abs(sum);
      if (j < n) {
        for (let p = 0; p < k; p++) {
          const t = A[i * sI + p * sP] * B[p * ldb + j];
          sum += t;
          abs += Math.abs(t);
        }
      }
      want[i * ldc + j] = sum;
      bound[i * ldc + j] = (k + 1) * 2 ** -24 * abs;
    }
  }
  return { run, want, bound };
}

function worstRatio(c: Float32Array, want: Float64Array, bound: Float64Array): number {
  let worst = 0;
  c.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - want[i]) / Math.max(bound[i], 1e-30))));
  return worst;
}

test('relaxed SIMD is available on this Node (the library sets V8\'s flag on Node 20) and is the default kernel', () => {
  expect(relaxedSimdAvailable()).toBe(true);
  expect(matrixKernel()).toBe('relaxed-simd');
  expect(setRelaxedSimdEnabled(false)).toBe(true);
  expect(matrixKernel()).toBe('simd');
});

test.each([
  // m, n, k, Aᵀ, ldb, ldc
  [64, 512, 128, false, 512, 512],   // the fast LSTM's h·U at bench setting (a): whole tiles only
  [128, 512, 32, true, 512, 512],    // its weight gradient hᵀ·dG on a block of 32 rows
  [13, 20, 5, false, 24, 22],        // edges: 1 row and 4 columns left to the plain kernel, padded strides
  [5, 8, 3, true, 8, 9],
  [3, 7, 9, false, 7, 7],            // smaller than one tile: the plain kernel only
  [9, 17, 0, false, 17, 17],         // k = 0: C unchanged
  [33, 70, 9, true, 71, 70],
  [12, 16, 7, false, 16, 16],       // k below the tiles' shortest inner loop: the plain kernel only
] as const)('%i x %i x %i (Aᵀ %s): relaxed and plain SIMD equal the Float64 sum within float32 rounding', (m, n, k, transA, ldb, ldc) => {
  const arena = createSimdArena(1 << 20)!;
  const { run, want, bound } = product(arena, m, n, k, transA, ldb, ldc, m * 1000 + n + k);
  setRelaxedSimdEnabled(true);
  const relaxed = run();
  setRelaxedSimdEnabled(false);
  const plain = run();
  expect(worstRatio(relaxed, want, bound)).toBeLessThanOrEqual(1);
  expect(worstRatio(plain, want, bound)).toBeLessThanOrEqual(1);
});

test('the tiles round once per multiply-add (fused), the plain kernel twice: the tile kernel did run', () => {
  // a·a − (1 + 2⁻¹¹) with a = 1 + 2⁻¹²: the exact product 1 + 2⁻¹¹ + 2⁻²⁴ rounds to 1 + 2⁻¹¹ on its
  // own (0 after the add), but a fused multiply-add keeps 2⁻²⁴. FMA hardware (x86-64 FMA3, ARM64).
  // k = 8 (the tiles' shortest inner loop): only p = 0 carries a, the other products are 0 · 0.
  const arena = createSimdArena(4096)!;
  const m = 4, n = 8, k = 8, a = 1 + 2 ** -12;
  const A = arena.f32(m * k), B = arena.f32(k * n), C = arena.f32(m * n);
  for (let i = 0; i < m; i++) A[i * k] = a;
  B.fill(a, 0, n);
  for (const [on, expected] of [[true, 2 ** -24], [false, 0]] as const) {
    setRelaxedSimdEnabled(on);
    C.fill(-(1 + 2 ** -11));
    arena.gemm(m, n, k, A.byteOffset, k, 1, B.byteOffset, n, C.byteOffset, n);
    expect(Array.from(new Set(C))).toEqual([expected]);
  }
});
