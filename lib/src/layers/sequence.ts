/**
 * The loop over time and its backward pass (BPTT), written once for every fused cell.
 *
 * One `tf.customGrad` covers the whole sequence, so tfjs records a single tape node instead of
 * dozens of small ops per step. Where the time goes, and what this file does about it:
 * - the input projection `x W + b` of all steps is one matMul on [time*batch, inputSize];
 * - each step does one plain `hPrev U` (the cell file) and a handful of element-wise ops;
 * - the backward pass uses pre-transposed weights, so every per-step product is a plain matMul
 *   (on wasm a matMul with transposeA/B is 7-14x slower);
 * - the weight gradients are accumulated after the reverse loop as one large matMul each:
 *   dW = Xᵀ da, dU = Hprevᵀ da, db = Σ da over [time*batch] rows;
 * - every step runs in its own `tf.tidy`, and the tensors kept for the backward pass go through
 *   customGrad's `save`, which tfjs disposes after back-propagation.
 *
 * Conventions shared with tf.layers' `rnn()`:
 * - `goBackwards` reverses the input (and mask) in time, and the outputs stay in processing order;
 * - masking: where `mask[b, t]` is 0 the step is skipped for that row: every state is carried over
 *   (`h_t = h_{t-1}`, `c_t = c_{t-1}`) and the output at t is the carried `h_{t-1}`;
 * - recurrent dropout (`recurrentMask` [batch, hiddenSize], one mask per sequence, the same at
 *   every step, Gal & Ghahramani 2016): the cell receives `h_{t-1} ⊙ m` in place of `h_{t-1}`,
 *   exactly where tf.layers' cells multiply it (LSTM and SimpleRNN: the recurrent product only;
 *   GRU: the recurrent products and the blend `z ⊙ h_{t-1}`, as tf.layers' GRUCell does). The
 *   gradient w.r.t. `h_{t-1}` is the cell's times m. A skipped (masked) step carries the
 *   unmasked state over.
 * - a second, recurrent bias bʰ (the reset-after GRU): given as `recurrentBias`, handed to the
 *   cell with U by `prepare`; its gradient is the sum over rows and steps of the recurrent-side
 *   gradients the cell returns.
 */
import * as tf from '@tensorflow/tfjs';
import { splitRows } from './ops';
import type { CellKind } from '../scratch/types';
import { activeSequenceEngine, runSequenceSimd } from './simd-engine';

/** What a fused cell computes at one time step, forward and backward. */
export interface FusedCell<P> {
  /** Number of gate blocks k in the stacked weights ([inputSize, k*hiddenSize]). */
  readonly gates: number;
  /** Number of states: 1 (h) or 2 (h, c). */
  readonly stateCount: 1 | 2;
  /**
   * Optional scale per gate block (length k): the loop then runs on a' = a ⊙ scale, i.e. on
   * W, U, b with those columns scaled once per call, and scales dW, dU, db back after the loop.
   * The LSTM uses [1, 1, 2, 1] so that one σ over all four blocks also gives
   * tanh(a^c) = 2σ(2 a^c) − 1 (a cheap tanh on wasm).
   */
  readonly columnScale?: number[];
  /**
   * The from-scratch cell (src/scratch) computing the same step, when there is one (sigmoid
   * gates): then, on the CPU backends, the whole sequence runs on the library's SIMD kernels
   * (simd-engine.ts) instead of the tfjs ops below.
   */
  readonly simdCell?: CellKind;
  /**
   * Per-call views of the recurrent kernel U [hiddenSize, k*hiddenSize] (column blocks, and for
   * the backward pass their transposes), made once per sequence rather than once per step.
   */
  prepare(recurrentKernel: tf.Tensor2D, forBackward: boolean, recurrentBias?: tf.Tensor1D | null): P;
  /** True when the cell takes a recurrent bias bʰ (the reset-after GRU). */
  readonly recurrentBias?: boolean;
  /**
   * One step: `xp` is this step's input projection `x_t W + b` [batch, k*hiddenSize], `states`
   * the previous states. Returns the new states and what the backward step needs.
   */
  forward(p: P, xp: tf.Tensor2D, states: tf.Tensor2D[]): { states: tf.Tensor[]; cache: tf.Tensor[] };
  /**
   * One step back: `dStates` are the gradients w.r.t. this step's new states. Returns
   * da (gradient w.r.t. the pre-activation a_t, whose input part is `xp`, [batch, k*hiddenSize]), the
   * gradients w.r.t. the previous states, and `recurrent`: the gradient da split by which recurrent input multiplied
   * which columns of U (one pair for LSTM and RNN; for GRU `hPrev` for z, r and `r ⊙ hPrev`
   * for the candidate), so that dU can be assembled after the loop. Each `input` must be one of
   * `states` or `cache` (tensors the loop owns); each `grad` a new tensor.
   */
  backward(
    p: P,
    cache: tf.Tensor[],
    states: tf.Tensor2D[],
    dStates: tf.Tensor2D[],
  ): StepGrads;
}

