/**
 * Checks of training data and weights, for `trainModel` (fit.ts): run once before training
 * (inputs and targets) and once per epoch (weights), each error naming the tensor and the
 * position of the first bad value, so that a NaN in the data is reported as bad data and not
 * as a diverging run.
 */
import * as tf from '@tensorflow/tfjs';

/** `[i, j, k]` of the flat index `flat` in a tensor of `shape`. */
function position(flat: number, shape: number[]): number[] {
  const out: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return out;
}

/** A clear error when `t` is not a live tensor. */
export function checkTensor(where: string, name: string, t: unknown): tf.Tensor {
  if (!(t instanceof tf.Tensor)) {
    const kind = t === null ? 'null' : Array.isArray(t) ? 'an array' : typeof t;
    throw new TypeError(`${where}: ${name} must be a tf.Tensor, got ${kind}`);
  }
  if (t.isDisposed) throw new Error(`${where}: ${name} (shape [${t.shape}]) has been disposed: make the tensor again, or dispose it only after training`);
  return t;
}

/** The first position (or undefined) where `bad` holds, read with one download of a 0/1 mask. */
function firstWhere(t: tf.Tensor, bad: (t: tf.Tensor) => tf.Tensor): number | undefined {
  const mask = tf.tidy(() => bad(t).reshape([-1]));
  try {
    const any = tf.tidy(() => tf.any(mask).dataSync()[0]);
    if (!any) return undefined;
    const data = mask.dataSync();
    return data.findIndex((v) => v !== 0);
  } finally {
    mask.dispose();
  }
}

/** Throws, naming the tensor and the position, at the first NaN or ±Infinity of a float tensor. */
export function checkFinite(where: string, name: string, t: tf.Tensor, advice: string): void {
  if (t.dtype === 'int32' || t.dtype === 'bool' || t.size === 0) return;
  const i = firstWhere(t, (x) => tf.logicalNot(tf.isFinite(x)));
  if (i === undefined) return;
  const value = t.reshape([-1]).slice(i, 1);
  const v = value.dataSync()[0];
  value.dispose();
  throw new Error(`${where}: ${name} holds ${v} at [${position(i, t.shape)}] (shape [${t.shape}]): ${advice}`);
}

/**
 * Targets of a sparse categorical loss: integer class ids in 0..classes-1. Out-of-range or
 * NaN ids would count as zero loss, silently.
 */
export function checkClassIds(where: string, name: string, t: tf.Tensor, classes: number): void {
  const i = firstWhere(t, (x) => {
    const f = x.toFloat();
    return tf.logicalOr(tf.logicalNot(tf.isFinite(f)), tf.logicalOr(tf.notEqual(f, tf.round(f)), tf.logicalOr(tf.less(f, 0), tf.greaterEqual(f, classes))));
  });
  if (i === undefined) return;
  const value = t.reshape([-1]).slice(i, 1);
  const v = value.dataSync()[0];
  value.dispose();
  throw new Error(
    `${where}: ${name} holds ${v} at [${position(i, t.shape)}] (shape [${t.shape}]), but the loss sparseCategoricalCrossentropy ` +
      `needs class ids 0..${classes - 1} (the model's output has ${classes} classes): check the vocabulary and the encoding`,
  );
}

/** Whether every weight of `model` is finite (one small download per weight tensor). */
export function weightsFinite(weights: tf.Tensor[]): boolean {
  return tf.tidy(() => weights.every((w) => w.dtype === 'int32' || tf.all(tf.isFinite(w)).dataSync()[0] === 1));
}

/** The name of the loss of output `i` when it is a string (tf.layers' names), else undefined. */
export function lossName(model: tf.LayersModel, i: number): string | undefined {
  const loss = (model as unknown as { loss?: unknown }).loss;
  const l = Array.isArray(loss) ? loss[i] : typeof loss === 'object' && loss !== null ? Object.values(loss)[i] : loss;
  return typeof l === 'string' ? l : undefined;
}
