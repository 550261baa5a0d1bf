/**
 * A from-scratch model for the long-lag memory tasks (tasks.ts): one recurrent cell, read out
 * from the state after the last step only.
 *
 *   xs: T steps, [batch] one-hot indices (recall) or [batch, 2] dense (adding)
 *     -> cell (lib/src/scratch)      h_T [batch, hiddenSize]
 *     -> dense                       logits [batch, symbols] (recall) or ŷ [batch, 1] (adding)
 *   loss: softmax cross-entropy (recall) or mean squared error (adding)
 *
 * Trained with Adam and global-norm clipping, on fresh batches of a seeded task generator, for a
 * number of steps within a time budget. The loop is the library's one training loop, `trainModel`
 * (train/fit.ts), given the model as a `Trainable` whose examples are the indices of generated
 * batches. Theory: theory/04_comparing_rnn_lstm_gru.md, Section 6.
 */
import * as tf from '@tensorflow/tfjs';
import { FloatArray, Mat, mat } from '../scratch/mat';
import { CellConfig, CellKind, CellParams } from '../scratch/types';
import { initCellParams, glorotUniform, seededRng } from '../scratch/init';
import { forwardSequence, backwardSequence, ForwardResult, SequenceWorkspace } from '../scratch/fast/sequence';
import { denseForward, denseBackward, softmaxCrossEntropy } from '../scratch/softmax';
import { adam, Optimizer } from '../scratch/optim';
import { clipByGlobalNorm } from '../scratch/clip';
import { paramArrays, zerosLike } from '../scratch/params';
import { recallTask, addingProblem } from './tasks';
import { gradientNormsByLag, GradientNormsResult } from './gradnorm';
import { Trainable, TrainCallbacks, TrainResult, trainModel } from '../train/fit';

export type MemoryTaskKind = 'recall' | 'adding';

export interface MemoryModelConfig {
  /** Which cell. */
  cell: CellKind;
  /** The task. Default 'recall'. */
  task?: MemoryTaskKind;
  /** Steps between the information and the end (recall: lag distractors; adding: seqLen = lag). */
  lag: number;
  /** Units of the cell. Default 32. */
  hiddenSize?: number;
  /** Recall: alphabet to remember. Default 8. */
  symbols?: number;
  /** Recall: distractor alphabet. Default 4. */
  distractors?: number;
  /** Adam's learning rate. Default 1e-2. */
  lr?: number;
  /** Clip the global gradient norm to this. Default 1. */
  clipNorm?: number;
  /** Examples per step. Default 32. */
  batchSize?: number;
  /** Seed of the weights; the data seeds derive from it. Default 1. */
  seed?: number;
}

/** What `evaluate` reports: accuracy (recall) or MSE (adding), and the loss. */
export interface MemoryScore {
  loss: number;
  /** Recall: share of correct answers. */
  accuracy?: number;
  /** Adding: mean squared error (equals `loss`). */
  mse?: number;
}

interface Batch { xs: (Int32Array | Mat)[]; yIdx?: Int32Array; yVal?: Float32Array }

export class MemoryModel {
  readonly cfg: Required<MemoryModelConfig>;
  readonly cellCfg: CellConfig;
  readonly params: CellParams;
  /** Read-out weights V [hiddenSize, outputs] and bias. */
  readonly V: Mat;
  readonly bV: Float32Array;
  readonly outputs: number;
  /** Gradient steps taken so far. */
  steps = 0;
  private readonly opt: Optimizer;
  private readonly grads: CellParams;
  private readonly dV: Mat;
  private readonly dbV: Float32Array;
  private readonly workspaces = new Map<number, SequenceWorkspace>(); // by batch size
  private batchSeed: number;

  constructor(config: MemoryModelConfig) {
    const cfg: Required<MemoryModelConfig> = {
      task: 'recall', hiddenSize: 32, symbols: 8, distractors: 4, lr: 1e-2, clipNorm: 1, batchSize: 32, seed: 1,
      ...config,
    };
    if (!Number.isInteger(cfg.lag) || cfg.lag < 1) throw new Error(`MemoryModel: lag must be a positive integer, got ${cfg.lag}`);
    this.cfg = cfg;
    const inputSize = cfg.task === 'recall' ? cfg.symbols + cfg.distractors : 2;
    this.outputs = cfg.task === 'recall' ? cfg.symbols : 1;
    this.cellCfg = { cell: cfg.cell, inputSize, hiddenSize: cfg.hiddenSize };
    this.params = initCellParams(this.cellCfg, { seed: cfg.seed });
    this.V = glorotUniform(cfg.hiddenSize, this.outputs, seededRng(cfg.seed + 1000));
    this.bV = new Float32Array(this.outputs);
    this.grads = zerosLike(this.params);
    this.dV = mat(cfg.hiddenSize, this.outputs, Float32Array);
    this.dbV = new Float32Array(this.outputs);
    this.opt = adam({ lr: cfg.lr });
    this.batchSeed = cfg.seed * 7919;
  }