/** What a cell's backward step returns (all tensors 2-D: [batch, columns]). */
export type StepGrads = {
  da: tf.Tensor;
  dStates: tf.Tensor[];
  recurrent: { input: tf.Tensor; grad: tf.Tensor }[];
};

export interface SequenceOptions {
  /** Process the sequence from last to first step (outputs stay in processing order). */
  goBackwards: boolean;
  /** Per-row, per-step mask [batch, time] (0 = skip the step), or null. */
  mask: tf.Tensor | null;
  /**
   * Recurrent dropout mask [batch, hiddenSize], already scaled (0 or 1/(1 − rate)), the same at
   * every step; null or absent for none. Runs on the tfjs-op engine.
   */
  recurrentMask?: tf.Tensor2D | null;
  /** The recurrent bias bʰ [k*hiddenSize] of a cell with `recurrentBias: true`. */
  recurrentBias?: tf.Tensor1D | null;
}

/** Mask of one step, as a JS array and, when mixed, as tensors for blending. */
type StepMask = 'all' | 'none' | Float32Array;

function stepMasks(mask: tf.Tensor | null, batch: number, time: number, goBackwards: boolean): StepMask[] {
  const out: StepMask[] = [];
  if (mask === null) {
    for (let t = 0; t < time; t++) out.push('all');
    return out;
  }
  const m = mask.dataSync(); // shape checked by runSequence
  for (let t = 0; t < time; t++) {
    const col = new Float32Array(batch);
    let ones = 0;
    for (let b = 0; b < batch; b++) {
      col[b] = m[b * time + t] ? 1 : 0;
      ones += col[b];
    }
    out.push(ones === batch ? 'all' : ones === 0 ? 'none' : col);
  }
  if (goBackwards) out.reverse();
  return out;
}

/**
 * Run `cell` over `x` [batch, time, inputSize] from `initialStates` (each [batch, hiddenSize]).
 * Returns `[batch, time + stateCount - 1, hiddenSize]`: the outputs h_1..h_T in processing order,
 * followed (for LSTM) by the final cell state c_T. Gradients flow to x, the initial states and
 * the weights.
 */
