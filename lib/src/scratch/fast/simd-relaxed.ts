/**
 * The relaxed-SIMD matrix kernel: the same product as simd.ts's gemm,
 *
 *   C[i, j] += Σ_p A(i, p) · B[p, j],   A(i, p) = a[i·sI + p·sP],
 *
 * with a register-tiled micro-kernel and WebAssembly's fused multiply-add `f32x4.relaxed_madd`
 * (one rounding per product-and-add where the CPU has an FMA unit, a multiply and an add where it
 * has not: both are allowed by the relaxed-SIMD proposal, so results equal simd.ts's kernel within
 * float32 rounding, not bit for bit).
 *
 * The tile: ROWS rows by 4·VECTORS columns of C stay in registers (ROWS·VECTORS f32x4
 * accumulators) for the whole loop over p; per p, VECTORS vectors of B are loaded once and serve
 * every row, and one value of A per row is broadcast (v128.load32_splat). C is loaded and stored
 * once per tile instead of once per four products, so the loop is bound by the multiply-adds, not
 * by memory. Rows and columns left over (m mod ROWS, n mod 4·VECTORS) go to the fallback kernel.
 *
 * Availability: relaxed SIMD is on by default from Node 22 (V8 11.4+); Node 20 has it behind
 * `--experimental-wasm-relaxed-simd`. `relaxedSimdAvailable()` validates a tiny module that uses
 * the opcode; on Node it first sets that flag with v8.setFlagsFromString (before any module using
 * it is compiled), so the course's kernel, jest and the benchmarks get the kernel without extra
 * command-line flags. `setRelaxedSimdEnabled(false)` switches to the fallback at the next call
 * (tests run both paths; the SIMD engine passes the setting to its worker threads).
 */

/** Rows of C per tile. */
const ROWS = 4;
/** The shortest inner loop (k) that runs on the tiles (bench/scratch-cells.mjs, batch 1). */
const MIN_DEPTH = 8;
/** f32x4 vectors per row of the tile: the tile is ROWS × 4·VECTORS floats (ROWS·VECTORS registers). */
const VECTORS = 2;
/**
 * Products per iteration of the loop over p (then one at a time). 1: V8 (Node 20) schedules the
 * loads of an unrolled block first and then spills accumulators to the stack. Measured best-of,
 * GMAC/s at 64 x 512 x 128, against 18.7 for simd.ts's kernel: 4 x 8 tiles 24.8 (unroll 1), 13.8
 * (unroll 2), 16 (unroll 4); 2 x 16 tiles 23.3; 3 x 16 and 4 x 12 tiles 13.5 (more registers than
 * x64's 16).
 */
const UNROLL = 1;

import { HEADER, section, sleb, str, uleb } from './wasm-encoding';

const OP = {
  block: [0x02, 0x40], loop: [0x03, 0x40], end: 0x0b, br: 0x0c, brIf: 0x0d,
  get: 0x20, set: 0x21, i32const: 0x41, add: 0x6a, mul: 0x6c, and: 0x71, shl: 0x74, geS: 0x4e,
  v128load: (offset: number) => [0xfd, 0x00, 2, ...uleb(offset)],
  v128store: (offset: number) => [0xfd, 0x0b, 2, ...uleb(offset)],
  load32splat: [0xfd, 0x09, 2, 0],
  v128const0: [0xfd, 0x0c, ...new Array(16).fill(0)],
  relaxedMadd: [0xfd, 0x85, 0x02],   // f32x4.relaxed_madd(a, b, c) = a·b + c
};

/** A module of one function () → v128 computing relaxed_madd(0, 0, 0): valid only where relaxed SIMD is. */
function probeBytes(): Uint8Array {
  const body = [0, ...OP.v128const0, ...OP.v128const0, ...OP.v128const0, ...OP.relaxedMadd, OP.end];
  const type = section(1, [1, 0x60, 0, 1, 0x7b]);
  const func = section(3, [1, 0]);
  const code = section(10, [1, ...uleb(body.length), ...body]);
  return new Uint8Array([...HEADER, ...type, ...func, ...code]);
}

