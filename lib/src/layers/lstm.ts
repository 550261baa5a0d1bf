/**
 * Fast LSTM layer: tf.layers' LSTM, trained through one fused custom gradient.
 *
 * Equations (row vectors, tf.layers gate order i, f, c, o; chapter "LSTM"):
 *   [z_i | z_f | z_c | z_o] = x_t W + h_{t-1} U + b          // [batch, 4*hiddenSize]
 *   i = σ(z_i), f = σ(z_f), o = σ(z_o), cTilde = tanh(z_c)    // σ: recurrentActivation
 *   c_t = f ⊙ c_{t-1} + i ⊙ cTilde
 *   h_t = o ⊙ tanh(c_t)
 * Backward, given dh = ∂L/∂h_t and dc = ∂L/∂c_t (from step t+1):
 *   dO = dh ⊙ tanh(c_t);   dC = dc + dh ⊙ o ⊙ (1 − tanh²(c_t))
 *   dI = dC ⊙ cTilde;  dF = dC ⊙ c_{t-1};  dCTilde = dC ⊙ i;  ∂L/∂c_{t-1} = dC ⊙ f
 *   dZ = [dI σ'(z_i) | dF σ'(z_f) | dCTilde (1 − cTilde²) | dO σ'(z_o)]
 *   ∂L/∂h_{t-1} = dZ Uᵀ;  dU += h_{t-1}ᵀ dZ (accumulated after the loop, sequence.ts)
 * Weights: kernel W [inputSize, 4*hiddenSize], recurrentKernel U [hiddenSize, 4*hiddenSize],
 * bias b [4*hiddenSize]. The recurrent activation defaults to the logistic sigmoid (the course's
 * convention); `recurrentActivation: 'hardSigmoid'` gives tf.layers' default.
 */
import * as tf from '@tensorflow/tfjs';
import { FastRNN, checkFastOptions } from './base';
import { RecurrentActivation, gate, gateGrad, splitCols, tanh, tanhGradFromOutput } from './ops';
import { FusedCell } from './sequence';

interface LstmPrepared {
  U: tf.Tensor2D; // [hiddenSize, 4*hiddenSize] (forward)
  UT: tf.Tensor2D | null; // [4*hiddenSize, hiddenSize] (backward)
  dScale: tf.Tensor1D | null; // [4*hiddenSize]: 1, 1, 2, 1 per block (backward, sigmoid gates)
}

/**
 * The LSTM step, forward and backward, for the fused loop.
 *
 * With sigmoid gates the loop runs on z' = [z_i | z_f | 2 z_c | z_o] (`columnScale`), so a single
 * σ over [batch, 4H] gives all four blocks: i, f, o = σ(z'), cTilde = 2 σ(2 z_c) − 1 = tanh(z_c);
 * in the backward pass d/dz' = σ'(z') for i, f, o and 2 σ'(z'_c) for the candidate. With hard
 * sigmoid gates the blocks are activated one by one.
 */
export function lstmFusedCell(kind: RecurrentActivation): FusedCell<LstmPrepared> {
  if (kind === 'hardSigmoid') return lstmHardCell();
  return {
    gates: 4,
    stateCount: 2,
    columnScale: [1, 1, 2, 1],
    simdCell: 'lstm',
    prepare: (U, forBackward) => {
      const H = U.shape[0];
      return {
        U,
        UT: forBackward ? tf.transpose(U) : null,
        dScale: forBackward ? tf.concat([tf.ones([2 * H]), tf.fill([H], 2), tf.ones([H])]).as1D() : null,
      };
    },
    forward: (p, xp, [hPrev, cPrev]) =>
      tf.tidy(() => {
        const H = hPrev.shape[1];
        const s = tf.sigmoid(tf.add(tf.matMul(hPrev, p.U), xp)) as tf.Tensor2D; // σ(z'), [batch, 4H]
        const [i, f, sc, o] = splitCols(s, [H, H, H, H]); // each [batch, H]
        const cTilde = tf.sub(tf.add(sc, sc), 1); // 2σ(2 z_c) − 1 = tanh(z_c)
        const c = tf.add(tf.mul(f, cPrev), tf.mul(i, cTilde)); // [batch, H]
        const tc = tanh(c);
        const h = tf.mul(o, tc);
        return { states: [h, c], cache: [s, i, f, cTilde, o, tc] };
      }),
    backward: (p, cache, [hPrev, cPrev], [dh, dc]) =>
      tf.tidy(() => {
        const [s, i, f, cTilde, o, tc] = cache;
        const dO = tf.mul(dh, tc);
        const dC = tf.add(dc, tf.mul(tf.mul(dh, o), tanhGradFromOutput(tc)));
        const dA = tf.concat([tf.mul(dC, cTilde), tf.mul(dC, cPrev), tf.mul(dC, i), dO], 1); // ∂L/∂[i|f|cTilde|o]
        const dZ = tf.mul(dA, tf.mul(tf.mul(s, tf.sub(1, s)), p.dScale!)); // ∂L/∂z', [batch, 4H]
        const dhPrev = tf.matMul(dZ, p.UT!); // [batch, H]
        const dcPrev = tf.mul(dC, f);
        return { dZ, dStates: [dhPrev, dcPrev], recurrent: [{ input: hPrev, grad: dZ }] };
      }),
  };
}

