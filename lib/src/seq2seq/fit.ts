/**
 * Training with a held-out score after every epoch, for curves against epochs and wall time.
 *
 * `fitEvaluated` runs the library's `trainModel` (seeded shuffling, stop on interrupt, callbacks)
 * and, at the end of every epoch, calls `evaluate()` (for a seq2seq model: greedy decoding of the
 * held-out problems and their exact-match accuracy). The score goes into the epoch's logs under
 * `scoreName` *before* the other callbacks see them, so a live progress chart can draw it.
 * Training time excludes the evaluation, so time curves compare training cost only. With `patience`
 * it stops early once the score has stopped improving, and puts back the best epoch's weights.
 */
import * as tf from '@tensorflow/tfjs';
import { TrainingProgressOptions, trainingProgress } from '../plot';
import { TrainCallbacks, TrainLogs, TrainResult, Tensors, setLearningRate, trainModel } from '../train';
import { EncodedPairs } from './codec';
import { exactMatchAccuracy, greedyDecode } from './decode';
import { Seq2SeqModel } from './model';

export interface EvaluatedHistory {
  /** Epochs counted from 1. */
  epoch: number[];
  /** Mean training loss of each epoch. */
  loss: number[];
  /** The held-out score after each epoch. */
  score: number[];
  /** Training seconds since the start at the end of each epoch (evaluation excluded). */
  seconds: number[];
  /** `tf.memory().numTensors` after each epoch (flat when nothing leaks). */
  numTensors: number[];
}

export interface FitEvaluatedConfig {
  epochs: number;
  batchSize: number;
  /** Shuffling seed (default 42). */
  seed?: number;
  /** The held-out score, computed after each epoch. */
  evaluate: () => number | Promise<number>;
  /** Name of the score in the epoch logs (default 'val_score'). */
  scoreName?: string;
  /** Learning rate of each epoch (counted from 0), set on the model's optimizer before the epoch (default: keep it). */
  lrSchedule?: (epoch: number) => number;
  /** Stop early once the score reaches this value (default: never). */
  target?: number;
  /**
   * Early stopping: stop once the score has not improved for this many epochs (default: never).
   * The epochs run are then `bestEpoch + patience` at most, `epochs` is the cap.
   */
  patience?: number;
  /** With `patience`: put back the weights of the best-scoring epoch at the end (default true). */
  restoreBest?: boolean;
  /**
   * Live progress (loss and the score, drawn as training goes): options of `trainingProgress`
   * (`{ title }`), or false for none (default: shown, without a title).
   */
  progress?: TrainingProgressOptions | false;
  /** Other callbacks, called after the score is in the logs. */
  callbacks?: TrainCallbacks | TrainCallbacks[];
  signal?: AbortSignal;
}

export interface FitEvaluatedResult {
  history: EvaluatedHistory;
  train: TrainResult;
  /** The epoch (from 1) with the highest score, and that score (the first epoch on ties). */
  bestEpoch: number;
  bestScore: number;
  /** True when early stopping (`patience`) ended training before `epochs`. */
  stoppedEarly: boolean;
  /** True when the best epoch's weights were put back at the end. */
  restored: boolean;
}

