/**
 * A WebAssembly SIMD matrix kernel for the Float32 path, assembled here byte by byte (no
 * toolchain, no download): V8 does not vectorise JavaScript loops, wasm's f32x4 does.
 *
 *   gemm(m, n, k, a, sI, sP, b, ldb, c, ldc):  C[i, j] += Σ_p A(i, p) · B[p, j]
 *   with A(i, p) = a[i·sI + p·sP]: (sI, sP) = (lda, 1) is A·B, (1, lda) is Aᵀ·B.
 * Pointers are byte addresses in the module's memory, strides are in elements.
 * Rows of C go in pairs (R = 2) and the loop over p is unrolled by U = 4: 2·4 broadcast values
 * of A, then one pass over the two rows of C adding 4 scaled rows of B four columns at a time
 * (a scalar tail handles n mod 4). Each C vector is loaded and stored once per 4 products and
 * each B vector serves both rows. An odd last row uses the one-row kernel (U = 8). Measured
 * best-of on this machine: about 12 GMAC/s for the pair kernel, 10 for the one-row kernel,
 * against 0.5 to 1 for the JavaScript loops.
 *
 * The kernel only sees memory of its own instance, so the Float32 workspaces of sequence.ts
 * allocate their buffers in an arena (one WebAssembly.Memory, never grown, so views stay
 * valid). mat.ts's gemm functions call the kernel when all three operands live in one arena,
 * and fall back to JavaScript otherwise (or when WebAssembly SIMD is unavailable). The first
 * float of every arena is 1.0 (at byte SIMD_ONE): with strides sI = sP = 0 it is a row of ones,
 * so the kernel also computes column sums 1ᵀ D (bias gradients).
 */

import { relaxedSimdActive, withRelaxedSimd } from './simd-relaxed';
import { HEADER, compileOnce, section, sleb, str, uleb } from './wasm-encoding';


// Opcodes used below.
const OP = {
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b], br: 0x0c, brIf: 0x0d,
  get: 0x20, set: 0x21,
  i32const: 0x41, add: 0x6a, mul: 0x6c, and: 0x71, shl: 0x74, geS: 0x4e,
  f32load: [0x2a, 2, 0], f32store: [0x38, 2, 0], f32add: [0x92], f32mul: [0x94],
  v128load: [0xfd, 0x00, 2, 0], v128store: [0xfd, 0x0b, 2, 0], splat: [0xfd, 0x13], lane0: [0xfd, 0x1f, 0],
  vadd: [0xfd, 0xe4, 0x01], vsub: [0xfd, 0xe5, 0x01], vmul: [0xfd, 0xe6, 0x01], vdiv: [0xfd, 0xe7, 0x01],
  vmin: [0xfd, 0xe8, 0x01], vmax: [0xfd, 0xe9, 0x01], vnearest: [0xfd, 0x6a],
  i32splat: [0xfd, 0x11], i32add: [0xfd, 0xae, 0x01], i32shl: [0xfd, 0xab, 0x01], truncSat: [0xfd, 0xf8, 0x01],
  f32const: 0x43,
};

function f32bytes(v: number): number[] {
  return Array.from(new Uint8Array(Float32Array.of(v).buffer));
}

/** Vectors per loop iteration of `act` (independent dependency chains; 1 to 4 measured alike). */
const ACT_VECTORS = 2;

/**
 * act(ptr, count, scale): y = scale / (1 + exp(−scale·x)) − (scale − 1) in place over `count`
 * floats (count a multiple of 4): scale 1 is the sigmoid σ(x), scale 2 is tanh(x) = 2σ(2x) − 1.
 * exp is computed as 2ⁿ·eʳ with n = round(z·log₂e), r = z − n·ln2 (ln2 split in two parts),
 * eʳ by a degree-7 polynomial (the classic single-precision coefficients), z clamped to
 * [−87, 88] so 2ⁿ stays a normal float. Absolute error about 1e-7 on σ, 2e-7 on tanh
 * (a few float32 ulps), measured against Math.exp / Math.tanh. ACT_VECTORS vectors per loop
 * iteration, then single vectors: about 2.6 ns per value on this machine, against 3.6 before.
 */
