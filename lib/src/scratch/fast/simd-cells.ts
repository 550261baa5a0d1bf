/**
 * The element-wise parts of the fast LSTM and GRU steps as WebAssembly SIMD functions (float32, four
 * units at a time), assembled byte by byte like the matrix kernel they share a module with (simd.ts
 * puts these functions into its module, so they run on the arena's memory and lstmFwd can call the
 * module's tanh). lstm.ts and gru.ts call them through lstmForwardCells, lstmBackwardGates and
 * gruSimd when their buffers live in one arena and H is a multiple of 4, and run their JavaScript
 * loops (float64 maths) otherwise. The results agree with those loops within float32 rounding
 * (tests/scratch/simd-elementwise.test.ts). The loops they replace made most of the self time of
 * lstmStepBackward and lstmStep, 5.0% and 2.9% of a CPU profile of notebook 04's training batch.
 */
import { sleb, uleb } from './wasm-encoding';

// Opcodes used below.
const OP = {
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b], br: 0x0c, brIf: 0x0d, if: [0x04, 0x40], else: 0x05, call: 0x10,
  get: 0x20, set: 0x21, i32const: 0x41, eqz: 0x45, geS: 0x4e, add: 0x6a, mul: 0x6c, shl: 0x74, f32const: 0x43,
  v128load: [0xfd, 0x00, 2, 0], v128store: [0xfd, 0x0b, 2, 0], splat: [0xfd, 0x13],
  vadd: [0xfd, 0xe4, 0x01], vsub: [0xfd, 0xe5, 0x01], vmul: [0xfd, 0xe6, 0x01],
};

function f32bytes(v: number): number[] {
  return Array.from(new Uint8Array(Float32Array.of(v).buffer));
}

/**
 * lstmFwd(rows, H, g, cp, c, tc, h): the elementwise end of an LSTM forward step (lstm.ts, whose
 * JavaScript loops it replaces for arena arrays with H a multiple of 4), in float32, from the
 * activated gates g [rows, 4H] = i | f | c̃ | o and c_{t-1} = cp:
 *   c = f·cp + i·c̃ (into c and tc),  tc = tanh(c) (by calling `act`),  h = o·tc.
 * Arguments are byte addresses; the [rows, H] arrays are contiguous, g has rows of 4H.
 */