  /** A batch of the task; `seed` fixes it (training batches use consecutive seeds). */
  batch(n: number, seed: number): Batch {
    const c = this.cfg;
    if (c.task === 'recall') {
      const t = recallTask({ n, lag: c.lag, symbols: c.symbols, distractors: c.distractors, seed });
      return { xs: t.xs, yIdx: t.y };
    }
    const t = addingProblem({ n, seqLen: c.lag, seed });
    return { xs: t.xs, yVal: t.y };
  }

  /** "Learned nothing": accuracy 1/symbols (recall) or MSE 1/6 (adding). */
  get baseline(): number {
    return this.cfg.task === 'recall' ? 1 / this.cfg.symbols : 1 / 6;
  }

  private forward(b: Batch): { fwd: ForwardResult; out: Mat } {
    const n = b.yIdx ? b.yIdx.length : b.yVal!.length;
    const fwd = forwardSequence(this.cellCfg, this.params, b.xs as never, {}, { workspace: this.workspaces.get(n) });
    this.workspaces.set(n, fwd.workspace);
    return { fwd, out: denseForward(fwd.h, this.V, this.bV) };
  }

  /** Loss and ∂loss/∂output for a batch. */
  private lossOf(b: Batch, out: Mat): { loss: number; dOut: Mat; correct: number } {
    if (b.yIdx) {
      const ce = softmaxCrossEntropy(out, b.yIdx);
      let correct = 0;
      for (let r = 0; r < out.rows; r++) {
        let best = 0;
        for (let j = 1; j < out.cols; j++) if (out.data[r * out.cols + j] > out.data[r * out.cols + best]) best = j;
        if (best === b.yIdx[r]) correct++;
      }
      return { loss: ce.loss, dOut: ce.dLogits, correct };
    }
    const y = b.yVal!;
    const dOut = mat(out.rows, 1, Float32Array);
    let loss = 0;
    for (let r = 0; r < out.rows; r++) {
      const e = out.data[r] - y[r];
      loss += e * e;
      dOut.data[r] = (2 * e) / out.rows;
    }
    return { loss: loss / out.rows, dOut, correct: 0 };
  }

  /** One gradient step on a fresh batch (the `index`-th of the seeded stream; default: the next); returns the batch's loss. */
  trainStep(index = this.steps): number {
    const b = this.batch(this.cfg.batchSize, this.batchSeed + index);
    const { fwd, out } = this.forward(b);
    const { loss, dOut } = this.lossOf(b, out);
    for (const a of paramArrays(this.grads)) a.fill(0);
    this.dV.data.fill(0);
    this.dbV.fill(0);
    const dh = denseBackward(fwd.h, this.V, dOut, this.dV, this.dbV);
    backwardSequence(fwd, null, { dhFinal: dh, grads: this.grads, inputGrads: false });
    const all = [...paramArrays(this.grads), this.dV.data, this.dbV];
    clipByGlobalNorm(all, this.cfg.clipNorm);
    this.opt.step([...paramArrays(this.params), this.V.data, this.bV], all);
    this.steps++;
    return loss;
  }

  /** All trainable arrays, in a fixed order (cell weights, then V, bᵥ). */
  parameters(): FloatArray[] {
    return [...paramArrays(this.params), this.V.data, this.bV];
  }

  /** Loss and accuracy/MSE on `n` held-out examples (a seed no training batch uses). */
  evaluate(n = 512, seed = 999_999): MemoryScore {
    const b = this.batch(n, seed);
    const { out } = this.forward(b);
    const { loss, correct } = this.lossOf(b, out);
    return this.cfg.task === 'recall' ? { loss, accuracy: correct / n } : { loss, mse: loss };
  }

  /**
   * Drop the sequence buffers (they are made again when needed). Each holds a WebAssembly memory
   * of up to tens of MB; a notebook that keeps many trained models should release them.
   */
  release(): void {
    this.workspaces.clear();
  }

