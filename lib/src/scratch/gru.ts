/**
 * GRU cell: one step forward and its backward step, side by side, in both reset conventions.
 * Theory and symbols: theory/03_gru_architecture.md (Section 2 the step, Section 7 the backward pass).
 *
 * Gate order in the stacked weights: z, r, h (tf.layers; PyTorch's order is r, z, n, see layout.ts).
 *   z_t = σ(a^z),  a^z = x_t W_z + h_{t-1} U_z + b_z           update gate
 *   r_t = σ(a^r),  a^r = x_t W_r + h_{t-1} U_r + b_r           reset gate
 * reset before the recurrent matmul (Cho et al. 2014, tf.layers.gru), `resetAfter: false`:
 *   q_t = r_t ⊙ h_{t-1},   a^h = x_t W_h + q_t U_h + b_h
 * reset after it (cuDNN, PyTorch; the default of tf.keras in TensorFlow 2 and of Keras 3, while
 * standalone Keras 2 defaulted to reset before), `resetAfter: true`, second bias bʰ:
 *   a^z, a^r as above plus bʰ_z, bʰ_r;   s_t = h_{t-1} U_h + bʰ_h,   a^h = x_t W_h + b_h + r_t ⊙ s_t
 * then, in both:
 *   h̃_t = tanh(a^h)                                            candidate (`hTilde`)
 *   h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ h̃_t                     blend (tf.layers, d2l; some tutorials swap z and 1 − z)
 * σ is the logistic sigmoid (tf.layers defaults to hardSigmoid: pass recurrentActivation: 'sigmoid'
 * to match). A step is reset-after exactly when `params.recurrentBias` is present.
 * Shapes: W [inputSize, 3H], U [H, 3H], b, bʰ [3H]; x_t [batch, inputSize]; h [batch, H].
 *
 * Backward, with dh = ∂L/∂h_t:
 *   dz = dh ⊙ (h_{t-1} − h̃),  dh̃ = dh ⊙ (1 − z),  dh_{t-1} ← dh ⊙ z
 *   da^h = dh̃ ⊙ (1 − h̃²),  da^z = dz ⊙ z(1 − z)
 *   reset before: dq = da^h U_hᵀ,  dr = dq ⊙ h_{t-1},  dh_{t-1} += dq ⊙ r,  da^r = dr ⊙ r(1 − r)
 *                 dU_h += qᵀ da^h,  dU_zr += h_{t-1}ᵀ [da^z da^r],  dh_{t-1} += [da^z da^r] U_zrᵀ
 *   reset after:  dr = da^h ⊙ s,  ds = da^h ⊙ r,  da^r = dr ⊙ r(1 − r),  g = [da^z da^r ds]
 *                 dU += h_{t-1}ᵀ g,  dbʰ += Σ_batch g,  dh_{t-1} += g Uᵀ
 *   input side (both): da = [da^z da^r da^h]:  dW += x_tᵀ da,  db += Σ_batch da,  dx_t = da Wᵀ
 *
 * This is the readable version; the loop over time (forwardSequence / backwardSequence) runs the
 * same maths on the fast path (scratch/fast/), and the tests check that both agree.
 */
import {
  Mat, add, addInPlace, addRowVector, columns, concatColumns, mapMat, matmul, mul, sigmoid, sub, sumRows, tanh, transpose,
} from './mat';
import type { CellParams } from './types';

interface GruCacheBase {
  x: Mat;       // x_t [batch, inputSize]
  hPrev: Mat;   // h_{t-1} [batch, H]
  z: Mat;       // update gate
  r: Mat;       // reset gate
  hTilde: Mat;  // candidate h̃_t
  h: Mat;       // h_t
  gates: Mat;   // [batch, 3H]: z | r | h̃ side by side, as tf.layers stacks them
}

/** What the forward step keeps for its backward step; the convention decides the reset's term. */
export type GruCache =
  | (GruCacheBase & { resetAfter: false; q: Mat })   // q_t = r_t ⊙ h_{t-1}
  | (GruCacheBase & { resetAfter: true; s: Mat });   // s_t = h_{t-1} U_h + bʰ_h

/** The gradients a backward step sends on: to the previous step and to the input. */
export interface GruStepGrads {
  dhPrev: Mat;  // ∂L/∂h_{t-1} [batch, H]
  dx: Mat;      // ∂L/∂x_t     [batch, inputSize]
}

const oneMinusSquare = (v: number) => 1 - v * v;        // tanh' from tanh
const sigmoidSlope = (v: number) => v * (1 - v);        // σ' from σ
const oneMinus = (v: number) => 1 - v;

