/**
 * The fast path's LSTM step (the readable one is ../lstm.ts): the same maths on stacked buffers with
 * offsets and strides, preallocated caches and the SIMD products, run by the sequence engine.
 * Theory and symbols: theory/02_lstm_architecture.md.
 *
 * Gate order in the stacked weights: i, f, c, o (tf.layers; PyTorch's i, f, g, o is the same order).
 *   i_t = σ(x_t W_i + h_{t-1} U_i + b_i)           input gate
 *   f_t = σ(x_t W_f + h_{t-1} U_f + b_f)           forget gate
 *   c̃_t = tanh(x_t W_c + h_{t-1} U_c + b_c)        cell candidate (`cTilde`)
 *   o_t = σ(x_t W_o + h_{t-1} U_o + b_o)           output gate
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
 *   h_t = o_t ⊙ tanh(c_t)
 * σ is the logistic sigmoid (tf.layers defaults to hardSigmoid: parity tests set 'sigmoid').
 * Shapes: W [inputSize, 4H], U [H, 4H], b [4H]; gates [batch, 4H] hold i | f | c̃ | o.
 *
 * Backward, with dh = ∂L/∂h_t and dc = ∂L/∂c_t arriving from step t+1:
 *   do = dh ⊙ tanh(c_t)
 *   dcₜ = dc + dh ⊙ o_t ⊙ (1 − tanh²(c_t))
 *   di = dcₜ ⊙ c̃_t,  df = dcₜ ⊙ c_{t-1},  dc̃ = dcₜ ⊙ i_t,  dc_{t-1} = dcₜ ⊙ f_t
 *   pre-activations: da_i = di i(1−i), da_f = df f(1−f), da_c = dc̃ (1−c̃²), da_o = do o(1−o)
 *   dW += xᵀ da, dU += h_{t-1}ᵀ da, db += Σ_batch da, dh_{t-1} = da Uᵀ, dx = da Wᵀ
 */
import { FloatArrayConstructor, Mat, mat } from '../mat';
import { gemmNN, gemmTN, gemmWT } from './gemm';
import { sigmoidRows, tanhInPlace, tanhRows } from './simd';
import { inputProjection, inputProjectionBackward } from './affine';
import type { CellParams } from '../types';
import { CellParamsT, StepCache, StepGradOut, StepInput, batchOf } from './types';

/** One forward step. Pass `cache` to reuse its buffers (no allocation). */
export function lstmStep(params: CellParams, x: StepInput, hPrev: Mat, cPrev: Mat, cache?: StepCache): StepCache {
  const H = params.recurrentKernel.rows;
  const G = 4 * H;
  const batch = batchOf(x);
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  const out: StepCache = cache ?? {
    x, hPrev, cPrev, gates: mat(batch, G, C), h: mat(batch, H, C), c: mat(batch, H, C), aux: mat(batch, H, C),
  };
  out.x = x;
  out.hPrev = hPrev;
  out.cPrev = cPrev;
  const g = out.gates.data; // [batch, 4H]
  inputProjection(x, params.kernel, params.bias, out.gates);                               // x W + b
  gemmNN(batch, G, H, hPrev.data, 0, H, params.recurrentKernel.data, 0, G, g, 0, G);       // + hPrev U
  const cp = cPrev.data, c = out.c!.data, tc = out.aux!.data, h = out.h.data;
  sigmoidRows(g, 0, batch, G, 2 * H);      // i, f
  tanhRows(g, 2 * H, batch, G, H);         // c̃
  sigmoidRows(g, 3 * H, batch, G, H);      // o
  for (let r = 0; r < batch; r++) {
    const g0 = r * G, s0 = r * H;
    for (let j = 0; j < H; j++) {
      const ct = g[g0 + H + j] * cp[s0 + j] + g[g0 + j] * g[g0 + 2 * H + j];   // f ⊙ cPrev + i ⊙ c̃
      c[s0 + j] = ct;
      tc[s0 + j] = ct;
    }
  }
  tanhInPlace(tc, 0, batch * H);           // tanh(c)
  for (let r = 0; r < batch; r++) {
    const g0 = r * G, s0 = r * H;
    for (let j = 0; j < H; j++) h[s0 + j] = g[g0 + 3 * H + j] * tc[s0 + j];   // o ⊙ tanh(c)
  }
  return out;
}

/**
 * One backward step: accumulates into `grads`, overwrites `out.dhPrev`, `out.dcPrev` (and `out.dx`).
 * `dh`, `dc` are the total gradients w.r.t. h_t and c_t; `dc` may be null (zero).
 */
export function lstmStepBackward(
  params: CellParamsT, cache: StepCache, dh: Mat, dc: Mat | null, grads: CellParams, out?: StepGradOut,
): StepGradOut {
  const H = params.recurrentKernel.rows;
  const G = 4 * H;
  const batch = cache.h.rows;
  const C = params.kernel.data.constructor as FloatArrayConstructor;
  const res: StepGradOut = out ?? { dhPrev: mat(batch, H, C), dcPrev: mat(batch, H, C), dGates: mat(batch, G, C) };
  const g = cache.gates.data, tc = cache.aux!.data, cp = cache.cPrev!.data;
  const dhd = dh.data, dcd = dc ? dc.data : null, da = res.dGates.data, dcp = res.dcPrev!.data;
  for (let r = 0; r < batch; r++) {
    const g0 = r * G, s0 = r * H;
    for (let j = 0; j < H; j++) {
      const i = g[g0 + j], f = g[g0 + H + j], cTilde = g[g0 + 2 * H + j], o = g[g0 + 3 * H + j];
      const s = tc[s0 + j];                    // s_t = tanh(c_t)
      const dhv = dhd[s0 + j];
      const dcHat = (dcd ? dcd[s0 + j] : 0) + dhv * o * (1 - s * s);
      da[g0 + j] = dcHat * cTilde * i * (1 - i);
      da[g0 + H + j] = dcHat * cp[s0 + j] * f * (1 - f);
      da[g0 + 2 * H + j] = dcHat * i * (1 - cTilde * cTilde);
      da[g0 + 3 * H + j] = dhv * s * o * (1 - o);
      dcp[s0 + j] = dcHat * f;
    }
  }
  if (!res.deferRecurrentKernel) gemmTN(H, G, batch, cache.hPrev.data, 0, H, da, 0, G, grads.recurrentKernel.data, 0, G); // dU += hPrevᵀ da
  res.dhPrev.data.fill(0);
  gemmWT(batch, H, G, da, 0, G, params.recurrentKernel, params.recurrentKernelT, 0, res.dhPrev.data, 0, H); // dhPrev = da Uᵀ
  inputProjectionBackward(cache.x, params, res.dGates, grads.kernel, grads.bias, res.dx);
  return res;
}
