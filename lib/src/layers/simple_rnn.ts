/**
 * Fast SimpleRNN layer: tf.layers' SimpleRNN, trained through one fused custom gradient.
 *
 * Equations (row vectors; chapter "RNN fundamentals"):
 *   h_t = tanh(x_t W + h_{t-1} U + b)
 * Backward, given dh = ∂L/∂h_t:
 *   da = dh ⊙ (1 − h_t²);  ∂L/∂h_{t-1} = da Uᵀ;  dU += h_{t-1}ᵀ da (after the loop, sequence.ts)
 * Weights: kernel W [inputSize, hiddenSize], recurrentKernel U [hiddenSize, hiddenSize],
 * bias b [hiddenSize].
 */
import * as tf from '@tensorflow/tfjs';
import { FastRNN, checkFastOptions } from './base';
import { tanh, tanhGradFromOutput } from './ops';
import { FusedCell } from './sequence';

interface RnnPrepared {
  U: tf.Tensor2D; // [hiddenSize, hiddenSize]
  UT: tf.Tensor2D | null; // (backward)
}

/** The SimpleRNN step, forward and backward, for the fused loop. */
export function simpleRnnFusedCell(): FusedCell<RnnPrepared> {
  return {
    gates: 1,
    stateCount: 1,
    simdCell: 'rnn',
    prepare: (U, forBackward) => ({ U, UT: forBackward ? tf.transpose(U) : null }),
    forward: (p, xp, [hPrev]) =>
      tf.tidy(() => {
        const h = tanh(tf.add(tf.matMul(hPrev, p.U), xp)); // [batch, H]
        return { states: [h], cache: [h] };
      }),
    backward: (p, cache, [hPrev], [dh]) =>
      tf.tidy(() => {
        const da = tf.mul(dh, tanhGradFromOutput(cache[0])); // [batch, H]
        return { da, dStates: [tf.matMul(da, p.UT!)], recurrent: [{ input: hPrev, grad: da }] };
      }),
  };
}

/** Options of `fastSimpleRnn`: those of `tf.layers.simpleRNN`, minus dropout and other activations. */
export type FastSimpleRNNArgs = Omit<tf.SimpleRNNLayerArgs, 'cell' | 'activation'> & {
  /** 'tanh' only. */
  activation?: 'tanh';
};

/** SimpleRNN layer with tf.layers' weights and results, trained through one fused custom gradient. */
export class FastSimpleRNN extends FastRNN {
  static className = 'FastSimpleRNN';

  constructor(args: FastSimpleRNNArgs) {
    super(FastSimpleRNN.withCell(args));
  }

  private static withCell(args: FastSimpleRNNArgs): tf.RNNLayerArgs {
    checkFastOptions('fastSimpleRnn', 'tf.layers.simpleRNN', args as Record<string, unknown>, false);
    return { ...args, cell: tf.layers.simpleRNNCell(args as tf.SimpleRNNCellLayerArgs) } as tf.RNNLayerArgs;
  }

  protected fusedCell(): FusedCell<unknown> {
    return simpleRnnFusedCell() as FusedCell<unknown>;
  }
}
tf.serialization.registerClass(FastSimpleRNN);

/** A fast SimpleRNN layer: `fastSimpleRnn({ units: 64 })`. */
export function fastSimpleRnn(args: FastSimpleRNNArgs): FastSimpleRNN {
  return new FastSimpleRNN(args);
}
