/**
 * Per-step tagging tasks on digit sequences, for the bidirectional and stacked models of notebook 09.
 * x is a sequence of digits 0..9 of length `seqLen`; y has one class per step:
 *
 * - `neighbourSum`: y_t = (x_{t-1} + x_{t+1}) mod 10 (x outside the sequence counts as 0).
 *   The answer needs the *next* digit: a left-to-right RNN has not seen it at step t.
 * - `windowSum`:    y_t = (x_{t-2} + x_{t-1} + x_t) mod 10, a causal task (only the past matters),
 *   where a left-to-right RNN has all it needs: a fair ground for comparing depths.
 *
 * Train and test sequences are distinct (drawn until distinct, as in `disjointSplit`).
 */
import * as tf from '@tensorflow/tfjs';
import { disjointSplit } from './tasks';

export type TaggingRule = 'neighbourSum' | 'windowSum';

export interface TaggingTaskOptions {
  rule: TaggingRule;
  seqLen?: number;
  trainSize?: number;
  testSize?: number;
  seed?: number;
}

export interface TaggingSplit {
  /** Digits `[n][seqLen]`. */
  x: number[][];
  /** Classes `[n][seqLen]`. */
  y: number[][];
}

export interface TaggingTask {
  rule: TaggingRule;
  seqLen: number;
  numClasses: number;
  train: TaggingSplit;
  test: TaggingSplit;
}

/** The targets of `rule` for one digit sequence. */
export function tagSequence(rule: TaggingRule, x: number[]): number[] {
  const at = (t: number) => (t >= 0 && t < x.length ? x[t] : 0);
  return x.map((_, t) => (rule === 'neighbourSum' ? at(t - 1) + at(t + 1) : at(t - 2) + at(t - 1) + at(t)) % 10);
}

/** A tagging task with disjoint train and test sequences. */
export function taggingTask(opts: TaggingTaskOptions): TaggingTask {
  const seqLen = opts.seqLen ?? 20;
  const { train, test } = disjointSplit(
    (rand) => {
      const x = Array.from({ length: seqLen }, () => Math.floor(rand() * 10));
      return { key: x.join(''), item: x };
    },
    opts.trainSize ?? 2000,
    opts.testSize ?? 500,
    opts.seed ?? 42,
  );
  const split = (xs: number[][]): TaggingSplit => ({ x: xs, y: xs.map((x) => tagSequence(opts.rule, x)) });
  return { rule: opts.rule, seqLen, numClasses: 10, train: split(train), test: split(test) };
}

/** Tensors of a split: x `[n, seqLen]` int32, one-hot y `[n, seqLen, numClasses]`. */
export function taggingTensors(split: TaggingSplit, numClasses = 10): { x: tf.Tensor2D; y: tf.Tensor3D } {
  const n = split.x.length;
  const T = split.x[0].length;
  return {
    x: tf.tensor2d(split.x, [n, T], 'int32'),
    y: tf.tidy(() => tf.oneHot(tf.tensor2d(split.y, [n, T], 'int32'), numClasses).toFloat() as tf.Tensor3D),
  };
}

/** Fraction of steps tagged correctly by `model` on `x` `[n, seqLen]` against classes `y` `[n][seqLen]`. */
export function taggingAccuracy(model: tf.LayersModel, x: tf.Tensor2D, y: number[][]): number {
  const pred = tf.tidy(() => tf.argMax(model.predict(x, { batchSize: 512 }) as tf.Tensor, -1).arraySync() as number[][]);
  let ok = 0;
  let all = 0;
  for (let b = 0; b < y.length; b++) {
    for (let t = 0; t < y[b].length; t++) {
      ok += pred[b][t] === y[b][t] ? 1 : 0;
      all++;
    }
  }
  return ok / all;
}
