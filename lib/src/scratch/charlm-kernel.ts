/**
 * The output layer of the character model (charlm.ts) for a whole window at once, in WebAssembly
 * with two float64 lanes (f64x2), assembled here byte by byte:
 *   forward      logits_t += h_t V                    for t = 1..T   (V [hiddenSize, vocabSize])
 *   weightGrad   dV       += h_tᵀ dLogits_t           for t = 1..T, in that order
 *   inputGrad    dh_t     += dLogits_t Vᵀ             for t = 1..T
 * Each does the arithmetic of the JavaScript products it replaces (fast/gemm.ts: gemmNN with one
 * row, gemmTN with k = 1, gemmNT with one row) operation for operation: the same products and sums
 * in float64, in the same order, every stored value rounded to float32 where JavaScript stores it
 * into a Float32Array. So the model trains to the same weights, bit for bit (tests/scratch/
 * charlm-kernel.test.ts trains both paths and compares), and the output layer, which is most of a
 * from-scratch training step at batch 1 (it runs in JavaScript there: its arrays are not in a SIMD
 * arena), runs several times faster.
 *
 * The buffers live in the kernel's own WebAssembly.Memory, never grown, so the model's V, dV and
 * the per-step rows are plain Float32Array views into it. Float32 models only; a float64 model,
 * or a runtime without WebAssembly SIMD, keeps the JavaScript path.
 */
import { HEADER, compileOnce, section, sleb, str, uleb } from './fast/wasm-encoding';

const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const ADD = [0x6a], MUL = [0x6c], SHL = [0x74], AND = [0x71], LT = [0x48];
const F32_LOAD = (off = 0) => [0x2a, 2, ...uleb(off)];
const F32_STORE = [0x38, 2, 0];
const F32_STORE_AT = (off: number) => [0x38, 2, ...uleb(off)];
const PROMOTE = [0xbb], DEMOTE = [0xb6], F64_ADD = [0xa0], F64_MUL = [0xa2], F64_NE = [0x62];
const F64_ZERO = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const LOAD2 = (off = 0) => [0xfd, 0x5d, 2, ...uleb(off)];          // v128.load64_zero: two float32
const STORE2 = [0xfd, 0x5b, 2, 0, 0];                              // v128.store64_lane, lane 0
const PROMOTE2 = [0xfd, 0x5f], DEMOTE2 = [0xfd, 0x5e];            // f64x2.promote_low_f32x4, f32x4.demote_f64x2_zero
const SPLAT2 = [0xfd, 0x14], ADD2 = [0xfd, 0xf0, 0x01], MUL2 = [0xfd, 0xf2, 0x01];
const LANE2 = (l: number) => [0xfd, 0x21, l];                      // f64x2.extract_lane

/** while (cond) { body } */
const whileLoop = (cond: number[], body: number[]) => [0x02, 0x40, 0x03, 0x40, ...cond, 0x45, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];
const ifThen = (cond: number[], body: number[]) => [...cond, 0x04, 0x40, ...body, 0x0b];
const inc = (i: number, by: number) => [...get(i), ...i32(by), ...ADD, ...set(i)];
/** address = base + (index << 2) */
const at = (base: number, index: number) => [...get(base), ...get(index), ...i32(2), ...SHL, ...ADD];
/** two float32 at an address, widened to f64x2 */
const load2 = (addr: number[], off = 0) => [...addr, ...LOAD2(off), ...PROMOTE2];
/** one float32 at an address, widened to f64 */
const load1 = (addr: number[], off = 0) => [...addr, ...F32_LOAD(off), ...PROMOTE];

// All three functions take (T, H, V, and three byte addresses).
const [T, H, V] = [0, 1, 2];

/**
 * forward(T, H, V, hs, W, out): out[t, :] += hs[t, :] W, as gemmNN(1, V, H, ...): four rows of W
 * at a time (C += a0·b0 + a1·b1 + a2·b2 + a3·b3), then one at a time, skipping a zero a.
 */
