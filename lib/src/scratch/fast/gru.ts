/**
 * The fast path's GRU step, both reset conventions (the readable one is ../gru.ts): the same maths on
 * stacked buffers with offsets and strides, preallocated caches and the SIMD products.
 * Theory and symbols: theory/03_gru_architecture.md.
 *
 * Gate order in the stacked weights: z, r, h (tf.layers; PyTorch's order is r, z, n, see layout.ts).
 *   z_t = σ(x_t W_z + h_{t-1} U_z + b_z)                       update gate
 *   r_t = σ(x_t W_r + h_{t-1} U_r + b_r)                       reset gate
 * reset before the recurrent matmul (Cho et al. 2014, tf.layers.gru), `resetAfter: false`:
 *   h̃_t = tanh(x_t W_h + (r_t ⊙ h_{t-1}) U_h + b_h)
 * reset after it (cuDNN, PyTorch; the default of tf.keras in TensorFlow 2 and of Keras 3, while
 * standalone Keras 2 defaulted to reset before), `resetAfter: true`, second bias bʰ:
 *   z_t, r_t as above with + bʰ_z, + bʰ_r added
 *   h̃_t = tanh(x_t W_h + b_h + r_t ⊙ (h_{t-1} U_h + bʰ_h))
 * blend (tf.layers, d2l; some tutorials swap z and 1 − z):
 *   h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ h̃_t
 * σ is the logistic sigmoid; the candidate uses tanh. A step is reset-after exactly when
 * `params.recurrentBias` is present.
 * Shapes: W [inputSize, 3H], U [H, 3H], b, bʰ [3H]; gates [batch, 3H] hold z | r | h̃.
 * The cache's `aux` [batch, H] holds r ⊙ h_{t-1} (reset before) or h_{t-1} U_h + bʰ_h (reset after).
 *
 * Backward, with dh = ∂L/∂h_t:
 *   dz = dh ⊙ (h_{t-1} − h̃),  dh̃ = dh ⊙ (1 − z),  dh_{t-1} = dh ⊙ z + ...
 *   da_h = dh̃ ⊙ (1 − h̃²),  da_z = dz ⊙ z(1 − z),  da_r = dr ⊙ r(1 − r)
 *   reset before: d(r⊙h) = da_h U_hᵀ, dr = d(r⊙h) ⊙ h_{t-1}, dh_{t-1} += d(r⊙h) ⊙ r,
 *                 dU_h += (r⊙h_{t-1})ᵀ da_h, dU_zr += h_{t-1}ᵀ da_zr, dh_{t-1} += da_zr U_zrᵀ
 *   reset after:  dr = da_h ⊙ (h_{t-1} U_h + bʰ_h), recurrent-side gradient
 *                 g = [da_z, da_r, da_h ⊙ r]: dU += h_{t-1}ᵀ g, dbʰ += Σ g, dh_{t-1} += g Uᵀ
 *   input side (both): dW += xᵀ [da_z, da_r, da_h], db += Σ, dx = [...] Wᵀ
 */
import { FloatArrayConstructor, Mat, mat } from '../mat';
import { gemmNN, gemmTN, gemmWT } from './gemm';
import { sigmoidRows, tanhRows } from './simd';
import { inputProjection, inputProjectionBackward } from './affine';
import type { CellParams } from '../types';
import { CellParamsT, StepCache, StepGradOut, StepInput, batchOf } from './types';

/** One forward step (reset-after iff `params.recurrentBias` is set). Pass `cache` to reuse buffers. */
export function gruStep(params: CellParams, x: StepInput, hPrev: Mat, cache?: StepCache): StepCache {
  const H = params.recurrentKernel.rows;
  const G = 3 * H;
  const batch = batchOf(x);
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  const out: StepCache = cache ?? { x, hPrev, gates: mat(batch, G, C), h: mat(batch, H, C), aux: mat(batch, H, C) };
  out.x = x;
  out.hPrev = hPrev;
  const g = out.gates.data, hp = hPrev.data, aux = out.aux!.data, h = out.h.data;
  const U = params.recurrentKernel.data;
  const bh = params.recurrentBias;
  inputProjection(x, params.kernel, params.bias, out.gates);                 // x W + b, all three gates
  gemmNN(batch, 2 * H, H, hp, 0, H, U, 0, G, g, 0, G);                      // z, r: + hPrev U_zr
  if (bh) {
    for (let r = 0; r < batch; r++) {
      const g0 = r * G, s0 = r * H;
      for (let j = 0; j < 2 * H; j++) g[g0 + j] += bh[j];                    // + bʰ_zr
      for (let j = 0; j < H; j++) aux[s0 + j] = bh[2 * H + j];
    }
    gemmNN(batch, H, H, hp, 0, H, U, 2 * H, G, aux, 0, H);                   // aux = hPrev U_h + bʰ_h
  }
  sigmoidRows(g, 0, batch, G, 2 * H);                                        // z, r
  for (let r = 0; r < batch; r++) {
    const g0 = r * G, s0 = r * H;
    for (let j = 0; j < H; j++) {
      const rr = g[g0 + H + j];
      if (bh) g[g0 + 2 * H + j] += rr * aux[s0 + j];                          // reset after
      else aux[s0 + j] = rr * hp[s0 + j];                                     // r ⊙ hPrev
    }
  }
  if (!bh) gemmNN(batch, H, H, aux, 0, H, U, 2 * H, G, g, 2 * H, G);        // + (r ⊙ hPrev) U_h
  tanhRows(g, 2 * H, batch, G, H);                                           // h̃
  for (let r = 0; r < batch; r++) {
    const g0 = r * G, s0 = r * H;
    for (let j = 0; j < H; j++) {
      const z = g[g0 + j];
      h[s0 + j] = z * hp[s0 + j] + (1 - z) * g[g0 + 2 * H + j];
    }
  }
  return out;
}

