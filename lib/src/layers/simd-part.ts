/**
 * One thread's share of a fused sequence on the SIMD kernels: a block of batch rows, forward and
 * backward, on packed time-major arrays. The main thread runs one block itself and hands the
 * others to worker threads (simd-worker.ts), which run this same code. Rows of a batch are
 * independent through the recurrence, so the blocks never talk to each other; only the weight
 * gradients are summed at the end (simd-engine.ts).
 *
 * Packed layouts (rows = this block's batch rows, time in processing order):
 *   x [time][rows][inputSize], hs / dhs [time][rows][hiddenSize], dx like x.
 * One-hot inputs (every row of x a single 1, as `tf.oneHot` makes) travel as the positions of the
 * ones instead, `ids` [time][rows]: x_t W is then a row of W and xᵀ da a row update, as in the
 * from-scratch cells' one-hot path, which saves two products of every step; dx stays dense.
 */
import type { Mat } from '../scratch/mat';
import type { CellConfig, CellKind, CellParams } from '../scratch/types';
import { ForwardResult, SequenceWorkspace, backwardSequence, createWorkspace, forwardSequence, inputGradients } from '../scratch/fast/sequence';

export interface ForwardRequest {
  kind: CellKind;
  rows: number;
  time: number;
  inputSize: number;
  hiddenSize: number;
  x: Float32Array | null; // [time][rows][inputSize], or null when `ids` is given
  ids?: Int32Array | null; // [time][rows]: the one-hot inputs' positions
  kernel: Float32Array;   // W [inputSize, k*hiddenSize]
  recurrentKernel: Float32Array; // U [hiddenSize, k*hiddenSize]
  bias: Float32Array;     // b [k*hiddenSize]
  h0: Float32Array;       // [rows][hiddenSize]
  c0: Float32Array | null; // [rows][hiddenSize], LSTM
  mask?: Uint8Array | null; // [time][rows]: 1 = take the step, 0 = skip it (carry the states)
  recurrentMask?: Float32Array | null; // [rows][hiddenSize]: recurrent dropout's m (h_{t-1} ⊙ m)
}

export interface ForwardReply {
  hs: Float32Array;       // [time][rows][hiddenSize]
  c: Float32Array | null; // final cell state [rows][hiddenSize], LSTM
}

export interface BackwardRequest {
  dhs: Float32Array;      // [time][rows][hiddenSize]
  dcFinal: Float32Array | null; // [rows][hiddenSize], LSTM
}

export interface BackwardReply {
  dh0: Float32Array;
  dc0: Float32Array | null;
  dW: Float32Array;
  dU: Float32Array;
  db: Float32Array;
}

// Workspaces (one SIMD arena each) reused across calls of the same shape, at most POOL_FLOATS
// floats in this thread.
const POOL_FLOATS = 64 * 1024 * 1024; // 256 MB
const pool = new Map<string, SequenceWorkspace[]>();
let pooledFloats = 0;

const keyOf = (cfg: CellConfig, rows: number, time: number) => `${cfg.cell}:${cfg.inputSize}:${cfg.hiddenSize}:${rows}:${time}`;
const floatsOf = (ws: SequenceWorkspace) => (ws.h0.data as Float32Array).buffer.byteLength / 4;

function acquire(cfg: CellConfig, rows: number, time: number): SequenceWorkspace {
  const ws = pool.get(keyOf(cfg, rows, time))?.pop();
  if (ws) {
    pooledFloats -= floatsOf(ws);
    return ws;
  }
  return createWorkspace(cfg, rows, time, 'float32');
}

