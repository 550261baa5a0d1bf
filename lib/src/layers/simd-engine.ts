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
 * the backend is `wasm` or `cpu`, and WebAssembly SIMD is available; otherwise runSequence uses
 * tfjs ops (always on the native `tensorflow` backend, where those are faster). A mask [batch,
 * time] goes along with each block of rows (src/scratch/sequence.ts: a skipped step carries the
 * states over, as tf.layers does).
 * `setSequenceEngine('tf')` forces the tfjs-op path (tests compare the two).
 *
 * Threads: the rows of a batch are independent through the recurrence, so a batch is cut into
 * blocks of rows, one per thread: the main thread runs one block, worker threads (simd-worker.ts,
 * one wasm instance each) run the others at the same time, and the weight gradients of the blocks
 * are summed. By default one thread per core, at most 4, and blocks of at least 8 rows;
 * `setSequenceThreads(1)` keeps everything on the main thread. The split depends only on the
 * batch size and the thread count, so a rerun on the same machine gives the same numbers.
 */
import * as tf from '@tensorflow/tfjs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { CellKind } from '../scratch/types';
import { simdActive } from '../scratch/fast/simd';
import { relaxedSimdSetting } from '../scratch/fast/simd-relaxed';
import { float32Data as f32 } from '../backend/data';
import { BackwardReply, ForwardReply, ForwardRequest, PartState, backwardPart, finishPart, forwardPart, releaseWorkspace } from './simd-part';
import type { WorkerRequest } from './simd-worker';

/** Which implementation runs the fused sequence: chosen per backend ('auto'), or forced. */
export type SequenceEngine = 'auto' | 'tf' | 'simd';

let engine: SequenceEngine = 'auto';

/** Choose the engine of the fast layers; returns the previous choice. */
export function setSequenceEngine(e: SequenceEngine): SequenceEngine {
  if (e !== 'auto' && e !== 'tf' && e !== 'simd') {
    throw new Error(`setSequenceEngine: expected 'auto', 'tf' or 'simd', got ${JSON.stringify(e)}`);
  }
  const prev = engine;
  engine = e;
  return prev;
}

/** The engine a fast layer would use now for a cell with a from-scratch twin (sigmoid gates). */
export function activeSequenceEngine(): 'tf' | 'simd' {
  if (engine === 'tf' || !simdActive()) return 'tf';
  if (engine === 'simd') return 'simd';
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu' ? 'simd' : 'tf';
}

// ---- threads ----------------------------------------------------------------------------------

interface WorkerHandle {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
  seq: number;
}

const MIN_ROWS = 8;
let threadLimit = Math.max(1, Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));
const workers: WorkerHandle[] = [];
let workerFailure: string | null = null;
let nextId = 1;

/** Threads the SIMD engine may use (1 = main thread only); returns the previous value. */
export function setSequenceThreads(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`setSequenceThreads: expected a positive integer, got ${n}`);
  const prev = threadLimit;
  threadLimit = n;
  return prev;
}

/** Threads the SIMD engine uses now, and why a worker could not start (null when fine). */
export function sequenceThreads(): { threads: number; failure: string | null } {
  return { threads: workerFailure ? 1 : threadLimit, failure: workerFailure };
}