/**
 * One backward step: accumulates into `grads` (including `grads.recurrentBias` for reset-after),
 * overwrites `out.dhPrev` (and `out.dx`). `dh` is the total gradient w.r.t. h_t.
 */
export function gruStepBackward(
  params: CellParamsT, cache: StepCache, dh: Mat, grads: CellParams, out?: StepGradOut,
): StepGradOut {
  const H = params.recurrentKernel.rows;
  const G = 3 * H;
  const batch = cache.h.rows;
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  const o: StepGradOut = out ?? { dhPrev: mat(batch, H, C), dGates: mat(batch, G, C) };
  const g = cache.gates.data, hp = cache.hPrev.data, aux = cache.aux!.data;
  const d = dh.data, da = o.dGates.data, dhp = o.dhPrev.data;
  const dU = grads.recurrentKernel.data, UT = params.recurrentKernelT;
  const resetAfter = params.recurrentBias !== undefined;
  for (let r = 0; r < batch; r++) {
    const g0 = r * G, s0 = r * H;
    for (let j = 0; j < H; j++) {
      const z = g[g0 + j], hTilde = g[g0 + 2 * H + j];
      const dhv = d[s0 + j];
      da[g0 + j] = dhv * (hp[s0 + j] - hTilde) * z * (1 - z);                 // da_z
      da[g0 + 2 * H + j] = dhv * (1 - z) * (1 - hTilde * hTilde);             // da_h
      dhp[s0 + j] = dhv * z;
    }
  }
  if (!resetAfter) {
    // d(r⊙hPrev) = da_h U_hᵀ, written temporarily into the r block of dGates.
    for (let r = 0; r < batch; r++) da.fill(0, r * G + H, r * G + 2 * H);
    gemmWT(batch, H, H, da, 2 * H, G, params.recurrentKernel, UT, 2 * H, da, H, G);
    for (let r = 0; r < batch; r++) {
      const g0 = r * G, s0 = r * H;
      for (let j = 0; j < H; j++) {
        const rr = g[g0 + H + j];
        const drh = da[g0 + H + j];
        dhp[s0 + j] += drh * rr;
        da[g0 + H + j] = drh * hp[s0 + j] * rr * (1 - rr);                    // da_r
      }
    }
    if (!o.deferRecurrentKernel) {
      gemmTN(H, H, batch, aux, 0, H, da, 2 * H, G, dU, 2 * H, G);             // dU_h += (r⊙hPrev)ᵀ da_h
      gemmTN(H, 2 * H, batch, hp, 0, H, da, 0, G, dU, 0, G);                  // dU_zr += hPrevᵀ da_zr
    }
    gemmWT(batch, H, 2 * H, da, 0, G, params.recurrentKernel, UT, 0, dhp, 0, H); // dhPrev += da_zr U_zrᵀ
    inputProjectionBackward(cache.x, params, o.dGates, grads.kernel, grads.bias, o.dx);
    return o;
  }
  for (let r = 0; r < batch; r++) {
    const g0 = r * G, s0 = r * H;
    for (let j = 0; j < H; j++) {
      const rr = g[g0 + H + j];
      da[g0 + H + j] = da[g0 + 2 * H + j] * aux[s0 + j] * rr * (1 - rr);     // da_r
    }
  }
  // Input side sees [da_z, da_r, da_h] (kept in dGates); the recurrent side sees g = [da_z, da_r, da_h ⊙ r].
  inputProjectionBackward(cache.x, params, o.dGates, grads.kernel, grads.bias, o.dx);
  if (!o.dRecurrent) o.dRecurrent = mat(batch, G, C);
  const dg = o.dRecurrent.data;
  for (let r = 0; r < batch; r++) {
    const g0 = r * G;
    for (let j = 0; j < 2 * H; j++) dg[g0 + j] = da[g0 + j];
    for (let j = 0; j < H; j++) dg[g0 + 2 * H + j] = da[g0 + 2 * H + j] * g[g0 + H + j];
  }
  const dbh = grads.recurrentBias!;
  for (let r = 0; r < batch; r++) {
    const g0 = r * G;
    for (let j = 0; j < G; j++) dbh[j] += dg[g0 + j];
  }
  gemmTN(H, G, batch, hp, 0, H, dg, 0, G, dU, 0, G);                         // dU += hPrevᵀ g
  gemmWT(batch, H, G, dg, 0, G, params.recurrentKernel, UT, 0, dhp, 0, H);   // dhPrev += g Uᵀ
  return o;
}
