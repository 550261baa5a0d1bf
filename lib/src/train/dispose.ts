/**
 * `disposeModel`: free everything a trained model holds. `model.dispose()` frees the weights but
 * not the optimizer's state (Adam keeps two moment tensors per weight), so a notebook that trains
 * several models and disposes them with `model.dispose()` alone still leaks. Works for a plain
 * `tf.LayersModel` and for a builder's result that carries its model (`{ model }`, e.g. `buildSeq2Seq`).
 */
import * as tf from '@tensorflow/tfjs';

/** Free a model's weights and its optimizer's state (Adam's moments), which `model.dispose()` keeps. */
export function disposeModel(m: tf.LayersModel | { model: tf.LayersModel }): void {
  const model = typeof (m as tf.LayersModel).predict === 'function' ? (m as tf.LayersModel) : (m as { model: tf.LayersModel }).model;
  if (!model || typeof model.dispose !== 'function') {
    throw new Error('disposeModel: expected a tf.LayersModel or an object with one in `model` (e.g. the result of buildSeq2Seq)');
  }
  model.optimizer?.dispose();
  model.dispose();
}
