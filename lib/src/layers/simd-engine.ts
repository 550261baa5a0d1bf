/**
 * The fused sequence on the library's own WebAssembly SIMD kernels (src/scratch) instead of tfjs
 * ops: the same maths as sequence.ts (chapter equations in lstm.ts, gru.ts, simple_rnn.ts), for
 * the CPU backends (`wasm`, `cpu`).
 *
 * Why: on wasm, a fused step in tfjs ops is still ~15 kernel calls forward and ~15 backward, each
 * ~30-50 µs of dispatch on a [batch, hiddenSize] tensor, around a matMul of a few hundred µs.
 * The from-scratch cells run the whole sequence in one place: one SIMD gemm per step for
 * h_{t-1} U, the gate activations in place on one buffer, no tensor created per step. The tfjs
 * side sees one custom-gradient node: tensors in (x, initial states, W, U, b), one tensor out.
 *
 *   forward:  x [batch, time, inputSize] → forwardSequence (src/scratch/sequence.ts)
 *             → [batch, time (+1 for LSTM's c_T), hiddenSize], as runSequence
 *   backward: dy → backwardSequence → dx, ∂L/∂(initial states), dW, dU, db
 *
 * It applies when the cell has a from-scratch twin (`FusedCell.simdCell`: sigmoid gates, tanh),
 * there is no mask, the backend is `wasm` or `cpu`, and WebAssembly SIMD is available; otherwise
 * runSequence uses tfjs ops (always on the native `tensorflow` backend, where those are faster).
 * `setSequenceEngine('tf')` forces the tfjs-op path (tests compare the two).
 */
import * as tf from '@tensorflow/tfjs';
import type { Mat } from '../scratch/mat';
import type { CellConfig, CellKind, CellParams } from '../scratch/types';
import { ForwardResult, SequenceWorkspace, backwardSequence, createWorkspace, forwardSequence } from '../scratch/sequence';
import { createSimdArena } from '../scratch/simd';

/** Which implementation runs the fused sequence: chosen per backend ('auto'), or forced. */
export type SequenceEngine = 'auto' | 'tf' | 'simd';

let engine: SequenceEngine = 'auto';
let simdAvailable: boolean | null = null;

/** Choose the engine of the fast layers; returns the previous choice. */
export function setSequenceEngine(e: SequenceEngine): SequenceEngine {
  if (e !== 'auto' && e !== 'tf' && e !== 'simd') {
    throw new Error(`setSequenceEngine: expected 'auto', 'tf' or 'simd', got ${JSON.stringify(e)}`);
  }
  const prev = engine;
  engine = e;
  return prev;
}

/** The engine a fast layer would use now for a cell with a from-scratch twin and no mask. */
export function activeSequenceEngine(): 'tf' | 'simd' {
  if (engine === 'tf') return 'tf';
  if (simdAvailable === null) simdAvailable = createSimdArena(16) !== null;
  if (!simdAvailable) return 'tf';
  if (engine === 'simd') return 'simd';
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu' ? 'simd' : 'tf';
}

// Workspaces (SIMD arenas, one WebAssembly.Memory each) are reused across calls of the same
// shape: a forward pass takes one, and gives it back when its backward pass is done, or at once
// when no gradient is being recorded. The pool keeps at most POOL_FLOATS floats in total.
const POOL_FLOATS = 64 * 1024 * 1024; // 256 MB
const pool = new Map<string, SequenceWorkspace[]>();
let pooledFloats = 0;

function wsKey(cfg: CellConfig, batch: number, time: number): string {
  return `${cfg.cell}:${cfg.inputSize}:${cfg.hiddenSize}:${batch}:${time}`;
}

function wsFloats(ws: SequenceWorkspace): number {
  const any = ws.h0.data as Float32Array;
  return any.buffer.byteLength / 4;
}

function acquire(cfg: CellConfig, batch: number, time: number): SequenceWorkspace {
  const list = pool.get(wsKey(cfg, batch, time));
  const ws = list?.pop();
  if (ws) {
    pooledFloats -= wsFloats(ws);
    return ws;
  }
  return createWorkspace(cfg, batch, time, 'float32');
}

function release(ws: SequenceWorkspace): void {
  const size = wsFloats(ws);
  if (size > POOL_FLOATS) return;
  while (pooledFloats + size > POOL_FLOATS) {
    // Drop any pooled workspace (the garbage collector frees its memory).
    const [key, list] = pool.entries().next().value as [string, SequenceWorkspace[]];
    const dropped = list.shift()!;
    pooledFloats -= wsFloats(dropped);
    if (list.length === 0) pool.delete(key);
  }
  const key = wsKey(ws.cfg, ws.batchSize, ws.seqLen);
  const list = pool.get(key) ?? [];
  list.push(ws);
  pool.set(key, list);
  pooledFloats += size;
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

function f32(t: tf.Tensor): Float32Array {
  const d = t.dataSync();
  return d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number>);
}