/**
 * tile(m, n, k, a, sI, sP, b, ldb, c, ldc) for m a multiple of ROWS and n a multiple of
 * 4·VECTORS (the caller hands the edges to the fallback kernel).
 */
function tileBody(): number[] {
  const m = 0, n = 1, k = 2, a = 3, sI = 4, sP = 5, b = 6, ldb = 7, c = 8, ldc = 9;
  let next = 10;
  const i = next++, jb = next++, nb = next++, kU = next++, ldb4 = next++, sP4 = next++, p = next++, bP = next++;
  const aRow = Array.from({ length: ROWS }, () => next++);
  const cRow = Array.from({ length: ROWS }, () => next++);
  const aP = Array.from({ length: ROWS }, () => next++);
  const nI32 = next - 10;
  const acc = Array.from({ length: ROWS }, () => Array.from({ length: VECTORS }, () => next++));   // the tile of C
  const bv = Array.from({ length: VECTORS }, () => next++);                                         // B[p, j .. j+4·VECTORS)
  const as = next++;                                                                                // A(i+r, p) in all lanes
  const nV128 = ROWS * VECTORS + VECTORS + 1;
  const get = (x: number) => [OP.get, ...uleb(x)];
  const set = (x: number) => [OP.set, ...uleb(x)];
  const cst = (v: number) => [OP.i32const, ...sleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const x of parts) Array.isArray(x) ? code.push(...x) : code.push(x); };

  // One product p: tile += A(rows, p) ⊗ B[p, columns]; then advance the A and B pointers.
  const step = () => {
    for (let v = 0; v < VECTORS; v++) emit(get(bP), OP.v128load(16 * v), set(bv[v]));
    for (let r = 0; r < ROWS; r++) {
      emit(get(aP[r]), OP.load32splat, set(as));
      for (let v = 0; v < VECTORS; v++) emit(get(as), get(bv[v]), get(acc[r][v]), OP.relaxedMadd, set(acc[r][v]));
      emit(get(aP[r]), get(sP4), OP.add, set(aP[r]));
    }
    emit(get(bP), get(ldb4), OP.add, set(bP));
  };

  emit(get(n), cst(2), OP.shl, set(nb));
  emit(get(k), cst(-UNROLL), OP.and, set(kU));
  emit(get(ldb), cst(2), OP.shl, set(ldb4));
  emit(get(sP), cst(2), OP.shl, set(sP4));
  emit(cst(0), set(i));
  emit(OP.block, OP.loop);                                                   // for i < m, step ROWS
  emit(get(i), get(m), OP.geS, OP.brIf, 1);
  for (let r = 0; r < ROWS; r++) {
    emit(get(a), get(i), cst(r), OP.add, get(sI), OP.mul, cst(2), OP.shl, OP.add, set(aRow[r]));
    emit(get(c), get(i), cst(r), OP.add, get(ldc), OP.mul, cst(2), OP.shl, OP.add, set(cRow[r]));
  }
  emit(cst(0), set(jb));
  emit(OP.block, OP.loop);                                                   // for columns (bytes) jb < nb, step 16·VECTORS
  emit(get(jb), get(nb), OP.geS, OP.brIf, 1);
  for (let r = 0; r < ROWS; r++) {
    emit(get(cRow[r]), get(jb), OP.add, set(cRow[r]));                      // cRow[r] now points at the tile
    for (let v = 0; v < VECTORS; v++) emit(get(cRow[r]), OP.v128load(16 * v), set(acc[r][v]));
    emit(get(aRow[r]), set(aP[r]));
  }
  emit(get(b), get(jb), OP.add, set(bP));
  emit(cst(0), set(p));
  emit(OP.block, OP.loop);                                                   // for p < kU, step UNROLL
  emit(get(p), get(kU), OP.geS, OP.brIf, 1);
  for (let u = 0; u < UNROLL; u++) step();
  emit(get(p), cst(UNROLL), OP.add, set(p), OP.br, 0, OP.end, OP.end);
  emit(OP.block, OP.loop);                                                   // for p < k, step 1
  emit(get(p), get(k), OP.geS, OP.brIf, 1);
  step();
  emit(get(p), cst(1), OP.add, set(p), OP.br, 0, OP.end, OP.end);
  for (let r = 0; r < ROWS; r++) {
    for (let v = 0; v < VECTORS; v++) emit(get(cRow[r]), get(acc[r][v]), OP.v128store(16 * v));
    emit(get(cRow[r]), get(jb), 0x6b /* i32.sub */, set(cRow[r]));          // back to the row start
  }
  emit(get(jb), cst(16 * VECTORS), OP.add, set(jb), OP.br, 0, OP.end, OP.end);
  emit(get(i), cst(ROWS), OP.add, set(i), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [2, ...uleb(nI32), 0x7f, ...uleb(nV128), 0x7b];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const type = section(1, [1, 0x60, 10, ...new Array(10).fill(0x7f), 0]);
  const imp = section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 1]);
  const func = section(3, [1, 0]);
  const exp = section(7, [1, ...str('tile'), 0x00, 0]);
  const code = section(10, [1, ...tileBody()]);
  return new Uint8Array([...HEADER, ...type, ...imp, ...func, ...exp, ...code]);
}

