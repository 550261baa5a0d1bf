/**
 * Validation loss against training wall time, for comparisons at an equal time budget.
 *
 * `timedValidation` returns callbacks for `trainModel` (tf.layers' callback shapes) and an
 * AbortSignal: every `everyMs` of training it evaluates the model on held-out data and records
 * (training seconds, validation loss); the evaluation itself is not counted as training time,
 * and the signal aborts once the training time reaches `budgetMs`. So every model gets the same
 * training time, however long its evaluations take.
 * Theory: theory/04_comparing_rnn_lstm_gru.md, Section 7.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainCallbacks } from '../train/fit';

export interface TimedValidationOptions {
  /** The model being trained (it must be compiled: `evaluate` uses its loss). */
  model: tf.LayersModel;
  /** Held-out inputs and targets. */
  validationData: [tf.Tensor, tf.Tensor];
  /** Training time in milliseconds after which `signal` aborts. */
  budgetMs: number;
  /** Evaluate every this many milliseconds of training. Default budgetMs / 10. */
  everyMs?: number;
  /** Batch size of the evaluation. Default 256. */
  evalBatchSize?: number;
  /** Clock in milliseconds, for tests. Default Date.now. */
  now?: () => number;
}

export interface TimedValidation {
  /** Pass as (one of) `trainModel`'s callbacks. */
  callbacks: TrainCallbacks;
  /** Pass as `trainModel`'s `signal`. */
  signal: AbortSignal;
  /** Training seconds of each evaluation (the first is 0, before any training). */
  seconds: number[];
  /** Validation loss at those times. */
  valLoss: number[];
}

export function timedValidation(opts: TimedValidationOptions): TimedValidation {
  const now = opts.now ?? Date.now;
  const every = opts.everyMs ?? opts.budgetMs / 10;
  const controller = new AbortController();
  const res: TimedValidation = { callbacks: {}, signal: controller.signal, seconds: [], valLoss: [] };
  let trained = 0;          // training milliseconds so far
  let since = 0;            // clock when the current training stretch began
  let nextEval = every;
  const evaluate = async () => {
    const ev = opts.model.evaluate(opts.validationData[0], opts.validationData[1], { batchSize: opts.evalBatchSize ?? 256 });
    const t = (Array.isArray(ev) ? ev[0] : ev) as tf.Scalar;
    const v = (await t.data())[0];
    tf.dispose(ev);
    res.seconds.push(trained / 1000);
    res.valLoss.push(v);
  };
  res.callbacks = {
    onTrainBegin: async () => {
      await evaluate();
      since = now();
    },
    onBatchEnd: async () => {
      trained += now() - since;
      if (trained >= opts.budgetMs) {
        await evaluate();
        controller.abort();
      } else if (trained >= nextEval) {
        await evaluate();
        nextEval = trained + every;
      }
      since = now();
    },
    onTrainEnd: async () => {
      // finished all epochs before the budget: record the final point too
      if (!controller.signal.aborted && res.seconds[res.seconds.length - 1] !== trained / 1000) await evaluate();
    },
  };
  return res;
}