/** Give a workspace back for reuse (dropping older ones beyond the pool's size). */
export function releaseWorkspace(ws: SequenceWorkspace): void {
  const size = floatsOf(ws);
  if (size > POOL_FLOATS) return;
  while (pooledFloats + size > POOL_FLOATS) {
    const [key, list] = pool.entries().next().value as [string, SequenceWorkspace[]];
    pooledFloats -= floatsOf(list.shift()!);
    if (list.length === 0) pool.delete(key);
  }
  const key = keyOf(ws.cfg, ws.batchSize, ws.seqLen);
  pool.set(key, [...(pool.get(key) ?? []), ws]);
  pooledFloats += size;
}

/** A forward pass kept for its backward pass. */
export interface PartState {
  fwd: ForwardResult;
  req: ForwardRequest;
}

const steps = (a: Float32Array, time: number, rows: number, cols: number): Mat[] =>
  Array.from({ length: time }, (_, t) => ({ rows, cols, data: a.subarray(t * rows * cols, (t + 1) * rows * cols) }));

export function forwardPart(req: ForwardRequest): { reply: ForwardReply; state: PartState } {
  const { kind, rows, time, inputSize: I, hiddenSize: H } = req;
  const cfg: CellConfig = { cell: kind, inputSize: I, hiddenSize: H };
  const G = req.bias.length;
  const params: CellParams = {
    kernel: { rows: I, cols: G, data: req.kernel },
    recurrentKernel: { rows: H, cols: G, data: req.recurrentKernel },
    bias: req.bias,
  };
  const ws = acquire(cfg, rows, time);
  const xs = req.ids
    ? Array.from({ length: time }, (_, t) => req.ids!.subarray(t * rows, (t + 1) * rows))
    : steps(req.x!, time, rows, I);
  let fwd: ForwardResult;
  try {
    fwd = forwardSequence(cfg, params, xs, {
      h: { rows, cols: H, data: req.h0 },
      c: req.c0 ? { rows, cols: H, data: req.c0 } : undefined,
    }, {
      workspace: ws,
      mask: req.mask ? Array.from({ length: time }, (_, t) => req.mask!.subarray(t * rows, (t + 1) * rows)) : undefined,
      recurrentMask: req.recurrentMask ? { rows, cols: H, data: req.recurrentMask } : undefined,
    });
  } catch (e) {
    releaseWorkspace(ws);
    throw e;
  }
  const hs = new Float32Array(time * rows * H);
  fwd.hs.forEach((h, t) => hs.set(h.data, t * rows * H));
  const c = fwd.c ? Float32Array.from(fwd.c.data) : null;
  return { reply: { hs, c }, state: { fwd, req } };
}

/**
 * BPTT for the block, without the input gradients: the workspace stays taken until `finishPart`
 * (which computes them when asked), or is released here if the pass fails.
 */
export function backwardPart(state: PartState, req: BackwardRequest): BackwardReply {
  const { rows, time, hiddenSize: H } = state.req;
  try {
    const bw = backwardSequence(state.fwd, steps(req.dhs, time, rows, H), {
      dcFinal: req.dcFinal ? { rows, cols: H, data: req.dcFinal } : undefined,
      inputGrads: false,
    });
    return {
      dh0: Float32Array.from(bw.dh0.data),
      dc0: bw.dc0 ? Float32Array.from(bw.dc0.data) : null,
      dW: Float32Array.from(bw.grads.kernel.data),
      dU: Float32Array.from(bw.grads.recurrentKernel.data),
      db: Float32Array.from(bw.grads.bias),
    };
  } catch (e) {
    releaseWorkspace(state.fwd.workspace);
    throw e;
  }
}

/** After backwardPart: the input gradients dx [time][rows][inputSize] if `wantDx`, then release. */
export function finishPart(state: PartState, wantDx: boolean): Float32Array | null {
  const { rows, time, inputSize: I } = state.req;
  try {
    if (!wantDx) return null;
    const dx = new Float32Array(time * rows * I);
    inputGradients(state.fwd).forEach((d, t) => dx.set(d.data, t * rows * I));
    return dx;
  } finally {
    releaseWorkspace(state.fwd.workspace);
  }
}
