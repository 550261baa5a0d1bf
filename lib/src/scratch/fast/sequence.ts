/**
 * The loop over time, written once for every cell: forward over a sequence from initial
 * states, and backpropagation through time (full, or truncated every k steps).
 * Theory: theory/01_rnn_fundamentals.md (BPTT, truncation).
 *
 * A sequence is a list of `seqLen` steps; step t is `[batch, inputSize]` (dense) or `[batch]`
 * indices (one-hot). `splitTime` / `stackTime` convert from / to `[batch, time, features]`.
 *
 * Speed: all buffers live in a `SequenceWorkspace`; pass one (`createWorkspace`) to reuse it
 * across calls, and nothing is allocated inside the loops. Results then alias the workspace.
 *
 * Masks (tf.layers' convention, for padded batches): where `mask[t][b]` is 0, row b skips step t:
 * every state is carried over (h_t = h_{t-1}, c_t = c_{t-1}), so the output at t is h_{t-1}. Back
 * through such a step, ∂L/∂h_{t-1} = ∂L/∂h_t (and the same for c) for that row, and the step adds
 * nothing to the weight or input gradients.
 *
 * Recurrent dropout (Gal & Ghahramani 2016; tf.layers' `recurrentDropout`): with a recurrent mask
 * m [batch, H] (entries 0 or 1/(1 − rate), one per sequence), every step sees h_{t-1} ⊙ m instead
 * of h_{t-1} (the cell's whole use of it, as tf.layers' cells), and back through the step
 * ∂L/∂h_{t-1} = m ⊙ ∂L/∂(h_{t-1} ⊙ m). Masked steps carry the unmasked state over.
 */
import { FloatDType, FloatArray, FloatArrayConstructor, Mat, ctorOf, dtypeOf, mat } from '../mat';
import { checkFinite, checkIndices, checkShape, shapeStr } from '../shapes';
import { CellConfig, CellParams, gateCount } from '../types';
import { checkParams, zerosLike } from '../params';
import { gemmWT, transposeInto } from './gemm';
import { CellParamsT, StepCache, StepGradOut, StepInput, isIndexInput } from './types';
import { cellStep, cellStepBackward } from './cells';
import { SimdGemm, createSimdArena, plainSimdKernelFor } from './simd';

/** Reusable buffers for sequences of up to `seqLen` steps of `batchSize` rows. */
export interface SequenceWorkspace {
  cfg: CellConfig;
  batchSize: number;
  seqLen: number;
  dtype: FloatDType;
  caches: StepCache[];     // one per step
  hIn: Mat[];              // per step [batch, H]: h_{t-1} ⊙ m under recurrent dropout
  h0: Mat;                 // the initial states (a copy of the given ones, or zeros)
  c0?: Mat;
  dh: Mat;                 // [batch, H] running ∂L/∂h_t
  dc?: Mat;                // [batch, H] running ∂L/∂c_t (LSTM)
  gradOut: StepGradOut;    // written by each backward step (dhPrev, dcPrev)
  dGates: Mat[];           // per step [batch, k*H]: ∂L/∂(x_t W + b) from the last backward pass
  dxs: Mat[];              // per-step input gradients
  /** The forward pass whose backward pass last filled dGates (inputGradients checks it). */
  backwardOf?: ForwardResult;
  /**
   * Float32 with WebAssembly SIMD: every buffer above lives in one SIMD arena, and the loops
   * run on arena copies of the weights (with transposes), of dense inputs and of gradients.
   */
  fast?: { params: CellParamsT; grads: CellParams; xs: Mat[] };
}

