/**
 * Gradient clipping and the Adagrad update of one training step fused into one pass over each
 * array, in WebAssembly with two float64 lanes (f64x2), assembled here byte by byte. For the
 * from-scratch character model at batch 1 (../charlm.ts), where the separate JavaScript passes
 * (../clip.ts: scale, then clamp; ../optim.ts: adagrad, whose square root and division per weight
 * were the largest single cost of a step) take about a third of the time. Per entry:
 *   g ← g · s             s = maxNorm / ‖g‖₂ when ‖g‖₂ > maxNorm, else 1     (clipByGlobalNorm)
 *   g ← min(max(g, −v), v)                          v = ∞ when not clipping   (clipByValue)
 *   G ← G + g²,   θ ← θ − lr·g / (√G + ε)                                    (adagrad)
 * with the arithmetic of the JavaScript it replaces, operation for operation: g, θ are float32
 * (each stored value rounded to float32 where JavaScript stores it into a Float32Array, the
 * clipped g included), G and every product, sum, square root and quotient float64. Scaling by 1
 * and clamping to ±∞ change nothing, so "not clipping" needs no branch. The entries are
 * independent, so doing the three passes entry by entry gives the same values. The norm
 * (`sumSquares`) is one float64 sum in the JavaScript order (arrays in order, entries in order),
 * so it rounds the same too. tests/scratch/fused-adagrad.test.ts compares both, bit for bit.
 *
 * The arrays are views into one WebAssembly.Memory (the model's: charlm-kernel.ts makes room),
 * listed per step as segments (θ, g, G, length) in a table in the same memory.
 */
import { HEADER, compileOnce, section, str, uleb } from './wasm-encoding';

const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (n: number) => [0x41, ...uleb(n)];                    // small non-negative constants only
const ADD = [0x6a], SUB = [0x6b], SHL = [0x74], LT = [0x48], GT = [0x4a], EQ = [0x46];
const I32_LOAD = (off: number) => [0x28, 2, ...uleb(off)];
const F32_LOAD = [0x2a, 2, 0], PROMOTE = [0xbb], F64_ADD = [0xa0], F64_MUL = [0xa2], F64_NEG = [0x9a];
const F64_ZERO = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const V_LOAD = simd(0x00, 0, 0), V_STORE = simd(0x0b, 0, 0);
const LOAD32_ZERO = simd(0x5c, 0, 0), LOAD64_ZERO = simd(0x5d, 0, 0);
const STORE32_LANE0 = simd(0x5a, 0, 0, 0), STORE64_LANE0 = simd(0x5b, 0, 0, 0);
const PROMOTE2 = simd(0x5f), DEMOTE2 = simd(0x5e);               // f64x2.promote_low_f32x4, f32x4.demote_f64x2_zero
const SPLAT2 = simd(0x14);
const ADD2 = simd(0xf0), SUB2 = simd(0xf1), MUL2 = simd(0xf2), DIV2 = simd(0xf3), SQRT2 = simd(0xef);
const PMIN2 = simd(0xf6), PMAX2 = simd(0xf7);                   // pmin(a, b) = b < a ? b : a; pmax(a, b) = a < b ? b : a

/** while (cond) { body } */
const whileLoop = (cond: number[], body: number[]) => [0x02, 0x40, 0x03, 0x40, ...cond, 0x45, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];
const inc = (i: number, by: number) => [...get(i), ...i32(by), ...ADD, ...set(i)];

/** Bytes per segment in the table: four i32 (θ address, g address, G address, length). */
export const SEGMENT_BYTES = 16;