/** Train `model` on (x, y) with `trainModel`, scoring it on held-out data after every epoch. */
export async function fitEvaluated(model: tf.LayersModel, x: Tensors, y: Tensors, config: FitEvaluatedConfig): Promise<FitEvaluatedResult> {
  const scoreName = config.scoreName ?? 'val_score';
  const patience = config.patience;
  if (patience !== undefined && !(Number.isInteger(patience) && patience >= 1)) {
    throw new Error(`fitEvaluated: patience must be a positive integer (epochs without improvement), got ${patience}`);
  }
  const restoreBest = patience !== undefined && (config.restoreBest ?? true);
  let best = { epoch: 0, score: -Infinity };
  let bestWeights: tf.Tensor[] | null = null;
  let stoppedEarly = false;
  const history: EvaluatedHistory = { epoch: [], loss: [], score: [], seconds: [], numTensors: [] };
  let trainMs = 0;
  let epochStart = 0;
  const stop = new AbortController();
  const outer = config.signal;
  const onOuterAbort = () => stop.abort();
  outer?.addEventListener('abort', onOuterAbort);
  // tf.layers has no scheduler of its own; setLearningRate also serves SGD and momentum, whose
  // steps ignore an assignment to `optimizer.learningRate`
  const setLr = (epoch: number) => {
    if (config.lrSchedule) setLearningRate(model, config.lrSchedule(epoch));
  };
  const scorer: TrainCallbacks = {
    onTrainBegin: () => {
      setLr(0);
      epochStart = Date.now();
    },
    onEpochEnd: async (epoch: number, logs: TrainLogs) => {
      trainMs += Date.now() - epochStart;
      const score = await config.evaluate();
      logs[scoreName] = score;
      history.epoch.push(epoch + 1);
      history.loss.push(logs.loss);
      history.score.push(score);
      history.seconds.push(trainMs / 1000);
      history.numTensors.push(tf.memory().numTensors);
      if (score > best.score) {
        best = { epoch: epoch + 1, score };
        if (restoreBest) {
          if (bestWeights) tf.dispose(bestWeights);
          bestWeights = model.getWeights().map((w) => tf.clone(w)); // getWeights returns the variables themselves
        }
      } else if (patience !== undefined && epoch + 1 - best.epoch >= patience) {
        stoppedEarly = epoch + 1 < config.epochs;
        stop.abort();
      }
      if (config.target !== undefined && score >= config.target) stop.abort();
    },
  };
  const others = config.callbacks ? (Array.isArray(config.callbacks) ? [...config.callbacks] : [config.callbacks]) : [];
  if (config.progress !== false) {
    const p = trainingProgress({ epochs: config.epochs, metrics: ['loss', scoreName], ...(config.progress ?? {}) });
    others.unshift(p); // trainModel's callbacks have tf.layers' shapes, so the display plugs in as it is
  }
  // the next epoch's clock starts after every callback of this one (drawing included) has run
  const restart: TrainCallbacks = {
    onEpochEnd: (epoch: number) => {
      setLr(epoch + 1);
      epochStart = Date.now();
    },
  };
  try {
    const train = await trainModel(model, x, y, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: config.seed ?? 42,
      signal: stop.signal,
      callbacks: [scorer, ...others, restart],
    });
    const restored = bestWeights !== null && best.epoch < history.epoch.length;
    if (restored) model.setWeights(bestWeights!);
    return { history, train, bestEpoch: best.epoch, bestScore: best.score, stoppedEarly, restored };
  } finally {
    if (bestWeights) tf.dispose(bestWeights);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** Exact-match accuracy of greedy decoding on an encoded split. */
export function seq2seqExactMatch(s2s: Seq2SeqModel, data: EncodedPairs, startId = 0): number {
  const { ids } = greedyDecode(s2s.model, data.source, { tgtLen: s2s.config.tgtLen, startId });
  return exactMatchAccuracy(ids, data.targetIds);
}

/** Options of `fitSeq2Seq`: those of `fitEvaluated` but the score, plus the size of the per-epoch evaluation. */
export type FitSeq2SeqConfig = Omit<FitEvaluatedConfig, 'evaluate' | 'scoreName'> & {
  /**
   * Score each epoch on the first `evalSize` held-out problems only (default: all). Greedy decoding
   * costs T' forward passes, so for long outputs a subset keeps the per-epoch curve cheap; score
   * the whole held-out set once at the end with `seq2seqExactMatch`.
   */
  evalSize?: number;
};

/** Train a seq2seq model with teacher forcing; the score is the held-out exact match (`val_exact_match`). */
export async function fitSeq2Seq(s2s: Seq2SeqModel, train: EncodedPairs, test: EncodedPairs, config: FitSeq2SeqConfig): Promise<FitEvaluatedResult> {
  const n = test.targetIds.length;
  const k = Math.min(n, config.evalSize ?? n);
  const subset: EncodedPairs = k === n ? test : {
    pairs: test.pairs.slice(0, k),
    source: tf.slice(test.source, [0, 0], [k, -1]),
    decoderInput: tf.slice(test.decoderInput, [0, 0], [k, -1]),
    target: tf.slice(test.target, [0, 0, 0], [k, -1, -1]),
    targetIds: test.targetIds.slice(0, k),
  };
  try {
    return await fitEvaluated(s2s.model, [train.source, train.decoderInput], train.target, {
      ...config,
      scoreName: 'val_exact_match',
      evaluate: () => seq2seqExactMatch(s2s, subset),
    });
  } finally {
    if (subset !== test) tf.dispose([subset.source, subset.decoderInput, subset.target]);
  }
}