/** Allocates buffers: all in one SIMD arena for Float32 when WebAssembly SIMD is available. */
export function createWorkspace(cfg: CellConfig, batchSize: number, seqLen: number, dtype: FloatDType = 'float32'): SequenceWorkspace {
  const H = cfg.hiddenSize, I = cfg.inputSize, G = gateCount(cfg.cell) * H, B = batchSize;
  const lstm = cfg.cell === 'lstm', gruAfter = cfg.cell === 'gru' && !!cfg.resetAfter;
  const perStep = 2 * B * G + B * H * (lstm ? 4 : cfg.cell === 'gru' ? 3 : 2) + 2 * B * I; // caches, dGates, hIn, x copy, dx
  const weights = 2 * (I * G + H * G) + 4 * G;                                           // W, U, Wᵀ, Uᵀ, b, bʰ
  const floats = seqLen * perStep + 6 * B * H + 2 * B * G + 2 * weights + 64 * 4;
  const arena = dtype === 'float32' ? createSimdArena(floats) : null;
  const C = ctorOf(dtype);
  const m = (rows: number, cols: number): Mat => (arena ? { rows, cols, data: arena.f32(rows * cols) } : mat(rows, cols, C));
  const vec = (n: number): FloatArray => (arena ? arena.f32(n) : new C(n));
  const caches: StepCache[] = [];
  const empty = m(B, H);
  for (let t = 0; t < seqLen; t++) {
    const cache: StepCache = { x: new Int32Array(0), hPrev: empty, gates: m(B, G), h: m(B, H) };
    if (lstm) { cache.cPrev = empty; cache.c = m(B, H); }
    if (cfg.cell !== 'rnn') cache.aux = m(B, H);
    caches.push(cache);
  }
  const dGates = Array.from({ length: seqLen }, () => m(B, G));
  const gradOut: StepGradOut = { dhPrev: m(B, H), dGates: dGates[0] };
  if (lstm) gradOut.dcPrev = m(B, H);
  if (gruAfter) gradOut.dRecurrent = m(B, G);
  const ws: SequenceWorkspace = {
    cfg, batchSize, seqLen, dtype, caches, h0: m(B, H), dh: m(B, H), gradOut, dGates,
    hIn: Array.from({ length: seqLen }, () => m(B, H)),
    dxs: Array.from({ length: seqLen }, () => m(B, I)),
  };
  if (lstm) { ws.c0 = m(B, H); ws.dc = m(B, H); }
  if (arena) {
    const params: CellParamsT = { kernel: m(I, G), recurrentKernel: m(H, G), bias: vec(G), kernelT: m(G, I), recurrentKernelT: m(G, H) };
    const grads: CellParams = { kernel: m(I, G), recurrentKernel: m(H, G), bias: vec(G) };
    if (gruAfter) { params.recurrentBias = vec(G); grads.recurrentBias = vec(G); }
    ws.fast = { params, grads, xs: Array.from({ length: seqLen }, () => m(B, I)) };
  }
  return ws;
}

/** From this batch size on, backward products use transposed weight copies (made once per call). */
const TRANSPOSE_MIN_BATCH = 4;

export interface InitialState { h?: Mat; c?: Mat }

export interface ForwardOptions {
  /** Buffers to reuse (see `createWorkspace`); a fresh one is made when absent or too small. */
  workspace?: SequenceWorkspace;
  /** Per step, per row: 1 = take the step, 0 = skip it (carry the states). Absent: all 1. */
  mask?: Uint8Array[];
  /** Recurrent dropout: m [batch, H], multiplies h_{t-1} wherever a step uses it. Absent: none. */
  recurrentMask?: Mat;
}

export interface ForwardResult {
  cfg: CellConfig;
  params: CellParams;
  xs: StepInput[];
  h0: Mat;                 // [batch, H] initial hidden state used
  c0?: Mat;                // [batch, H] initial cell state (LSTM)
  hs: Mat[];               // seqLen × [batch, H] hidden states h_1..h_T
  cs?: Mat[];              // seqLen × [batch, H] cell states (LSTM)
  h: Mat;                  // final hidden state h_T, for stateful continuation
  c?: Mat;                 // final cell state c_T (LSTM)
  caches: StepCache[];
  workspace: SequenceWorkspace;
  /** The mask of the forward pass, if any (the backward pass follows it). */
  mask?: Uint8Array[];
  /** The recurrent-dropout mask of the forward pass, if any. */
  recurrentMask?: Mat;
}

