/**
 * Early stopping, the course's one implementation (theory/02_lstm_architecture.md, "Regularising
 * recurrent networks"): watch one figure of the epoch logs, keep a copy of the weights of the
 * best epoch, stop once the figure has not improved for `patience` epochs, and put the best
 * weights back at the end.
 *
 * It is a training callback, so the same object serves the course's `trainModel` and tf.layers'
 * `model.fit` (both read `model.stopTraining` after an epoch). Any figure in the logs can be
 * watched: `val_loss` (with `validationData`), `val_acc`, or the per-epoch score of
 * `trainModel`'s `evaluate` (named by `scoreName`, e.g. the exact match of greedy decoding).
 *
 *   const stop = earlyStopping(model, { monitor: 'val_loss', patience: 3 });
 *   await trainModel(model, x, y, { epochs: 50, batchSize: 32, validationData: [vx, vy], callbacks: [stop] });
 *   stop.bestEpoch; stop.stoppedEpoch; stop.restored; // epochs count from 0, as in the callbacks
 *
 * The rule, after each epoch with value v of the watched figure:
 *   improved = mode 'min' ? v < best - minDelta : v > best + minDelta
 *   improved     → best = v, remember this epoch and (a copy of) its weights, wait = 0
 *   not improved → wait += 1; stop when wait >= patience
 * A tie is not an improvement (the earlier epoch stays the best), and neither is NaN: a NaN epoch
 * counts as an epoch without improvement. Patience 0 and 1 both stop at the first epoch without
 * improvement, as in Keras and tf.callbacks.earlyStopping. At the end of training the best
 * epoch's weights are put back, unless the last epoch was the best (or no epoch ever improved,
 * e.g. every value was NaN: then nothing is kept and nothing is put back).
 *
 * With `stopTraining: false` it only watches: the run goes on to its last epoch, `stoppedEpoch` says
 * where early stopping would have stopped it, epochs after that no longer count, and at the end the
 * model gets the weights early stopping would have left it with. Seeded, a run that early stopping
 * ends follows the same epochs as the run that goes on (the stop changes nothing before it), so one
 * run gives both: the history of every epoch, and early stopping's model.
 */
import * as tf from '@tensorflow/tfjs';
import type { Trainable, TrainCallbacks, TrainLogs } from './fit';

export interface EarlyStoppingConfig {
  /** The figure of the epoch logs to watch (default 'val_loss'). */
  monitor?: string;
  /**
   * 'min' (smaller is better: a loss) or 'max' (larger is better: an accuracy or score). Default:
   * 'min' when `monitor` names a loss, 'max' when it names an accuracy ('acc'); any other figure
   * must say which.
   */
  mode?: 'min' | 'max';
  /** Epochs without improvement before training stops, an integer >= 0 (default 3). */
  patience?: number;
  /** An improvement must exceed this amount, a number >= 0 (default 0: any strict improvement). */
  minDelta?: number;
  /** At the end, put back the weights of the best epoch (default true). */
  restoreBestWeights?: boolean;
  /**
   * Ask the training loop to stop when patience runs out (default true). false: only watch; the run
   * continues, and at the end the model has the weights early stopping would have given it.
   */
  stopTraining?: boolean;
}

/** The callback, with what it saw (epochs count from 0). */
export interface EarlyStopping extends TrainCallbacks {
  /** The epoch with the best value so far, -1 before any epoch improved. */
  readonly bestEpoch: number;
  /** That value (±Infinity before any epoch improved). */
  readonly bestValue: number;
  /** The epoch after which patience ran out (it asked training to stop there, or would have with `stopTraining: false`), null if it never did. */
  readonly stoppedEpoch: number | null;
  /** True when the best epoch's weights were put back at the end of training. */
  readonly restored: boolean;
}

const OPTIONS = ['monitor', 'mode', 'patience', 'minDelta', 'restoreBestWeights', 'stopTraining'];

/** The mode a figure's name implies, or null when the name does not say. */
function modeOf(monitor: string): 'min' | 'max' | null {
  if (/loss/i.test(monitor)) return 'min';
  if (/acc/i.test(monitor)) return 'max';
  return null;
}

