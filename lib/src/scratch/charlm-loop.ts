/**
 * Around `CharLanguageModel` (charlm.ts): a training loop with a time budget whose progress
 * callbacks are awaited (so a notebook can redraw a live loss curve between windows), and
 * sampling that starts from a primed state. Used by notebooks 01-03.
 *
 * The loop walks the text in windows of seqLen characters (`CharLanguageModel.trainStep` on each),
 * carries the state across windows and resets it at each pass (truncated BPTT with k = seqLen);
 * it is asynchronous and bounded in wall time: a notebook that trains "for 5 minutes" takes the
 * same time on every machine. (tf.layers models train with `trainModel`, lib/src/train/fit.ts.)
 */
import { Mat, ctorOf, mat } from './mat';
import { CharLanguageModel, SampleOptions } from './charlm';
import { createWorkspace, forwardSequence } from './sequence';

export interface CharLMLoopOptions {
  /** Wall-clock budget in seconds; the loop stops at the first window boundary after it. Default: none. */
  seconds?: number;
  /** Passes over the text, default 1. */
  epochs?: number;
  /** Stop after this many windows in total. Default: none. */
  maxSteps?: number;
  /** Called after every window with its mean loss (nats per character); awaited. */
  onBatchEnd?: (batch: number, logs: { loss: number }) => unknown;
  /** Called after every completed pass with the mean loss of the pass; awaited. */
  onEpochEnd?: (epoch: number, logs: { loss: number }) => unknown;
  /** Clock in milliseconds, for tests. Default Date.now. */
  now?: () => number;
}

export interface CharLMLoopResult {
  steps: number;          // windows trained
  characters: number;     // characters predicted during training
  seconds: number;        // wall time
  losses: number[];       // loss of every window, in order
  epochsDone: number;     // completed passes
  stopped: 'budget' | 'maxSteps' | 'epochs';
}

/** Trains `model` on `ids` window by window until the epochs, the step limit or the time budget run out. */
export async function trainCharLM(model: CharLanguageModel, ids: Int32Array, opts: CharLMLoopOptions = {}): Promise<CharLMLoopResult> {
  if (ids.length < 2) throw new Error(`trainCharLM: expected a text of at least 2 characters, got ${ids.length}`);
  const now = opts.now ?? Date.now;
  const T = model.cfg.seqLen;
  const epochs = opts.epochs ?? 1;
  const t0 = now();
  const deadline = opts.seconds === undefined ? Infinity : t0 + opts.seconds * 1000;
  const res: CharLMLoopResult = { steps: 0, characters: 0, seconds: 0, losses: [], epochsDone: 0, stopped: 'epochs' };
  outer:
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.resetState();
    let sum = 0, n = 0;
    for (let p = 0; p + 1 < ids.length; p += T) {
      if (opts.maxSteps !== undefined && res.steps >= opts.maxSteps) { res.stopped = 'maxSteps'; break outer; }
      if (now() >= deadline) { res.stopped = 'budget'; break outer; }
      const len = Math.min(T, ids.length - 1 - p);
      const loss = model.trainStep(ids.subarray(p, p + len), ids.subarray(p + 1, p + 1 + len));
      res.losses.push(loss);
      res.characters += len;
      sum += loss;
      n++;
      if (opts.onBatchEnd) await opts.onBatchEnd(res.steps, { loss });
      res.steps++;
    }
    res.epochsDone++;
    if (opts.onEpochEnd && n > 0) await opts.onEpochEnd(epoch, { loss: sum / n });
  }
  res.seconds = (now() - t0) / 1000;
  return res;
}

/** The states (h, c) after the model has read `prime` from zero states. */
export function primeState(model: CharLanguageModel, prime: ArrayLike<number>): { h: Mat; c: Mat } {
  const H = model.cfg.hiddenSize;
  const C = ctorOf(model.cfg.dtype);
  const h = mat(1, H, C), c = mat(1, H, C);
  if (prime.length === 0) return { h, c };
  const ws = createWorkspace(model.cellCfg, 1, 1, model.cfg.dtype);
  const x = new Int32Array(1);
  for (let i = 0; i < prime.length; i++) {
    x[0] = prime[i];
    const f = forwardSequence(model.cellCfg, model.cell, [x], { h, c: model.cfg.cell === 'lstm' ? c : undefined }, { workspace: ws });
    h.data.set(f.h.data);
    if (f.c) c.data.set(f.c.data);
  }
  return { h, c };
}

/**
 * `n` sampled indices that continue `prime` (at least one index): the model reads all of the
 * prime but its last index, which becomes the seed of `CharLanguageModel.sample`.
 */
export function sampleAfter(model: CharLanguageModel, prime: ArrayLike<number>, n: number, opts: Omit<SampleOptions, 'h' | 'c'> = {}): Int32Array {
  if (prime.length < 1) throw new Error('sampleAfter: expected a prime of at least one index, got 0');
  const head = Array.from(prime).slice(0, -1);
  const { h, c } = primeState(model, head);
  return model.sample(prime[prime.length - 1], n, { ...opts, h, c });
}
