/**
 * The vanishing gradient made visible: ‖∂ℓ_T/∂h_{T−m}‖₂ against the lag m.
 * Theory: theory/04_comparing_rnn_lstm_gru.md, Section 5.
 *
 * The loss ℓ_T sits on the final state only; its gradient ∂ℓ_T/∂h_T (and ∂ℓ_T/∂c_T for the LSTM)
 * is given. Walking back through the steps, exactly as BPTT does (`cellStepBackward`),
 *   ∂ℓ_T/∂h_{t−1} = (∂ℓ_T/∂h_t) · ∂h_t/∂h_{t−1}        (for the LSTM, through h and c together)
 * and we record the norm of the running gradient at every step instead of only the last one
 * (`backwardSequence` returns only ∂ℓ_T/∂h_0, as `dh0`).
 *
 *   lag m = 0      ∂ℓ_T/∂h_T      (the given gradient)
 *   lag m = T      ∂ℓ_T/∂h_0      (equals `backwardSequence(...).dh0`)
 *
 * Each norm is taken per example (one row of `[batch, hiddenSize]`) and averaged over the batch.
 */
import { Mat, mat, ctorOf, dtypeOf } from '../scratch/mat';
import { CellConfig, CellParams } from '../scratch/types';
import type { StepInput } from '../scratch/fast/types';
import { zerosLike } from '../scratch/params';
import { cellStepBackward, allocStepGradOut } from '../scratch/fast/cells';
import { ForwardResult, forwardSequence } from '../scratch/fast/sequence';
import { checkShape } from '../scratch/shapes';

export interface GradientNormsResult {
  /** T + 1 values: lag m = 0 … T, the mean over the batch of ‖∂ℓ_T/∂h_{T−m}‖₂. */
  h: number[];
  /** LSTM only: the same for the cell state, ‖∂ℓ_T/∂c_{T−m}‖₂. */
  c?: number[];
}

/** Mean over rows of the Euclidean norm of each row. */
export function meanRowNorm(m: Mat): number {
  let total = 0;
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let j = 0; j < m.cols; j++) { const v = m.data[r * m.cols + j]; s += v * v; }
    total += Math.sqrt(s);
  }
  return total / m.rows;
}

/**
 * Gradient norms against the lag for a forward pass `fwd` (from `forwardSequence`) and the
 * gradient of the loss with respect to the final state(s).
 */
export function gradientNormsByLag(fwd: ForwardResult, dhFinal: Mat, dcFinal?: Mat): GradientNormsResult {
  const { cfg, caches } = fwd;
  const T = caches.length;
  const B = fwd.h.rows, H = cfg.hiddenSize;
  checkShape(dhFinal, B, H, 'gradientNormsByLag dhFinal');
  const dtype = dtypeOf(fwd.params.kernel.data);
  const C = ctorOf(dtype);
  const lstm = cfg.cell === 'lstm';
  const dh = mat(B, H, C);
  dh.data.set(dhFinal.data);
  const dc = lstm ? mat(B, H, C) : null;
  if (dc && dcFinal) { checkShape(dcFinal, B, H, 'gradientNormsByLag dcFinal'); dc.data.set(dcFinal.data); }
  const grads = zerosLike(fwd.params);           // weight gradients: computed by the step, not used here
  const out = allocStepGradOut(cfg, B, dtype, false);
  out.dx = null;
  const h = [meanRowNorm(dh)];
  const c = dc ? [meanRowNorm(dc)] : undefined;
  for (let t = T - 1; t >= 0; t--) {
    cellStepBackward(cfg, fwd.params, caches[t], dh, dc, grads, out);
    dh.data.set(out.dhPrev.data);
    if (dc) dc.data.set(out.dcPrev!.data);
    h.push(meanRowNorm(dh));
    if (c && dc) c.push(meanRowNorm(dc));
  }
  return c ? { h, c } : { h };
}

/**
 * Convenience: run `forwardSequence(cfg, params, xs)` and `gradientNormsByLag` with a given
 * `dhFinal` (default: every entry 1, i.e. ℓ_T = Σ h_T).
 */
export function gradientNormsForSequence(cfg: CellConfig, params: CellParams, xs: StepInput[], dhFinal?: Mat): GradientNormsResult {
  const fwd = forwardSequence(cfg, params, xs);
  const d = dhFinal ?? mat(fwd.h.rows, cfg.hiddenSize, ctorOf(dtypeOf(params.kernel.data)));
  if (!dhFinal) d.data.fill(1);
  return gradientNormsByLag(fwd, d);
}