function checkMask(mask: Uint8Array[], T: number, batch: number): void {
  if (!Array.isArray(mask) || mask.length !== T) {
    throw new Error(`mask: expected one entry per step (${T}), got ${Array.isArray(mask) ? mask.length : typeof mask}`);
  }
  mask.forEach((m, t) => {
    if (!(m instanceof Uint8Array) || m.length !== batch) {
      throw new Error(`mask[${t}]: expected a Uint8Array of ${batch} rows (1 = take the step, 0 = skip it), got ${m instanceof Uint8Array ? `length ${m.length}` : typeof m}`);
    }
  });
}

/** Rows of `to` where `m` is 0 take the rows of `from` (both [batch, H]). */
function carryMaskedRows(m: Uint8Array, from: FloatArray, to: FloatArray, H: number): void {
  for (let b = 0; b < m.length; b++) if (m[b] === 0) to.set(from.subarray(b * H, (b + 1) * H), b * H);
}

function checkInputs(cfg: CellConfig, xs: StepInput[], weights: FloatArray): number {
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new Error(`xs: expected a non-empty sequence (seqLen >= 1), got ${Array.isArray(xs) ? 'seqLen 0' : typeof xs}`);
  }
  const x0 = xs[0];
  const batch = isIndexInput(x0) ? x0.length : x0?.rows;
  if (!Number.isInteger(batch) || batch <= 0) throw new Error(`xs[0]: expected batch >= 1, got ${batch}`);
  const oneHot = isIndexInput(x0);
  const kind = (x: StepInput) => (isIndexInput(x) ? 'one-hot indices (Int32Array)' : 'a dense matrix');
  for (let t = 0; t < xs.length; t++) {
    const x = xs[t];
    if (isIndexInput(x) !== oneHot) throw new Error(`xs[${t}]: expected ${kind(x0)} like xs[0], got ${kind(x)}`);
    if (isIndexInput(x)) checkIndices(x, batch, cfg.inputSize, `xs[${t}] (one-hot indices)`);
    else {
      checkShape(x, batch, cfg.inputSize, `xs[${t}]`);
      if (x.data.constructor !== weights.constructor) {
        throw new Error(`xs[${t}]: expected ${weights.constructor.name} data like the weights, got ${x.data.constructor.name}`);
      }
      checkFinite(x.data, `xs[${t}]`, x.cols);
    }
  }
  return batch;
}