/** The compiled worker script: next to this file in lib/dist, or lib/dist when run from lib/src (tests). */
function workerScript(): string | null {
  const candidates = [path.join(__dirname, 'simd-worker.js'), path.join(__dirname, '..', '..', 'dist', 'layers', 'simd-worker.js')];
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

function startWorker(): WorkerHandle | null {
  if (workerFailure) return null;
  const script = workerScript();
  if (!script) {
    workerFailure = `worker script simd-worker.js not found next to ${__dirname} (run \`npm run build\`)`;
    return null;
  }
  try {
    const worker = new Worker(script);
    worker.unref(); // never keeps the process alive
    const { port1, port2 } = new MessageChannel();
    port1.unref();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    worker.postMessage({ port: port2, flag: flag.buffer }, [port2]);
    return { worker, port: port1, flag, seq: 0 };
  } catch (e) {
    workerFailure = `could not start a worker thread: ${e instanceof Error ? e.message : String(e)}`;
    return null;
  }
}

function workersFor(count: number): WorkerHandle[] {
  while (workers.length < count) {
    const w = startWorker();
    if (!w) break;
    workers.push(w);
  }
  return workers.slice(0, count);
}

type Unsequenced<R> = R extends unknown ? Omit<R, 'seq'> : never;

function post(w: WorkerHandle, msg: Unsequenced<WorkerRequest>): void {
  w.seq += 1;
  w.port.postMessage({ ...msg, seq: w.seq, relaxed: relaxedSimdSetting() });
}

/** Block until the worker answers its last request; returns the reply or throws its error. */
function await_<T>(w: WorkerHandle): T {
  const deadline = Date.now() + 10 * 60 * 1000;
  while (Atomics.load(w.flag, 0) !== w.seq) {
    const seen = Atomics.load(w.flag, 0);
    if (Atomics.wait(w.flag, 0, seen, 1000) === 'timed-out' && Date.now() > deadline) {
      throw new Error('SIMD engine: a worker thread did not answer within 10 minutes (call setSequenceThreads(1) to run on one thread)');
    }
  }
  const got = receiveMessageOnPort(w.port);
  if (!got) throw new Error('SIMD engine: a worker signalled a reply that did not arrive');
  const reply = got.message as { ok?: T; error?: string };
  if (reply.error !== undefined) throw new Error(`SIMD engine (worker thread): ${reply.error}`);
  return reply.ok as T;
}

/** Row blocks [start, end) for `batch` rows on at most `threads` threads. */
export function rowBlocks(batch: number, threads: number): [number, number][] {
  const n = Math.max(1, Math.min(threads, Math.floor(batch / MIN_ROWS)));
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) out.push([Math.floor((k * batch) / n), Math.floor(((k + 1) * batch) / n)]);
  return out;
}

// ---- the sequence ----------------------------------------------------------------------------

/**
 * Sequences back-propagated whose input gradient was not (yet) asked for: released at the latest
 * when the next sequence runs forward or backward (tfjs has called this node's lambdas by then),
 * or in a microtask, so a synchronous loop of many gradients does not hold one workspace each.
 */
let unreleased: (() => void)[] = [];
function releaseFinished(): void {
  const list = unreleased;
  unreleased = [];
  list.forEach((release) => release());
}

/** tfjs' engine, with the kernel-function call that tf.customGrad is built on (lazy gradients). */
function tfEngine(): {
  runKernelFunc(p: {
    forwardFunc: () => tf.Tensor;
    backwardsFunc: (dy: tf.Tensor) => Record<string, () => tf.Tensor>;
    inputs: tf.NamedTensorMap;
  }): tf.Tensor;
} {
  return tf.engine() as unknown as ReturnType<typeof tfEngine>;
}

/**
 * n floats from src[from..] to dst[to..]. A plain loop: the packing below copies one row of a step
 * at a time (time × batch copies per call, often of 32-64 floats), where a `subarray` view per
 * copy would cost an allocation each (and the garbage collector's time).
 */
function copy(src: Float32Array, from: number, dst: Float32Array, to: number, n: number): void {
  for (let i = 0; i < n; i++) dst[to + i] = src[from + i];
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/**
 * Where the 1 of each row of x [rows, I] is, when every row is one-hot (a single 1, zeros
 * elsewhere: what `tf.oneHot` makes); null when any row is not. The sequence then runs on the
 * positions (simd-part.ts), with the same results.
 */
export function oneHotPositions(x: Float32Array, I: number): Int32Array | null {
  const rows = x.length / I;
  const ids = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let at = -1;
    for (let i = r * I, end = i + I; i < end; i++) {
      const v = x[i];
      if (v === 0) continue;
      if (v !== 1 || at >= 0) return null;
      at = i - r * I;
    }
    if (at < 0) return null;
    ids[r] = at;
  }
  return ids;
}


/**
 * Run the fused sequence of a `simdCell` on the SIMD kernels. Same contract as runSequence:
 * returns [batch, time + stateCount − 1, hiddenSize] (h_1..h_T in processing order, then c_T for
 * the LSTM); gradients flow to x, the initial states and W, U, b. `mask` [batch, time] (input
 * order; 0 = skip the step) or null.
 */