/** The LSTM step with tf.layers' hard sigmoid gates (no column scaling; blocks one by one). */
function lstmHardCell(): FusedCell<LstmPrepared> {
  const kind: RecurrentActivation = 'hardSigmoid';
  return {
    gates: 4,
    stateCount: 2,
    prepare: (U, forBackward) => ({ U, UT: forBackward ? tf.transpose(U) : null, dScale: null }),
    forward: (p, xp, [hPrev, cPrev]) =>
      tf.tidy(() => {
        const H = hPrev.shape[1];
        const z = tf.add(tf.matMul(hPrev, p.U), xp) as tf.Tensor2D; // [batch, 4H]
        const [zi, zf, zc, zo] = splitCols(z, [H, H, H, H]); // each [batch, H]
        const i = gate(zi, kind);
        const f = gate(zf, kind);
        const o = gate(zo, kind);
        const cTilde = tanh(zc);
        const c = tf.add(tf.mul(f, cPrev), tf.mul(i, cTilde)); // [batch, H]
        const tc = tanh(c);
        const h = tf.mul(o, tc);
        return { states: [h, c], cache: [i, f, cTilde, o, tc, zi, zf, zo] };
      }),
    backward: (p, cache, [hPrev, cPrev], [dh, dc]) =>
      tf.tidy(() => {
        const [i, f, cTilde, o, tc, zi, zf, zo] = cache;
        const dO = tf.mul(dh, tc);
        const dC = tf.add(dc, tf.mul(tf.mul(dh, o), tanhGradFromOutput(tc)));
        const dZ = tf.concat(
          [
            tf.mul(tf.mul(dC, cTilde), gateGrad(i, zi, kind)),
            tf.mul(tf.mul(dC, cPrev), gateGrad(f, zf, kind)),
            tf.mul(tf.mul(dC, i), tanhGradFromOutput(cTilde)),
            tf.mul(dO, gateGrad(o, zo, kind)),
          ],
          1,
        ); // [batch, 4H]
        const dhPrev = tf.matMul(dZ, p.UT!); // [batch, H]
        const dcPrev = tf.mul(dC, f);
        return { dZ, dStates: [dhPrev, dcPrev], recurrent: [{ input: hPrev, grad: dZ }] };
      }),
  };
}

/** Options of `fastLstm`: those of `tf.layers.lstm`, minus dropout; sigmoid gates by default. */
export type FastLSTMArgs = Omit<tf.LSTMLayerArgs, 'cell' | 'activation' | 'recurrentActivation'> & {
  /** Activation of the candidate and of the cell output: 'tanh' only. */
  activation?: 'tanh';
  /** Gate activation: 'sigmoid' (default, the course's convention) or 'hardSigmoid' (tf.layers' default). */
  recurrentActivation?: RecurrentActivation;
};

/** LSTM layer with tf.layers' weights and results, trained through one fused custom gradient. */
export class FastLSTM extends FastRNN {
  static className = 'FastLSTM';

  constructor(args: FastLSTMArgs) {
    super(FastLSTM.withCell(args));
  }

  private static withCell(args: FastLSTMArgs): tf.RNNLayerArgs {
    checkFastOptions('fastLstm', 'tf.layers.lstm', args as Record<string, unknown>, true);
    const full = { recurrentActivation: 'sigmoid', ...args } as tf.LSTMLayerArgs;
    return { ...full, cell: tf.layers.lstmCell(full as tf.LSTMCellLayerArgs) } as tf.RNNLayerArgs;
  }

  protected fusedCell(kind: RecurrentActivation): FusedCell<unknown> {
    return lstmFusedCell(kind) as FusedCell<unknown>;
  }
}
tf.serialization.registerClass(FastLSTM);

/** A fast LSTM layer: `tf.sequential({ layers: [fastLstm({ units: 128, inputShape: [40, 65] }), ...] })`. */
export function fastLstm(args: FastLSTMArgs): FastLSTM {
  return new FastLSTM(args);
}