function actBody(): number[] {
  const ptr = 0, count = 1, scale = 2;            // params (i32, i32, f32)
  const end = 3, endV = 4;                        // i32 locals
  const sc = 5, nsc = 6, one = 7;                 // v128 locals, then x, n, r, eʳ per vector in flight
  const tmp = Array.from({ length: ACT_VECTORS }, (_, v) => 8 + 4 * v).map((b) => ({ x: b, n: b + 1, r: b + 2, pp: b + 3 }));
  const get = (v: number) => [OP.get, ...uleb(v)];
  const set = (v: number) => [OP.set, ...uleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const q of parts) Array.isArray(q) ? code.push(...q) : code.push(q); };
  const vconst = (v: number) => [OP.f32const, ...f32bytes(v), ...OP.splat];
  // The activation of the 4 floats at ptr + off (bytes), with its own temporaries t.
  const one4 = (off: number, t: { x: number; n: number; r: number; pp: number }) => {
    const { x, n, r, pp } = t;
    // z = clamp(−scale·x) into x
    emit(get(ptr), 0xfd, 0x00, 2, off, get(nsc), OP.vmul, vconst(-87), OP.vmax, vconst(88), OP.vmin, set(x));
    emit(get(x), vconst(1.44269504088896341), OP.vmul, OP.vnearest, set(n));
    emit(get(x), get(n), vconst(0.693359375), OP.vmul, OP.vsub, get(n), vconst(-2.12194440e-4), OP.vmul, OP.vsub, set(r));
    emit(vconst(1.9875691500e-4), get(r), OP.vmul, vconst(1.3981999507e-3), OP.vadd);
    emit(get(r), OP.vmul, vconst(8.3334519073e-3), OP.vadd);
    emit(get(r), OP.vmul, vconst(4.1665795894e-2), OP.vadd);
    emit(get(r), OP.vmul, vconst(1.6666665459e-1), OP.vadd);
    emit(get(r), OP.vmul, vconst(5.0000001201e-1), OP.vadd);
    emit(get(r), OP.vmul, get(r), OP.vmul, get(r), OP.vadd, get(one), OP.vadd, set(pp));   // eʳ
    // 2ⁿ from the exponent bits: (n + 127) << 23
    emit(get(n), OP.truncSat, OP.i32const, ...sleb(127), OP.i32splat, OP.i32add, OP.i32const, 23, OP.i32shl);
    emit(get(pp), OP.vmul, set(pp));                                                          // e^z
    emit(get(ptr));
    emit(get(sc), get(pp), get(one), OP.vadd, OP.vdiv, get(sc), get(one), OP.vsub, OP.vsub);
    emit(0xfd, 0x0b, 2, off);                                                                 // v128.store
  };
  emit(get(scale), OP.splat, set(sc));
  emit(OP.f32const, ...f32bytes(0), get(scale), 0x93 /* f32.sub */, OP.splat, set(nsc));
  emit(vconst(1), set(one));
  emit(get(ptr), get(count), OP.i32const, 2, OP.shl, OP.add, set(end));
  emit(get(end), OP.i32const, ...sleb(16 * (ACT_VECTORS - 1)), 0x6b /* i32.sub */, set(endV));
  // ACT_VECTORS vectors per iteration (independent dependency chains), then single vectors.
  emit(OP.block, OP.loop);
  emit(get(ptr), get(endV), OP.geS, OP.brIf, 1);
  tmp.forEach((t, v) => one4(16 * v, t));
  emit(get(ptr), OP.i32const, ...sleb(16 * ACT_VECTORS), OP.add, set(ptr), OP.br, 0, OP.end, OP.end);
  emit(OP.block, OP.loop);
  emit(get(ptr), get(end), OP.geS, OP.brIf, 1);
  one4(0, tmp[0]);
  emit(get(ptr), OP.i32const, 16, OP.add, set(ptr), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [2, 2, 0x7f, ...uleb(3 + 4 * ACT_VECTORS), 0x7b];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/**
 * gemm over rows [0, m − m mod R), R rows of C at a time (each B vector load then serves R rows),
 * the loop over p unrolled by U (a power of two). The caller runs the R = 1 kernel on the
 * leftover rows. (Tried and measured no faster: R = 4, U = 16, two column vectors per pass, and
 * relaxed-SIMD fused multiply-add, which Node 20 has only behind a flag.)
 */
function gemmBody(R: number, U: number): number[] {
  // params
  const m = 0, n = 1, k = 2, a = 3, sI = 4, sP = 5, b = 6, ldb = 7, c = 8, ldc = 9;
  // i32 locals
  let next = 10;
  const i = next++, p = next++, jb = next++, n4b = next++, nb = next++, kU = next++, ldb4 = next++, sP4 = next++, mR = next++;
  const cRow = Array.from({ length: R }, () => next++);
  const aRow = Array.from({ length: R }, () => next++);
  const aPtr = Array.from({ length: R }, () => next++);
  const bu = Array.from({ length: U }, () => next++);
  const nI32 = next - 10;
  // v128 locals
  const au = Array.from({ length: R }, () => Array.from({ length: U }, () => next++));
  const acc = Array.from({ length: R }, () => next++);
  const bv = next++;
  const nV128 = R * U + R + 1;
  // f32 locals
  const sAcc = Array.from({ length: R }, () => next++);
  const bs = next++;
  const get = (x: number) => [OP.get, ...uleb(x)];
  const set = (x: number) => [OP.set, ...uleb(x)];
  const cst = (v: number) => [OP.i32const, ...sleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const x of parts) Array.isArray(x) ? code.push(...x) : code.push(x); };

  // One pass over R rows of C with `count` scaled rows of B (vector part, then scalar tail).
  const rowPass = (count: number) => {
    emit(cst(0), set(jb));
    emit(OP.block, OP.loop);
    emit(get(jb), get(n4b), OP.geS, OP.brIf, 1);
    for (let r = 0; r < R; r++) emit(get(cRow[r]), get(jb), OP.add, OP.v128load, set(acc[r]));
    for (let u = 0; u < count; u++) {
      emit(get(bu[u]), get(jb), OP.add, OP.v128load, set(bv));
      for (let r = 0; r < R; r++) emit(get(acc[r]), get(au[r][u]), get(bv), OP.vmul, OP.vadd, set(acc[r]));
    }
    for (let r = 0; r < R; r++) emit(get(cRow[r]), get(jb), OP.add, get(acc[r]), OP.v128store);
    emit(get(jb), cst(16), OP.add, set(jb), OP.br, 0, OP.end, OP.end);
    emit(OP.block, OP.loop);
    emit(get(jb), get(nb), OP.geS, OP.brIf, 1);
    for (let r = 0; r < R; r++) emit(get(cRow[r]), get(jb), OP.add, OP.f32load, set(sAcc[r]));
    for (let u = 0; u < count; u++) {
      emit(get(bu[u]), get(jb), OP.add, OP.f32load, set(bs));
      for (let r = 0; r < R; r++) emit(get(sAcc[r]), get(au[r][u]), OP.lane0, get(bs), OP.f32mul, OP.f32add, set(sAcc[r]));
    }
    for (let r = 0; r < R; r++) emit(get(cRow[r]), get(jb), OP.add, get(sAcc[r]), OP.f32store);
    emit(get(jb), cst(4), OP.add, set(jb), OP.br, 0, OP.end, OP.end);
  };
  // Broadcast `count` values of A per row (from aPtr, step sP4) and set the B row pointers (from row p).
  const loadOperands = (count: number) => {
    for (let r = 0; r < R; r++) emit(get(aRow[r]), get(p), get(sP4), OP.mul, OP.add, set(aPtr[r]));
    emit(get(b), get(p), get(ldb4), OP.mul, OP.add, set(bu[0]));
    for (let u = 0; u < count; u++) {
      for (let r = 0; r < R; r++) {
        emit(get(aPtr[r]), OP.f32load, OP.splat, set(au[r][u]));
        emit(get(aPtr[r]), get(sP4), OP.add, set(aPtr[r]));
      }
      if (u > 0) emit(get(bu[u - 1]), get(ldb4), OP.add, set(bu[u]));
    }
  };

  emit(get(n), cst(-4), OP.and, cst(2), OP.shl, set(n4b));
  emit(get(n), cst(2), OP.shl, set(nb));
  emit(get(k), cst(-U), OP.and, set(kU));
  emit(get(m), get(m), cst(R), 0x70 /* i32.rem_u */, 0x6b /* i32.sub */, set(mR));
  emit(get(ldb), cst(2), OP.shl, set(ldb4));
  emit(get(sP), cst(2), OP.shl, set(sP4));
  emit(cst(0), set(i));
  emit(OP.block, OP.loop);                                           // for i < mR, step R
  emit(get(i), get(mR), OP.geS, OP.brIf, 1);
  for (let r = 0; r < R; r++) {
    emit(get(c), get(i), cst(r), OP.add, get(ldc), OP.mul, cst(2), OP.shl, OP.add, set(cRow[r]));
    emit(get(a), get(i), cst(r), OP.add, get(sI), OP.mul, cst(2), OP.shl, OP.add, set(aRow[r]));
  }
  emit(cst(0), set(p));
  emit(OP.block, OP.loop);                                           // for p < kU, step U
  emit(get(p), get(kU), OP.geS, OP.brIf, 1);
  loadOperands(U);
  rowPass(U);
  emit(get(p), cst(U), OP.add, set(p), OP.br, 0, OP.end, OP.end);
  emit(OP.block, OP.loop);                                           // for p < k, step 1
  emit(get(p), get(k), OP.geS, OP.brIf, 1);
  loadOperands(1);
  rowPass(1);
  emit(get(p), cst(1), OP.add, set(p), OP.br, 0, OP.end, OP.end);
  emit(get(i), cst(R), OP.add, set(i), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [3, ...uleb(nI32), 0x7f, ...uleb(nV128), 0x7b, ...uleb(R + 1), 0x7d];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/**
 * gemmNT(m, n, k, a, lda, b, ldb, c, ldc): C[i, j] += Σ_p A[i, p] · B[j, p], dot products of
 * contiguous rows, four columns j at a time (four independent accumulators share each A vector),
 * then a horizontal sum and a scalar tail over k mod 4. Used when a transposed copy of B would
 * cost more than it saves (small batches).
 */
function gemmNTBody(): number[] {
  const m = 0, n = 1, k = 2, a = 3, lda = 4, b = 5, ldb = 6, c = 7, ldc = 8;
  let next = 9;
  const i = next++, j = next++, pb = next++, k4b = next++, kb = next++, n4 = next++, aRow = next++, cRow = next++, ldb4 = next++;
  const bp = [next++, next++, next++, next++];
  const nI32 = next - 9;
  const av = next++;
  const acc = [next++, next++, next++, next++];
  const sv = [next++, next++, next++, next++];
  const as = next++;
  const get = (x: number) => [OP.get, ...uleb(x)];
  const set = (x: number) => [OP.set, ...uleb(x)];
  const cst = (v: number) => [OP.i32const, ...sleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const x of parts) Array.isArray(x) ? code.push(...x) : code.push(x); };
  const lane = (l: number) => [0xfd, 0x1f, l];
  // Dot products of row aRow with `count` rows of B (pointers bp), added into C[cRow + j ..].
  const dots = (count: number) => {
    for (let u = 0; u < count; u++) emit(OP.f32const, 0, 0, 0, 0, OP.splat, set(acc[u]));
    emit(cst(0), set(pb));
    emit(OP.block, OP.loop);
    emit(get(pb), get(k4b), OP.geS, OP.brIf, 1);
    emit(get(aRow), get(pb), OP.add, OP.v128load, set(av));
    for (let u = 0; u < count; u++) emit(get(acc[u]), get(av), get(bp[u]), get(pb), OP.add, OP.v128load, OP.vmul, OP.vadd, set(acc[u]));
    emit(get(pb), cst(16), OP.add, set(pb), OP.br, 0, OP.end, OP.end);
    for (let u = 0; u < count; u++) {
      emit(get(acc[u]), lane(0), get(acc[u]), lane(1), OP.f32add, get(acc[u]), lane(2), OP.f32add, get(acc[u]), lane(3), OP.f32add, set(sv[u]));
    }
    emit(OP.block, OP.loop);
    emit(get(pb), get(kb), OP.geS, OP.brIf, 1);
    emit(get(aRow), get(pb), OP.add, OP.f32load, set(as));
    for (let u = 0; u < count; u++) emit(get(sv[u]), get(as), get(bp[u]), get(pb), OP.add, OP.f32load, OP.f32mul, OP.f32add, set(sv[u]));
    emit(get(pb), cst(4), OP.add, set(pb), OP.br, 0, OP.end, OP.end);
    for (let u = 0; u < count; u++) {
      emit(get(cRow), get(j), cst(u), OP.add, cst(2), OP.shl, OP.add);          // address of C[i, j+u]
      emit(get(cRow), get(j), cst(u), OP.add, cst(2), OP.shl, OP.add, OP.f32load, get(sv[u]), OP.f32add, OP.f32store);
    }
  };
  emit(get(k), cst(-4), OP.and, cst(2), OP.shl, set(k4b));
  emit(get(k), cst(2), OP.shl, set(kb));
  emit(get(n), cst(-4), OP.and, set(n4));
  emit(get(ldb), cst(2), OP.shl, set(ldb4));
  emit(cst(0), set(i));
  emit(OP.block, OP.loop);                                                 // for i < m
  emit(get(i), get(m), OP.geS, OP.brIf, 1);
  emit(get(a), get(i), get(lda), OP.mul, cst(2), OP.shl, OP.add, set(aRow));
  emit(get(c), get(i), get(ldc), OP.mul, cst(2), OP.shl, OP.add, set(cRow));
  emit(cst(0), set(j));
  emit(OP.block, OP.loop);                                                 // for j < n4, step 4
  emit(get(j), get(n4), OP.geS, OP.brIf, 1);
  emit(get(b), get(j), get(ldb4), OP.mul, OP.add, set(bp[0]));
  for (let u = 1; u < 4; u++) emit(get(bp[u - 1]), get(ldb4), OP.add, set(bp[u]));
  dots(4);
  emit(get(j), cst(4), OP.add, set(j), OP.br, 0, OP.end, OP.end);
  emit(OP.block, OP.loop);                                                 // for j < n, step 1
  emit(get(j), get(n), OP.geS, OP.brIf, 1);
  emit(get(b), get(j), get(ldb4), OP.mul, OP.add, set(bp[0]));
  dots(1);
  emit(get(j), cst(1), OP.add, set(j), OP.br, 0, OP.end, OP.end);
  emit(get(i), cst(1), OP.add, set(i), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [3, ...uleb(nI32), 0x7f, 5, 0x7b, 5, 0x7d];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** Kernel variants in the module: [exported name, rows per block R, unroll U]. */
const VARIANTS: [string, number, number][] = [['gemm', 1, 8], ['gemm2', 2, 4]];

function moduleBytes(): Uint8Array {
  const V = VARIANTS.length;
  const type = section(1, [3, 0x60, 10, ...new Array(10).fill(0x7f), 0, 0x60, 3, 0x7f, 0x7f, 0x7d, 0,
    0x60, 9, ...new Array(9).fill(0x7f), 0]);
  const imp = section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 1]);
  const func = section(3, [V + 2, ...new Array(V).fill(0), 1, 2]);
  const exp = section(7, [V + 2, ...VARIANTS.flatMap(([name], f) => [...str(name), 0x00, f]), ...str('act'), 0x00, V,
    ...str('gemmNT'), 0x00, V + 1]);
  const code = section(10, [V + 2, ...VARIANTS.flatMap(([, R, U]) => gemmBody(R, U)), ...actBody(), ...gemmNTBody()]);
  return new Uint8Array([...HEADER, ...type, ...imp, ...func, ...exp, ...code]);
}

export type SimdGemm = (m: number, n: number, k: number, a: number, sI: number, sP: number,
  b: number, ldb: number, c: number, ldc: number) => void;

const simdModule = compileOnce(moduleBytes);

let enabled = true;

/** Turns the SIMD kernel on or off (for comparisons; new arenas only). Returns whether it is available. */
export function setSimdEnabled(on: boolean): boolean {
  enabled = on;
  return simdModule() !== null;
}

/**
 * The matrix kernel that Float32 products in this thread run on: 'relaxed-simd' (the register-tiled
 * fused multiply-add kernel of simd-relaxed.ts), 'simd' (this file's kernel) or 'javascript'.
 */
export function matrixKernel(): 'relaxed-simd' | 'simd' | 'javascript' {
  if (!simdActive()) return 'javascript';
  return relaxedSimdActive() ? 'relaxed-simd' : 'simd';
}

/** Whether new arenas get the SIMD kernels: WebAssembly SIMD available and not turned off. */
export function simdActive(): boolean {
  return enabled && simdModule() !== null;
}

export type SimdAct = (ptr: number, count: number, scale: number) => void;

export type SimdGemmNT = (m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number) => void;

/** Byte address of the 1.0 that every arena keeps in its first float. */
export const SIMD_ONE = 0;

const kernels = new WeakMap<ArrayBufferLike, SimdGemm>();
const plainKernels = new WeakMap<ArrayBufferLike, SimdGemm>();
const kernelsNT = new WeakMap<ArrayBufferLike, SimdGemmNT>();
const activations = new WeakMap<ArrayBufferLike, SimdAct>();

/** σ(a[off .. off+count)) in place; SIMD for arena arrays, Math.exp otherwise. */
export function sigmoidInPlace(a: Float32Array | Float64Array, off: number, count: number): void {
  activate(a, off, 1, count, count, 1);
}

/** tanh(a[off .. off+count)) in place; SIMD for arena arrays, Math.tanh otherwise. */
export function tanhInPlace(a: Float32Array | Float64Array, off: number, count: number): void {
  activate(a, off, 1, count, count, 2);
}

/** σ in place on a column block: `rows` rows of `count` values, row r from off + r·ld. */
export function sigmoidRows(a: Float32Array | Float64Array, off: number, rows: number, ld: number, count: number): void {
  activate(a, off, rows, ld, count, 1);
}

/** tanh in place on a column block: `rows` rows of `count` values, row r from off + r·ld. */
export function tanhRows(a: Float32Array | Float64Array, off: number, rows: number, ld: number, count: number): void {
  activate(a, off, rows, ld, count, 2);
}

function activate(a: Float32Array | Float64Array, off: number, rows: number, ld: number, count: number, scale: 1 | 2): void {
  const f = a instanceof Float32Array ? activations.get(a.buffer) : undefined;
  const n4 = f ? count & ~3 : 0;   // the kernel takes multiples of 4, the scalar loops the rest
  for (let r = 0; r < rows; r++) {
    const r0 = off + r * ld;
    if (n4 > 0) f!(a.byteOffset + r0 * 4, n4, scale);
    const end = r0 + count;
    if (scale === 1) for (let i = r0 + n4; i < end; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
    else for (let i = r0 + n4; i < end; i++) a[i] = Math.tanh(a[i]);
  }
}

/** The SIMD kernel when all three arrays are views into one arena, else undefined. */
export function simdKernelFor(a: ArrayBufferView, b: ArrayBufferView, c: ArrayBufferView): SimdGemm | undefined {
  const buf = c.buffer;
  if (a.buffer !== buf || b.buffer !== buf) return undefined;
  return kernels.get(buf);
}

/**
 * This file's kernel (never the relaxed-SIMD tiles) when all three arrays are views into one
 * arena, else undefined: one float32 multiply and one add per product, accumulated over p in
 * order, so C += Σ_p of k products equals k calls of one product each, bit for bit.
 */
export function plainSimdKernelFor(a: ArrayBufferView, b: ArrayBufferView, c: ArrayBufferView): SimdGemm | undefined {
  const buf = c.buffer;
  if (a.buffer !== buf || b.buffer !== buf) return undefined;
  return plainKernels.get(buf);
}

/** The dot-product (A·Bᵀ) SIMD kernel when all three arrays are views into one arena, else undefined. */
export function simdKernelNTFor(a: ArrayBufferView, b: ArrayBufferView, c: ArrayBufferView): SimdGemmNT | undefined {
  const buf = c.buffer;
  if (a.buffer !== buf || b.buffer !== buf) return undefined;
  return kernelsNT.get(buf);
}

/** Float32 memory for the SIMD kernel: a bump allocator over one WebAssembly.Memory. */
export interface SimdArena {
  /** A zeroed Float32Array of n entries inside the arena (16-byte aligned). */
  f32(n: number): Float32Array;
  readonly capacity: number;   // floats
  used: number;                // floats
  /** The raw kernels of this arena's instance, by export name (for tests and benchmarks). */
  readonly kernels: Record<string, SimdGemm>;
  /** The product mat.ts calls on this arena (relaxed-SIMD tiles and edges, or the kernels above). */
  readonly gemm: SimdGemm;
}

/** An arena of at least `floats` Float32 values, or null when WebAssembly SIMD is unavailable or disabled. */
export function createSimdArena(floats: number): SimdArena | null {
  const mod = enabled ? simdModule() : null;
  if (!mod) return null;
  const bytes = floats * 4 + 64 * 1024;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const inst = new WebAssembly.Instance(mod, { env: { mem: memory } });
  const g1 = inst.exports.gemm as unknown as SimdGemm;
  const g2 = inst.exports.gemm2 as unknown as SimdGemm;
  // Pairs of rows through the two-row kernel (about 20% faster: each B vector serves two rows),
  // an odd last row through the one-row kernel.
  const pairs: SimdGemm = (m, n, k, a, sI, sP, b, ldb, c, ldc) => {
    if (m >= 2) g2(m, n, k, a, sI, sP, b, ldb, c, ldc);
    if (m & 1) g1(1, n, k, a + (m - 1) * sI * 4, sI, sP, b, ldb, c + (m - 1) * ldc * 4, ldc);
  };
  // The relaxed-SIMD tile kernel where the runtime has it, these kernels on the edges (simd-relaxed.ts).
  const gemm = withRelaxedSimd(memory, pairs);
  const buffer = memory.buffer;
  kernels.set(buffer, gemm);
  plainKernels.set(buffer, pairs);
  activations.set(buffer, inst.exports.act as unknown as SimdAct);
  kernelsNT.set(buffer, inst.exports.gemmNT as unknown as SimdGemmNT);
  const capacity = buffer.byteLength / 4;
  new Float32Array(buffer, SIMD_ONE, 1)[0] = 1;
  const arena: SimdArena = {
    capacity,
    used: 4,                   // the 1.0 at SIMD_ONE, padded to 16 bytes
    kernels: Object.fromEntries(VARIANTS.map(([name]) => [name, inst.exports[name] as unknown as SimdGemm])),
    gemm,
    f32(n: number) {
      const start = (arena.used + 3) & ~3;
      if (start + n > capacity) throw new Error(`SIMD arena: expected at most ${capacity - start} more floats, asked for ${n}`);
      arena.used = start + n;
      return new Float32Array(buffer, start * 4, n);
    },
  };
  return arena;
}