export function runSequenceSimd(
  kind: CellKind,
  x: tf.Tensor3D,
  initialStates: tf.Tensor2D[],
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  goBackwards: boolean,
  mask: tf.Tensor | null = null,
  recurrentMask: tf.Tensor2D | null = null,
): tf.Tensor3D {
  const [B, T, I] = x.shape;
  const maskData = mask ? mask.dataSync() : null; // [B, T] in input order
  const recMaskData = recurrentMask ? f32(recurrentMask) : null; // [B, H], recurrent dropout
  const H = recurrentKernel.shape[0];
  const nS = initialStates.length;
  const steps = T + nS - 1;
  const recording = (tf.engine() as unknown as { isTapeOn(): boolean }).isTapeOn();
  const src = (t: number) => (goBackwards ? T - 1 - t : t); // input step read at processing step t
  const helpers = workersFor(rowBlocks(B, threadLimit).length - 1); // fewer if a worker cannot start
  const used = rowBlocks(B, helpers.length + 1);

  const inputs: tf.NamedTensorMap = { x };
  initialStates.forEach((s, i) => { inputs[`s${i}`] = s; });
  Object.assign(inputs, { W: kernel, U: recurrentKernel, b: bias });
  const run = (): { value: tf.Tensor3D; gradFunc: (dy: tf.Tensor) => Record<string, () => tf.Tensor> } => {
    const xIn = x;
    const s0 = initialStates;
    const [W, U, b] = [kernel, recurrentKernel, bias];
    const xd = f32(xIn);
    const states0 = s0.map(f32);
    const [Wd, Ud, bd] = [f32(W), f32(U), f32(b)];
    // Non-finite inputs, weights or incoming gradients (a diverged training run): NaN out and NaN
    // gradients, as the tfjs ops would give, so the training loop reports the NaN loss.
    const nanGrads = () => Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, () => tf.fill(t.shape, NaN)]));
    if (![xd, Wd, Ud, bd, ...states0].every(allFinite)) {
      return { value: tf.fill([B, steps, H], NaN) as tf.Tensor3D, gradFunc: nanGrads };
    }
    const positions = oneHotPositions(xd, I); // [B·T] in input order, or null
    const request = ([r0, r1]: [number, number]): ForwardRequest => {
      const rows = r1 - r0;
      let xp: Float32Array | null = null;
      let ids: Int32Array | null = null;
      if (positions) {
        ids = new Int32Array(T * rows);
        for (let t = 0; t < T; t++) for (let r = 0; r < rows; r++) ids[t * rows + r] = positions[(r0 + r) * T + src(t)];
      } else {
        xp = new Float32Array(T * rows * I);
        for (let t = 0; t < T; t++) {
          for (let r = 0; r < rows; r++) {
            const from = ((r0 + r) * T + src(t)) * I;
            copy(xd, from, xp, (t * rows + r) * I, I);
          }
        }
      }
      const slice = (a: Float32Array) => a.slice(r0 * H, r1 * H);
      let mp: Uint8Array | null = null;
      if (maskData) {
        mp = new Uint8Array(T * rows); // [time][rows], processing order
        for (let t = 0; t < T; t++) for (let r = 0; r < rows; r++) mp[t * rows + r] = maskData[(r0 + r) * T + src(t)] ? 1 : 0;
      }
      return {
        kind, rows, time: T, inputSize: I, hiddenSize: H, x: xp, ids, kernel: Wd, recurrentKernel: Ud, bias: bd,
        h0: slice(states0[0]), c0: nS === 2 ? slice(states0[1]) : null, mask: mp,
        recurrentMask: recMaskData ? slice(recMaskData) : null,
      };
    };
    // Workers first (they start while the main thread packs and runs its own block).
    const id = nextId++;
    used.slice(1).forEach((blk, k) => post(helpers[k], { op: 'forward', id, keep: recording, req: request(blk) }));
    let own: { reply: ForwardReply; state: PartState } | null = null;
    let ownError: unknown = null;
    try {
      own = forwardPart(request(used[0]));
    } catch (e) {
      ownError = e;
    }
    // Collect every worker's reply even when the main block failed, so the protocol stays in step.
    const replies = used.slice(1).map((_, k) => {
      try {
        return await_<ForwardReply>(helpers[k]);
      } catch (e) {
        return e as Error;
      }
    });
    const failed = ownError ?? replies.find((r) => r instanceof Error);
    if (failed || !own) {
      if (own) releaseWorkspace(own.state.fwd.workspace);
      if (recording) used.slice(1).forEach((_, k) => { post(helpers[k], { op: 'drop', id }); await_<null>(helpers[k]); });
      throw failed;
    }
    const mineState = own.state;
    const parts = [own.reply, ...(replies as ForwardReply[])];
    const out = new Float32Array(B * steps * H);
    used.forEach(([r0, r1], k) => {
      const rows = r1 - r0;
      const p = parts[k];
      for (let t = 0; t < T; t++) {
        for (let r = 0; r < rows; r++) copy(p.hs, (t * rows + r) * H, out, ((r0 + r) * steps + t) * H, H);
      }
      if (nS === 2) for (let r = 0; r < rows; r++) copy(p.c!, r * H, out, ((r0 + r) * steps + T) * H, H);
    });
    const value = tf.tensor3d(out, [B, steps, H]);
    if (!recording) releaseWorkspace(mineState.fwd.workspace);

    const gradFunc = (dy: tf.Tensor): Record<string, () => tf.Tensor> => {
      const dyd = f32(dy);
      const pack = ([r0, r1]: [number, number]) => {
        const rows = r1 - r0;
        const dhs = new Float32Array(T * rows * H);
        for (let t = 0; t < T; t++) {
          for (let r = 0; r < rows; r++) copy(dyd, ((r0 + r) * steps + t) * H, dhs, (t * rows + r) * H, H);
        }
        let dcFinal: Float32Array | null = null;
        if (nS === 2) {
          dcFinal = new Float32Array(rows * H);
          for (let r = 0; r < rows; r++) copy(dyd, ((r0 + r) * steps + T) * H, dcFinal, r * H, H);
        }
        return { dhs, dcFinal };
      };
      if (!allFinite(dyd)) {
        used.slice(1).forEach((_, k) => { post(helpers[k], { op: 'drop', id }); await_<null>(helpers[k]); });
        releaseWorkspace(mineState.fwd.workspace);
        return nanGrads();
      }
      used.slice(1).forEach((blk, k) => post(helpers[k], { op: 'backward', id, req: pack(blk) }));
      const mine = backwardPart(mineState, pack(used[0]));
      const theirs = used.slice(1).map((_, k) => await_<BackwardReply>(helpers[k]));
      const all = [mine, ...theirs];
      const dh0 = new Float32Array(B * H);
      const dc0 = nS === 2 ? new Float32Array(B * H) : null;
      used.forEach(([r0], k) => {
        dh0.set(all[k].dh0, r0 * H);
        if (dc0) dc0.set(all[k].dc0!, r0 * H);
      });
      // ∂L/∂x only if tfjs asks for it (its lambda runs only when x leads back to what is being
      // differentiated: not for a model's first layer fed data). Either way the kept buffers are
      // released once tfjs is done with this node: it calls the lambdas right after this function.
      let open = true;
      const finish = (wantDx: boolean): Float32Array | null => {
        if (!open) throw new Error('SIMD engine: the input gradient of this sequence was asked for after its buffers were released');
        open = false;
        used.slice(1).forEach((_, k) => post(helpers[k], wantDx ? { op: 'inputGrads', id } : { op: 'drop', id }));
        const own = finishPart(mineState, wantDx);
        const parts = [own, ...used.slice(1).map((_, k) => await_<Float32Array | null>(helpers[k]))];
        if (!wantDx) return null;
        const dx = new Float32Array(B * T * I);
        used.forEach(([r0, r1], k) => {
          const rows = r1 - r0;
          const d = parts[k]!;
          for (let t = 0; t < T; t++) {
            for (let r = 0; r < rows; r++) copy(d, (t * rows + r) * I, dx, ((r0 + r) * T + src(t)) * I, I);
          }
        });
        return dx;
      };
      const release = () => { if (open) finish(false); };
      unreleased.push(release);
      queueMicrotask(release);
      // Weight gradients: the sum over blocks, in block order.
      const [dW, dU, db] = [mine.dW, mine.dU, mine.db];
      for (const g of theirs) {
        for (let i = 0; i < dW.length; i++) dW[i] += g.dW[i];
        for (let i = 0; i < dU.length; i++) dU[i] += g.dU[i];
        for (let i = 0; i < db.length; i++) db[i] += g.db[i];
      }
      const grads: Record<string, () => tf.Tensor> = {
        x: () => tf.tensor3d(finish(true)!, [B, T, I]),
        s0: () => tf.tensor2d(dh0, [B, H]),
        W: () => tf.tensor2d(dW, [I, W.shape[1]!]),
        U: () => tf.tensor2d(dU, [H, U.shape[1]!]),
        b: () => tf.tensor1d(db),
      };
      if (dc0) grads.s1 = () => tf.tensor2d(dc0, [B, H]);
      return grads;
    };
    return { value, gradFunc };
  };
  // tf.customGrad computes every input's gradient at once; the engine's own kernel-function call
  // takes one lambda per input and runs only those the back-propagation needs.
  let gradFunc: ReturnType<typeof run>['gradFunc'] | null = null;
  return tfEngine().runKernelFunc({
    forwardFunc: () => {
      releaseFinished();
      const r = run();
      gradFunc = r.gradFunc;
      return r.value;
    },
    backwardsFunc: (dy: tf.Tensor) => {
      releaseFinished();
      return gradFunc!(dy);
    },
    inputs,
  }) as tf.Tensor3D;
}
