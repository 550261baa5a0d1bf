/**
 * `trainClassifier`: `trainModel` with a wall-clock budget and a record of the tensors alive at
 * the end of every epoch, so a notebook can show both that training fits its time and that it
 * leaks nothing (the count must stay the same from epoch to epoch).
 */
import * as tf from '@tensorflow/tfjs';
import { TrainCallbacks, TrainResult, Tensors, trainModel } from '../train/fit';

/**
 * Callbacks as `trainModel` calls them, typed loosely so that a `plot.progress(...)` display
 * (whose methods take tf.layers' log shapes) can be passed as is.
 */
export type LooseCallbacks = {
  [K in keyof TrainCallbacks]?: (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
};

export interface ClassifierTrainConfig {
  /** Epochs to train. */
  epochs: number;
  /** Examples per gradient step. */
  batchSize: number;
  /** Shuffling seed (default 42). */
  seed?: number;
  /** Held-out [x, y], evaluated after every epoch (`val_loss`, `val_acc`). */
  validationData?: [Tensors, Tensors];
  /** Stop between batches after this many minutes (the model keeps its weights). Default: no limit. */
  minutes?: number;
  /** More callbacks, e.g. a live progress display. */
  callbacks?: LooseCallbacks | LooseCallbacks[];
}

export interface ClassifierRun extends TrainResult {
  /** Wall-clock seconds of the whole run. */
  seconds: number;
  /** `tf.memory().numTensors` after each completed epoch. */
  tensorsAtEpochEnd: number[];
  /** Whether the time budget stopped the run before its last epoch. */
  outOfTime: boolean;
}

/** Train a compiled classifier; see the top of the file. */
export async function trainClassifier(
  model: tf.LayersModel,
  x: Tensors,
  y: Tensors,
  config: ClassifierTrainConfig,
): Promise<ClassifierRun> {
  const tensorsAtEpochEnd: number[] = [];
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (config.minutes !== undefined) {
    timer = setTimeout(() => controller.abort(), Math.max(0, config.minutes * 60_000));
    (timer as { unref?: () => void }).unref?.();
  }
  const extra = config.callbacks === undefined ? [] : Array.isArray(config.callbacks) ? config.callbacks : [config.callbacks];
  const counter: TrainCallbacks = { onEpochEnd: () => void tensorsAtEpochEnd.push(tf.memory().numTensors) };
  const t0 = Date.now();
  try {
    const result = await trainModel(model, x, y, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: config.seed ?? 42,
      validationData: config.validationData,
      signal: controller.signal,
      callbacks: [counter, ...(extra as TrainCallbacks[])],
    });
    return { ...result, seconds: (Date.now() - t0) / 1000, tensorsAtEpochEnd, outOfTime: result.stopped === 'aborted' };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
