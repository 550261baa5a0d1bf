/**
 * A WebAssembly SIMD matrix kernel for the Float32 path, assembled here byte by byte (no
 * toolchain, no download): V8 does not vectorise JavaScript loops, wasm's f32x4 does.
 *
 *   gemm(m, n, k, a, sI, sP, b, ldb, c, ldc):  C[i, j] += Σ_p A(i, p) · B[p, j]
 *   with A(i, p) = a[i·sI + p·sP]: (sI, sP) = (lda, 1) is A·B, (1, lda) is Aᵀ·B.
 * Pointers are byte addresses in the module's memory, strides are in elements.
 * For each row i the loop over p is unrolled by UNROLL: UNROLL broadcast values of A, then one
 * pass over the row of C adding UNROLL scaled rows of B four columns at a time (a scalar
 * tail handles n mod 4), so each C vector is loaded and stored once per UNROLL products.
 *
 * The kernel only sees memory of its own instance, so the Float32 workspaces of sequence.ts
 * allocate their buffers in an arena (one WebAssembly.Memory, never grown, so views stay
 * valid). mat.ts's gemm functions call the kernel when all three operands live in one arena,
 * and fall back to JavaScript otherwise (or when WebAssembly SIMD is unavailable).
 */

const UNROLL = 8;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

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

/**
 * act(ptr, count, scale): y = scale / (1 + exp(−scale·x)) − (scale − 1) in place over `count`
 * floats (count a multiple of 4): scale 1 is the sigmoid σ(x), scale 2 is tanh(x) = 2σ(2x) − 1.
 * exp is computed as 2ⁿ·eʳ with n = round(z·log₂e), r = z − n·ln2 (ln2 split in two parts),
 * eʳ by a degree-7 polynomial (the classic single-precision coefficients), z clamped to
 * [−87, 88] so 2ⁿ stays a normal float. Absolute error about 1e-7 on σ, 2e-7 on tanh
 * (a few float32 ulps), measured against Math.exp / Math.tanh.
 */
