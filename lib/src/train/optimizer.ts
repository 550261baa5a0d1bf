/**
 * Optimizer settings that a plain assignment or a save can miss: the learning rate and
 * gradient clipping. `saveModel` / `loadModel` (modelio.ts) carry both with the model.
 *
 * Learning rate. tf.train's SGD and momentum optimizers step with a scalar tensor
 * `c = -learningRate` made when the rate is set through their `setLearningRate` method;
 * assigning `optimizer.learningRate` changes what a save records but not the steps, so a model
 * behaves differently once reloaded. Adam, Adamax, RMSProp, Adagrad and Adadelta read the field
 * at every step. `setLearningRate` is right for all of them.
 *
 * Note that a saved optimizer config holds the rate at the time of the save (a decayed rate
 * if a schedule changed it), not the rate the model was compiled with.
 *
 * Gradient clipping. tfjs optimizers have no clip option: `clipGlobalNorm` wraps the
 * optimizer's `applyGradients`. The wrapper is not part of the optimizer's config, so
 * `saveModel` records the maximum norm with the model and `loadModel` puts the wrapper back.
 */
import * as tf from '@tensorflow/tfjs';

/** A compiled model (its optimizer is meant) or an optimizer. */
export type OptimizerOwner = tf.LayersModel | tf.Optimizer;

interface WithLearningRate {
  learningRate?: unknown;
  setLearningRate?: (lr: number) => void;
}

function optimizerOf(target: OptimizerOwner, where: string): tf.Optimizer {
  // Duck-typed rather than instanceof: a notebook may hold another copy of tfjs.
  if (typeof (target as tf.Optimizer | undefined)?.applyGradients === 'function') return target as tf.Optimizer;
  const optimizer = (target as tf.LayersModel | undefined)?.optimizer;
  if (!optimizer) throw new Error(`${where}: the model is not compiled: call model.compile({ optimizer, loss }) first`);
  return optimizer;
}

/** The learning rate the optimizer (of a model, or given directly) steps with now. */
export function getLearningRate(target: OptimizerOwner): number {
  const optimizer = optimizerOf(target, 'getLearningRate');
  const lr = (optimizer as unknown as WithLearningRate).learningRate;
  if (typeof lr !== 'number') {
    throw new Error(`getLearningRate: the ${optimizer.getClassName()} optimizer has no numeric learningRate`);
  }
  return lr;
}

/**
 * Set the learning rate of a model's optimizer (or of an optimizer) for the steps that
 * follow, on every tf.train optimizer: use it instead of assigning `optimizer.learningRate`
 * (see the top of the file). A later `saveModel` records the new rate.
 */
export function setLearningRate(target: OptimizerOwner, lr: number): void {
  if (!(typeof lr === 'number' && Number.isFinite(lr) && lr >= 0)) {
    throw new Error(`setLearningRate: lr must be a finite number >= 0, got ${lr}`);
  }
  const optimizer = optimizerOf(target, 'setLearningRate');
  const o = optimizer as unknown as WithLearningRate;
  if (typeof o.setLearningRate === 'function') {
    o.setLearningRate(lr); // SGD, momentum: also remakes the cached scalar they step with
  } else if (typeof o.learningRate === 'number') {
    o.learningRate = lr;
  } else {
    throw new Error(`setLearningRate: the ${optimizer.getClassName()} optimizer has no learning rate to set`);
  }
}

type ApplyGradients = tf.Optimizer['applyGradients'];
/** Per clipped optimizer: the maximum norm, and its own applyGradients (without the wrapper). */
const clipped = new WeakMap<tf.Optimizer, { maxNorm: number; apply: ApplyGradients }>();

/**
 * Make `optimizer` scale each step's gradients so that their global norm (over all weight
 * tensors together) is at most `maxNorm`. Calling it again replaces the maximum norm.
 * `saveModel` records it and `loadModel` restores it.
 */
export function clipGlobalNorm(optimizer: tf.Optimizer, maxNorm: number): tf.Optimizer {
  if (!(maxNorm > 0)) throw new Error(`clipGlobalNorm: maxNorm must be positive, got ${maxNorm}`);
  const apply = clipped.get(optimizer)?.apply ?? optimizer.applyGradients.bind(optimizer);
  clipped.set(optimizer, { maxNorm, apply });
  optimizer.applyGradients = (grads: Parameters<ApplyGradients>[0]) => {
    const named = Array.isArray(grads) ? grads : Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
    const scaled = tf.tidy(() => {
      const norm = tf.sqrt(tf.addN(named.map((g) => tf.sum(tf.square(g.tensor)))));
      const scale = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-12)));
      return named.map((g) => ({ name: g.name, tensor: tf.mul(g.tensor, scale) }));
    });
    apply(scaled);
    tf.dispose(scaled.map((g) => g.tensor));
  };
  return optimizer;
}

/** The maximum norm `clipGlobalNorm` set on this optimizer, or undefined if it clips nothing. */
export function clipNormOf(optimizer: tf.Optimizer | null | undefined): number | undefined {
  return optimizer ? clipped.get(optimizer)?.maxNorm : undefined;
}