function forwardBody(): number[] {
  const hs = 3, W = 4, out = 5;
  const t = 6, p = 7, j = 8, a = 9, c = 10, b = 11, rb = 12, k4 = 13;     // i32
  const a0 = 14, a1 = 15, a2 = 16, a3 = 17;                              // f64
  const term = (k: number, lanes: 1 | 2) => lanes === 2
    ? [...get(a0 + k), ...SPLAT2, ...load2([...at(b, j), ...get(rb), ...i32(k), ...MUL, ...ADD]), ...MUL2]
    : [...get(a0 + k), ...load1([...at(b, j), ...get(rb), ...i32(k), ...MUL, ...ADD]), ...F64_MUL];
  const sum4 = (lanes: 1 | 2) => [...term(0, lanes), ...term(1, lanes), ...(lanes === 2 ? ADD2 : F64_ADD),
    ...term(2, lanes), ...(lanes === 2 ? ADD2 : F64_ADD), ...term(3, lanes), ...(lanes === 2 ? ADD2 : F64_ADD)];
  return [
    ...get(H), ...i32(-4), ...AND, ...set(k4),
    ...get(V), ...i32(2), ...SHL, ...set(rb),
    ...i32(0), ...set(t),
    ...whileLoop([...get(t), ...get(T), ...LT], [
      ...get(hs), ...get(t), ...get(H), ...MUL, ...i32(2), ...SHL, ...ADD, ...set(a),
      ...get(out), ...get(t), ...get(rb), ...MUL, ...ADD, ...set(c),
      ...i32(0), ...set(p),
      ...whileLoop([...get(p), ...get(k4), ...LT], [
        ...[0, 1, 2, 3].flatMap((k) => [...load1(at(a, p), 4 * k), ...set(a0 + k)]),
        ...get(W), ...get(p), ...get(rb), ...MUL, ...ADD, ...set(b),
        ...i32(0), ...set(j),
        ...whileLoop([...get(j), ...i32(1), ...ADD, ...get(V), ...LT], [
          ...at(c, j), ...load2(at(c, j)), ...sum4(2), ...ADD2, ...DEMOTE2, ...STORE2,
          ...inc(j, 2),
        ]),
        ...ifThen([...get(j), ...get(V), ...LT], [
          ...at(c, j), ...load1(at(c, j)), ...sum4(1), ...F64_ADD, ...DEMOTE, ...F32_STORE,
        ]),
        ...inc(p, 4),
      ]),
      ...whileLoop([...get(p), ...get(H), ...LT], [
        ...load1(at(a, p)), ...set(a0),
        ...ifThen([...get(a0), ...F64_ZERO, ...F64_NE], [
          ...get(W), ...get(p), ...get(rb), ...MUL, ...ADD, ...set(b),
          ...i32(0), ...set(j),
          ...whileLoop([...get(j), ...get(V), ...LT], [
            ...at(c, j), ...load1(at(c, j)), ...get(a0), ...load1(at(b, j)), ...F64_MUL, ...F64_ADD, ...DEMOTE, ...F32_STORE,
            ...inc(j, 1),
          ]),
        ]),
        ...inc(p, 1),
      ]),
      ...inc(t, 1),
    ]),
  ];
}

/** weightGrad(T, H, V, hs, dl, dW): dW += hs[t, :]ᵀ dl[t, :] for t in order, as gemmTN(H, V, 1, ...). */
function weightGradBody(): number[] {
  const hs = 3, dl = 4, dW = 5;
  const t = 6, i = 7, j = 8, a = 9, l = 10, c = 11, rb = 12;   // i32
  const x = 13;                                                 // f64
  return [
    ...get(V), ...i32(2), ...SHL, ...set(rb),
    ...i32(0), ...set(t),
    ...whileLoop([...get(t), ...get(T), ...LT], [
      ...get(hs), ...get(t), ...get(H), ...MUL, ...i32(2), ...SHL, ...ADD, ...set(a),
      ...get(dl), ...get(t), ...get(rb), ...MUL, ...ADD, ...set(l),
      ...i32(0), ...set(i),
      ...whileLoop([...get(i), ...get(H), ...LT], [
        ...load1(at(a, i)), ...set(x),
        ...ifThen([...get(x), ...F64_ZERO, ...F64_NE], [
          ...get(dW), ...get(i), ...get(rb), ...MUL, ...ADD, ...set(c),
          ...i32(0), ...set(j),
          ...whileLoop([...get(j), ...i32(1), ...ADD, ...get(V), ...LT], [
            ...at(c, j), ...load2(at(c, j)), ...get(x), ...SPLAT2, ...load2(at(l, j)), ...MUL2, ...ADD2, ...DEMOTE2, ...STORE2,
            ...inc(j, 2),
          ]),
          ...ifThen([...get(j), ...get(V), ...LT], [
            ...at(c, j), ...load1(at(c, j)), ...get(x), ...load1(at(l, j)), ...F64_MUL, ...F64_ADD, ...DEMOTE, ...F32_STORE,
          ]),
        ]),
        ...inc(i, 1),
      ]),
      ...inc(t, 1),
    ]),
  ];
}