export function lstmForwardBody(actIndex: number): number[] {
  const rows = 0, H = 1, g = 2, cp = 3, c = 4, tc = 5, h = 6;                      // params (i32)
  const r = 7, j = 8, H4 = 9, gRow = 10, ga = 11, sp = 12, pass = 13;             // i32 locals
  const vc = 14;                                                                    // v128 local
  const get = (v: number) => [OP.get, ...uleb(v)];
  const set = (v: number) => [OP.set, ...uleb(v)];
  const cst = (v: number) => [OP.i32const, ...sleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const q of parts) Array.isArray(q) ? code.push(...q) : code.push(q); };
  const at = (base: number, off: number, extra?: (number | number[])[]) => { emit(get(base), get(off), OP.add); if (extra) emit(...extra, OP.add); };
  emit(get(H), cst(2), OP.shl, set(H4));
  // Two passes over the rows: pass 0 computes c, pass 1 (after tanh) h.
  emit(cst(0), set(pass));
  emit(OP.block, OP.loop);                                                   // for pass < 2
  emit(get(pass), cst(2), OP.geS, OP.brIf, 1);
  emit(cst(0), set(r), cst(0), set(gRow), cst(0), set(sp));
  emit(OP.block, OP.loop);                                                   // for r < rows
  emit(get(r), get(rows), OP.geS, OP.brIf, 1);
  emit(cst(0), set(j));
  emit(OP.block, OP.loop);                                                   // for j < H (bytes: H4), step 4 units
  emit(get(j), get(H4), OP.geS, OP.brIf, 1);
  emit(get(gRow), get(j), OP.add, set(ga));
  emit(get(pass), OP.if);                                               // if pass (then: h = o·tc)
  at(h, sp); at(g, ga, [get(H4), cst(3), OP.mul]); emit(OP.v128load); at(tc, sp); emit(OP.v128load, OP.vmul, OP.v128store);
  emit(OP.else);                                                                // else: c = f·cp + i·c̃
  at(g, ga, [get(H4)]); emit(OP.v128load); at(cp, sp); emit(OP.v128load, OP.vmul);
  at(g, ga); emit(OP.v128load); at(g, ga, [get(H4), cst(1), OP.shl]); emit(OP.v128load, OP.vmul, OP.vadd, set(vc));
  at(c, sp); emit(get(vc), OP.v128store);
  at(tc, sp); emit(get(vc), OP.v128store);
  emit(OP.end);
  emit(get(j), cst(16), OP.add, set(j), get(sp), cst(16), OP.add, set(sp), OP.br, 0, OP.end, OP.end);
  emit(get(gRow), get(H4), cst(2), OP.shl, OP.add, set(gRow));
  emit(get(r), cst(1), OP.add, set(r), OP.br, 0, OP.end, OP.end);
  emit(get(pass), OP.eqz, OP.if);                                            // after pass 0: tc = tanh(tc)
  emit(get(tc), get(rows), get(H), OP.mul, OP.f32const, ...f32bytes(2), OP.call, ...uleb(actIndex));
  emit(OP.end);
  emit(get(pass), cst(1), OP.add, set(pass), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [2, 7, 0x7f, 1, 0x7b];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/**
 * lstmBwd(rows, H, g, tc, cp, dh, dc, da, dcp): the elementwise part of an LSTM backward step
 * (lstm.ts, whose JavaScript loop it replaces for arena arrays with H a multiple of 4), four
 * units at a time, in float32. Per row r and unit j, with gates g [rows, 4H] = i | f | c̃ | o,
 * s = tc = tanh(c_t), cp = c_{t-1}, dh and dc the gradients arriving at h_t and c_t:
 *   dĉ = dc + dh·o·(1 − s²),  da = [dĉ·c̃·i·(1 − i), dĉ·cp·f·(1 − f), dĉ·i·(1 − c̃²), dh·s·o·(1 − o)],
 *   dcp = dĉ·f.
 * Arguments are byte addresses; the [rows, H] arrays are contiguous, g and da have rows of 4H.
 */
export function lstmBackwardBody(): number[] {
  const rows = 0, H = 1, g = 2, tc = 3, cp = 4, dh = 5, dc = 6, da = 7, dcp = 8;    // params (i32)
  const r = 9, j = 10, H4 = 11, H8 = 12, H12 = 13, gRow = 14, ga = 15, sp = 16;   // i32 locals
  const one = 17, vi = 18, vf = 19, vc = 20, vo = 21, vs = 22, vdh = 23, vdc = 24; // v128 locals
  const get = (v: number) => [OP.get, ...uleb(v)];
  const set = (v: number) => [OP.set, ...uleb(v)];
  const cst = (v: number) => [OP.i32const, ...sleb(v)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const q of parts) Array.isArray(q) ? code.push(...q) : code.push(q); };
  const at = (base: number, off: number, extra?: number) => { emit(get(base), get(off), OP.add); if (extra !== undefined) emit(get(extra), OP.add); };
  const oneMinus = (v: number) => [get(one), get(v), OP.vsub];
  emit(OP.f32const, ...f32bytes(1), OP.splat, set(one));
  emit(get(H), cst(2), OP.shl, set(H4));
  emit(get(H4), cst(1), OP.shl, set(H8));
  emit(get(H4), get(H8), OP.add, set(H12));
  emit(cst(0), set(r), cst(0), set(gRow), cst(0), set(sp));
  emit(OP.block, OP.loop);                                                   // for r < rows
  emit(get(r), get(rows), OP.geS, OP.brIf, 1);
  emit(cst(0), set(j));
  emit(OP.block, OP.loop);                                                   // for j < H (bytes: H4), step 4 units
  emit(get(j), get(H4), OP.geS, OP.brIf, 1);
  emit(get(gRow), get(j), OP.add, set(ga));
  at(g, ga); emit(OP.v128load, set(vi));
  at(g, ga, H4); emit(OP.v128load, set(vf));
  at(g, ga, H8); emit(OP.v128load, set(vc));
  at(g, ga, H12); emit(OP.v128load, set(vo));
  at(tc, sp); emit(OP.v128load, set(vs));
  at(dh, sp); emit(OP.v128load, set(vdh));
  at(dc, sp); emit(OP.v128load, get(vdh), get(vo), OP.vmul, get(one), get(vs), get(vs), OP.vmul, OP.vsub, OP.vmul, OP.vadd, set(vdc));
  at(da, ga); emit(get(vdc), get(vc), OP.vmul, get(vi), OP.vmul, ...oneMinus(vi), OP.vmul, OP.v128store);
  at(da, ga, H4); emit(get(vdc)); at(cp, sp); emit(OP.v128load, OP.vmul, get(vf), OP.vmul, ...oneMinus(vf), OP.vmul, OP.v128store);
  at(da, ga, H8); emit(get(vdc), get(vi), OP.vmul, get(one), get(vc), get(vc), OP.vmul, OP.vsub, OP.vmul, OP.v128store);
  at(da, ga, H12); emit(get(vdh), get(vs), OP.vmul, get(vo), OP.vmul, ...oneMinus(vo), OP.vmul, OP.v128store);
  at(dcp, sp); emit(get(vdc), get(vf), OP.vmul, OP.v128store);
  emit(get(j), cst(16), OP.add, set(j), get(sp), cst(16), OP.add, set(sp), OP.br, 0, OP.end, OP.end);
  emit(get(gRow), get(H4), cst(2), OP.shl, OP.add, set(gRow));                // next row of g and da: 4H floats on
  emit(get(r), cst(1), OP.add, set(r), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [2, 8, 0x7f, 8, 0x7b];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/**
 * An element-wise GRU kernel (rows, H, g, ...arrays): for every row r and every 4 units j, `vector`
 * emits the work on byte offsets ga (into g and da: rows of 3H floats) and sp (into the [rows, H]
 * arrays). Params are i32 byte addresses after rows and H; `vectors` v128 locals are free for it.
 */
function gruRowsBody(params: number, vectors: number,
  vector: (e: { get: (v: number) => number[]; set: (v: number) => number[]; at: (base: number, off: 'g' | 's', block?: number) => void;
    emit: (...parts: (number | number[])[]) => void; v: number[]; one: number }) => void): number[] {
  const rows = 0, H = 1;
  const r = params, j = params + 1, H4 = params + 2, gRow = params + 3, ga = params + 4, sp = params + 5;
  const one = params + 6, v = Array.from({ length: vectors }, (_, i) => params + 7 + i);
  const get = (x: number) => [OP.get, ...uleb(x)];
  const set = (x: number) => [OP.set, ...uleb(x)];
  const cst = (x: number) => [OP.i32const, ...sleb(x)];
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const q of parts) Array.isArray(q) ? code.push(...q) : code.push(q); };
  // Address of a vector: base + ga (+ block·H floats) or base + sp.
  const at = (base: number, off: 'g' | 's', block = 0) => {
    emit(get(base), get(off === 'g' ? ga : sp), OP.add);
    if (block) emit(get(H4), cst(block), OP.mul, OP.add);
  };
  emit(OP.f32const, ...f32bytes(1), OP.splat, set(one));
  emit(get(H), cst(2), OP.shl, set(H4));
  emit(cst(0), set(r), cst(0), set(gRow), cst(0), set(sp));
  emit(OP.block, OP.loop);                                                   // for r < rows
  emit(get(r), get(rows), OP.geS, OP.brIf, 1);
  emit(cst(0), set(j));
  emit(OP.block, OP.loop);                                                   // for j < H (bytes: H4), step 4 units
  emit(get(j), get(H4), OP.geS, OP.brIf, 1);
  emit(get(gRow), get(j), OP.add, set(ga));
  vector({ get, set, at, emit, v, one });
  emit(get(j), cst(16), OP.add, set(j), get(sp), cst(16), OP.add, set(sp), OP.br, 0, OP.end, OP.end);
  emit(get(gRow), get(H4), cst(3), OP.mul, OP.add, set(gRow));              // next row of g and da: 3H floats on
  emit(get(r), cst(1), OP.add, set(r), OP.br, 0, OP.end, OP.end);
  emit(OP.end);
  const locals = [2, 6, 0x7f, ...uleb(1 + vectors), 0x7b];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/**
 * gruBwd(rows, H, g, hp, dh, da, dhp), the first element-wise part of a GRU backward step, from
 * gates g = z | r | h̃, h_{t-1} = hp and dh = ∂L/∂h_t:
 *   da_z = dh·(hp − h̃)·z·(1 − z),  da_h = dh·(1 − z)·(1 − h̃²),  dhp = dh·z.
 */
export function gruBackwardBody(): number[] {
  const g = 2, hp = 3, dh = 4, da = 5, dhp = 6;
  return gruRowsBody(7, 3, ({ get, set, at, emit, v: [z, ht, d], one }) => {
    at(g, 'g'); emit(OP.v128load, set(z));
    at(g, 'g', 2); emit(OP.v128load, set(ht));
    at(dh, 's'); emit(OP.v128load, set(d));
    at(da, 'g'); emit(get(d)); at(hp, 's'); emit(OP.v128load, get(ht), OP.vsub, OP.vmul, get(z), OP.vmul, get(one), get(z), OP.vsub, OP.vmul, OP.v128store);
    at(da, 'g', 2); emit(get(d), get(one), get(z), OP.vsub, OP.vmul, get(one), get(ht), get(ht), OP.vmul, OP.vsub, OP.vmul, OP.v128store);
    at(dhp, 's'); emit(get(d), get(z), OP.vmul, OP.v128store);
  });
}

/**
 * gruBwdReset(rows, H, g, hp, da, dhp), reset before the product: with drh = ∂L/∂(r⊙h_{t-1}) in the
 * r block of da, dhp += drh·r and da_r = drh·hp·r·(1 − r) (over drh).
 */
export function gruBackwardResetBody(): number[] {
  const g = 2, hp = 3, da = 4, dhp = 5;
  return gruRowsBody(6, 2, ({ get, set, at, emit, v: [rr, drh], one }) => {
    at(g, 'g', 1); emit(OP.v128load, set(rr));
    at(da, 'g', 1); emit(OP.v128load, set(drh));
    at(dhp, 's'); at(dhp, 's'); emit(OP.v128load, get(drh), get(rr), OP.vmul, OP.vadd, OP.v128store);
    at(da, 'g', 1); emit(get(drh)); at(hp, 's'); emit(OP.v128load, OP.vmul, get(rr), OP.vmul, get(one), get(rr), OP.vsub, OP.vmul, OP.v128store);
  });
}

/** gruBlend(rows, H, g, hp, h): the end of a GRU forward step, h = z·hp + (1 − z)·h̃. */
export function gruBlendBody(): number[] {
  const g = 2, hp = 3, h = 4;
  return gruRowsBody(5, 1, ({ get, set, at, emit, v: [z], one }) => {
    at(g, 'g'); emit(OP.v128load, set(z));
    at(h, 's'); emit(get(z)); at(hp, 's'); emit(OP.v128load, OP.vmul, get(one), get(z), OP.vsub); at(g, 'g', 2);
    emit(OP.v128load, OP.vmul, OP.vadd, OP.v128store);
  });
}


type SimdLstmBackward = (rows: number, H: number, g: number, tc: number, cp: number, dh: number, dc: number, da: number, dcp: number) => void;
const lstmBackwards = new WeakMap<ArrayBufferLike, SimdLstmBackward>();
interface GruKernels {
  backward: (rows: number, H: number, g: number, hp: number, dh: number, da: number, dhp: number) => void;
  backwardReset: (rows: number, H: number, g: number, hp: number, da: number, dhp: number) => void;
  blend: (rows: number, H: number, g: number, hp: number, h: number) => void;
}
const gruKernels = new WeakMap<ArrayBufferLike, GruKernels>();

/** The GRU kernels above when all arrays are views into one arena and H is a multiple of 4. */
function gruKernelsFor(H: number, arrays: (Float32Array | Float64Array)[]): GruKernels | undefined {
  const a0 = arrays[0];
  if (H % 4 !== 0 || !(a0 instanceof Float32Array)) return undefined;
  const buf = a0.buffer;
  return arrays.every((a) => a.buffer === buf) ? gruKernels.get(buf) : undefined;
}

/**
 * The element-wise parts of a GRU step on the SIMD kernels (gruBwd, gruBwdReset, gruBlend above, in
 * float32), each returning false (the caller runs its loop) unless all arrays live in one arena and
 * H is a multiple of 4. g and da have rows of 3H (z | r | h̃), the others rows of H.
 */
export const gruSimd = {
  /** da_z = dh·(hp − h̃)·z·(1 − z), da_h = dh·(1 − z)·(1 − h̃²), dhp = dh·z. */
  backward(rows: number, H: number, g: Float32Array | Float64Array, hp: Float32Array | Float64Array, dh: Float32Array | Float64Array,
    da: Float32Array | Float64Array, dhp: Float32Array | Float64Array): boolean {
    const k = gruKernelsFor(H, [g, hp, dh, da, dhp]);
    if (k) k.backward(rows, H, g.byteOffset, hp.byteOffset, dh.byteOffset, da.byteOffset, dhp.byteOffset);
    return k !== undefined;
  },
  /** Reset before: with drh in da's r block, dhp += drh·r and da_r = drh·hp·r·(1 − r). */
  backwardReset(rows: number, H: number, g: Float32Array | Float64Array, hp: Float32Array | Float64Array,
    da: Float32Array | Float64Array, dhp: Float32Array | Float64Array): boolean {
    const k = gruKernelsFor(H, [g, hp, da, dhp]);
    if (k) k.backwardReset(rows, H, g.byteOffset, hp.byteOffset, da.byteOffset, dhp.byteOffset);
    return k !== undefined;
  },
  /** h = z·hp + (1 − z)·h̃. */
  blend(rows: number, H: number, g: Float32Array | Float64Array, hp: Float32Array | Float64Array, h: Float32Array | Float64Array): boolean {
    const k = gruKernelsFor(H, [g, hp, h]);
    if (k) k.blend(rows, H, g.byteOffset, hp.byteOffset, h.byteOffset);
    return k !== undefined;
  },
};

type SimdLstmForward = (rows: number, H: number, g: number, cp: number, c: number, tc: number, h: number) => void;
const lstmForwards = new WeakMap<ArrayBufferLike, SimdLstmForward>();

/**
 * The elementwise end of an LSTM forward step on the SIMD kernel (lstmFwd above) when all five
 * arrays are views into one arena and H is a multiple of 4: from the activated gates g, writes
 * c = f·cp + i·c̃, tc = tanh(c) and h = o·tc, and returns true. Otherwise returns false and the
 * caller runs its loops.
 */
export function lstmForwardCells(rows: number, H: number, g: Float32Array | Float64Array, cp: Float32Array | Float64Array,
  c: Float32Array | Float64Array, tc: Float32Array | Float64Array, h: Float32Array | Float64Array): boolean {
  if (H % 4 !== 0 || !(g instanceof Float32Array)) return false;
  const buf = g.buffer;
  const k = lstmForwards.get(buf);
  if (!k || cp.buffer !== buf || c.buffer !== buf || tc.buffer !== buf || h.buffer !== buf) return false;
  k(rows, H, g.byteOffset, cp.byteOffset, c.byteOffset, tc.byteOffset, h.byteOffset);
  return true;
}

/**
 * The elementwise part of an LSTM backward step on the SIMD kernel (lstmBwd above) when all seven
 * arrays are views into one arena and H is a multiple of 4: fills da [rows, 4H] and dcp
 * [rows, H] and returns true. Otherwise returns false and the caller runs its loop.
 */
export function lstmBackwardGates(rows: number, H: number, g: Float32Array | Float64Array, tc: Float32Array | Float64Array,
  cp: Float32Array | Float64Array, dh: Float32Array | Float64Array, dc: Float32Array | Float64Array,
  da: Float32Array | Float64Array, dcp: Float32Array | Float64Array): boolean {
  if (H % 4 !== 0 || !(g instanceof Float32Array)) return false;
  const buf = g.buffer;
  const k = lstmBackwards.get(buf);
  if (!k || tc.buffer !== buf || cp.buffer !== buf || dh.buffer !== buf || dc.buffer !== buf || da.buffer !== buf || dcp.buffer !== buf) return false;
  k(rows, H, g.byteOffset, tc.byteOffset, cp.byteOffset, dh.byteOffset, dc.byteOffset, da.byteOffset, dcp.byteOffset);
  return true;
}

/** The functions above as exported by an instance of simd.ts's module: called for every new arena. */
export function registerCellKernels(buffer: ArrayBufferLike, exports: WebAssembly.Exports): void {
  lstmBackwards.set(buffer, exports.lstmBwd as unknown as SimdLstmBackward);
  lstmForwards.set(buffer, exports.lstmFwd as unknown as SimdLstmForward);
  gruKernels.set(buffer, {
    backward: exports.gruBwd as unknown as GruKernels['backward'],
    backwardReset: exports.gruBwdReset as unknown as GruKernels['backwardReset'],
    blend: exports.gruBlend as unknown as GruKernels['blend'],
  });
}
