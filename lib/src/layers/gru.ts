/**
 * Fast GRU layer: tf.layers' GRU (reset gate before the recurrent matmul), trained through one
 * fused custom gradient.
 *
 * Equations (row vectors, tf.layers gate order z, r, h; chapter "GRU"):
 *   [a_z | a_r | a_h] = x_t W + b                              // input part, [batch, 3*hiddenSize]
 *   [z | r] = σ([a_z | a_r] + h_{t-1} U_zr)                    // U_zr = U[:, :2H], σ: recurrentActivation
 *   hTilde = tanh(a_h + (r ⊙ h_{t-1}) U_h)                      // U_h = U[:, 2H:], reset BEFORE the matmul
 *   h_t = z ⊙ h_{t-1} + (1 − z) ⊙ hTilde                        // tf.layers / d2l blend direction
 * Backward, given dh = ∂L/∂h_t:
 *   dZ_h = dh ⊙ (1 − z) ⊙ (1 − hTilde²);  d(r⊙h) = dZ_h U_hᵀ
 *   dZ_zr = [dh ⊙ (h_{t-1} − hTilde) | d(r⊙h) ⊙ h_{t-1}] ⊙ σ'
 *   ∂L/∂h_{t-1} = dh ⊙ z + d(r⊙h) ⊙ r + dZ_zr U_zrᵀ
 *   dU_zr += h_{t-1}ᵀ dZ_zr;  dU_h += (r ⊙ h_{t-1})ᵀ dZ_h   (after the loop, sequence.ts)
 * Weights: kernel W [inputSize, 3*hiddenSize], recurrentKernel U [hiddenSize, 3*hiddenSize],
 * bias b [3*hiddenSize] (one bias: there is no `recurrentBias`, as `resetAfter: false`).
 * The recurrent activation defaults to the logistic sigmoid; 'hardSigmoid' gives tf.layers' default.
 */
import * as tf from '@tensorflow/tfjs';
import { FastRNN, checkFastOptions } from './base';
import { RecurrentActivation, gate, gateGrad, splitCols, tanh, tanhGradFromOutput } from './ops';
import { FusedCell } from './sequence';

interface GruPrepared {
  Uzr: tf.Tensor2D; // [hiddenSize, 2*hiddenSize]
  Uh: tf.Tensor2D; // [hiddenSize, hiddenSize]
  UzrT: tf.Tensor2D | null; // [2*hiddenSize, hiddenSize] (backward)
  UhT: tf.Tensor2D | null; // [hiddenSize, hiddenSize] (backward)
}

/** The GRU step (reset before), forward and backward, for the fused loop. */
export function gruFusedCell(kind: RecurrentActivation): FusedCell<GruPrepared> {
  const hard = kind === 'hardSigmoid';
  return {
    gates: 3,
    stateCount: 1,
    simdCell: hard ? undefined : 'gru',
    prepare: (U, forBackward) => {
      const H = U.shape[0];
      const [Uzr, Uh] = splitCols(U, [2 * H, H]);
      return {
        Uzr,
        Uh,
        UzrT: forBackward ? tf.transpose(Uzr) : null,
        UhT: forBackward ? tf.transpose(Uh) : null,
      };
    },
    forward: (p, xp, [hPrev]) =>
      tf.tidy(() => {
        const H = hPrev.shape[1];
        const [xzr, xh] = splitCols(xp, [2 * H, H]);
        const azr = tf.add(tf.matMul(hPrev, p.Uzr), xzr) as tf.Tensor2D; // [batch, 2H]
        const s = gate(azr, kind);
        const [z, r] = splitCols(s, [H, H]);
        const rh = tf.mul(r, hPrev); // r ⊙ h_{t-1}
        const hTilde = tanh(tf.add(tf.matMul(rh, p.Uh), xh)); // [batch, H]
        const h = tf.add(hTilde, tf.mul(z, tf.sub(hPrev, hTilde)));
        const cache = hard ? [s, z, r, hTilde, rh, azr] : [s, z, r, hTilde, rh];
        return { states: [h], cache };
      }),
    backward: (p, cache, [hPrev], [dh]) =>
      tf.tidy(() => {
        const [s, z, r, hTilde, rh] = cache;
        const azr = hard ? cache[5] : s;
        const dZh = tf.mul(tf.sub(dh, tf.mul(dh, z)), tanhGradFromOutput(hTilde)); // [batch, H]
        const dRh = tf.matMul(dZh, p.UhT!); // ∂L/∂(r ⊙ h_{t-1}), [batch, H]
        const dZzr = tf.mul(
          tf.concat([tf.mul(dh, tf.sub(hPrev, hTilde)), tf.mul(dRh, hPrev)], 1),
          gateGrad(s, azr, kind),
        ); // [batch, 2H]
        const dhPrev = tf.add(tf.add(tf.mul(dh, z), tf.mul(dRh, r)), tf.matMul(dZzr, p.UzrT!));
        const dZ = tf.concat([dZzr, dZh], 1); // [batch, 3H]
        return {
          dZ,
          dStates: [dhPrev],
          recurrent: [
            { input: hPrev, grad: dZzr },
            { input: rh, grad: dZh },
          ],
        };
      }),
  };
}

/** Options of `fastGru`: those of `tf.layers.gru`, minus dropout; sigmoid gates by default. */
export type FastGRUArgs = Omit<tf.GRULayerArgs, 'cell' | 'activation' | 'recurrentActivation'> & {
  /** Activation of the candidate hTilde: 'tanh' only. */
  activation?: 'tanh';
  /** Gate activation: 'sigmoid' (default, the course's convention) or 'hardSigmoid' (tf.layers' default). */
  recurrentActivation?: RecurrentActivation;
  /** Only `false` (reset before the recurrent matmul, as tf.layers); present to give a clear error. */
  resetAfter?: false;
};

/** GRU layer with tf.layers' weights and results, trained through one fused custom gradient. */
export class FastGRU extends FastRNN {
  static className = 'FastGRU';

  constructor(args: FastGRUArgs) {
    super(FastGRU.withCell(args));
  }

  private static withCell(args: FastGRUArgs): tf.RNNLayerArgs {
    checkFastOptions('fastGru', 'tf.layers.gru', args as Record<string, unknown>, true);
    const { resetAfter: _ignored, ...rest } = args as FastGRUArgs & { resetAfter?: unknown };
    const full = { recurrentActivation: 'sigmoid', ...rest } as tf.GRULayerArgs;
    return { ...full, cell: tf.layers.gruCell(full as tf.GRUCellLayerArgs) } as tf.RNNLayerArgs;
  }

  protected fusedCell(kind: RecurrentActivation): FusedCell<unknown> {
    return gruFusedCell(kind) as FusedCell<unknown>;
  }
}
tf.serialization.registerClass(FastGRU);

/** A fast GRU layer: `fastGru({ units: 128, returnSequences: true })`. */
export function fastGru(args: FastGRUArgs): FastGRU {
  return new FastGRU(args);
}
