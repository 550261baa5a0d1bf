/**
 * `trainCharLM`: the from-scratch character language model of notebooks 01-03
 * (`CharLanguageModel`, scratch/charlm.ts) trained by the library's one training loop, `trainModel`.
 *
 * The text is cut into windows of seqLen characters; the examples `trainModel` sees are the windows'
 * start positions, in order (no shuffling: the state is carried from one window to the next, and
 * reset at the start of each pass: truncated BPTT with k = seqLen). One batch is one window, one
 * `CharLanguageModel.trainStep`. From the loop come the time budget (a notebook that trains "for 5
 * minutes" takes the same time on every machine), the awaited progress callbacks (so a notebook can
 * redraw a live loss curve between windows), the stop on *Interrupt kernel*, and the divergence guard.
 */
import * as tf from '@tensorflow/tfjs';
import type { CharLanguageModel } from '../scratch/charlm';
import { Trainable, TrainCallbacks, TrainResult, trainModel } from './fit';

export interface CharLMLoopOptions {
  /** Wall-clock budget in seconds; the loop stops at the first window boundary after it. Default: none. */
  seconds?: number;
  /** Passes over the text, default 1. */
  epochs?: number;
  /** Stop after this many windows in total. Default: none. */
  maxSteps?: number;
  /** Called after every window (`batch`: its index in the pass) with its mean loss (nats per character); awaited. */
  onBatchEnd?: (batch: number, logs: { loss: number }) => unknown;
  /** Called after every completed pass with the mean loss of the pass; awaited. */
  onEpochEnd?: (epoch: number, logs: { loss: number }) => unknown;
  /** More of `trainModel`'s callbacks, e.g. a `plot.progress(...)` display. */
  callbacks?: TrainCallbacks | TrainCallbacks[];
  /** Clock in milliseconds, for tests. Default Date.now. */
  now?: () => number;
}

export interface CharLMLoopResult {
  steps: number;          // windows trained
  characters: number;     // characters predicted during training
  seconds: number;        // wall time
  losses: number[];       // loss of every window, in order
  epochsDone: number;     // completed passes
  /** Why it ended: all passes done, the step limit, the time budget, a non-finite loss, or an interrupt. */
  stopped: 'epochs' | 'maxSteps' | 'budget' | 'diverged' | 'interrupted';
  /** `trainModel`'s account of a stop other than 'epochs'. */
  message?: string;
}

/** The model as `trainModel` sees it: an example is the start of a window of `ids`. */
class WindowTrainer implements Trainable {
  readonly metricsNames = ['loss'];
  readonly losses: number[] = [];
  characters = 0;
  private views: tf.Tensor[] = [];

  constructor(private readonly model: CharLanguageModel, private readonly ids: Int32Array) {}

  /** Example w is the window starting at w·seqLen. */
  async trainOnExamples(windows: Int32Array): Promise<number> {
    const T = this.model.cfg.seqLen;
    let sum = 0;
    for (const w of windows) {
      const p = w * T;
      const len = Math.min(T, this.ids.length - 1 - p);
      const loss = this.model.trainStep(this.ids.subarray(p, p + len), this.ids.subarray(p + 1, p + 1 + len));
      this.losses.push(loss);
      this.characters += len;
      sum += loss;
    }
    return sum / windows.length;
  }

  getWeights(): tf.Tensor[] {
    this.dispose();
    this.views = this.model.parameters().map((a) => tf.tensor1d(Float32Array.from(a)));
    return this.views;
  }

  setWeights(weights: tf.Tensor[]): void {
    this.model.parameters().forEach((a, i) => a.set(weights[i].dataSync()));
  }

  dispose(): void {
    tf.dispose(this.views);
    this.views = [];
  }
}

/** Trains `model` on `ids` window by window until the epochs, the step limit or the time budget run out. */
export async function trainCharLM(model: CharLanguageModel, ids: Int32Array, opts: CharLMLoopOptions = {}): Promise<CharLMLoopResult> {
  if (ids.length < 2) throw new Error(`trainCharLM: expected a text of at least 2 characters, got ${ids.length}`);
  const T = model.cfg.seqLen;
  const n = Math.ceil((ids.length - 1) / T);                                                          // windows per pass
  const starts = tf.tensor2d(Int32Array.from({ length: n }, (_, w) => w * T), [n, 1], 'int32');       // [windows, 1]
  const trainer = new WindowTrainer(model, ids);
  const limit = new AbortController();
  const windows: TrainCallbacks = {
    onEpochBegin: () => model.resetState(),
    onBatchEnd: async (batch, logs) => {
      if (opts.onBatchEnd) await opts.onBatchEnd(batch, { loss: logs.loss });
      if (opts.maxSteps !== undefined && trainer.losses.length >= opts.maxSteps) limit.abort();
    },
    onEpochEnd: async (epoch, logs) => {
      if (opts.onEpochEnd) await opts.onEpochEnd(epoch, { loss: logs.loss });
    },
  };
  const extra = opts.callbacks === undefined ? [] : Array.isArray(opts.callbacks) ? opts.callbacks : [opts.callbacks];
  let run: TrainResult;
  try {
    if (opts.maxSteps !== undefined && opts.maxSteps <= 0) limit.abort();
    run = await trainModel(trainer, starts, starts, {
      epochs: opts.epochs ?? 1, batchSize: 1, shuffle: false, signal: limit.signal, now: opts.now,
      ...(opts.seconds !== undefined ? { minutes: opts.seconds / 60 } : {}),
      callbacks: [windows, ...extra],
    });
  } finally {
    starts.dispose();
    trainer.dispose();
  }
  const stopped: CharLMLoopResult['stopped'] =
    run.stopped === 'outOfTime' ? 'budget'
      : run.stopped === 'diverged' ? 'diverged'
        : run.stopped === 'aborted' ? (limit.signal.aborted ? 'maxSteps' : 'interrupted')
          : 'epochs';
  return {
    steps: trainer.losses.length, characters: trainer.characters, seconds: run.seconds, losses: trainer.losses,
    epochsDone: run.epochsDone, stopped, ...(run.message ? { message: run.message } : {}),
  };
}