/** sumSquares(table, count) -> Σ g²: one float64 accumulator, segments and entries in order. */
function sumSquaresBody(): number[] {
  const table = 0, count = 1;
  const seg = 2, g = 3, end = 4;   // i32
  const s = 5;                     // f64
  return [
    ...F64_ZERO, ...set(s),
    ...whileLoop([...get(count), ...i32(0), ...GT], [
      ...get(table), ...get(seg), ...ADD, ...I32_LOAD(4), ...set(g),
      ...get(g), ...get(table), ...get(seg), ...ADD, ...I32_LOAD(12), ...i32(2), ...SHL, ...ADD, ...set(end),
      ...whileLoop([...get(g), ...get(end), ...LT], [
        ...get(s), ...get(g), ...F32_LOAD, ...PROMOTE, ...get(g), ...F32_LOAD, ...PROMOTE, ...F64_MUL, ...F64_ADD, ...set(s),
        ...inc(g, 4),
      ]),
      ...inc(seg, SEGMENT_BYTES),
      ...get(count), ...i32(1), ...SUB, ...set(count),
    ]),
    ...get(s),
  ];
}

/**
 * update(table, count, scale, clip, lr, eps): for every segment, two entries at a time and then
 * an odd last one (the same f64x2 arithmetic on one lane: 32- and 64-bit lane loads and stores).
 */
function updateBody(): number[] {
  const table = 0, count = 1, scale = 2, clip = 3, lr = 4, eps = 5;   // (i32, i32, f64 × 4)
  const seg = 6, p = 7, g = 8, G = 9, n = 10;                         // i32
  const vs = 11, vhi = 12, vlo = 13, vlr = 14, veps = 15, vg = 16, vG = 17;   // v128
  // Entries at p, g, G: load, compute, store. `two`: two entries (64-bit f32 pair, 128-bit f64 pair), else one.
  const entries = (two: boolean) => {
    const F32_IN = two ? LOAD64_ZERO : LOAD32_ZERO, F32_OUT = two ? STORE64_LANE0 : STORE32_LANE0;
    const F64_IN = two ? V_LOAD : LOAD64_ZERO, F64_OUT = two ? V_STORE : STORE64_LANE0;
    return [
      // g ← round32(g·s), clamped to [−v, v]; stored back (the gradient arrays end as JavaScript leaves them)
      ...get(g), ...F32_IN, ...PROMOTE2, ...get(vs), ...MUL2, ...DEMOTE2, ...PROMOTE2,
      ...get(vhi), ...PMIN2, ...get(vlo), ...PMAX2, ...tee(vg), ...DEMOTE2, ...set(vG),
      ...get(g), ...get(vG), ...F32_OUT,
      // G ← G + g·g
      ...get(G), ...get(G), ...F64_IN, ...get(vg), ...get(vg), ...MUL2, ...ADD2, ...tee(vG), ...F64_OUT,
      // θ ← round32(θ − (lr·g) / (√G + ε))
      ...get(p),
      ...get(p), ...F32_IN, ...PROMOTE2,
      ...get(vlr), ...get(vg), ...MUL2, ...get(vG), ...SQRT2, ...get(veps), ...ADD2, ...DIV2,
      ...SUB2, ...DEMOTE2, ...F32_OUT,
    ];
  };
  const field = (off: number, to: number) => [...get(table), ...get(seg), ...ADD, ...I32_LOAD(off), ...set(to)];
  return [
    ...get(scale), ...SPLAT2, ...set(vs),
    ...get(clip), ...SPLAT2, ...set(vhi),
    ...get(clip), ...F64_NEG, ...SPLAT2, ...set(vlo),
    ...get(lr), ...SPLAT2, ...set(vlr),
    ...get(eps), ...SPLAT2, ...set(veps),
    ...whileLoop([...get(count), ...i32(0), ...GT], [
      ...field(0, p), ...field(4, g), ...field(8, G), ...field(12, n),
      ...whileLoop([...get(n), ...i32(1), ...GT], [                           // n > 1: two entries
        ...entries(true),
        ...inc(p, 8), ...inc(g, 8), ...inc(G, 16),
        ...get(n), ...i32(2), ...SUB, ...set(n),
      ]),
      ...get(n), ...i32(1), ...EQ, 0x04, 0x40, ...entries(false), 0x0b,          // if (n == 1) the last one
      ...inc(seg, SEGMENT_BYTES),
      ...get(count), ...i32(1), ...SUB, ...set(count),
    ]),
  ];
}