export function runSequence<P>(
  cell: FusedCell<P>,
  x: tf.Tensor3D,
  initialStates: tf.Tensor2D[],
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  options: SequenceOptions,
): tf.Tensor3D {
  const [batch, time, inputSize] = x.shape;
  const hiddenSize = recurrentKernel.shape[0];
  const k = cell.gates;
  const nS = cell.stateCount;
  if (time < 1) throw new Error('fused recurrent layer: the input has no time steps (shape [' + x.shape + '])');
  if (options.mask !== null && (options.mask.shape.length !== 2 || options.mask.shape[0] !== batch || options.mask.shape[1] !== time)) {
    throw new Error(`fused recurrent layer: mask must have shape [batch, time] = [${batch}, ${time}], got [${options.mask.shape}]`);
  }
  const recMask = options.recurrentMask ?? null;
  const recBias = options.recurrentBias ?? null;
  if (recMask !== null && (recMask.rank !== 2 || recMask.shape[0] !== batch || recMask.shape[1] !== hiddenSize)) {
    throw new Error(`fused recurrent layer: recurrentMask must have shape [batch, hiddenSize] = [${batch}, ${hiddenSize}], got [${recMask.shape}]`);
  }
  if (!!cell.recurrentBias !== (recBias !== null)) {
    throw new Error(cell.recurrentBias
      ? 'fused recurrent layer: this cell needs a recurrentBias [k*hiddenSize] (reset-after GRU)'
      : 'fused recurrent layer: this cell takes no recurrentBias');
  }
  // The recurrent bias (reset-after GRU) runs on the tfjs ops (the SIMD engine does not pass it yet).
  if (cell.simdCell && recBias === null && activeSequenceEngine() === 'simd') {
    return runSequenceSimd(cell.simdCell, x, initialStates, kernel, recurrentKernel, bias, options.goBackwards, options.mask, recMask);
  }
  const masks = stepMasks(options.mask, batch, time, options.goBackwards);
  // Per-column scale [k*hiddenSize] (see FusedCell.columnScale), made where it is used.
  const columnScale = cell.columnScale?.flatMap((v) => new Array<number>(hiddenSize).fill(v)) ?? null;

  const f = tf.customGrad((...args: unknown[]) => {
    const [xIn, ...rest] = args as tf.Tensor[];
    const s0 = rest.slice(0, nS) as tf.Tensor2D[];
    let [W, U, b] = rest.slice(nS, nS + 3) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const bh = recBias === null ? null : (rest[nS + 3] as tf.Tensor1D);
    const save = args[args.length - 1] as tf.GradSaveFunc;
    if (columnScale) {
      const scale = tf.tensor1d(columnScale);
      [W, U, b] = [tf.mul(W, scale), tf.mul(U, scale), tf.mul(b, scale)];
    }

    // Time-major input, in processing order: [time*batch, inputSize].
    let xTm = tf.transpose(xIn, [1, 0, 2]); // [time, batch, inputSize]
    if (options.goBackwards) xTm = tf.reverse(xTm, 0);
    const x2d = tf.reshape(xTm, [time * batch, inputSize]) as tf.Tensor2D;
    const xp = tf.fused.matMul({ a: x2d, b: W, bias: b }); // [time*batch, k*hiddenSize]
    const xps = splitRows(xp as tf.Tensor2D, new Array(time).fill(batch)); // time x [batch, k*hiddenSize]
    xp.dispose();
    const p = cell.prepare(U, false, bh);

    let states = s0;
    const hs: tf.Tensor2D[] = [];
    const caches: tf.Tensor[][] = [];
    const prevStates: tf.Tensor2D[][] = [];
    for (let t = 0; t < time; t++) {
      const m = masks[t];
      // What the cell sees as its previous states: h_{t-1} ⊙ m under recurrent dropout.
      const cellStates = recMask === null ? states : [tf.mul(states[0], recMask) as tf.Tensor2D, ...states.slice(1)];
      prevStates.push(cellStates);
      if (m === 'none') {
        caches.push([]);
      } else {
        const step = cell.forward(p, xps[t], cellStates);
        caches.push(step.cache);
        if (m === 'all') {
          states = step.states as tf.Tensor2D[];
        } else {
          const prev = states;
          states = tf.tidy(() => {
            const mt = tf.tensor2d(m, [batch, 1]);
            return step.states.map((s, i) => tf.add(prev[i], tf.mul(mt, tf.sub(s, prev[i])))) as tf.Tensor2D[];
          });
        }
      }
      xps[t].dispose();
      hs.push(states[0]);
    }
    // Stack on the time axis first (a contiguous concat), then one transpose: stacking on axis 1
    // directly is ~20x slower on wasm.
    const value = tf.transpose(tf.stack(nS === 2 ? [...hs, states[1]] : hs, 0), [1, 0, 2]) as tf.Tensor3D;

    // Layout of the saved list: x2d, W, U, [recurrentMask], [bʰ], then per step [prevStates..., cache...].
    const savedList: tf.Tensor[] = [x2d, W, U];
    if (recMask !== null) savedList.push(recMask);
    if (bh !== null) savedList.push(bh);
    const cacheSizes = caches.map((c) => c.length);
    for (let t = 0; t < time; t++) savedList.push(...prevStates[t], ...caches[t]);
    save(savedList);

    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const sx2d = saved[0] as tf.Tensor2D;
      const sW = saved[1] as tf.Tensor2D;
      let pos = 3;
      const sRecMask = recMask === null ? null : (saved[pos++] as tf.Tensor2D);
      const sBh = bh === null ? null : (saved[pos++] as tf.Tensor1D);
      const gp = cell.prepare(saved[2] as tf.Tensor2D, true, sBh);
      const stepPrev: tf.Tensor2D[][] = [];
      const stepCache: tf.Tensor[][] = [];
      for (let t = 0; t < time; t++) {
        stepPrev.push(saved.slice(pos, pos + nS) as tf.Tensor2D[]);
        pos += nS;
        stepCache.push(saved.slice(pos, pos + cacheSizes[t]));
        pos += cacheSizes[t];
      }
      // dy: [batch, time (+1), hiddenSize] -> per step [batch, hiddenSize].
      const steps = time + nS - 1;
      const dyTm = tf.reshape(tf.transpose(dy, [1, 0, 2]), [steps * batch, hiddenSize]) as tf.Tensor2D;
      const dys = splitRows(dyTm, new Array(steps).fill(batch));
      dyTm.dispose();

      let dS: tf.Tensor2D[] = nS === 2 ? [tf.zerosLike(dys[0]), dys[time]] : [tf.zerosLike(dys[0])];
      const das: tf.Tensor2D[] = new Array(time);
      const recIn: tf.Tensor2D[][] = [];
      const recGrad: tf.Tensor2D[][] = [];
      for (let t = time - 1; t >= 0; t--) {
        const m = masks[t];
        const carried = dS;
        const res = tf.tidy((): StepGrads => {
          // Gradient w.r.t. this step's (masked) states: carried from t+1, plus dy_t on h.
          const dNew = carried.map((d, i) => (i === 0 ? tf.add(d, dys[t]) : d.clone())) as tf.Tensor2D[];
          if (m === 'none') {
            return { da: tf.zeros([batch, k * hiddenSize]) as tf.Tensor2D, dStates: dNew, recurrent: [] };
          }
          let dCell = dNew;
          let dSkip: tf.Tensor2D[] | null = null;
          if (m !== 'all') {
            const mt = tf.tensor2d(m, [batch, 1]);
            dCell = dNew.map((d) => tf.mul(d, mt)) as tf.Tensor2D[];
            dSkip = dNew.map((d, i) => tf.sub(d, dCell[i])) as tf.Tensor2D[];
          }
          const back = cell.backward(gp, stepCache[t], stepPrev[t], dCell);
          // The cell saw h_{t-1} ⊙ m: the gradient w.r.t. h_{t-1} is its gradient times m.
          if (sRecMask !== null) back.dStates[0] = tf.mul(back.dStates[0], sRecMask);
          const dPrev = dSkip ? (back.dStates.map((d, i) => tf.add(d, dSkip![i])) as tf.Tensor2D[]) : back.dStates;
          return { da: back.da, dStates: dPrev, recurrent: back.recurrent };
        });
        tf.dispose(carried);
        dys[t].dispose();
        das[t] = res.da as tf.Tensor2D;
        dS = res.dStates as tf.Tensor2D[];
        res.recurrent.forEach((r, g) => {
          (recIn[g] ??= []).push(r.input as tf.Tensor2D);
          (recGrad[g] ??= []).push(r.grad as tf.Tensor2D);
        });
      }
      if (nS === 2) dys[time].dispose();

      return tf.tidy(() => {
        const da = tf.concat(das, 0) as tf.Tensor2D; // [time*batch, k*hiddenSize]
        // dX = da Wᵀ, back to [batch, time, inputSize] in the caller's time order.
        let dxTm = tf.reshape(tf.matMul(da, tf.transpose(sW)), [time, batch, inputSize]);
        if (options.goBackwards) dxTm = tf.reverse(dxTm, 0);
        const dx = tf.transpose(dxTm, [1, 0, 2]);
        let dW = tf.matMul(tf.transpose(sx2d), da); // [inputSize, k*hiddenSize]
        // Σ over rows as a matMul with a row of ones: tf.sum(da, 0) is ~100x slower on wasm.
        let db = tf.reshape(tf.matMul(tf.ones([1, time * batch]), da), [k * hiddenSize]);
        // dU = Σ_t inputᵀ grad, per group of columns, as one matMul per group.
        const dUparts = recIn.map((ins, g) => {
          const a = tf.concat(ins, 0); // [steps*batch, hiddenSize]
          const gr = tf.concat(recGrad[g], 0); // [steps*batch, cols]
          return tf.matMul(tf.transpose(a), gr);
        });
        let dU =
          dUparts.length === 0
            ? tf.zeros([hiddenSize, k * hiddenSize])
            : dUparts.length === 1
              ? dUparts[0]
              : tf.concat(dUparts, 1);
        // dbʰ: Σ over rows and steps of the recurrent-side gradients, all column groups side by side.
        let dbh: tf.Tensor | null = null;
        if (bh !== null) {
          const groups = recGrad.map((gr) => tf.concat(gr, 0)); // [steps*batch, cols] per group
          dbh = groups.length === 0
            ? tf.zeros([k * hiddenSize])
            : tf.reshape(tf.matMul(tf.ones([1, groups[0].shape[0]]), groups.length === 1 ? groups[0] : tf.concat(groups, 1)), [k * hiddenSize]);
        }
        tf.dispose(das);
        tf.dispose(recGrad.flat());
        if (columnScale) {
          const scale = tf.tensor1d(columnScale);
          [dW, dU, db] = [tf.mul(dW, scale), tf.mul(dU, scale), tf.mul(db, scale)];
        }
        return dbh === null ? [dx, ...dS, dW, dU, db] : [dx, ...dS, dW, dU, db, dbh];
      });
    };
    return { value, gradFunc };
  });
  const inputs = recBias === null ? [x, ...initialStates, kernel, recurrentKernel, bias] : [x, ...initialStates, kernel, recurrentKernel, bias, recBias];
  return f(...inputs) as tf.Tensor3D;
}
