/**
 * Clear errors for the inputs of `model.predict` and `model.evaluate`, for every tf.layers model
 * (those with the library's fast layers among them). tf.layers reports a disposed input as
 * "Cannot read properties of undefined (reading 'backend')" and an input of 0 examples as "Pass
 * at least one tensor to concat", far from the cause. Installed once, when the library loads.
 */
import * as tf from '@tensorflow/tfjs';

type Inputs = tf.Tensor | tf.Tensor[] | { [name: string]: tf.Tensor } | null | undefined;

function checkInputs(where: string, x: Inputs, label: string): void {
  const list: [string, unknown][] = Array.isArray(x)
    ? x.map((t, i) => [`${label}[${i}]`, t])
    : x instanceof tf.Tensor
      ? [[label, x]]
      : x && typeof x === 'object'
        ? Object.entries(x).map(([k, t]) => [`${label}.${k}`, t])
        : [];
  for (const [name, t] of list) {
    if (!(t instanceof tf.Tensor)) continue; // tf.layers' own message covers other kinds
    if (t.isDisposed) throw new Error(`${where}: ${name} (shape [${t.shape}]) has been disposed: pass a live tensor`);
    if (t.rank > 0 && t.shape[0] === 0) {
      throw new Error(`${where}: ${name} has 0 examples (shape [${t.shape}]): pass at least one example`);
    }
  }
}

let installed = false;
/** Wrap tf.LayersModel's predict and evaluate with the checks above (idempotent). */
export function installInputChecks(): void {
  if (installed) return;
  installed = true;
  const proto = tf.LayersModel.prototype as unknown as {
    predict: (x: Inputs, args?: unknown) => unknown;
    evaluate: (x: Inputs, y: Inputs, args?: unknown) => unknown;
  };
  const predict = proto.predict;
  proto.predict = function (this: tf.LayersModel, x: Inputs, args?: unknown) {
    checkInputs('predict', x, 'x');
    return predict.call(this, x, args);
  };
  const evaluate = proto.evaluate;
  proto.evaluate = function (this: tf.LayersModel, x: Inputs, y: Inputs, args?: unknown) {
    checkInputs('evaluate', x, 'x');
    checkInputs('evaluate', y, 'y');
    return evaluate.call(this, x, y, args);
  };
}