function moduleBytes(): Uint8Array {
  const fn = (locals: [number, number][], body: number[]) => {
    const decl = [...uleb(locals.length), ...locals.flatMap(([k, ty]) => [...uleb(k), ty])];
    const code = [...decl, ...body, 0x0b];
    return [...uleb(code.length), ...code];
  };
  return Uint8Array.from([
    ...HEADER,
    ...section(1, [2,
      0x60, 2, I32, I32, 1, F64,                       // sumSquares: (i32, i32) -> f64
      0x60, 6, I32, I32, F64, F64, F64, F64, 0]),      // update: (i32, i32, f64 × 4) -> ()
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 1]),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...str('sumSquares'), 0x00, 0, ...str('update'), 0x00, 1]),
    ...section(10, [2,
      ...fn([[3, I32], [1, F64]], sumSquaresBody()),
      ...fn([[5, I32], [7, V128]], updateBody()),
    ]),
  ]);
}

const fusedModule = compileOnce(moduleBytes);

let enabled = true;

/** Turns the fused update on or off for models built afterwards (tests compare both paths); returns the previous setting. */
export function setFusedAdagrad(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Whether models built now get the fused update: it is enabled and WebAssembly SIMD is available. */
export function fusedAdagradAvailable(): boolean {
  return enabled && fusedModule() !== null;
}

/** One array to update: all three are views into the memory given to `FusedAdagrad`. */
export interface FusedSegment {
  param: Float32Array;   // θ
  grad: Float32Array;    // g, same length
  state: Float64Array;   // G (Adagrad's sum of squares), same length
}

/**
 * The fused clip-and-Adagrad step over segments in one memory. Per step: `begin()`, `add(...)`
 * for each array (or part of one) in the order of the JavaScript update, then `sumSquares()`
 * (when clipping by norm) and `update(...)`.
 */
export class FusedAdagrad {
  private readonly fns: { sumSquares: (table: number, count: number) => number; update: (table: number, count: number, scale: number, clip: number, lr: number, eps: number) => void };
  private readonly table: Int32Array;
  private count = 0;

  /** `tableAt`: a byte offset in `memory` with room for `maxSegments` segments (16 bytes each). */
  constructor(private readonly memory: WebAssembly.Memory, tableAt: number, readonly maxSegments: number) {
    const mod = fusedModule();
    if (!mod) throw new Error('FusedAdagrad: this runtime has no WebAssembly SIMD (check fusedAdagradAvailable() first)');
    this.fns = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as unknown as FusedAdagrad['fns'];
    this.table = new Int32Array(memory.buffer, tableAt, maxSegments * 4);
  }

  /** Starts a new list of segments. */
  begin(): void {
    this.count = 0;
  }

  add(s: FusedSegment): void {
    const n = s.param.length;
    if (this.count >= this.maxSegments) throw new Error(`FusedAdagrad: more than ${this.maxSegments} segments`);
    if (s.grad.length !== n || s.state.length !== n) throw new Error(`FusedAdagrad: expected gradient and state of length ${n}, got ${s.grad.length} and ${s.state.length}`);
    for (const a of [s.param, s.grad, s.state]) {
      if (a.buffer !== this.memory.buffer) throw new Error('FusedAdagrad: every array must be a view into the kernel\'s memory');
    }
    const k = 4 * this.count++;
    this.table[k] = s.param.byteOffset;
    this.table[k + 1] = s.grad.byteOffset;
    this.table[k + 2] = s.state.byteOffset;
    this.table[k + 3] = n;
  }

  /** Σ g² over the segments, in order (clip.ts globalNorm is its square root). */
  sumSquares(): number {
    return this.fns.sumSquares(this.table.byteOffset, this.count);
  }

  /**
   * g ← clamp(round32(g·scale), ±clip) (stored), G ← G + g², θ ← θ − lr·g / (√G + ε) over the
   * segments. scale 1 and clip ∞ leave g as it is.
   */
  update(scale: number, clip: number, lr: number, eps: number): void {
    if (!(clip > 0)) throw new Error(`FusedAdagrad.update: expected clip > 0 (Infinity for none), got ${clip}`);
    this.fns.update(this.table.byteOffset, this.count, scale, Math.fround(clip), lr, eps);
  }
}
