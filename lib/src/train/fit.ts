/**
 * `trainModel`: the course's training loop for tf.layers models.
 *
 * What it adds to `model.fit`:
 * - progress through callbacks (`onTrainBegin`, `onEpochBegin`, `onBatchBegin`, `onBatchEnd`,
 *   `onEpochEnd`, `onTrainEnd`, the same shapes as tf.layers callbacks, so a live chart can
 *   serve both);
 * - seeded shuffling (same seed, same batches) and resumption from a checkpoint that
 *   continues exactly as an uninterrupted run would;
 * - a stop request (`signal`, an AbortSignal) honoured between batches, keeping the model
 *   and the history so far;
 * - divergence: a NaN or infinite loss stops training, restores the last good weights
 *   (those at the end of the previous epoch) and says what to try;
 * - checkpoints every N epochs and the best model by validation loss;
 * - a time budget (`minutes`), a learning rate per epoch (`lrSchedule`), and a held-out score
 *   computed after every epoch (`evaluate`, e.g. greedy decoding's exact match) that goes into the
 *   epoch's logs before the callbacks see them, with an optional `target` to stop at;
 * - tf.layers' stop flag: a callback that sets `model.stopTraining` ends training after the epoch.
 *   Early stopping is such a callback, `earlyStopping` (train/early-stopping.ts), watching
 *   `val_loss` or the `evaluate` score; it serves `model.fit` too;
 * - accounting: training seconds (the per-epoch evaluation excluded) and `tf.memory().numTensors` after every
 *   epoch, so a notebook can show both what training cost and that it leaks nothing.
 * It disposes every tensor it creates: `tf.memory().numTensors` does not grow across epochs.
 *
 * This is the library's one training loop for tf.layers models, and for from-scratch models that
 * implement `Trainable`: the seq2seq helper (`fitSeq2Seq`), the memory-task trainer
 * (`trainMemoryModel`, compare/memory.ts) and the from-scratch character model's `trainCharLM`
 * (train/charlm.ts) are configurations of it. It never draws: a live display such as
 * `plot.progress(...)` implements `TrainCallbacks` and is passed in `callbacks`.
 */
import * as tf from '@tensorflow/tfjs';
import * as fs from 'fs';
import * as path from 'path';
import { epochPermutation } from './shuffle';
import { disposeModel, loadModel, readTrainerState, saveModel } from './modelio';
import { checkClassIds, checkFinite, checkTensor, lossName, weightsFinite } from './checks';
import { setLearningRate } from './optimizer';
import { inTslabKernel } from '../backend/kernel-sockets';

export type Tensors = tf.Tensor | tf.Tensor[];

/**
 * What `trainModel` needs from a model. A compiled tf.LayersModel has all of it. A from-scratch
 * model can provide it too (compare/memory.ts: `MemoryModel`, whose examples are the indices of
 * generated batches; train/charlm.ts: the character model, whose examples are window starts), so
 * it trains in the same loop, with the same budget, callbacks and divergence guard. Validation data, checkpoints and `lrSchedule` need a tf.LayersModel.
 */
export interface Trainable {
  /** One gradient step on the batch's rows of x and y; returns the loss (and, for tf.layers, the metrics after it). */
  trainOnBatch?(x: tf.Tensor | tf.Tensor[], y: tf.Tensor | tf.Tensor[]): Promise<number | number[]>;
  /**
   * Or, for a model that reads its own data: one gradient step on the examples with these indices
   * (rows of x). The loop then gathers no tensors; x and y still give the number of examples.
   */
  trainOnExamples?(indices: Int32Array): Promise<number | number[]>;
  /** The weights as tensors; the loop clones them (keeping those of the last good epoch) and disposes only its clones ... */
  getWeights(): tf.Tensor[];
  /** ... and puts them back when the loss stops being finite. */
  setWeights(weights: tf.Tensor[]): void;
  /** Names of the values `trainOnBatch` returns: ['loss', ...metrics] (tf.layers). Default ['loss']. */
  readonly metricsNames?: string[];
  /** Set by a callback (tf.layers' convention, e.g. `earlyStopping`) to end training after the epoch. */
  stopTraining?: boolean;
}

function isLayersModel(model: Trainable): model is tf.LayersModel {
  return typeof (model as tf.LayersModel).evaluate === 'function' && Array.isArray((model as tf.LayersModel).layers);
}