function actBody(): number[] {
  const ptr = 0, count = 1, scale = 2;            // params (i32, i32, f32)
  const end = 3;                                  // i32 local
  const x = 4, n = 5, r = 6, pp = 7, sc = 8, nsc = 9, one = 10; // v128 locals
  const get = (v: number) => [OP.get, ...uleb(v)];
  const set = (v: number) => [OP.set, ...uleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const q of parts) Array.isArray(q) ? code.push(...q) : code.push(q); };
  const vconst = (v: number) => [OP.f32const, ...f32bytes(v), ...OP.splat];
  emit(get(scale), OP.splat, set(sc));
  emit(OP.f32const, ...f32bytes(0), get(scale), 0x93 /* f32.sub */, OP.splat, set(nsc));
  emit(vconst(1), set(one));
  emit(get(ptr), get(count), OP.i32const, 2, OP.shl, OP.add, set(end));
  emit(OP.block, OP.loop);
  emit(get(ptr), get(end), OP.geS, OP.brIf, 1);
  // z = clamp(−scale·x) into x
  emit(get(ptr), OP.v128load, get(nsc), OP.vmul, vconst(-87), OP.vmax, vconst(88), OP.vmin, set(x));
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
  emit(OP.v128store);
  emit(get(ptr), OP.i32const, 16, OP.add, set(ptr), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [2, 1, 0x7f, 7, 0x7b];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function gemmBody(): number[] {
  // params
  const m = 0, n = 1, k = 2, a = 3, sI = 4, sP = 5, b = 6, ldb = 7, c = 8, ldc = 9;
  // i32 locals
  const i = 10, p = 11, jb = 12, cRow = 13, aRow = 14, n4b = 15, nb = 16, kU = 17, aPtr = 18, ldb4 = 19, sP4 = 20;
  const bu = (u: number) => 21 + u;                     // row pointers of B, UNROLL of them
  const au = (u: number) => 21 + UNROLL + u;            // v128 broadcasts of A
  const acc = 21 + 2 * UNROLL;                          // v128 accumulator
  const s = acc + 1;                                    // f32 scalar accumulator
  const get = (x: number) => [OP.get, ...uleb(x)];
  const set = (x: number) => [OP.set, ...uleb(x)];
  const cst = (v: number) => [OP.i32const, ...sleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const x of parts) Array.isArray(x) ? code.push(...x) : code.push(x); };

  // One pass over a row of C with `count` scaled rows of B (vector part, then scalar tail).
  const rowPass = (count: number) => {
    emit(cst(0), set(jb));
    emit(OP.block, OP.loop);
    emit(get(jb), get(n4b), OP.geS, OP.brIf, 1);
    emit(get(cRow), get(jb), OP.add, OP.v128load, set(acc));
    for (let u = 0; u < count; u++) {
      emit(get(acc), get(au(u)), get(bu(u)), get(jb), OP.add, OP.v128load, OP.vmul, OP.vadd, set(acc));
    }
    emit(get(cRow), get(jb), OP.add, get(acc), OP.v128store);
    emit(get(jb), cst(16), OP.add, set(jb), OP.br, 0, OP.end, OP.end);
    emit(OP.block, OP.loop);
    emit(get(jb), get(nb), OP.geS, OP.brIf, 1);
    emit(get(cRow), get(jb), OP.add, OP.f32load, set(s));
    for (let u = 0; u < count; u++) {
      emit(get(s), get(au(u)), OP.lane0, get(bu(u)), get(jb), OP.add, OP.f32load, OP.f32mul, OP.f32add, set(s));
    }
    emit(get(cRow), get(jb), OP.add, get(s), OP.f32store);
    emit(get(jb), cst(4), OP.add, set(jb), OP.br, 0, OP.end, OP.end);
  };
  // Load `count` values of A (from aPtr, step sP4) and the matching B row pointers (from row p).
  const loadOperands = (count: number) => {
    emit(get(aRow), get(p), get(sP4), OP.mul, OP.add, set(aPtr));
    emit(get(b), get(p), get(ldb4), OP.mul, OP.add, set(bu(0)));
    for (let u = 0; u < count; u++) {
      emit(get(aPtr), OP.f32load, OP.splat, set(au(u)));
      emit(get(aPtr), get(sP4), OP.add, set(aPtr));
      if (u > 0) emit(get(bu(u - 1)), get(ldb4), OP.add, set(bu(u)));
    }
  };

  emit(get(n), cst(-4), OP.and, cst(2), OP.shl, set(n4b));
  emit(get(n), cst(2), OP.shl, set(nb));
  emit(get(k), cst(-UNROLL), OP.and, set(kU));
  emit(get(ldb), cst(2), OP.shl, set(ldb4));
  emit(get(sP), cst(2), OP.shl, set(sP4));
  emit(cst(0), set(i));
  emit(OP.block, OP.loop);                                           // for i < m
  emit(get(i), get(m), OP.geS, OP.brIf, 1);
  emit(get(c), get(i), get(ldc), OP.mul, cst(2), OP.shl, OP.add, set(cRow));
  emit(get(a), get(i), get(sI), OP.mul, cst(2), OP.shl, OP.add, set(aRow));
  emit(cst(0), set(p));
  emit(OP.block, OP.loop);                                           // for p < kU, step UNROLL
  emit(get(p), get(kU), OP.geS, OP.brIf, 1);
  loadOperands(UNROLL);
  rowPass(UNROLL);
  emit(get(p), cst(UNROLL), OP.add, set(p), OP.br, 0, OP.end, OP.end);
  emit(OP.block, OP.loop);                                           // for p < k, step 1
  emit(get(p), get(k), OP.geS, OP.brIf, 1);
  loadOperands(1);
  rowPass(1);
  emit(get(p), cst(1), OP.add, set(p), OP.br, 0, OP.end, OP.end);
  emit(get(i), cst(1), OP.add, set(i), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [3, ...uleb(11 + UNROLL), 0x7f, ...uleb(UNROLL + 1), 0x7b, 1, 0x7d];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const type = section(1, [2, 0x60, 10, ...new Array(10).fill(0x7f), 0, 0x60, 3, 0x7f, 0x7f, 0x7d, 0]);
  const imp = section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 1]);
  const func = section(3, [2, 0, 1]);
  const exp = section(7, [2, ...str('gemm'), 0x00, 0, ...str('act'), 0x00, 1]);
  const code = section(10, [2, ...gemmBody(), ...actBody()]);
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imp, ...func, ...exp, ...code]);
}