/**
 * inputGrad(T, H, V, dl, W, dh): dh[t, i] += dl[t, :] · W[i, :], as gemmNT(1, H, V, ...): per row,
 * four partial sums s0..s3 (lanes of two f64x2) over the first V − V mod 4 columns, the rest into
 * s0, then dh += s0 + s1 + s2 + s3. Two rows at a time (their sums are independent chains, and
 * each load of dl serves both), then an odd last row alone: the same arithmetic for every row.
 */
function inputGradBody(): number[] {
  const dl = 3, W = 4, dh = 5;
  const t = 6, i = 7, p = 8, l = 9, c = 10, w = 11, rb = 12, k4 = 13, H2 = 14;   // i32
  const s0 = [15, 16];                                                            // f64, per row
  const acc01 = [17, 18], acc23 = [19, 20];                                       // v128, per row
  const lv01 = 21, lv23 = 22;                                                     // v128: dl[p..p+3]
  /** Rows i .. i + R − 1 (R = 1 or 2); row r reads W at w + r·rb and adds into dh at c + 4r. */
  const rows = (R: 1 | 2) => {
    const rs = R === 2 ? [0, 1] : [0];
    const wAt = (r: number) => (r === 0 ? at(w, p) : [...at(w, p), ...get(rb), ...ADD]);
    return [
      ...get(W), ...get(i), ...get(rb), ...MUL, ...ADD, ...set(w),
      ...rs.flatMap((r) => [...F64_ZERO, ...SPLAT2, ...set(acc01[r]), ...F64_ZERO, ...SPLAT2, ...set(acc23[r])]),
      ...i32(0), ...set(p),
      ...whileLoop([...get(p), ...get(k4), ...LT], [
        ...load2(at(l, p)), ...set(lv01),
        ...load2(at(l, p), 8), ...set(lv23),
        ...rs.flatMap((r) => [
          ...get(acc01[r]), ...get(lv01), ...load2(wAt(r)), ...MUL2, ...ADD2, ...set(acc01[r]),
          ...get(acc23[r]), ...get(lv23), ...load2(wAt(r), 8), ...MUL2, ...ADD2, ...set(acc23[r]),
        ]),
        ...inc(p, 4),
      ]),
      ...rs.flatMap((r) => [...get(acc01[r]), ...LANE2(0), ...set(s0[r])]),
      ...whileLoop([...get(p), ...get(V), ...LT], [
        ...rs.flatMap((r) => [...get(s0[r]), ...load1(at(l, p)), ...load1(wAt(r)), ...F64_MUL, ...F64_ADD, ...set(s0[r])]),
        ...inc(p, 1),
      ]),
      ...rs.flatMap((r) => [
        ...at(c, i), ...load1(at(c, i), 4 * r),
        ...get(s0[r]), ...get(acc01[r]), ...LANE2(1), ...F64_ADD, ...get(acc23[r]), ...LANE2(0), ...F64_ADD, ...get(acc23[r]), ...LANE2(1), ...F64_ADD,
        ...F64_ADD, ...DEMOTE, ...F32_STORE_AT(4 * r),
      ]),
    ];
  };
  return [
    ...get(V), ...i32(-4), ...AND, ...set(k4),
    ...get(V), ...i32(2), ...SHL, ...set(rb),
    ...get(H), ...i32(-2), ...AND, ...set(H2),
    ...i32(0), ...set(t),
    ...whileLoop([...get(t), ...get(T), ...LT], [
      ...get(dl), ...get(t), ...get(rb), ...MUL, ...ADD, ...set(l),
      ...get(dh), ...get(t), ...get(H), ...MUL, ...i32(2), ...SHL, ...ADD, ...set(c),
      ...i32(0), ...set(i),
      ...whileLoop([...get(i), ...get(H2), ...LT], [...rows(2), ...inc(i, 2)]),
      ...ifThen([...get(i), ...get(H), ...LT], rows(1)),
      ...inc(t, 1),
    ]),
  ];
}

function moduleBytes(): Uint8Array {
  const fn = (locals: [number, number][], body: number[]) => {
    const decl = [...uleb(locals.length), ...locals.flatMap(([n, ty]) => [...uleb(n), ty])];
    const code = [...decl, ...body, 0x0b];
    return [...uleb(code.length), ...code];
  };
  const names = ['forward', 'weightGrad', 'inputGrad'];
  return Uint8Array.from([
    ...HEADER,
    ...section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]),                       // (6 × i32) -> ()
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 1]),                    // memory, at least 1 page
    ...section(3, [3, 0, 0, 0]),
    ...section(7, [3, ...names.flatMap((n, k) => [...str(n), 0x00, k])]),
    ...section(10, [3,
      ...fn([[8, I32], [4, F64]], forwardBody()),
      ...fn([[7, I32], [1, F64]], weightGradBody()),
      ...fn([[9, I32], [2, F64], [6, V128]], inputGradBody()),
    ]),
  ]);
}