type Gemm = (m: number, n: number, k: number, a: number, sI: number, sP: number,
  b: number, ldb: number, c: number, ldc: number) => void;

let available: boolean | undefined;
let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

function probe(): boolean {
  if (typeof WebAssembly === 'undefined') return false;
  const bytes = probeBytes();
  try {
    if (WebAssembly.validate(bytes)) return true;
    if (typeof process === 'undefined' || !process.versions?.node) return false;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    require('node:v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
    return WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

/**
 * Whether this runtime has relaxed SIMD (validated on a tiny module using f32x4.relaxed_madd).
 * On Node without it, sets V8's --experimental-wasm-relaxed-simd first (Node 20 has the feature
 * behind that flag) and validates again.
 */
export function relaxedSimdAvailable(): boolean {
  if (available === undefined) available = probe();
  return available;
}

function relaxedModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (!relaxedSimdAvailable()) return null;
  try {
    const bytes = moduleBytes();
    if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/**
 * Use the relaxed-SIMD kernel (true, the default) or simd.ts's kernel (false), from the next
 * product on, in this thread. Returns whether the relaxed kernel is available here.
 */
export function setRelaxedSimdEnabled(on: boolean): boolean {
  enabled = on;
  return relaxedModule() !== null;
}

/** Whether products in this thread run on the relaxed-SIMD kernel now. */
export function relaxedSimdActive(): boolean {
  return enabled && relaxedModule() !== null;
}

/** The switch as set (whether or not the kernel is available): what worker threads are told. */
export function relaxedSimdSetting(): boolean {
  return enabled;
}

/**
 * The arena's gemm: the relaxed-SIMD tile kernel on the largest block of whole tiles and
 * `fallback` on the edges, or `fallback` alone when relaxed SIMD is unavailable or switched off.
 * `memory` is the arena's WebAssembly.Memory (the tile kernel's instance shares it).
 */
export function withRelaxedSimd(memory: WebAssembly.Memory, fallback: Gemm): Gemm {
  const mod = relaxedModule();
  if (!mod) return fallback;
  const tile = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports.tile as unknown as Gemm;
  const cols = 4 * VECTORS;
  return (m, n, k, a, sI, sP, b, ldb, c, ldc) => {
    // Short inner loops (k below MIN_DEPTH: the weight gradients xᵀ·da of a batch of 1) stay on
    // the fallback: loading and storing the tile costs more than the few products it holds.
    if (!enabled || k < MIN_DEPTH) return fallback(m, n, k, a, sI, sP, b, ldb, c, ldc);
    const mT = m - (m % ROWS), nT = n - (n % cols);          // whole tiles
    if (mT > 0 && nT > 0) tile(mT, nT, k, a, sI, sP, b, ldb, c, ldc);
    if (mT > 0 && nT < n) fallback(mT, n - nT, k, a, sI, sP, b + 4 * nT, ldb, c + 4 * nT, ldc);
    if (mT < m) fallback(m - mT, n, k, a + 4 * mT * sI, sI, sP, b, ldb, c + 4 * mT * ldc, ldc);
  };
}