/** Runs the cell over all steps from the initial state (zeros when not given). */
export function forwardSequence(
  cfg: CellConfig, params: CellParams, xs: StepInput[], init: InitialState = {}, opts: ForwardOptions = {},
): ForwardResult {
  checkParams(cfg, params);
  const batch = checkInputs(cfg, xs, params.kernel.data);
  const T = xs.length;
  const dtype = dtypeOf(params.kernel.data);
  let ws = opts.workspace;
  if (!ws || ws.batchSize !== batch || ws.seqLen < T || ws.dtype !== dtype || ws.cfg.cell !== cfg.cell
    || ws.cfg.hiddenSize !== cfg.hiddenSize || ws.cfg.inputSize !== cfg.inputSize || !ws.cfg.resetAfter !== !cfg.resetAfter) {
    ws = createWorkspace(cfg, batch, T, dtype);
  }
  const H = cfg.hiddenSize;
  // Initial states are copied into the workspace: a caller continuing statefully passes the
  // previous call's final state, which lives in a cache this call overwrites.
  const h0 = ws.h0;
  const c0 = ws.c0;
  if (init.h) {
    checkShape(init.h, batch, H, 'initial state h0');
    checkFinite(init.h.data, 'initial state h0', H);
    h0.data.set(init.h.data);
  } else h0.data.fill(0);
  if (cfg.cell === 'lstm') {
    if (init.c) {
      checkShape(init.c, batch, H, 'initial state c0');
      checkFinite(init.c.data, 'initial state c0', H);
      c0!.data.set(init.c.data);
    } else c0!.data.fill(0);
  } else if (init.c) {
    throw new Error(`initial state c0: expected none (${cfg.cell} has no cell state), got shape [${init.c.rows}, ${init.c.cols}]`);
  }
  let stepParams: CellParams = params;
  const fast = ws.fast;
  if (fast) {
    const p = fast.params;
    p.kernel.data.set(params.kernel.data);
    p.recurrentKernel.data.set(params.recurrentKernel.data);
    p.bias.set(params.bias);
    if (p.recurrentBias) p.recurrentBias.set(params.recurrentBias!);
    stepParams = p;
  }
  const mask = opts.mask;
  if (mask) checkMask(mask, T, batch);
  ws.backwardOf = undefined;
  const rm = opts.recurrentMask;
  if (rm) {
    checkShape(rm, batch, H, 'recurrentMask');
    checkFinite(rm.data, 'recurrentMask', H);
  }
  let hPrev = h0;
  let cPrev = c0;
  for (let t = 0; t < T; t++) {
    let x = xs[t];
    if (fast && !isIndexInput(x)) {
      fast.xs[t].data.set(x.data);     // into the arena, next to the weights
      x = fast.xs[t];
    }
    let hIn = hPrev;                   // what the step sees of h_{t-1}
    if (rm) {
      hIn = ws.hIn[t];
      const a = hPrev.data, md = rm.data, o = hIn.data;
      for (let i = 0; i < o.length; i++) o[i] = a[i] * md[i];
    }
    const cache = cellStep(cfg, stepParams, x, hIn, cPrev, ws.caches[t]);
    if (mask) {
      // Skipped rows keep their states: h_t = h_{t-1}, c_t = c_{t-1} (the step's gates stay in
      // the cache, but the backward pass sends no gradient through them for those rows).
      carryMaskedRows(mask[t], hPrev.data, cache.h.data, H);
      if (cache.c && cPrev) carryMaskedRows(mask[t], cPrev.data, cache.c.data, H);
    }
    hPrev = cache.h;
    cPrev = cache.c;
  }
  const caches = ws.caches.slice(0, T);
  const res: ForwardResult = {
    cfg, params, xs, h0, c0, caches, workspace: ws,
    hs: caches.map((c) => c.h),
    h: hPrev,
    mask,
    recurrentMask: rm,
  };
  if (cfg.cell === 'lstm') {
    res.cs = caches.map((c) => c.c!);
    res.c = cPrev;
  }
  return res;
}

export interface BackwardOptions {
  /** ∂L/∂h_T and ∂L/∂c_T from beyond the sequence (e.g. a loss on the final state). */
  dhFinal?: Mat;
  dcFinal?: Mat;
  /**
   * Truncated BPTT: cut the recurrent gradient every `truncate` steps. Steps are split into
   * chunks [0, k), [k, 2k), ...; gradients flow within a chunk, and not from a chunk into
   * the previous one, exactly as if each chunk had been run separately from the carried state.
   * Undefined or >= seqLen: full BPTT.
   */
  truncate?: number;
  /** Accumulate into these gradients (e.g. over several chunks) instead of fresh zeros. */
  grads?: CellParams;
  /**
   * Compute ∂L/∂x_t (default: true for dense inputs, false for one-hot indices, whose gradient is
   * then the dense [batch, inputSize] gradient with respect to the one-hot rows).
   */
  inputGrads?: boolean;
}

export interface BackwardResult {
  grads: CellParams;       // ∂L/∂(kernel, recurrentKernel, bias[, recurrentBias])
  dxs: Mat[] | null;       // seqLen × [batch, inputSize], null when not asked for (see inputGrads)
  dh0: Mat;                // ∂L/∂h_0 [batch, H]
  dc0?: Mat;               // ∂L/∂c_0 [batch, H] (LSTM)
}

/**
 * Backpropagation through time. `dhs[t]` is ∂L/∂h_t from whatever consumes the hidden states
 * (an output layer, the next layer of a stack); null entries mean zero.
 */