export type SimdGemm = (m: number, n: number, k: number, a: number, sI: number, sP: number,
  b: number, ldb: number, c: number, ldc: number) => void;

let compiled: WebAssembly.Module | null | undefined;

function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = moduleBytes();
    if (typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

let enabled = true;

/** Turns the SIMD kernel on or off (for comparisons; new arenas only). Returns whether it is available. */
export function setSimdEnabled(on: boolean): boolean {
  enabled = on;
  return simdModule() !== null;
}

export type SimdAct = (ptr: number, count: number, scale: number) => void;

const kernels = new WeakMap<ArrayBufferLike, SimdGemm>();
const activations = new WeakMap<ArrayBufferLike, SimdAct>();

/** σ(a[off .. off+count)) in place; SIMD for arena arrays, Math.exp otherwise. */
export function sigmoidInPlace(a: Float32Array | Float64Array, off: number, count: number): void {
  activate(a, off, count, 1);
}

/** tanh(a[off .. off+count)) in place; SIMD for arena arrays, Math.tanh otherwise. */
export function tanhInPlace(a: Float32Array | Float64Array, off: number, count: number): void {
  activate(a, off, count, 2);
}

function activate(a: Float32Array | Float64Array, off: number, count: number, scale: 1 | 2): void {
  let i = off;
  const end = off + count;
  if (a instanceof Float32Array) {
    const f = activations.get(a.buffer);
    if (f) {
      const n4 = count & ~3;
      if (n4 > 0) f(a.byteOffset + off * 4, n4, scale);
      i += n4;
    }
  }
  if (scale === 1) for (; i < end; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
  else for (; i < end; i++) a[i] = Math.tanh(a[i]);
}

/** The SIMD kernel when all three arrays are views into one arena, else undefined. */
export function simdKernelFor(a: ArrayBufferView, b: ArrayBufferView, c: ArrayBufferView): SimdGemm | undefined {
  const buf = c.buffer;
  if (a.buffer !== buf || b.buffer !== buf) return undefined;
  return kernels.get(buf);
}

/** Float32 memory for the SIMD kernel: a bump allocator over one WebAssembly.Memory. */
export interface SimdArena {
  /** A zeroed Float32Array of n entries inside the arena (16-byte aligned). */
  f32(n: number): Float32Array;
  readonly capacity: number;   // floats
  used: number;                // floats
}

/** An arena of at least `floats` Float32 values, or null when WebAssembly SIMD is unavailable or disabled. */
export function createSimdArena(floats: number): SimdArena | null {
  const mod = enabled ? simdModule() : null;
  if (!mod) return null;
  const bytes = floats * 4 + 64 * 1024;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const inst = new WebAssembly.Instance(mod, { env: { mem: memory } });
  const gemm = inst.exports.gemm as unknown as SimdGemm;
  const buffer = memory.buffer;
  kernels.set(buffer, gemm);
  activations.set(buffer, inst.exports.act as unknown as SimdAct);
  const capacity = buffer.byteLength / 4;
  const arena: SimdArena = {
    capacity,
    used: 0,
    f32(n: number) {
      const start = (arena.used + 3) & ~3;
      if (start + n > capacity) throw new Error(`SIMD arena: expected at most ${capacity - start} more floats, asked for ${n}`);
      arena.used = start + n;
      return new Float32Array(buffer, start * 4, n);
    },
  };
  return arena;
}
