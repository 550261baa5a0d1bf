/**
 * Bidirectional wrapper (tf.layers.bidirectional, mergeMode 'concat'): a forward layer reads
 * x_1..x_T, a backward layer reads x_T..x_1, and output t is [h→_t, h←_t] of shape
 * [batch, 2H], with h←_t the backward layer's state after it has read x_T..x_t.
 * Both layers share the config; each has its own weights.
 * Theory: theory/05_advanced_architectures.md.
 */
import { FloatArrayConstructor, Mat, mat } from './mat';
import { checkShape } from './shapes';
import { CellConfig, CellParams } from './types';
import type { StepInput } from './fast/types';
import { BackwardResult, ForwardResult, InitialState, backwardSequence, forwardSequence } from './fast/sequence';

export interface BidirectionalParams {
  forward: CellParams;
  backward: CellParams;
}

export interface BidirectionalForwardResult {
  forward: ForwardResult;
  backward: ForwardResult;  // its hs are in reversed time order (step 0 read x_T)
  hs: Mat[];                // seqLen × [batch, 2H], concat [forward, backward] aligned in time
}

export function forwardBidirectional(
  cfg: CellConfig, params: BidirectionalParams, xs: StepInput[],
  init: { forward?: InitialState; backward?: InitialState } = {},
): BidirectionalForwardResult {
  const f = forwardSequence(cfg, params.forward, xs, init.forward ?? {});
  const b = forwardSequence(cfg, params.backward, xs.slice().reverse(), init.backward ?? {});
  const T = xs.length, H = cfg.hiddenSize, B = f.h.rows;
  const C = f.h.data.constructor as FloatArrayConstructor;
  const hs: Mat[] = [];
  for (let t = 0; t < T; t++) {
    const m = mat(B, 2 * H, C);
    const hf = f.hs[t].data, hb = b.hs[T - 1 - t].data;
    for (let r = 0; r < B; r++) {
      m.data.set(hf.subarray(r * H, (r + 1) * H), r * 2 * H);
      m.data.set(hb.subarray(r * H, (r + 1) * H), r * 2 * H + H);
    }
    hs.push(m);
  }
  return { forward: f, backward: b, hs };
}

export interface BidirectionalBackwardResult {
  forward: BackwardResult;
  backward: BackwardResult;
  dxs: Mat[] | null;        // ∂L/∂x_t, summed over both directions
}

/** BPTT for both directions; `dhs[t]` is ∂L/∂(output t) of shape [batch, 2H]. */
export function backwardBidirectional(
  bi: BidirectionalForwardResult, dhs: (Mat | null)[],
  opts: { dhFinal?: { forward?: Mat; backward?: Mat }; dcFinal?: { forward?: Mat; backward?: Mat } } = {},
): BidirectionalBackwardResult {
  const T = bi.hs.length, H = bi.forward.cfg.hiddenSize, B = bi.forward.h.rows;
  if (dhs.length !== T) throw new Error(`bidirectional dhs: expected ${T} steps, got ${dhs.length}`);
  const C = bi.forward.h.data.constructor as FloatArrayConstructor;
  const dF: (Mat | null)[] = [], dB: (Mat | null)[] = new Array(T).fill(null);
  for (let t = 0; t < T; t++) {
    const d = dhs[t];
    if (!d) { dF.push(null); continue; }
    checkShape(d, B, 2 * H, `bidirectional dhs[${t}]`);
    const f = mat(B, H, C), b = mat(B, H, C);
    for (let r = 0; r < B; r++) {
      f.data.set(d.data.subarray(r * 2 * H, r * 2 * H + H), r * H);
      b.data.set(d.data.subarray(r * 2 * H + H, (r + 1) * 2 * H), r * H);
    }
    dF.push(f);
    dB[T - 1 - t] = b;
  }
  const rf = backwardSequence(bi.forward, dF, { dhFinal: opts.dhFinal?.forward, dcFinal: opts.dcFinal?.forward });
  const rb = backwardSequence(bi.backward, dB, { dhFinal: opts.dhFinal?.backward, dcFinal: opts.dcFinal?.backward });
  let dxs: Mat[] | null = null;
  if (rf.dxs && rb.dxs) {
    dxs = rf.dxs.map((m, t) => {
      const s = mat(m.rows, m.cols, C);
      const a = m.data, b = rb.dxs![T - 1 - t].data;
      for (let i = 0; i < s.data.length; i++) s.data[i] = a[i] + b[i];
      return s;
    });
  }
  return { forward: rf, backward: rb, dxs };
}
