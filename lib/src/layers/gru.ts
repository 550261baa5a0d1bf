/**
 * Fast GRU layer: tf.layers' GRU (reset gate before the recurrent matmul), or with
 * `resetAfter: true` the cuDNN/PyTorch GRU (reset after it, with a second bias), trained through
 * one fused custom gradient.
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
 *
 * Reset after (`resetAfter: true`; cuDNN, PyTorch's nn.GRU, tf.keras in TensorFlow 2; tfjs has no
 * such layer, tfjs issues #4621 and #5728), with the recurrent bias bʰ [3*hiddenSize]
 * (weight `recurrent_bias`, after `bias`; PyTorch's bias_hh):
 *   [xW_z | xW_r | xW_h] = x_t W + b;   [u_z | u_r | u_h] = h_{t-1} U + bʰ      // [batch, 3H] each
 *   [z | r] = σ([xW_z + u_z | xW_r + u_r])
 *   a^h = xW_h + r ⊙ u_h,  hTilde = tanh(a^h)                   // reset AFTER the matmul
 *   h_t = z ⊙ h_{t-1} + (1 − z) ⊙ hTilde
 * Backward: da^h = dh ⊙ (1 − z) ⊙ (1 − hTilde²);  dr = da^h ⊙ u_h
 *   [da^z | da^r] = [dh ⊙ (h_{t-1} − hTilde) | dr] ⊙ σ';  g = [da^z | da^r | da^h ⊙ r]  (∂L/∂(h_{t-1} U + bʰ))
 *   ∂L/∂h_{t-1} = dh ⊙ z + g Uᵀ;  dU += h_{t-1}ᵀ g;  dbʰ += Σ g   (sequence.ts)
 * The from-scratch twin is src/scratch/gru.ts with `recurrentBias`; this path runs on tfjs ops.
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

interface GruAfterPrepared {
  U: tf.Tensor2D; // [hiddenSize, 3*hiddenSize]
  bh: tf.Tensor1D; // [3*hiddenSize]
  UT: tf.Tensor2D | null; // [3*hiddenSize, hiddenSize] (backward)
}

/** The reset-after GRU step (cuDNN/PyTorch), forward and backward, for the fused loop. */
export function gruResetAfterFusedCell(kind: RecurrentActivation): FusedCell<GruAfterPrepared> {
  const hard = kind === 'hardSigmoid';
  return {
    gates: 3,
    stateCount: 1,
    recurrentBias: true,
    prepare: (U, forBackward, bh) => {
      if (!bh) throw new Error('reset-after GRU: the recurrent bias bʰ is missing');
      return { U, bh, UT: forBackward ? tf.transpose(U) : null };
    },
    forward: (p, xp, [hPrev]) =>
      tf.tidy(() => {
        const H = hPrev.shape[1];
        const [xzr, xh] = splitCols(xp, [2 * H, H]);
        const u = tf.add(tf.matMul(hPrev, p.U), p.bh) as tf.Tensor2D; // h_{t-1} U + bʰ, [batch, 3H]
        const [uzr, uh] = splitCols(u, [2 * H, H]);
        const azr = tf.add(xzr, uzr) as tf.Tensor2D;
        const s = gate(azr, kind);
        const [z, r] = splitCols(s, [H, H]);
        const hTilde = tanh(tf.add(xh, tf.mul(r, uh))); // reset after the matmul
        const h = tf.add(hTilde, tf.mul(z, tf.sub(hPrev, hTilde)));
        const cache = hard ? [s, z, r, hTilde, uh, azr] : [s, z, r, hTilde, uh];
        return { states: [h], cache };
      }),
    backward: (p, cache, [hPrev], [dh]) =>
      tf.tidy(() => {
        const [s, z, r, hTilde, uh] = cache;
        const azr = hard ? cache[5] : s;
        const dah = tf.mul(tf.sub(dh, tf.mul(dh, z)), tanhGradFromOutput(hTilde)); // da^h, [batch, H]
        const dazr = tf.mul(
          tf.concat([tf.mul(dh, tf.sub(hPrev, hTilde)), tf.mul(dah, uh)], 1),
          gateGrad(s, azr, kind),
        ); // [da^z | da^r], [batch, 2H]
        const g = tf.concat([dazr, tf.mul(dah, r)], 1); // ∂L/∂(h_{t-1} U + bʰ), [batch, 3H]
        const dhPrev = tf.add(tf.mul(dh, z), tf.matMul(g, p.UT!));
        const da = tf.concat([dazr, dah], 1); // [batch, 3H]
        return { da, dStates: [dhPrev], recurrent: [{ input: hPrev, grad: g }] };
      }),
  };
}

