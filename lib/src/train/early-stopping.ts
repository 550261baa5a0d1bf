/**
 * Early stopping as a training callback: watch a validation figure at the end of each epoch,
 * stop when it has not improved for `patience` epochs, and put back the weights of the best
 * epoch (theory/02_lstm_architecture.md, "Regularising recurrent networks").
 *
 * The same object serves `trainModel` and tf.layers' `model.fit` (both read `model.stopTraining`
 * after an epoch). The weights of the best epoch are kept as copies (one set of tensors), freed
 * at the end of training.
 *
 *   const stop = earlyStopping(model, { patience: 3 });
 *   await trainModel(model, x, y, { epochs: 50, batchSize: 32, validationData: [vx, vy], callbacks: stop });
 *   stop.bestEpoch; stop.stoppedEpoch; // epochs count from 0, as in the callbacks
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainCallbacks, TrainLogs } from './fit';

export interface EarlyStoppingConfig {
  /** The figure of the epoch logs to watch (default 'val_loss'). */
  monitor?: string;
  /** 'min' (default; a loss) or 'max' (default when `monitor` names an accuracy: 'acc'). */
  mode?: 'min' | 'max';
  /** Epochs without improvement before training stops, a positive integer (default 3). */
  patience?: number;
  /** An improvement must exceed this amount (default 0). */
  minDelta?: number;
  /** At the end, put back the weights of the best epoch (default true). */
  restoreBestWeights?: boolean;
}

/** The callback, with what it saw: `bestEpoch` (-1 before the first epoch), `stoppedEpoch` (null when training ran to its end). */
export interface EarlyStopping extends TrainCallbacks {
  readonly bestEpoch: number;
  readonly bestValue: number;
  readonly stoppedEpoch: number | null;
  /** True when the best epoch's weights were put back at the end of training. */
  readonly restored: boolean;
}

export function earlyStopping(model: tf.LayersModel, config: EarlyStoppingConfig = {}): EarlyStopping {
  if (!model || typeof (model as tf.LayersModel).getWeights !== 'function') {
    throw new Error('earlyStopping: expected the tf.LayersModel being trained as first argument');
  }
  const monitor = config.monitor ?? 'val_loss';
  const mode = config.mode ?? (/acc/.test(monitor) ? 'max' : 'min');
  const patience = config.patience ?? 3;
  const minDelta = config.minDelta ?? 0;
  const restoreBest = config.restoreBestWeights ?? true;
  if (mode !== 'min' && mode !== 'max') throw new Error(`earlyStopping: mode must be 'min' or 'max', got ${JSON.stringify(mode)}`);
  if (!Number.isInteger(patience) || patience < 1) {
    throw new Error(`earlyStopping: patience must be a positive integer (epochs without improvement), got ${patience}`);
  }
  if (!(typeof minDelta === 'number' && minDelta >= 0)) throw new Error(`earlyStopping: minDelta must be a number >= 0, got ${minDelta}`);

  let bestWeights: tf.Tensor[] | null = null;
  let lastEpoch = -1;
  const state = { bestEpoch: -1, bestValue: mode === 'min' ? Infinity : -Infinity, stoppedEpoch: null as number | null, restored: false, wait: 0 };
  const better = (v: number) => (mode === 'min' ? v < state.bestValue - minDelta : v > state.bestValue + minDelta);
  const free = () => {
    if (bestWeights) tf.dispose(bestWeights);
    bestWeights = null;
  };

  return {
    get bestEpoch() { return state.bestEpoch; },
    get bestValue() { return state.bestValue; },
    get stoppedEpoch() { return state.stoppedEpoch; },
    get restored() { return state.restored; },
    onTrainBegin() {
      free();
      Object.assign(state, { bestEpoch: -1, bestValue: mode === 'min' ? Infinity : -Infinity, stoppedEpoch: null, restored: false, wait: 0 });
      lastEpoch = -1;
    },
    onEpochEnd(epoch: number, logs?: TrainLogs) {
      const v = logs?.[monitor];
      if (typeof v !== 'number') {
        throw new Error(
          `earlyStopping: the epoch logs have no '${monitor}' (they have: ${Object.keys(logs ?? {}).join(', ') || 'nothing'}); ` +
            `pass validation data to the training call, or choose another monitor`,
        );
      }
      lastEpoch = epoch;
      if (better(v)) {
        state.bestValue = v;
        state.bestEpoch = epoch;
        state.wait = 0;
        if (restoreBest) {
          free();
          bestWeights = model.getWeights().map((w) => w.clone());
        }
      } else {
        state.wait += 1;
        if (state.wait >= patience) {
          state.stoppedEpoch = epoch;
          model.stopTraining = true;
        }
      }
    },
    onTrainEnd() {
      if (restoreBest && bestWeights && state.bestEpoch !== lastEpoch) {
        model.setWeights(bestWeights);
        state.restored = true;
      }
      free();
    },
  };
}
