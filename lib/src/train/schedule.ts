/**
 * Learning-rate schedules, as a rate per training step and as callbacks that apply it.
 *
 * `warmdown`: hold the rate, then let it fall in a straight line to a small fraction of itself
 * at the last step. With S steps s = 0 … S − 1 and s₀ = ⌊hold·S⌋:
 *
 *   η(s) = lr                                                   for s ≤ s₀
 *   η(s) = lr · (final + (1 − final) · (S − 1 − s) / (S − 1 − s₀))   for s > s₀
 *
 * Large steps make fast progress early; the loss keeps falling while the steps shrink, because
 * the noise of each step shrinks with them. For a fixed number of steps, a decay to near zero
 * that ends exactly at the last step usually ends lower than a decay in a few jumps.
 *
 * `scheduleLearningRate(model, rateAt, batchesPerEpoch)` gives callbacks for `trainModel` that
 * set the rate before every batch (`setLearningRate`, so it works on every tf.train optimizer
 * and a saved model records the rate it stopped at).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainCallbacks } from './fit';
import { setLearningRate } from './optimizer';

export interface WarmdownConfig {
  /** The rate held at the start. */
  lr: number;
  /** Training steps (batches) in the whole run. */
  steps: number;
  /** Fraction of the steps at the full rate before the decay starts. Default 0.4. */
  hold?: number;
  /** The rate at the last step, as a fraction of `lr`. Default 0.02. */
  final?: number;
}

/** The warmdown schedule (see the top of the file): the rate for step s = 0 … steps − 1. */
export function warmdown(config: WarmdownConfig): (step: number) => number {
  const { lr, steps } = config;
  const hold = config.hold ?? 0.4;
  const final = config.final ?? 0.02;
  if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`warmdown: lr must be a positive number, got ${lr}`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`warmdown: steps must be a positive integer, got ${steps}`);
  if (!(hold >= 0 && hold < 1)) throw new Error(`warmdown: hold must be in [0, 1), got ${hold}`);
  if (!(final >= 0 && final <= 1)) throw new Error(`warmdown: final must be in [0, 1], got ${final}`);
  const start = Math.floor(hold * steps);
  const span = Math.max(1, steps - 1 - start);
  return (step: number) => {
    if (step <= start) return lr;
    const left = Math.max(0, (steps - 1 - step) / span); // 1 at the start of the decay, 0 at the last step
    return lr * (final + (1 - final) * left);
  };
}

/**
 * Callbacks that set `model`'s learning rate to `rateAt(step)` before every batch, where
 * step = epoch · batchesPerEpoch + batch (so a resumed run picks up the schedule where it was).
 */
export function scheduleLearningRate(model: tf.LayersModel, rateAt: (step: number) => number, batchesPerEpoch: number): TrainCallbacks {
  if (!Number.isInteger(batchesPerEpoch) || batchesPerEpoch < 1) {
    throw new Error(`scheduleLearningRate: batchesPerEpoch must be a positive integer, got ${batchesPerEpoch}`);
  }
  let epoch = 0;
  return {
    onEpochBegin: (e: number) => {
      epoch = e;
    },
    onBatchBegin: (batch: number) => {
      setLearningRate(model, rateAt(epoch * batchesPerEpoch + batch));
    },
  };
}
