/**
 * LSTM cell: one step forward and its backward step, side by side.
 * Theory and symbols: theory/02_lstm_architecture.md (Section 2 the step, Section 5 the backward pass).
 *
 * Gate order in the stacked weights: i, f, c, o (tf.layers; PyTorch's i, f, g, o is the same order).
 *   a_t = x_t W + h_{t-1} U + b = [ a^i | a^f | a^c | a^o ]     pre-activations, 4 blocks of H
 *   i_t = σ(a^i)            input gate
 *   f_t = σ(a^f)            forget gate
 *   c̃_t = tanh(a^c)         cell candidate (`cTilde`)
 *   o_t = σ(a^o)            output gate
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
 *   s_t = tanh(c_t)
 *   h_t = o_t ⊙ s_t
 * σ is the logistic sigmoid (tf.layers defaults to hardSigmoid: pass recurrentActivation: 'sigmoid'
 * to match). Shapes: W [inputSize, 4H], U [H, 4H], b [4H]; x_t [batch, inputSize]; h, c [batch, H].
 *
 * Backward, with dh = ∂L/∂h_t and dc = ∂L/∂c_t arriving from step t+1 (dc^next in the chapter):
 *   do = dh ⊙ s_t,   dĉ = dc + dh ⊙ o_t ⊙ (1 − s_t²)                     total gradient at c_t
 *   di = dĉ ⊙ c̃_t,   df = dĉ ⊙ c_{t-1},   dc̃ = dĉ ⊙ i_t,   dc_{t-1} = dĉ ⊙ f_t   (the carousel)
 *   da^i = di ⊙ i(1−i),  da^f = df ⊙ f(1−f),  da^c = dc̃ ⊙ (1−c̃²),  da^o = do ⊙ o(1−o)
 *   da = [da^i | da^f | da^c | da^o]:  dW += x_tᵀ da,  dU += h_{t-1}ᵀ da,  db += Σ_batch da,
 *   dh_{t-1} = da Uᵀ,  dx_t = da Wᵀ
 *
 * This is the readable version; the loop over time (forwardSequence / backwardSequence) runs the
 * same maths on the fast path (scratch/fast/), and the tests check that both agree.
 */
import {
  Mat, add, addInPlace, addRowVector, columns, concatColumns, mapMat, matmul, mul, sigmoid, sumRows, tanh, transpose,
} from './mat';
import type { CellParams } from './types';

/** What the forward step keeps for its backward step. All [batch, H] except x. */
export interface LstmCache {
  x: Mat;       // x_t [batch, inputSize]
  hPrev: Mat;   // h_{t-1}
  cPrev: Mat;   // c_{t-1}
  i: Mat;       // input gate
  f: Mat;       // forget gate
  cTilde: Mat;  // cell candidate c̃_t
  o: Mat;       // output gate
  c: Mat;       // c_t
  s: Mat;       // s_t = tanh(c_t)
  h: Mat;       // h_t
  gates: Mat;   // [batch, 4H]: i | f | c̃ | o side by side, as tf.layers stacks them
}

/** The gradients a backward step sends on: to the previous step and to the input. */
export interface LstmStepGrads {
  dhPrev: Mat;  // ∂L/∂h_{t-1} [batch, H]
  dcPrev: Mat;  // ∂L/∂c_{t-1} [batch, H]
  dx: Mat;      // ∂L/∂x_t     [batch, inputSize]
}

const oneMinusSquare = (v: number) => 1 - v * v;        // tanh' from tanh
const sigmoidSlope = (v: number) => v * (1 - v);        // σ' from σ

/** One forward step from (h_{t-1}, c_{t-1}). */
export function lstmStep(params: CellParams, x: Mat, hPrev: Mat, cPrev: Mat): LstmCache {
  const { kernel: W, recurrentKernel: U, bias: b } = params;
  const H = U.rows;
  const a = addRowVector(add(matmul(x, W), matmul(hPrev, U)), b);  // [batch, 4H]
  const i = sigmoid(columns(a, 0, H));
  const f = sigmoid(columns(a, H, 2 * H));
  const cTilde = tanh(columns(a, 2 * H, 3 * H));
  const o = sigmoid(columns(a, 3 * H, 4 * H));
  const c = add(mul(f, cPrev), mul(i, cTilde));
  const s = tanh(c);
  const h = mul(o, s);
  return { x, hPrev, cPrev, i, f, cTilde, o, c, s, h, gates: concatColumns([i, f, cTilde, o]) };
}

/**
 * One backward step. `dh`, `dc` are the total gradients w.r.t. h_t and c_t (`dc` null: zero,
 * as after the last step). Adds this step's share to `grads` (same shapes as `params`).
 */
export function lstmStepBackward(params: CellParams, cache: LstmCache, dh: Mat, dc: Mat | null, grads: CellParams): LstmStepGrads {
  const { kernel: W, recurrentKernel: U } = params;
  const { x, hPrev, cPrev, i, f, cTilde, o, s } = cache;
  const dO = mul(dh, s);
  const dhThroughS = mul(mul(dh, o), mapMat(s, oneMinusSquare));
  const dcHat = dc ? add(dc, dhThroughS) : dhThroughS;           // total gradient at c_t
  const dI = mul(dcHat, cTilde);
  const dF = mul(dcHat, cPrev);
  const dCTilde = mul(dcHat, i);
  const dcPrev = mul(dcHat, f);                                  // the constant error carousel
  const da = concatColumns([
    mul(dI, mapMat(i, sigmoidSlope)),                            // da^i
    mul(dF, mapMat(f, sigmoidSlope)),                            // da^f
    mul(dCTilde, mapMat(cTilde, oneMinusSquare)),                // da^c
    mul(dO, mapMat(o, sigmoidSlope)),                            // da^o
  ]);                                                            // [batch, 4H]
  addInPlace(grads.kernel.data, matmul(transpose(x), da).data);           // dW += xᵀ da
  addInPlace(grads.recurrentKernel.data, matmul(transpose(hPrev), da).data); // dU += h_{t-1}ᵀ da
  addInPlace(grads.bias, sumRows(da));                                    // db += Σ_batch da
  return {
    dhPrev: matmul(da, transpose(U)),                            // da Uᵀ
    dcPrev,
    dx: matmul(da, transpose(W)),                                // da Wᵀ
  };
}