export function backwardSequence(fwd: ForwardResult, dhs: (Mat | null)[] | null, opts: BackwardOptions = {}): BackwardResult {
  const { cfg, params, caches, workspace: ws } = fwd;
  const T = caches.length;
  const batch = ws.batchSize;
  const H = cfg.hiddenSize;
  if (dhs && dhs.length !== T) throw new Error(`dhs: expected ${T} steps (seqLen of the forward pass), got ${dhs.length}`);
  if (dhs) {
    for (let t = 0; t < T; t++) {
      const d = dhs[t];
      if (d) {
        checkShape(d, batch, H, `dhs[${t}]`);
        checkFinite(d.data, `dhs[${t}]`, H);
      }
    }
  }
  const k = opts.truncate ?? T;
  if (!Number.isInteger(k) || k < 1) throw new Error(`truncate: expected a positive integer number of steps, got ${opts.truncate}`);
  const grads = opts.grads ?? zerosLike(params);
  if (opts.grads) checkParams(cfg, opts.grads, 'grads');
  const wantDx = opts.inputGrads ?? !isIndexInput(fwd.xs[0]);
  // With a SIMD arena, run on the arena copy of the weights (the forward pass filled it) plus
  // their transposes, accumulate into arena gradients (starting from `grads`), copy back at the end.
  const fast = ws.fast;
  let stepParams: CellParamsT = params;
  let stepGrads = grads;
  if (fast) {
    stepParams = fast.params;
    if (batch >= TRANSPOSE_MIN_BATCH) {
      transposeInto(stepParams.recurrentKernel, stepParams.recurrentKernelT!);
    } else {
      // Few rows: the dot-product kernel on U itself beats transposing U first.
      stepParams = { ...stepParams, kernelT: undefined, recurrentKernelT: undefined };
    }
    stepGrads = fast.grads;
    // Same array type on both sides, so `set` is a block copy: accumulate on top of `grads`.
    stepGrads.kernel.data.set(grads.kernel.data);
    stepGrads.recurrentKernel.data.set(grads.recurrentKernel.data);
    stepGrads.bias.set(grads.bias);
    if (stepGrads.recurrentBias) stepGrads.recurrentBias.set(grads.recurrentBias!);
  }
  const dh = ws.dh.data;
  const dc = ws.dc ? ws.dc.data : null;
  dh.fill(0);
  if (dc) dc.fill(0);
  if (opts.dhFinal) { checkShape(opts.dhFinal, batch, H, 'dhFinal'); dh.set(opts.dhFinal.data); }
  if (opts.dcFinal) {
    if (!dc) throw new Error(`dcFinal: expected none (${cfg.cell} has no cell state), got shape [${opts.dcFinal.rows}, ${opts.dcFinal.cols}]`);
    checkShape(opts.dcFinal, batch, H, 'dcFinal');
    dc.set(opts.dcFinal.data);
  }
  const out = ws.gradOut;
  const mask = fwd.mask;
  const rm = fwd.recurrentMask ? fwd.recurrentMask.data : null;
  // Batch 1 on the fast path: dU after the loop, in one product over the steps (recurrentKernelGrads).
  const oneProduct = fast && batch === 1 && !mask && !rm && !(cfg.cell === 'gru' && cfg.resetAfter)
    ? plainSimdKernelFor(caches[0].h.data, ws.dGates[0].data, stepGrads.recurrentKernel.data) : undefined;
  out.deferRecurrentKernel = oneProduct !== undefined;
  // Masked steps: the rows' running gradients go around the step (kept here), not through it.
  const carriedDh = mask ? new (ctorOf(dtypeOf(dh)))(dh.length) : null;
  const carriedDc = mask && dc ? new (ctorOf(dtypeOf(dc)))(dc.length) : null;
  for (let t = T - 1; t >= 0; t--) {
    const d = dhs ? dhs[t] : null;
    if (d) {
      const dd = d.data;
      for (let i = 0; i < dh.length; i++) dh[i] += dd[i];
    }
    const m = mask ? mask[t] : null;
    if (m) {
      carriedDh!.set(dh);
      if (dc) carriedDc!.set(dc);
      for (let b = 0; b < batch; b++) {
        if (m[b] !== 0) continue;
        dh.fill(0, b * H, (b + 1) * H);
        if (dc) dc.fill(0, b * H, (b + 1) * H);
      }
    }
    out.dGates = ws.dGates[t];         // kept: the input gradients are da_t Wᵀ (inputGradients)
    out.dx = null;
    cellStepBackward(cfg, stepParams, caches[t], ws.dh, ws.dc ?? null, stepGrads, out);
    if (t % k === 0 && t > 0) {
      dh.fill(0);                      // chunk boundary: no gradient into the previous chunk
      if (dc) dc.fill(0);
    } else {
      dh.set(out.dhPrev.data);
      if (rm) for (let i = 0; i < dh.length; i++) dh[i] *= rm[i];   // ∂L/∂h_{t-1} = m ⊙ ∂L/∂(h_{t-1} ⊙ m)
      if (dc) dc.set(out.dcPrev!.data);
      if (m) {
        carryMaskedRows(m, carriedDh!, dh, H);
        if (dc) carryMaskedRows(m, carriedDc!, dc, H);
      }
    }
  }
  if (oneProduct) recurrentKernelGrads(cfg, caches, ws.dGates, stepGrads.recurrentKernel.data, oneProduct);
  if (fast) {
    grads.kernel.data.set(stepGrads.kernel.data);
    grads.recurrentKernel.data.set(stepGrads.recurrentKernel.data);
    grads.bias.set(stepGrads.bias);
    if (stepGrads.recurrentBias) grads.recurrentBias!.set(stepGrads.recurrentBias);
  }
  ws.backwardOf = fwd;
  const res: BackwardResult = {
    grads,
    dxs: wantDx ? inputGradients(fwd) : null,
    dh0: ws.dh,
  };
  if (cfg.cell === 'lstm') res.dc0 = ws.dc;
  return res;
}

