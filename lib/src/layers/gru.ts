/**
 * Fast GRU layer: tf.layers' GRU (reset gate before the recurrent matmul), trained through one
 * fused custom gradient.
 *
 * Equations (row vectors, tf.layers gate order z, r, h; theory/03_gru_architecture.md):
 *   [xW_z | xW_r | xW_h] = x_t W + b                           // input part, [batch, 3*hiddenSize]
 *   [a^z | a^r] = [xW_z | xW_r] + h_{t-1} U_zr                  // U_zr = U[:, :2H]
 *   [z | r] = σ([a^z | a^r])                                    // σ: recurrentActivation
 *   q_t = r ⊙ h_{t-1},  a^h = xW_h + q_t U_h                    // U_h = U[:, 2H:], reset BEFORE the matmul
 *   hTilde = tanh(a^h)
 *   h_t = z ⊙ h_{t-1} + (1 − z) ⊙ hTilde                        // tf.layers / d2l blend direction
 * Backward, given dh = ∂L/∂h_t:
 *   da^h = dh ⊙ (1 − z) ⊙ (1 − hTilde²);  dq = da^h U_hᵀ
 *   [da^z | da^r] = [dh ⊙ (h_{t-1} − hTilde) | dq ⊙ h_{t-1}] ⊙ σ'
 *   ∂L/∂h_{t-1} = dh ⊙ z + dq ⊙ r + [da^z | da^r] U_zrᵀ
 *   dU_zr += h_{t-1}ᵀ [da^z | da^r];  dU_h += q_tᵀ da^h   (after the loop, sequence.ts)
 * Weights: kernel W [inputSize, 3*hiddenSize], recurrentKernel U [hiddenSize, 3*hiddenSize],
 * bias b [3*hiddenSize] (one bias: there is no `recurrentBias`, as `resetAfter: false`).
 *
 * Gate activation: the default is the logistic sigmoid (the course's convention, as in the
 * chapters and the from-scratch cells), while tf.layers.gru defaults to 'hardSigmoid'. So
 * "drop-in" means: pass the same `recurrentActivation` to both (e.g. 'sigmoid' to tf.layers.gru,
 * or 'hardSigmoid' to fastGru) to get the same outputs from the same weights.
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
        const [xWzr, xWh] = splitCols(xp, [2 * H, H]);
        const aZR = tf.add(tf.matMul(hPrev, p.Uzr), xWzr) as tf.Tensor2D; // [a^z | a^r], [batch, 2H]
        const zr = gate(aZR, kind);
        const [z, r] = splitCols(zr, [H, H]);
        const q = tf.mul(r, hPrev); // q_t = r ⊙ h_{t-1}
        const hTilde = tanh(tf.add(tf.matMul(q, p.Uh), xWh)); // [batch, H]
        const h = tf.add(hTilde, tf.mul(z, tf.sub(hPrev, hTilde)));
        const cache = hard ? [zr, z, r, hTilde, q, aZR] : [zr, z, r, hTilde, q];
        return { states: [h], cache };
      }),
    backward: (p, cache, [hPrev], [dh]) =>
      tf.tidy(() => {
        const [zr, z, r, hTilde, q] = cache;
        const aZR = hard ? cache[5] : zr;
        const daH = tf.mul(tf.sub(dh, tf.mul(dh, z)), tanhGradFromOutput(hTilde)); // da^h, [batch, H]
        const dq = tf.matMul(daH, p.UhT!); // ∂L/∂q_t = ∂L/∂(r ⊙ h_{t-1}), [batch, H]
        const daZR = tf.mul(
          tf.concat([tf.mul(dh, tf.sub(hPrev, hTilde)), tf.mul(dq, hPrev)], 1),
          gateGrad(zr, aZR, kind),
        ); // [da^z | da^r], [batch, 2H]
        const dhPrev = tf.add(tf.add(tf.mul(dh, z), tf.mul(dq, r)), tf.matMul(daZR, p.UzrT!));
        const da = tf.concat([daZR, daH], 1); // [batch, 3H]
        return {
          da,
          dStates: [dhPrev],
          recurrent: [
            { input: hPrev, grad: daZR },
            { input: q, grad: daH },
          ],
        };
      }),
  };
}

/**
 * Options of `fastGru`: those of `tf.layers.gru`, minus dropout. The gates default to 'sigmoid'
 * (tf.layers.gru defaults to 'hardSigmoid': pass `recurrentActivation` to match one to the other).
 */
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