  /** ‖∂ℓ_T/∂h_{T−m}‖ for m = 0 … T on `n` held-out examples, the loss being the task's loss. */
  gradientNorms(n = 64, seed = 424_242): GradientNormsResult {
    const b = this.batch(n, seed);
    const { fwd, out } = this.forward(b);
    const { dOut } = this.lossOf(b, out);
    const dh = denseBackward(fwd.h, this.V, dOut, mat(this.V.rows, this.V.cols, Float32Array), new Float32Array(this.outputs));
    return gradientNormsByLag(fwd, dh);
  }
}

export interface MemoryTrainOptions {
  /** Gradient steps to take (each on a fresh batch of `batchSize` examples). */
  maxSteps: number;
  /** Stop after this many milliseconds of training. Default: no limit. */
  budgetMs?: number;
  /** Stop early once the training loss is below this (smoothed). Default: never. */
  targetLoss?: number;
  /** Called every `reportEvery` steps (default 10) with the smoothed loss; awaited. */
  onProgress?: (info: { step: number; loss: number; seconds: number }) => void | Promise<void>;
  reportEvery?: number;
  /** `trainModel`'s callbacks, e.g. a `plot.progress(...)` display (one epoch of `maxSteps` batches). */
  callbacks?: TrainCallbacks | TrainCallbacks[];
}

export interface MemoryTrainResult {
  steps: number;
  seconds: number;
  /** Smoothed training loss at the end. */
  loss: number;
  /** Why training ended (`trainModel`'s reasons; 'aborted' also when the target loss was reached). */
  stopped: TrainResult['stopped'];
  message?: string;
}

/**
 * Train `model` for `maxSteps` steps, within the time budget, or until the target loss: `trainModel`
 * with one epoch whose examples are the indices of the batches (in order, not shuffled).
 */
export async function trainMemoryModel(model: MemoryModel, opts: MemoryTrainOptions): Promise<MemoryTrainResult> {
  if (!Number.isInteger(opts?.maxSteps) || opts.maxSteps < 1) {
    throw new Error(`trainMemoryModel: maxSteps (the number of gradient steps) must be a positive integer, got ${opts?.maxSteps}; budgetMs only caps the time`);
  }
  const every = opts.reportEvery ?? 10;
  const first = model.steps;
  const indices = tf.tensor2d(Int32Array.from({ length: opts.maxSteps }, (_, i) => first + i), [opts.maxSteps, 1], 'int32'); // [steps, 1]
  const target = new AbortController();
  const t0 = Date.now();
  let smooth = NaN;
  const smoother: TrainCallbacks = {
    onBatchEnd: async (batch, logs) => {
      smooth = Number.isNaN(smooth) ? logs.loss : 0.9 * smooth + 0.1 * logs.loss;
      if (opts.onProgress && (batch + 1) % every === 0) await opts.onProgress({ step: batch + 1, loss: smooth, seconds: (Date.now() - t0) / 1000 });
      if (opts.targetLoss !== undefined && smooth < opts.targetLoss) target.abort();
    },
  };
  const extra = opts.callbacks === undefined ? [] : Array.isArray(opts.callbacks) ? opts.callbacks : [opts.callbacks];
  let views: tf.Tensor[] = [];
  const trainable: Trainable = {
    metricsNames: ['loss'],
    trainOnExamples: async (steps) => {                    // example i: the (first + i)-th batch of the seeded stream
      let sum = 0;
      for (const i of steps) sum += model.trainStep(first + i);
      return sum / steps.length;
    },
    getWeights: () => {                                    // the loop clones these; they live until the next call
      tf.dispose(views);
      views = model.parameters().map((a) => tf.tensor1d(Float32Array.from(a)));
      return views;
    },
    setWeights: (weights) => model.parameters().forEach((a, i) => a.set(weights[i].dataSync())),
  };
  try {
    const run = await trainModel(trainable, indices, indices, {
      epochs: 1, batchSize: 1, shuffle: false, signal: target.signal,
      ...(opts.budgetMs !== undefined ? { minutes: opts.budgetMs / 60_000 } : {}),
      callbacks: [smoother, ...extra],
    });
    return { steps: model.steps - first, seconds: run.seconds, loss: smooth, stopped: run.stopped, message: run.message };
  } finally {
    indices.dispose();
    tf.dispose(views);
  }
}