export function earlyStopping(model: tf.LayersModel | Trainable, config: EarlyStoppingConfig = {}): EarlyStopping {
  const where = 'earlyStopping';
  if (!model || typeof model.getWeights !== 'function' || typeof model.setWeights !== 'function') {
    throw new Error(`${where}: expected the model being trained (a tf.LayersModel, or a Trainable) as first argument, got ${model === null ? 'null' : typeof model}`);
  }
  if (config == null || typeof config !== 'object') throw new TypeError(`${where}: expected an options object { monitor, mode, patience, ... }, got ${config}`);
  const unknown = Object.keys(config).filter((k) => !OPTIONS.includes(k));
  if (unknown.length > 0) throw new Error(`${where}: unknown option(s) ${unknown.join(', ')}; the options are ${OPTIONS.join(', ')}`);
  const monitor = config.monitor ?? 'val_loss';
  if (typeof monitor !== 'string' || monitor === '') throw new Error(`${where}: monitor must be the name of a figure in the epoch logs (e.g. 'val_loss'), got ${JSON.stringify(monitor)}`);
  const mode = config.mode ?? modeOf(monitor);
  if (mode === null) {
    throw new Error(`${where}: say whether a larger '${monitor}' is better: mode: 'max' (an accuracy or score) or mode: 'min' (a loss or error)`);
  }
  if (mode !== 'min' && mode !== 'max') throw new Error(`${where}: mode must be 'min' or 'max', got ${JSON.stringify(mode)}`);
  const patience = config.patience ?? 3;
  if (!Number.isInteger(patience) || patience < 0) {
    throw new Error(`${where}: patience must be an integer >= 0 (epochs without improvement before stopping), got ${patience}`);
  }
  const minDelta = config.minDelta ?? 0;
  if (!(typeof minDelta === 'number' && Number.isFinite(minDelta) && minDelta >= 0)) {
    throw new Error(`${where}: minDelta must be a finite number >= 0 (the smallest change that counts as an improvement), got ${minDelta}`);
  }
  const restoreBest = config.restoreBestWeights ?? true;
  if (typeof restoreBest !== 'boolean') throw new Error(`${where}: restoreBestWeights must be true or false, got ${JSON.stringify(restoreBest)}`);
  const stops = config.stopTraining ?? true;
  if (typeof stops !== 'boolean') throw new Error(`${where}: stopTraining must be true (stop when patience runs out) or false (only watch), got ${JSON.stringify(stops)}`);

  const worst = mode === 'min' ? Infinity : -Infinity;
  const improves = (v: number, best: number) => (mode === 'min' ? v < best - minDelta : v > best + minDelta);
  let best = { epoch: -1, value: worst, weights: null as tf.Tensor[] | null };
  let wait = 0; // epochs since the last improvement
  let lastEpoch = -1;
  let stoppedEpoch: number | null = null;
  let restored = false;
  const forgetWeights = () => {
    if (best.weights) tf.dispose(best.weights);
    best.weights = null;
  };

  return {
    get bestEpoch() { return best.epoch; },
    get bestValue() { return best.value; },
    get stoppedEpoch() { return stoppedEpoch; },
    get restored() { return restored; },

    // A new run starts afresh (the same callback can serve several runs).
    onTrainBegin() {
      forgetWeights();
      best = { epoch: -1, value: worst, weights: null };
      wait = 0;
      lastEpoch = -1;
      stoppedEpoch = null;
      restored = false;
    },

    onEpochEnd(epoch: number, logs?: TrainLogs) {
      const v = logs?.[monitor];
      if (typeof v !== 'number') {
        throw new Error(
          `${where}: the epoch logs have no '${monitor}' (they have: ${Object.keys(logs ?? {}).join(', ') || 'nothing'}); ` +
            `pass validationData (for val_loss) or evaluate (for a score) to the training call, or choose another monitor`,
        );
      }
      lastEpoch = epoch;
      if (stoppedEpoch !== null) return; // only watching, and patience ran out: later epochs do not count
      if (improves(v, best.value)) {
        forgetWeights();
        best = { epoch, value: v, weights: restoreBest ? model.getWeights().map((w) => w.clone()) : null };
        wait = 0;
        return;
      }
      wait += 1; // a tie or NaN is no improvement
      if (wait >= patience) {
        stoppedEpoch = epoch;
        if (stops) model.stopTraining = true;
      }
    },

    onTrainEnd() {
      if (best.weights && best.epoch !== lastEpoch) {
        model.setWeights(best.weights);
        restored = true;
      }
      forgetWeights();
    },
  };
}