let enabled = true;

const kernelModule = compileOnce(moduleBytes);

/** Turns the kernel on or off for models built afterwards (tests compare both paths); returns the previous setting. */
export function setCharLMKernel(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Whether models built now get the kernel: it is enabled and WebAssembly SIMD is available. */
export function charLMKernelAvailable(): boolean {
  return enabled && kernelModule() !== null;
}

type Fn = (T: number, H: number, V: number, a: number, b: number, c: number) => void;

/** The output layer's buffers for windows of up to `seqLen` steps, and the three products over them. */
export class CharLMOutputKernel {
  readonly W: Float32Array;        // V [H, vocabSize]
  readonly dW: Float32Array;       // dV [H, vocabSize]
  readonly hs: Float32Array;       // [seqLen, H] the window's hidden states
  readonly logits: Float32Array;   // [seqLen, vocabSize]
  readonly dLogits: Float32Array;  // [seqLen, vocabSize]
  readonly dh: Float32Array;       // [seqLen, H]
  private readonly fns: { forward: Fn; weightGrad: Fn; inputGrad: Fn };
  private readonly at: { W: number; dW: number; hs: number; logits: number; dLogits: number; dh: number };

  /** The kernel's memory: its buffers, then `extraBytes` free bytes from byte `freeAt` (16-aligned) on. */
  readonly memory: WebAssembly.Memory;
  readonly freeAt: number;

  private constructor(readonly hiddenSize: number, readonly vocabSize: number, readonly seqLen: number, mod: WebAssembly.Module, extraBytes: number) {
    const sizes = { W: hiddenSize * vocabSize, dW: hiddenSize * vocabSize, hs: seqLen * hiddenSize, logits: seqLen * vocabSize, dLogits: seqLen * vocabSize, dh: seqLen * hiddenSize };
    const floats = Object.values(sizes).reduce((a, b) => a + b, 0);
    this.freeAt = Math.ceil((floats * 4) / 16) * 16;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((this.freeAt + extraBytes) / 65536)) });
    this.memory = memory;
    this.fns = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as unknown as CharLMOutputKernel['fns'];
    let offset = 0;
    const view = (n: number) => { const v = new Float32Array(memory.buffer, offset * 4, n); offset += n; return v; };
    this.W = view(sizes.W); this.dW = view(sizes.dW); this.hs = view(sizes.hs);
    this.logits = view(sizes.logits); this.dLogits = view(sizes.dLogits); this.dh = view(sizes.dh);
    this.at = { W: this.W.byteOffset, dW: this.dW.byteOffset, hs: this.hs.byteOffset, logits: this.logits.byteOffset, dLogits: this.dLogits.byteOffset, dh: this.dh.byteOffset };
  }

  /**
   * A kernel for these sizes, or null when it is turned off or WebAssembly SIMD is unavailable.
   * `extraBytes`: room left in its memory for the caller (the model's fused update, charlm.ts).
   */
  static create(hiddenSize: number, vocabSize: number, seqLen: number, extraBytes = 0): CharLMOutputKernel | null {
    const mod = enabled ? kernelModule() : null;
    return mod ? new CharLMOutputKernel(hiddenSize, vocabSize, seqLen, mod, extraBytes) : null;
  }

  private steps(T: number): number {
    if (!Number.isInteger(T) || T < 1 || T > this.seqLen) throw new Error(`CharLMOutputKernel: expected 1..${this.seqLen} steps, got ${T}`);
    return T;
  }

  /** logits[t] += hs[t] V for the first T steps. */
  forward(T: number): void {
    this.fns.forward(this.steps(T), this.hiddenSize, this.vocabSize, this.at.hs, this.at.W, this.at.logits);
  }

  /** dV += hs[t]ᵀ dLogits[t] for t = 0..T-1 in order. */
  weightGrad(T: number): void {
    this.fns.weightGrad(this.steps(T), this.hiddenSize, this.vocabSize, this.at.hs, this.at.dLogits, this.at.dW);
  }

  /** dh[t] += dLogits[t] Vᵀ for the first T steps. */
  inputGrad(T: number): void {
    this.fns.inputGrad(this.steps(T), this.hiddenSize, this.vocabSize, this.at.dLogits, this.at.W, this.at.dh);
  }
}