/** Options of `fastGru`: those of `tf.layers.gru`, plus `resetAfter`; sigmoid gates by default. */
export type FastGRUArgs = Omit<tf.GRULayerArgs, 'cell' | 'activation' | 'recurrentActivation'> & {
  /** Activation of the candidate hTilde: 'tanh' only. */
  activation?: 'tanh';
  /** Gate activation: 'sigmoid' (default, the course's convention) or 'hardSigmoid' (tf.layers' default). */
  recurrentActivation?: RecurrentActivation;
  /**
   * false (default): reset before the recurrent matmul, as tf.layers. true: reset after it, with
   * a second bias `recurrent_bias` (cuDNN, PyTorch's nn.GRU, tf.keras' default in TensorFlow 2).
   */
  resetAfter?: boolean;
};

/** GRU layer with tf.layers' weights and results, trained through one fused custom gradient. */
export class FastGRU extends FastRNN {
  static className = 'FastGRU';

  /** Reset after the recurrent matmul (cuDNN/PyTorch), with the second bias `recurrent_bias`. */
  readonly resetAfter: boolean;
  private recurrentBiasWeight: tf.LayerVariable | null = null;

  constructor(args: FastGRUArgs) {
    super(FastGRU.withCell(args));
    this.resetAfter = args.resetAfter === true;
    if (this.resetAfter) {
      // tf.layers' GRUCell computes the reset-before step; the fused loop replaces it, and nothing
      // else may step this cell.
      (this.cell as unknown as { call: () => never }).call = () => {
        throw new Error('FastGRU (resetAfter: true): the cell is stepped only by the fused layer');
      };
    }
  }

  private static withCell(args: FastGRUArgs): tf.RNNLayerArgs {
    checkFastOptions('fastGru', 'tf.layers.gru', args as Record<string, unknown>, true);
    if (args.resetAfter !== undefined && typeof args.resetAfter !== 'boolean') {
      throw new Error(`fastGru: resetAfter must be true or false, got ${JSON.stringify(args.resetAfter)}`);
    }
    const { resetAfter: _ignored, ...rest } = args;
    const full = { recurrentActivation: 'sigmoid', ...rest } as tf.GRULayerArgs;
    return { ...full, cell: tf.layers.gruCell(full as tf.GRUCellLayerArgs) } as tf.RNNLayerArgs;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    super.build(inputShape);
    const cell = this.cell as unknown as GruCellInternals;
    if (this.resetAfter && cell.useBias && this.recurrentBiasWeight === null) {
      // The second bias bʰ [3*hiddenSize], after kernel, recurrent_kernel and bias (same
      // initializer, regularizer and constraint as the bias).
      this.recurrentBiasWeight = cell.addWeight(
        'recurrent_bias', [3 * cell.units], 'float32', cell.biasInitializer, cell.biasRegularizer, true, cell.biasConstraint,
      );
    }
  }

  protected recurrentBias(): tf.Tensor1D | null {
    return this.recurrentBiasWeight === null ? null : (this.recurrentBiasWeight.read() as tf.Tensor1D);
  }

  protected fusedCell(kind: RecurrentActivation): FusedCell<unknown> {
    return (this.resetAfter ? gruResetAfterFusedCell(kind) : gruFusedCell(kind)) as FusedCell<unknown>;
  }

  getConfig(): tf.serialization.ConfigDict {
    const config = super.getConfig();
    return this.resetAfter ? { ...config, resetAfter: true } : config;
  }
}

/** What FastGRU.build reads of tf.layers' GRUCell (its fields are not in tfjs' public types). */
interface GruCellInternals {
  units: number;
  useBias: boolean;
  biasInitializer: unknown;
  biasRegularizer: unknown;
  biasConstraint: unknown;
  addWeight(name: string, shape: number[], dtype: string, initializer: unknown, regularizer: unknown, trainable: boolean, constraint: unknown): tf.LayerVariable;
}
tf.serialization.registerClass(FastGRU);

/** A fast GRU layer: `fastGru({ units: 128, returnSequences: true })`. */
export function fastGru(args: FastGRUArgs): FastGRU {
  return new FastGRU(args);
}