/**
 * dU += Σ_t hPrev_tᵀ da_t over the steps t = T−1 … 0 of a batch-1 sequence (GRU with the reset
 * before the product: dU_h += Σ_t (r⊙hPrev)_tᵀ da_h,t and dU_zr += Σ_t hPrev_tᵀ da_zr,t), the
 * outer products the cells' backward steps leave out when `deferRecurrentKernel` is set. Each
 * run of steps whose rows sit at equal distances in the arena (all of them but the first step's
 * hPrev, the initial state) is one product with k = steps (negative strides walk back in time),
 * which loads and stores dU once per four steps instead of every step. simd.ts's plain kernel
 * adds the products in that order with one float32 multiply and add each, as the per-step
 * products did: the same gradient, bit for bit (tests/scratch/deferred-recurrent-grad.test.ts).
 */
function recurrentKernelGrads(cfg: CellConfig, caches: StepCache[], dGates: Mat[], dU: FloatArray, gemm: SimdGemm): void {
  const H = cfg.hiddenSize, G = gateCount(cfg.cell) * H, T = caches.length;
  const hPrev = (t: number) => caches[t].hPrev.data.byteOffset;
  if (cfg.cell === 'gru') {
    overSteps(gemm, T, hPrev, (t) => dGates[t].data.byteOffset, 2 * H, H, dU.byteOffset, G);                      // dU_zr
    overSteps(gemm, T, (t) => caches[t].aux!.data.byteOffset, (t) => dGates[t].data.byteOffset + 8 * H, H, H, dU.byteOffset + 8 * H, G); // dU_h
  } else {
    overSteps(gemm, T, hPrev, (t) => dGates[t].data.byteOffset, G, H, dU.byteOffset, G);
  }
}

