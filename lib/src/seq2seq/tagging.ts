/**
 * Per-step tagging tasks on digit sequences, for the bidirectional and stacked models of notebook 09.
 * x is a sequence of digits 0..base-1 (default base 10) of length `seqLen`; y has one class per step:
 *
 * - `neighbourSum`: y_t = (x_{t-1} + x_{t+1}) mod base (x outside the sequence counts as 0).
 *   The answer needs the *next* digit: a left-to-right RNN has not seen it at step t.
 * - `windowSum`:    y_t = (x_{t-2} + x_{t-1} + x_t) mod base, a causal task (only the past matters),
 *   where a left-to-right RNN has all it needs: a fair ground for comparing depths.
 *
 * Train and test sequences are distinct (drawn until distinct, as in `disjointSplit`).
 */
import * as tf from '@tensorflow/tfjs';
import { disjointSplit } from './tasks';

export type TaggingRule = 'neighbourSum' | 'windowSum';

export interface TaggingTaskOptions {
  rule: TaggingRule;
  /** Digits 0..base-1, sums mod base (default 10). */
  base?: number;
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
  base: number;
  seqLen: number;
  numClasses: number;
  train: TaggingSplit;
  test: TaggingSplit;
}

/** The targets of `rule` for one digit sequence. */
export function tagSequence(rule: TaggingRule, x: number[], base = 10): number[] {
  const at = (t: number) => (t >= 0 && t < x.length ? x[t] : 0);
  return x.map((_, t) => (rule === 'neighbourSum' ? at(t - 1) + at(t + 1) : at(t - 2) + at(t - 1) + at(t)) % base);
}

/** A tagging task with disjoint train and test sequences. */
export function taggingTask(opts: TaggingTaskOptions): TaggingTask {
  const seqLen = opts.seqLen ?? 20;
  const base = opts.base ?? 10;
  if (!Number.isInteger(base) || base < 2 || base > 10) throw new Error(`taggingTask: base must be 2..10, got ${base}`);
  const { train, test } = disjointSplit(
    (rand) => {
      const x = Array.from({ length: seqLen }, () => Math.floor(rand() * base));
      return { key: x.join(''), item: x };
    },
    opts.trainSize ?? 2000,
    opts.testSize ?? 500,
    opts.seed ?? 42,
  );
  const split = (xs: number[][]): TaggingSplit => ({ x: xs, y: xs.map((x) => tagSequence(opts.rule, x, base)) });
  return { rule: opts.rule, base, seqLen, numClasses: base, train: split(train), test: split(test) };
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
