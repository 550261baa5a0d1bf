/**
 * Fast LSTM layer: tf.layers' LSTM, trained through one fused custom gradient.
 *
 * Equations (row vectors, tf.layers gate order i, f, c, o; theory/02_lstm_architecture.md):
 *   a_t = [a^i | a^f | a^c | a^o] = x_t W + h_{t-1} U + b    // pre-activations, [batch, 4*hiddenSize]
 *   i = σ(a^i), f = σ(a^f), o = σ(a^o), cTilde = tanh(a^c)    // σ: recurrentActivation
 *   c_t = f ⊙ c_{t-1} + i ⊙ cTilde
 *   s_t = tanh(c_t),  h_t = o ⊙ s_t
 * Backward, given dh = ∂L/∂h_t and dc = ∂L/∂c_t (from step t+1):
 *   dO = dh ⊙ s_t;   dcHat = dc + dh ⊙ o ⊙ (1 − s_t²)        // the total gradient at c_t
 *   dI = dcHat ⊙ cTilde;  dF = dcHat ⊙ c_{t-1};  dCTilde = dcHat ⊙ i;  ∂L/∂c_{t-1} = dcHat ⊙ f
 *   da = [dI σ'(a^i) | dF σ'(a^f) | dCTilde (1 − cTilde²) | dO σ'(a^o)]
 *   ∂L/∂h_{t-1} = da Uᵀ;  dU += h_{t-1}ᵀ da (accumulated after the loop, sequence.ts)
 * Weights: kernel W [inputSize, 4*hiddenSize], recurrentKernel U [hiddenSize, 4*hiddenSize],
 * bias b [4*hiddenSize].
 *
 * Gate activation: the default is the logistic sigmoid (the course's convention, as in the
 * chapters and the from-scratch cells), while tf.layers.lstm defaults to 'hardSigmoid'. So
 * "drop-in" means: pass the same `recurrentActivation` to both (e.g. 'sigmoid' to tf.layers.lstm,
 * or 'hardSigmoid' to fastLstm) to get the same outputs from the same weights.
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
 * With sigmoid gates the loop runs on a' = [a^i | a^f | 2 a^c | a^o] (`columnScale`), so a single
 * σ over [batch, 4H] gives all four blocks: i, f, o = σ(a'), cTilde = 2 σ(2 a^c) − 1 = tanh(a^c);
 * in the backward pass d/da' = σ'(a') for i, f, o and 2 σ'(a'^c) for the candidate. With hard
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
        const g = tf.sigmoid(tf.add(tf.matMul(hPrev, p.U), xp)) as tf.Tensor2D; // σ(a'), [batch, 4H]
        const [i, f, sc, o] = splitCols(g, [H, H, H, H]); // each [batch, H]
        const cTilde = tf.sub(tf.add(sc, sc), 1); // 2σ(2 a^c) − 1 = tanh(a^c)
        const c = tf.add(tf.mul(f, cPrev), tf.mul(i, cTilde)); // [batch, H]
        const s = tanh(c); // s_t = tanh(c_t)
        const h = tf.mul(o, s);
        return { states: [h, c], cache: [g, i, f, cTilde, o, s] };
      }),
    backward: (p, cache, [hPrev, cPrev], [dh, dc]) =>
      tf.tidy(() => {
        const [g, i, f, cTilde, o, s] = cache;
        const dO = tf.mul(dh, s);
        const dcHat = tf.add(dc, tf.mul(tf.mul(dh, o), tanhGradFromOutput(s)));
        const dGates = tf.concat([tf.mul(dcHat, cTilde), tf.mul(dcHat, cPrev), tf.mul(dcHat, i), dO], 1); // ∂L/∂[i|f|cTilde|o]
        const da = tf.mul(dGates, tf.mul(tf.mul(g, tf.sub(1, g)), p.dScale!)); // ∂L/∂a', [batch, 4H]
        const dhPrev = tf.matMul(da, p.UT!); // [batch, H]
        const dcPrev = tf.mul(dcHat, f);
        return { da, dStates: [dhPrev, dcPrev], recurrent: [{ input: hPrev, grad: da }] };
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
        const a = tf.add(tf.matMul(hPrev, p.U), xp) as tf.Tensor2D; // [batch, 4H]
        const [aI, aF, aC, aO] = splitCols(a, [H, H, H, H]); // each [batch, H]
        const i = gate(aI, kind);
        const f = gate(aF, kind);
        const o = gate(aO, kind);
        const cTilde = tanh(aC);
        const c = tf.add(tf.mul(f, cPrev), tf.mul(i, cTilde)); // [batch, H]
        const s = tanh(c); // s_t = tanh(c_t)
        const h = tf.mul(o, s);
        return { states: [h, c], cache: [i, f, cTilde, o, s, aI, aF, aO] };
      }),
    backward: (p, cache, [hPrev, cPrev], [dh, dc]) =>
      tf.tidy(() => {
        const [i, f, cTilde, o, s, aI, aF, aO] = cache;
        const dO = tf.mul(dh, s);
        const dcHat = tf.add(dc, tf.mul(tf.mul(dh, o), tanhGradFromOutput(s)));
        const da = tf.concat(
          [
            tf.mul(tf.mul(dcHat, cTilde), gateGrad(i, aI, kind)),
            tf.mul(tf.mul(dcHat, cPrev), gateGrad(f, aF, kind)),
            tf.mul(tf.mul(dcHat, i), tanhGradFromOutput(cTilde)),
            tf.mul(dO, gateGrad(o, aO, kind)),
          ],
          1,
        ); // [batch, 4H]
        const dhPrev = tf.matMul(da, p.UT!); // [batch, H]
        const dcPrev = tf.mul(dcHat, f);
        return { da, dStates: [dhPrev, dcPrev], recurrent: [{ input: hPrev, grad: da }] };
      }),
  };
}

/**
 * Options of `fastLstm`: those of `tf.layers.lstm`, minus dropout. The gates default to 'sigmoid'
 * (tf.layers.lstm defaults to 'hardSigmoid': pass `recurrentActivation` to match one to the other).
 */
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