/**
 * Run the fused sequence of a `simdCell` on the SIMD kernels. Same contract as runSequence
 * (without a mask): returns [batch, time + stateCount − 1, hiddenSize] (h_1..h_T in processing
 * order, then c_T for the LSTM); gradients flow to x, the initial states and W, U, b.
 */
export function runSequenceSimd(
  kind: CellKind,
  x: tf.Tensor3D,
  initialStates: tf.Tensor2D[],
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  goBackwards: boolean,
): tf.Tensor3D {
  const [B, T, I] = x.shape;
  const H = recurrentKernel.shape[0];
  const nS = initialStates.length;
  const cfg: CellConfig = { cell: kind, inputSize: I, hiddenSize: H };
  const recording = (tf.engine() as unknown as { isTapeOn(): boolean }).isTapeOn();
  const src = (t: number) => (goBackwards ? T - 1 - t : t); // input step read at processing step t

  const f = tf.customGrad((...args: unknown[]) => {
    const [xIn, ...rest] = args as tf.Tensor[];
    const s0 = rest.slice(0, nS);
    const [W, U, b] = rest.slice(nS, nS + 3);
    const xd = f32(xIn);
    const xs: Mat[] = [];
    for (let t = 0; t < T; t++) {
      const m = new Float32Array(B * I);
      const from = src(t) * I;
      for (let r = 0; r < B; r++) m.set(xd.subarray(r * T * I + from, r * T * I + from + I), r * I);
      xs.push({ rows: B, cols: I, data: m });
    }
    const params: CellParams = {
      kernel: { rows: I, cols: W.shape[1]!, data: f32(W) },
      recurrentKernel: { rows: H, cols: U.shape[1]!, data: f32(U) },
      bias: f32(b),
    };
    const steps = T + nS - 1;
    const states0 = s0.map(f32);
    if (![xd, params.kernel.data, params.recurrentKernel.data, params.bias, ...states0].every((a) => allFinite(a as Float32Array))) {
      // Non-finite inputs or weights (a diverged training run): NaN out and NaN gradients, as the
      // tfjs ops would give, so the training loop reports the NaN loss.
      const nanGrads = () => [xIn, ...s0, W, U, b].map((t) => tf.fill(t.shape, NaN));
      return { value: tf.fill([B, steps, H], NaN) as tf.Tensor3D, gradFunc: nanGrads };
    }
    const ws = acquire(cfg, B, T);
    let fwd: ForwardResult;
    try {
      fwd = forwardSequence(cfg, params, xs, {
        h: { rows: B, cols: H, data: states0[0] },
        c: nS === 2 ? { rows: B, cols: H, data: states0[1] } : undefined,
      }, { workspace: ws });
    } catch (e) {
      release(ws);
      throw e;
    }
    const out = new Float32Array(B * steps * H);
    const put = (m: Mat, t: number) => {
      for (let r = 0; r < B; r++) out.set(m.data.subarray(r * H, (r + 1) * H), (r * steps + t) * H);
    };
    fwd.hs.forEach((h, t) => put(h, t));
    if (nS === 2) put(fwd.c!, T);
    const value = tf.tensor3d(out, [B, steps, H]);
    if (!recording) release(ws);

    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const dyd = f32(dy);
      if (!allFinite(dyd)) {
        release(ws);
        return [xIn, ...s0, W, U, b].map((t) => tf.fill(t.shape, NaN));
      }
      const dhs: Mat[] = [];
      for (let t = 0; t < T; t++) {
        const m = new Float32Array(B * H);
        for (let r = 0; r < B; r++) m.set(dyd.subarray((r * steps + t) * H, (r * steps + t + 1) * H), r * H);
        dhs.push({ rows: B, cols: H, data: m });
      }
      let dcFinal: Mat | undefined;
      if (nS === 2) {
        const m = new Float32Array(B * H);
        for (let r = 0; r < B; r++) m.set(dyd.subarray((r * steps + T) * H, (r * steps + T + 1) * H), r * H);
        dcFinal = { rows: B, cols: H, data: m };
      }
      try {
        const bw = backwardSequence(fwd, dhs, { dcFinal });
        const dx = new Float32Array(B * T * I);
        bw.dxs!.forEach((d, t) => {
          const to = src(t) * I;
          for (let r = 0; r < B; r++) dx.set(d.data.subarray(r * I, (r + 1) * I), r * T * I + to);
        });
        const grads: tf.Tensor[] = [tf.tensor3d(dx, [B, T, I]), tf.tensor2d(Float32Array.from(bw.dh0.data), [B, H])];
        if (nS === 2) grads.push(tf.tensor2d(Float32Array.from(bw.dc0!.data), [B, H]));
        grads.push(
          tf.tensor2d(bw.grads.kernel.data as Float32Array, [I, W.shape[1]!]),
          tf.tensor2d(bw.grads.recurrentKernel.data as Float32Array, [H, U.shape[1]!]),
          tf.tensor1d(bw.grads.bias as Float32Array),
        );
        return grads;
      } finally {
        release(ws);
      }
    };
    return { value, gradFunc };
  });
  return f(x, ...initialStates, kernel, recurrentKernel, bias) as tf.Tensor3D;
}