/** C[H, n] += Σ_t A_tᵀ B_t for t = T−1 … 0 (rows of H and n floats at byte addresses a(t), b(t)). */
function overSteps(gemm: SimdGemm, T: number, a: (t: number) => number, b: (t: number) => number, n: number, H: number, c: number, ldc: number): void {
  for (let t = T - 1; t >= 0;) {
    const a0 = a(t), b0 = b(t);
    let k = 1;
    const sa = t > 0 ? a(t - 1) - a0 : 0, sb = t > 0 ? b(t - 1) - b0 : 0;
    while (t - k >= 0 && a(t - k) - a0 === k * sa && b(t - k) - b0 === k * sb) k++;
    gemm(H, n, k, a0, 1, sa / 4, b0, sb / 4, c, ldc);   // A(i, p) = a0[i + p·sa], B[p, j] = b0[p·sb + j]
    t -= k;
  }
}

/**
 * ∂L/∂x_t = da_t Wᵀ for every step, from the gradients da_t = ∂L/∂(x_t W + b) that the last
 * backward pass of `fwd` kept: the recurrence never needs them, so they are one product per step
 * after BPTT, and a caller that has no use for them (the first layer of a model, fed data) skips
 * them. `backwardSequence` calls this unless `inputGrads` is false; call it after a backward pass
 * run with `inputGrads: false` to get them later. One-hot inputs get the dense gradient with
 * respect to their one-hot rows. Results alias the workspace.
 */
export function inputGradients(fwd: ForwardResult): Mat[] {
  const ws = fwd.workspace;
  if (ws.backwardOf !== fwd) {
    throw new Error('inputGradients: expected the forward pass of the last backwardSequence on this workspace (run backwardSequence first; a later forward pass reuses the buffers)');
  }
  const T = fwd.caches.length;
  const { rows: B, cols: G } = ws.dGates[0];
  const I = fwd.cfg.inputSize;
  let kernelT: Mat | undefined;
  if (ws.fast && B >= TRANSPOSE_MIN_BATCH) kernelT = transposeInto(ws.fast.params.kernel, ws.fast.params.kernelT!);
  const W = ws.fast ? ws.fast.params.kernel : fwd.params.kernel;
  const dxs = ws.dxs.slice(0, T);
  for (let t = 0; t < T; t++) {
    dxs[t].data.fill(0);
    gemmWT(B, I, G, ws.dGates[t].data, 0, G, W, kernelT, 0, dxs[t].data, 0, I);
  }
  return dxs;
}

/** Steps of a `[batch, time, features]` array (row-major), as `seqLen` matrices `[batch, features]`. */
export function splitTime(data: ArrayLike<number>, batchSize: number, seqLen: number, features: number,
  ctor: FloatArrayConstructor = Float32Array): Mat[] {
  if (data.length !== batchSize * seqLen * features) {
    throw new Error(`splitTime: expected ${batchSize * seqLen * features} values for shape ${shapeStr([batchSize, seqLen, features])}, got ${data.length}`);
  }
  const out: Mat[] = [];
  for (let t = 0; t < seqLen; t++) {
    const m = mat(batchSize, features, ctor);
    for (let b = 0; b < batchSize; b++) {
      for (let f = 0; f < features; f++) m.data[b * features + f] = data[(b * seqLen + t) * features + f];
    }
    out.push(m);
  }
  return out;
}

/** The inverse of `splitTime`: `seqLen` matrices `[batch, features]` into one `[batch, time, features]` array. */
export function stackTime(steps: Mat[]): FloatArray {
  if (steps.length === 0) throw new Error('stackTime: expected at least one step, got 0');
  const { rows: B, cols: F } = steps[0];
  const T = steps.length;
  const C = steps[0].data.constructor as FloatArrayConstructor;
  const out = new C(B * T * F);
  steps.forEach((m, t) => {
    checkShape(m, B, F, `stackTime step ${t}`);
    for (let b = 0; b < B; b++) {
      for (let f = 0; f < F; f++) out[(b * T + t) * F + f] = m.data[b * F + f];
    }
  });
  return out;
}