/** One forward step (reset after iff `params.recurrentBias` is set). */
export function gruStep(params: CellParams, x: Mat, hPrev: Mat): GruCache {
  const { kernel: W, recurrentKernel: U, bias: b, recurrentBias: bh } = params;
  const H = U.rows;
  const xW = addRowVector(matmul(x, W), b);                          // x_t W + b, all three blocks [batch, 3H]
  if (bh) {
    const hU = addRowVector(matmul(hPrev, U), bh);                   // h_{t-1} U + bʰ, all three blocks
    const z = sigmoid(add(columns(xW, 0, H), columns(hU, 0, H)));
    const r = sigmoid(add(columns(xW, H, 2 * H), columns(hU, H, 2 * H)));
    const s = columns(hU, 2 * H, 3 * H);                             // h_{t-1} U_h + bʰ_h
    const hTilde = tanh(add(columns(xW, 2 * H, 3 * H), mul(r, s)));   // a^h = x W_h + b_h + r ⊙ s
    const h = blend(z, hPrev, hTilde);
    return { x, hPrev, z, r, hTilde, h, gates: concatColumns([z, r, hTilde]), resetAfter: true, s };
  }
  const aZR = add(columns(xW, 0, 2 * H), matmul(hPrev, columns(U, 0, 2 * H)));  // [a^z a^r]
  const z = sigmoid(columns(aZR, 0, H));
  const r = sigmoid(columns(aZR, H, 2 * H));
  const q = mul(r, hPrev);                                            // r_t ⊙ h_{t-1}
  const hTilde = tanh(add(columns(xW, 2 * H, 3 * H), matmul(q, columns(U, 2 * H, 3 * H))));
  const h = blend(z, hPrev, hTilde);
  return { x, hPrev, z, r, hTilde, h, gates: concatColumns([z, r, hTilde]), resetAfter: false, q };
}

/** h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃ */
function blend(z: Mat, hPrev: Mat, hTilde: Mat): Mat {
  return add(mul(z, hPrev), mul(mapMat(z, oneMinus), hTilde));
}

/**
 * One backward step. `dh` is the total ∂L/∂h_t. Adds this step's share to `grads` (same shapes
 * as `params`, including `grads.recurrentBias` for reset-after).
 */
export function gruStepBackward(params: CellParams, cache: GruCache, dh: Mat, grads: CellParams): GruStepGrads {
  const { kernel: W, recurrentKernel: U } = params;
  const H = U.rows;
  const { x, hPrev, z, r, hTilde } = cache;
  const dz = mul(dh, sub(hPrev, hTilde));
  const dHTilde = mul(dh, mapMat(z, oneMinus));
  let dhPrev = mul(dh, z);                                           // the direct (update-gate) path
  const daH = mul(dHTilde, mapMat(hTilde, oneMinusSquare));
  const daZ = mul(dz, mapMat(z, sigmoidSlope));
  let daR: Mat;
  if (cache.resetAfter) {
    const dr = mul(daH, cache.s);
    const ds = mul(daH, r);
    daR = mul(dr, mapMat(r, sigmoidSlope));
    const g = concatColumns([daZ, daR, ds]);                         // the recurrent side's gradient [batch, 3H]
    addInPlace(grads.recurrentKernel.data, matmul(transpose(hPrev), g).data);  // dU += h_{t-1}ᵀ g
    if (!grads.recurrentBias) {
      throw new Error('gruStepBackward: grads.recurrentBias is missing (a reset-after GRU has a second bias); make the gradients with zerosLike(params)');
    }
    addInPlace(grads.recurrentBias, sumRows(g));                     // dbʰ += Σ_batch g
    dhPrev = add(dhPrev, matmul(g, transpose(U)));                   // += g Uᵀ
  } else {
    const Uzr = columns(U, 0, 2 * H), Uh = columns(U, 2 * H, 3 * H);
    const dq = matmul(daH, transpose(Uh));
    const dr = mul(dq, hPrev);
    dhPrev = add(dhPrev, mul(dq, r));
    daR = mul(dr, mapMat(r, sigmoidSlope));
    const daZR = concatColumns([daZ, daR]);
    const dUzr = matmul(transpose(hPrev), daZR);                     // h_{t-1}ᵀ [da^z da^r]
    const dUh = matmul(transpose(cache.q), daH);                     // qᵀ da^h
    addInPlace(grads.recurrentKernel.data, concatColumns([dUzr, dUh]).data);
    dhPrev = add(dhPrev, matmul(daZR, transpose(Uzr)));              // += [da^z da^r] U_zrᵀ
  }
  const da = concatColumns([daZ, daR, daH]);                         // the input side's gradient [batch, 3H]
  addInPlace(grads.kernel.data, matmul(transpose(x), da).data);       // dW += xᵀ da
  addInPlace(grads.bias, sumRows(da));                               // db += Σ_batch da
  return { dhPrev, dx: matmul(da, transpose(W)) };
}
