/**
 * Stacked recurrent layers: layer l reads the hidden states of layer l−1 as its inputs
 * (tf.layers: a model of `rnn` layers with `returnSequences: true`). Backward runs BPTT on the
 * top layer first and feeds its input gradients to the layer below as `dhs`.
 * Theory: theory/05_advanced_architectures.md.
 */
import type { Mat } from './mat';
import { CellConfig, CellParams } from './types';
import type { StepInput } from './fast/types';
import { BackwardResult, ForwardResult, InitialState, SequenceWorkspace, backwardSequence, forwardSequence } from './fast/sequence';

export interface StackLayer {
  cfg: CellConfig;
  params: CellParams;
}

export interface StackForwardResult {
  layers: ForwardResult[];  // per layer, bottom first
  hs: Mat[];                // top layer's hidden states, seqLen × [batch, H_top]
}

/** Checks that layer l's inputSize equals layer l−1's hiddenSize. */
export function checkStack(layers: StackLayer[]): void {
  if (layers.length === 0) throw new Error('stack: expected at least one layer, got 0');
  for (let l = 1; l < layers.length; l++) {
    const want = layers[l - 1].cfg.hiddenSize, got = layers[l].cfg.inputSize;
    if (want !== got) throw new Error(`stack layer ${l}: expected inputSize ${want} (hiddenSize of layer ${l - 1}), got ${got}`);
  }
}

export function forwardStack(
  layers: StackLayer[], xs: StepInput[], init: InitialState[] = [], workspaces: (SequenceWorkspace | undefined)[] = [],
): StackForwardResult {
  checkStack(layers);
  const out: ForwardResult[] = [];
  let input: StepInput[] = xs;
  layers.forEach((layer, l) => {
    const f = forwardSequence(layer.cfg, layer.params, input, init[l] ?? {}, { workspace: workspaces[l] });
    out.push(f);
    input = f.hs;
  });
  return { layers: out, hs: out[out.length - 1].hs };
}

export interface StackBackwardOptions {
  dhFinal?: (Mat | undefined)[];   // per layer ∂L/∂h_T
  dcFinal?: (Mat | undefined)[];   // per layer ∂L/∂c_T (LSTM layers)
  truncate?: number;
  grads?: CellParams[];            // accumulate into these
}

/** BPTT through the stack; `dhs` is ∂L/∂(top hidden states). Returns per-layer results, bottom first. */
export function backwardStack(fwd: StackForwardResult, dhs: (Mat | null)[] | null, opts: StackBackwardOptions = {}): BackwardResult[] {
  const res: BackwardResult[] = new Array(fwd.layers.length);
  let d: (Mat | null)[] | null = dhs;
  for (let l = fwd.layers.length - 1; l >= 0; l--) {
    const r = backwardSequence(fwd.layers[l], d, {
      dhFinal: opts.dhFinal?.[l], dcFinal: opts.dcFinal?.[l], truncate: opts.truncate, grads: opts.grads?.[l],
    });
    res[l] = r;
    d = r.dxs;
  }
  return res;
}