export interface TrainLogs {
  loss: number;
  [metric: string]: number;
}

/**
 * The callbacks, with tf.layers' shapes (first argument: logs of numbers), so the same object
 * (e.g. `trainingProgress(...)`) serves `model.fit` and `trainModel`.
 */
export interface TrainCallbacks {
  onTrainBegin?(info?: { epochs: number; batchesPerEpoch: number; initialEpoch: number }): void | Promise<void>;
  onEpochBegin?(epoch: number): void | Promise<void>;
  /** Before each batch (`batch` counts from 0 in each epoch); `trainModel` passes no logs. */
  onBatchBegin?(batch: number): void | Promise<void>;
  onBatchEnd?(batch: number, logs: TrainLogs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: TrainLogs): void | Promise<void>;
  /** `logs`: the last epoch's logs (if any); `result`: the whole outcome. */
  onTrainEnd?(logs?: TrainLogs, result?: TrainResult): void | Promise<void>;
}

export interface CheckpointConfig {
  /** Folder for `last/` (every `every` epochs, with optimizer and trainer state) and `best/`. */
  dir: string;
  /** Save `last/` every this many epochs, a positive integer (default 1; the last epoch is always saved). */
  every?: number;
  /** Also keep `best/`: the model with the lowest validation loss so far (default true when validation data is given). */
  keepBest?: boolean;
}

export interface TrainConfig {
  /** Total number of epochs, counted from 0 (a resumed run continues up to this number). */
  epochs: number;
  /** Examples per gradient step. */
  batchSize: number;
  /** Seed of the shuffling, an integer; the same seed gives the same batches (default 42). */
  seed?: number;
  /** Shuffle the examples each epoch (default true). */
  shuffle?: boolean;
  /** Held-out data, evaluated at the end of each epoch (`val_loss` in the logs). */
  validationData?: [Tensors, Tensors];
  /** Stop between batches when this signal is aborted. */
  signal?: AbortSignal;
  /**
   * Stop between batches on SIGINT, i.e. the notebook's "Interrupt kernel" button (default:
   * true inside a tslab kernel, false elsewhere). See `lastTrainResult`.
   */
  stopOnInterrupt?: boolean;
  /** Save checkpoints; see `resumeTraining` to continue from one. */
  checkpoint?: CheckpointConfig;
  /** Stop between batches after this many minutes of wall time (the model keeps its weights). Default: no limit. */
  minutes?: number;
  /** Learning rate of each epoch (counted from 0), set on the optimizer before the epoch. Default: keep it. */
  lrSchedule?: (epoch: number) => number;
  /**
   * A held-out score computed after every epoch (e.g. exact match of greedy decoding). It goes into
   * the epoch's logs as `scoreName` before the callbacks see them; its time is not training time.
   */
  evaluate?: () => number | Promise<number>;
  /** Name of the score in the logs and the history. Default 'val_score'. */
  scoreName?: string;
  /** Stop after the epoch whose score reaches this value. Default: never. (Early stopping is a callback: `earlyStopping`.) */
  target?: number;
  /** Clock in milliseconds, for the time budget and the seconds in the result (tests). Default Date.now. */
  now?: () => number;
  /** Epoch to start at (set by `resumeTraining`). */
  initialEpoch?: number;
  /** History of earlier epochs (set by `resumeTraining`). */
  initialHistory?: Record<string, number[]>;
  callbacks?: TrainCallbacks | TrainCallbacks[];
  /**
   * `resumeTraining` only: continue although `batchSize`, `seed` or `shuffle` differ from the
   * checkpoint's (the run is then no longer the one that was interrupted). Default false: an error.
   */
  allowConfigChange?: boolean;
}

export interface TrainResult {
  /** Per-epoch logs: `loss`, metrics, `val_loss`, … one entry per completed epoch. */
  history: Record<string, number[]>;
  /** Epochs completed in total (including those before a resume). */
  epochsDone: number;
  /**
   * Why training ended ('running' while it has not; 'failed': an exception, e.g. of a callback, ended it;
   * 'stoppedByCallback': a callback such as `earlyStopping` set `model.stopTraining` before the last epoch).
   */
  stopped: 'running' | 'completed' | 'aborted' | 'diverged' | 'failed' | 'outOfTime' | 'targetReached' | 'stoppedByCallback';
  /** For every reason but 'completed': what happened (and what to do). */
  message?: string;
  /** For 'failed': the exception (also thrown to the caller). */
  error?: unknown;
  /** Wall-clock seconds of the whole call (evaluation and callbacks included). */
  seconds: number;
  /** Seconds of training at the end of each epoch of this call, cumulative (the per-epoch evaluation and `evaluate` excluded). */
  trainingSeconds: number[];
  /** `tf.memory().numTensors` at the end of each epoch of this call: the same value every time when nothing leaks. */
  tensorsAtEpochEnd: number[];
}

function asArray(t: Tensors): tf.Tensor[] {
  return Array.isArray(t) ? t : [t];
}

function checkConfig(model: Trainable, x: Tensors, y: Tensors, c: TrainConfig): number {
  const where = 'trainModel';
  if (!model || (typeof model.trainOnBatch !== 'function' && typeof model.trainOnExamples !== 'function')) {
    throw new Error(`${where}: expected a compiled tf.LayersModel (or a Trainable: trainOnBatch or trainOnExamples) as first argument, got ${typeof model}`);
  }
  if (c == null || typeof c !== 'object') throw new TypeError(`${where}: expected a config object { epochs, batchSize, ... }, got ${c}`);
  if (isLayersModel(model)) {
    if (!model.optimizer) throw new Error(`${where}: the model is not compiled: call model.compile({ optimizer, loss }) first`);
  } else {
    for (const option of ['validationData', 'checkpoint', 'lrSchedule'] as const) {
      if (c[option] !== undefined) throw new Error(`${where}: ${option} needs a tf.LayersModel; this model is a Trainable without tf.layers' evaluate/save/optimizer`);
    }
  }
  if (!Number.isInteger(c.epochs) || c.epochs < 1) throw new Error(`${where}: epochs must be a positive integer, got ${c.epochs}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new Error(`${where}: batchSize must be a positive integer, got ${c.batchSize}`);
  if (c.minutes !== undefined && !(c.minutes >= 0)) throw new Error(`${where}: minutes (the time budget) must be a number >= 0, got ${c.minutes}`);
  if (c.target !== undefined && !c.evaluate) throw new Error(`${where}: target needs evaluate (the score it is compared with)`);
  for (const option of ['patience', 'restoreBest']) {
    if (option in c) {
      const monitor = c.evaluate ? c.scoreName ?? 'val_score' : 'val_loss';
      throw new Error(
        `${where}: ${option} is not an option of trainModel: early stopping is the callback earlyStopping, ` +
          `e.g. callbacks: [earlyStopping(model, { monitor: '${monitor}', mode: '${c.evaluate ? 'max' : 'min'}', patience: 3 })]`,
      );
    }
  }
  if (c.seed !== undefined && !Number.isSafeInteger(c.seed)) {
    throw new Error(`${where}: seed must be an integer (it fixes the order of the examples in every epoch), got ${c.seed}`);
  }
  if (c.shuffle !== undefined && typeof c.shuffle !== 'boolean') throw new Error(`${where}: shuffle must be true or false, got ${JSON.stringify(c.shuffle)}`);
  if (c.initialEpoch !== undefined && !(Number.isInteger(c.initialEpoch) && c.initialEpoch >= 0 && c.initialEpoch <= c.epochs)) {
    throw new Error(`${where}: initialEpoch must be an integer from 0 to epochs (${c.epochs}), got ${c.initialEpoch}`);
  }
  if (c.checkpoint !== undefined) {
    const k = c.checkpoint;
    if (k == null || typeof k.dir !== 'string' || k.dir.trim() === '') {
      throw new Error(`${where}: checkpoint.dir must be a folder path, got ${JSON.stringify(k?.dir)}`);
    }
    if (k.every !== undefined && !(Number.isInteger(k.every) && k.every >= 1)) {
      throw new Error(`${where}: checkpoint.every must be a positive integer (save every that many epochs), got ${k.every}`);
    }
    if (k.keepBest !== undefined && typeof k.keepBest !== 'boolean') throw new Error(`${where}: checkpoint.keepBest must be true or false, got ${JSON.stringify(k.keepBest)}`);
  }
  if (c.signal !== undefined && typeof c.signal?.aborted !== 'boolean') throw new Error(`${where}: signal must be an AbortSignal, got ${typeof c.signal}`);
  const n = checkData(model, x, y, where, '');
  if (c.validationData !== undefined) {
    if (!Array.isArray(c.validationData) || c.validationData.length !== 2) {
      throw new Error(`${where}: validationData must be a pair [x, y], got ${Array.isArray(c.validationData) ? `${c.validationData.length} items` : typeof c.validationData}`);
    }
    checkData(model, c.validationData[0], c.validationData[1], where, 'validationData ');
  }
  return n;
}

/**
 * Inputs and targets: live tensors with the same number of examples, finite values, and class
 * ids in range for a sparse categorical loss. Done once, before training: a NaN in the data is
 * bad data (named here with its position), not a diverging run.
 */
function checkData(model: Trainable, x: Tensors, y: Tensors, where: string, label: string): number {
  const xs = asArray(x).map((t, i) => checkTensor(where, `${label}x[${i}]`, t));
  const ys = asArray(y).map((t, i) => checkTensor(where, `${label}y[${i}]`, t));
  const n = xs[0]?.shape[0];
  if (!n) throw new Error(`${where}: ${label}x is empty (its first dimension, the examples, is ${n})`);
  const named = [...xs.map((t, i) => [`${label}x[${i}]`, t] as const), ...ys.map((t, i) => [`${label}y[${i}]`, t] as const)];
  for (const [name, t] of named) {
    if (t.shape[0] !== n) throw new Error(`${where}: ${name} has ${t.shape[0]} examples, expected ${n} like ${label}x[0] (shape [${t.shape}])`);
  }
  xs.forEach((t, i) => checkFinite(where, `${label}x[${i}]`, t, 'the inputs must be finite numbers: fill or drop missing values first'));
  ys.forEach((t, i) => {
    const output = isLayersModel(model) ? model.outputs[i] : undefined;
    const classes = output?.shape[output.shape.length - 1];
    if (isLayersModel(model) && lossName(model, i) === 'sparseCategoricalCrossentropy' && typeof classes === 'number') {
      checkClassIds(where, `${label}y[${i}]`, t, classes);
    } else {
      checkFinite(where, `${label}y[${i}]`, t, 'the targets must be finite numbers: fill or drop missing values first');
    }
  });
  return n;
}

async function call<K extends keyof TrainCallbacks>(cbs: TrainCallbacks[], k: K, ...args: Parameters<NonNullable<TrainCallbacks[K]>>) {
  for (const cb of cbs) {
    const f = cb[k] as ((...a: unknown[]) => unknown) | undefined;
    if (f) await f.apply(cb, args);
  }
}

function lossNames(model: Trainable, out: number | number[]): string[] {
  const values = Array.isArray(out) ? out : [out];
  const names = ['loss', ...(model.metricsNames ?? []).slice(1)];
  return values.map((_, i) => names[i] ?? `metric${i}`);
}

/**
 * Why an interrupt needs help: tslab answers "Interrupt kernel" (SIGINT) by ending the
 * running cell at once, but an `await`ed training loop is not stopped by that: it would go on
 * in the background, using the CPU and changing the model under the learner's feet. So while
 * it trains, `trainModel` listens for SIGINT too and stops at the next batch boundary, with
 * the model's weights consistent. The cell's `await` has already ended by then, so the
 * result is kept for `lastTrainResult()`.
 */

let lastResult: TrainResult | null = null;

/**
 * On wasm and cpu, `await`ing tensor data resolves in a microtask, so a training loop never
 * returns to the event loop: output would not reach the notebook until the end, and signals
 * (the kernel interrupt) would not be seen. Yield once every 50 ms.
 */
let lastYield = 0;
async function yieldToEventLoop(): Promise<void> {
  const now = Date.now();
  if (now - lastYield < 50) return;
  lastYield = now;
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The result of the most recent `trainModel` call (also one that a kernel interrupt ended). */
export function lastTrainResult(): TrainResult | null {
  return lastResult;
}

const valName = (n: string) => `val_${n}`; // tf.layers' naming: val_loss, val_acc

/** Train `model` on (x, y). Returns the history and why it stopped; never throws for divergence or stop. */
export async function trainModel(model: tf.LayersModel | Trainable, x: Tensors, y: Tensors, config: TrainConfig): Promise<TrainResult> {
  const n = checkConfig(model, x, y, config);
  const { epochs, batchSize } = config;
  const seed = config.seed ?? 42;
  const shuffle = config.shuffle ?? true;
  const cbs = config.callbacks ? (Array.isArray(config.callbacks) ? config.callbacks : [config.callbacks]) : [];
  const batchesPerEpoch = Math.ceil(n / batchSize);
  const startEpoch = config.initialEpoch ?? 0;
  const history: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(config.initialHistory ?? {})) history[k] = [...v];
  const ckpt = config.checkpoint;
  const keepBest = ckpt ? ckpt.keepBest ?? config.validationData !== undefined : false;
  let best = history.val_loss?.length ? Math.min(...history.val_loss) : Infinity;
  let lastGood: tf.Tensor[] = model.getWeights().map((w) => w.clone());
  const scoreName = config.scoreName ?? 'val_score';
  const clock = config.now ?? Date.now;
  const t0 = clock();
  const deadline = config.minutes === undefined ? Infinity : t0 + config.minutes * 60_000;
  let trainingMs = 0;
  const result: TrainResult = { history, epochsDone: startEpoch, stopped: 'running', seconds: 0, trainingSeconds: [], tensorsAtEpochEnd: [] };
  lastResult = result;
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  const listenSigint = config.stopOnInterrupt ?? inTslabKernel();
  if (listenSigint) {
    // Not while the cell's synchronous part runs: tslab runs it with vm's breakOnSigint, whose
    // SIGINT watchdog a listener added meanwhile would fight (seen: the kernel hangs).
    await new Promise<void>((resolve) => setImmediate(resolve));
    process.on('SIGINT', onSigint);
  }

  // tf.layers' stop flag: a callback (e.g. earlyStopping) sets it to end training after an epoch.
  model.stopTraining = false;
  let current = startEpoch; // the epoch under way, for the message of a failed run
  try {
    await call(cbs, 'onTrainBegin', { epochs, batchesPerEpoch, initialEpoch: startEpoch });
    epochLoop: for (let epoch = startEpoch; epoch < epochs; epoch++) {
      current = epoch;
      await call(cbs, 'onEpochBegin', epoch);
      if (config.lrSchedule) setLearningRate(model as tf.LayersModel, config.lrSchedule(epoch));
      const epochStart = clock();
      const order = shuffle ? epochPermutation(n, seed, epoch) : Int32Array.from({ length: n }, (_, i) => i);
      const sums: Record<string, number> = {};
      let seen = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        if (config.signal?.aborted || interrupted) {
          result.stopped = 'aborted';
          result.message = `${interrupted ? 'interrupted (SIGINT / kernel interrupt)' : 'stopped on request'} during epoch ${epoch + 1} (after ${b} of ${batchesPerEpoch} batches); the model keeps the weights it has now, the history holds the ${result.epochsDone} completed epochs`;
          break epochLoop;
        }
        if (clock() >= deadline) {
          result.stopped = 'outOfTime';
          result.message = `the time budget of ${config.minutes} minutes ran out during epoch ${epoch + 1} (after ${b} of ${batchesPerEpoch} batches); the model keeps the weights it has now, the history holds the ${result.epochsDone} completed epochs`;
          break epochLoop;
        }
        await call(cbs, 'onBatchBegin', b);
        const idx = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
        let out: number | number[];
        if (typeof (model as Trainable).trainOnExamples === 'function') {
          out = await (model as Trainable).trainOnExamples!(idx);
        } else {
          const idxT = tf.tensor1d(idx, 'int32');
          const xb = asArray(x).map((t) => tf.gather(t, idxT));
          const yb = asArray(y).map((t) => tf.gather(t, idxT));
          idxT.dispose();
          try {
            out = await model.trainOnBatch!(xb.length === 1 ? xb[0] : xb, yb.length === 1 ? yb[0] : yb);
          } finally {
            tf.dispose([...xb, ...yb]);
          }
        }
        const values = Array.isArray(out) ? out : [out];
        const names = lossNames(model, out);
        const logs: TrainLogs = { loss: values[0] };
        names.forEach((name, i) => (logs[name] = values[i]));
        if (!Number.isFinite(logs.loss)) {
          model.setWeights(lastGood);
          result.stopped = 'diverged';
          result.message =
            `training diverged: the loss became ${logs.loss} at epoch ${epoch + 1}, batch ${b + 1}. ` +
            `The weights from the end of the last good epoch were restored. Try a lower learning rate ` +
            `or gradient clipping (clipNorm / clipValue in the optimizer).`;
          break epochLoop;
        }
        for (const name of names) sums[name] = (sums[name] ?? 0) + logs[name] * idx.length;
        seen += idx.length;
        await call(cbs, 'onBatchEnd', b, logs);
        await yieldToEventLoop();
      }
      trainingMs += clock() - epochStart;
      const epochLogs: TrainLogs = { loss: sums.loss / seen };
      for (const name of Object.keys(sums)) epochLogs[name] = sums[name] / seen;
      if (config.validationData) {
        const [vx, vy] = config.validationData;
        const ev = (model as tf.LayersModel).evaluate(vx, vy, { batchSize: Math.max(batchSize, 256) });
        const evs = Array.isArray(ev) ? ev : [ev];
        const vals = await Promise.all(evs.map((t) => t.data()));
        tf.dispose(evs);
        lossNames(model, vals.map((v) => v[0])).forEach((name, i) => (epochLogs[valName(name)] = vals[i][0]));
      }
      // A last batch can drive weights to ±Infinity while its loss is still finite: such
      // weights are never kept as "last good", checkpointed or reported as a completed epoch.
      const badVal = Object.entries(epochLogs).find(([k, v]) => k.startsWith('val_') && !Number.isFinite(v));
      if (!weightsFinite(model.getWeights()) || badVal) {
        model.setWeights(lastGood);
        result.stopped = 'diverged';
        result.message =
          `training diverged: ${badVal ? `${badVal[0]} became ${badVal[1]}` : 'some weights became NaN or infinite'} at the end of epoch ${epoch + 1} ` +
          `(the training loss was ${epochLogs.loss}). The weights from the end of the last good epoch were restored. ` +
          `Try a lower learning rate or gradient clipping (clipNorm / clipValue in the optimizer).`;
        break epochLoop;
      }
      if (config.evaluate) epochLogs[scoreName] = await config.evaluate();
      for (const [k, v] of Object.entries(epochLogs)) (history[k] ??= []).push(v);
      result.epochsDone = epoch + 1;
      result.trainingSeconds.push(trainingMs / 1000);
      result.tensorsAtEpochEnd.push(tf.memory().numTensors);
      tf.dispose(lastGood);
      lastGood = model.getWeights().map((w) => w.clone());
      if (ckpt) {
        if ((epoch + 1) % (ckpt.every ?? 1) === 0 || epoch + 1 === epochs) {
          await saveCheckpoint(model as tf.LayersModel, ckpt.dir, { epoch: epoch + 1, seed, history, epochs, batchSize, shuffle });
        }
        if (keepBest && epochLogs.val_loss !== undefined && epochLogs.val_loss < best) {
          best = epochLogs.val_loss;
          await saveModel(model as tf.LayersModel, path.join(ckpt.dir, 'best'));
        }
      }
      await call(cbs, 'onEpochEnd', epoch, epochLogs);
      if (config.target !== undefined && epochLogs[scoreName] >= config.target && epoch + 1 < epochs) {
        result.stopped = 'targetReached';
        result.message = `${scoreName} reached ${epochLogs[scoreName]} (target ${config.target}) after epoch ${epoch + 1}`;
        break;
      }
      if (model.stopTraining && epoch + 1 < epochs) {
        result.stopped = 'stoppedByCallback';
        result.message = `a callback (e.g. earlyStopping) stopped training (model.stopTraining) after epoch ${epoch + 1} of ${epochs}`;
        break epochLoop;
      }
    }
  } catch (err) {
    // A callback (or the model) threw: the run ends as 'failed', with the cause, and the
    // caller gets the exception; the model keeps the weights it has now.
    result.stopped = 'failed';
    result.error = err;
    result.message = `training failed during epoch ${current + 1}: ${err instanceof Error ? err.message : String(err)}; the history holds the ${result.epochsDone} completed epochs`;
    throw err;
  } finally {
    tf.dispose(lastGood);
    if (listenSigint) process.off('SIGINT', onSigint);
  }
  if (result.stopped === 'running') result.stopped = 'completed';
  result.seconds = (clock() - t0) / 1000;
  const lastLogs: TrainLogs | undefined = history.loss?.length
    ? (Object.fromEntries(Object.entries(history).map(([k, v]) => [k, v[v.length - 1]])) as TrainLogs)
    : undefined;
  await call(cbs, 'onTrainEnd', lastLogs, result);
  return result;
}

interface TrainerState {
  epoch: number;
  seed: number;
  history: Record<string, number[]>;
  epochs: number;
  batchSize: number;
  shuffle: boolean;
}

/**
 * `dir/last`: the model, its optimizer state and the trainer state in one save, whose single
 * rename of model.json makes all three visible at once (modelio.ts): a kill at any moment
 * leaves either the previous checkpoint or the new one, never a mix.
 */
async function saveCheckpoint(model: tf.LayersModel, dir: string, state: TrainerState): Promise<void> {
  await saveModel(model, path.join(dir, 'last'), { includeOptimizer: true, trainerState: state });
}

function checkTrainerState(state: unknown, file: string): TrainerState {
  const s = state as Partial<TrainerState> | undefined;
  const ok =
    s != null &&
    Number.isInteger(s.epoch) && (s.epoch as number) >= 0 &&
    Number.isSafeInteger(s.seed) &&
    Number.isInteger(s.batchSize) && (s.batchSize as number) >= 1 &&
    Number.isInteger(s.epochs) &&
    typeof s.shuffle === 'boolean' &&
    s.history != null && typeof s.history === 'object';
  if (!ok) {
    throw new Error(
      `resumeTraining: ${file} holds no valid trainer state (${s === undefined ? 'none' : JSON.stringify(s).slice(0, 200)}): ` +
        'it was not written by trainModel with { checkpoint: { dir } } (or by an older version of the course); train again with a checkpoint',
    );
  }
  return s as TrainerState;
}

/**
 * Continue training from `checkpoint.dir/last`: the model, its optimizer state and the trainer
 * state (epoch, seed, history) are loaded together, and training goes on from the saved epoch
 * with the same seed, as if never interrupted. A `batchSize`, `seed` or `shuffle` that differs
 * from the checkpoint's is an error (the run would not be the one interrupted) unless
 * `allowConfigChange: true`. Returns the loaded model with the result; free it with
 * `disposeModel` (or `model.dispose()`) when done.
 */
export async function resumeTraining(
  x: Tensors,
  y: Tensors,
  config: TrainConfig & { checkpoint: CheckpointConfig },
): Promise<{ model: tf.LayersModel; result: TrainResult }> {
  if (config?.checkpoint == null || typeof config.checkpoint.dir !== 'string' || config.checkpoint.dir.trim() === '') {
    throw new Error(`resumeTraining: checkpoint.dir must be the folder given to trainModel, got ${JSON.stringify(config?.checkpoint?.dir)}`);
  }
  const last = path.join(config.checkpoint.dir, 'last');
  const modelFile = path.join(last, 'model.json');
  if (!fs.existsSync(modelFile)) {
    throw new Error(`resumeTraining: no checkpoint in ${last} (model.json missing): train with { checkpoint: { dir } } first`);
  }
  const model = await loadModel(last);
  try {
    const state = checkTrainerState(readTrainerState(model), modelFile);
    const changed = (
      [
        ['batchSize', config.batchSize, state.batchSize],
        ['seed', config.seed, state.seed],
        ['shuffle', config.shuffle, state.shuffle],
      ] as const
    ).filter(([, asked, saved]) => asked !== undefined && asked !== saved);
    if (changed.length > 0 && !config.allowConfigChange) {
      throw new Error(
        `resumeTraining: the checkpoint in ${last} was trained with ` +
          changed.map(([k, asked, saved]) => `${k} ${saved} (you passed ${asked})`).join(', ') +
          `: resuming with other settings is not the interrupted run. Pass the checkpoint's values, or allowConfigChange: true to continue anyway`,
      );
    }
    if (config.epochs < state.epoch) {
      throw new Error(`resumeTraining: the checkpoint has already trained ${state.epoch} epochs, more than epochs: ${config.epochs}; ask for at least ${state.epoch}`);
    }
    const result = await trainModel(model, x, y, {
      ...config,
      seed: config.allowConfigChange && config.seed !== undefined ? config.seed : state.seed,
      shuffle: config.allowConfigChange && config.shuffle !== undefined ? config.shuffle : state.shuffle,
      initialEpoch: state.epoch,
      initialHistory: state.history,
    });
    return { model, result };
  } catch (err) {
    disposeModel(model); // the caller never received it
    throw err;
  }
}
