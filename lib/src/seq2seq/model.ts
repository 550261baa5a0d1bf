/**
 * Encoder-decoder builders (theory 05, Sections 3-4), trained with teacher forcing.
 *
 *   source ids [batch, T] ─ embedding ─ encoder RNN ─┬─ final state(s) ─┐ (initial state of the decoder)
 *                                                   └─ states H [batch, T, h] (attention only)
 *   decoder input ids [batch, T'] ─ embedding ─ decoder RNN (from the encoder's state) ─ S [batch, T', h]
 *   no attention:  p(y_j) = softmax(s_j V_out + b_out)
 *   attention:     [C, A] = attention(S, H);  p(y_j) = softmax(tanh([s_j c_j] W_c) V_out + b_out)   (Luong et al. 2015)
 *                  with `sourcePadId`, attention(S, H, M): source positions holding the padding symbol get
 *                  zero weight (M = sourceMask(source ids), attention.ts)
 *
 * The decoder is a one-directional RNN, so its output at step j depends on decoder inputs 0..j only:
 * `greedyDecode` relies on this, and decodes a model built here step by step (incremental.ts). Layer names: `src_embedding`, `encoder`, `tgt_embedding`, `decoder`,
 * `attention`, `attentional`, `output`. Every initializer takes a seed derived from `seed`.
 */
import * as tf from '@tensorflow/tfjs';
import { recurrentLayer } from '../layers/recurrent';
import { checkOptionNames } from '../layers/vocabulary';
import { AttentionScore, seqAttention, sourceMask } from './attention';
import { registerSeq2Seq } from './incremental';

export type Seq2SeqCell = 'gru' | 'lstm';

/** The experiment, as a config: every default is commented. */
export interface Seq2SeqConfig {
  /** Characters, start symbol included (`codec.vocabSize`). */
  vocabSize: number;
  /** Source and target lengths (`task.srcLen`, `task.tgtLen`). */
  srcLen: number;
  tgtLen: number;
  /** Recurrent cell of encoder and decoder (default 'gru', the cell Cho et al. 2014 introduced for this). */
  cell?: Seq2SeqCell;
  /** State size of encoder and decoder (default 128). */
  hiddenSize?: number;
  /** Width of the character embeddings (default 32). */
  embeddingDim?: number;
  /** 'none' (default) for the basic encoder-decoder, or the attention score. */
  attention?: 'none' | AttentionScore;
  /**
   * Id of the padding symbol in the sources (e.g. `codec.encode(' ')[0]`): with attention, source
   * positions holding it get zero attention weight. Default -1: no masking.
   */
  sourcePadId?: number;
  /** Width of the additive scorer (default 32; unused by the dot scores). */
  attentionUnits?: number;
  /** Use the library's fused recurrent layers (default true; false uses tf.layers.gru/lstm, slow on wasm). */
  fast?: boolean;
  /** Adam learning rate (default 0.005). */
  lr?: number;
  /** Gradient clipping by norm, per weight (default 1). */
  clipNorm?: number;
  /** Seed of the initial weights (default 42). */
  seed?: number;
}

export interface Seq2SeqModel {
  config: Required<Seq2SeqConfig>;
  /** [source ids, decoder input ids] → probabilities [batch, T', vocabSize]; compiled. */
  model: tf.LayersModel;
  /** Same inputs → alignment weights [batch, T', T] (null without attention). Shares the weights. */
  attentionModel: tf.LayersModel | null;
}

function recurrent(cell: Seq2SeqCell, fast: boolean, args: { units: number; name: string; seed: number; returnSequences: boolean; returnState: boolean }): tf.RNN {
  const { units, ...rest } = args;
  return recurrentLayer({ cell, hiddenSize: units, fast, ...rest }) as tf.RNN; // W: glorotUniform(seed), U: glorotUniform(seed + 1)
}

/** Build and compile an encoder-decoder. */
export function buildSeq2Seq(config: Seq2SeqConfig): Seq2SeqModel {
  checkOptionNames('buildSeq2Seq', config, ['vocabSize', 'srcLen', 'tgtLen', 'cell', 'hiddenSize', 'embeddingDim', 'attention', 'sourcePadId', 'attentionUnits', 'fast', 'lr', 'clipNorm', 'seed']);
  const c: Required<Seq2SeqConfig> = {
    cell: 'gru', hiddenSize: 128, embeddingDim: 32, attention: 'none', sourcePadId: -1, attentionUnits: 32, fast: true, lr: 0.005, clipNorm: 1, seed: 42,
    ...config,
  };
  const s = c.seed;
  const src = tf.input({ shape: [c.srcLen], dtype: 'int32', name: 'source' });
  const dec = tf.input({ shape: [c.tgtLen], dtype: 'int32', name: 'decoder_input' });
  const emb = (name: string, seed: number) =>
    tf.layers.embedding({
      inputDim: c.vocabSize, outputDim: c.embeddingDim, name,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
    });
  const withAttention = c.attention !== 'none';
  const encoder = recurrent(c.cell, c.fast, { units: c.hiddenSize, name: 'encoder', seed: s + 2, returnSequences: withAttention, returnState: true });
  const encOut = encoder.apply(emb('src_embedding', s + 1).apply(src)) as tf.SymbolicTensor[];
  const [encSeq, ...encStates] = encOut; // encSeq: [batch, T, h] with attention, else the last state
  const decoder = recurrent(c.cell, c.fast, { units: c.hiddenSize, name: 'decoder', seed: s + 5, returnSequences: true, returnState: false });
  const S = decoder.apply(emb('tgt_embedding', s + 4).apply(dec), { initialState: encStates }) as tf.SymbolicTensor; // [batch, T', h]
  let features = S;
  let weights: tf.SymbolicTensor | null = null;
  if (withAttention) {
    const attention = seqAttention({ score: c.attention as AttentionScore, units: c.attentionUnits, seed: s + 7, name: 'attention' });
    const keys = c.sourcePadId >= 0 ? [S, encSeq, sourceMask({ padId: c.sourcePadId, name: 'source_mask' }).apply(src) as tf.SymbolicTensor] : [S, encSeq];
    const [C, A] = attention.apply(keys) as tf.SymbolicTensor[];
    weights = A;
    const SC = tf.layers.concatenate({ axis: -1, name: 'state_and_context' }).apply([S, C]) as tf.SymbolicTensor; // [batch, T', 2h]
    features = tf.layers.dense({
      units: c.hiddenSize, activation: 'tanh', name: 'attentional',
      kernelInitializer: tf.initializers.glorotUniform({ seed: s + 8 }),
    }).apply(SC) as tf.SymbolicTensor;
  }
  const probs = tf.layers.dense({
    units: c.vocabSize, activation: 'softmax', name: 'output',
    kernelInitializer: tf.initializers.glorotUniform({ seed: s + 9 }),
  }).apply(features) as tf.SymbolicTensor; // [batch, T', vocabSize]
  const model = tf.model({ inputs: [src, dec], outputs: probs, name: `seq2seq_${c.cell}${withAttention ? `_${c.attention}${c.sourcePadId >= 0 ? '_masked' : ''}` : ''}` });
  model.compile({ optimizer: tf.train.adam(c.lr), loss: 'categoricalCrossentropy', metrics: ['acc'] });
  clipOptimizer(model, c.clipNorm);
  registerSeq2Seq(model, { attention: withAttention, masked: withAttention && c.sourcePadId >= 0 }); // greedyDecode steps through its layers
  const attentionModel = weights ? tf.model({ inputs: [src, dec], outputs: weights, name: 'alignments' }) : null;
  return { config: c, model, attentionModel };
}

type NamedGrad = { name: string; tensor: tf.Tensor };

/**
 * Clip each weight's gradient to norm `clipNorm` (tf.layers optimizers have no clipNorm option):
 * wraps the optimizer's `applyGradients`.
 */
function clipOptimizer(model: tf.LayersModel, clipNorm: number): void {
  if (!(clipNorm > 0) || !Number.isFinite(clipNorm)) return;
  const opt = model.optimizer as tf.Optimizer & { applyGradients: (g: tf.NamedTensorMap | NamedGrad[]) => void };
  const apply = opt.applyGradients.bind(opt);
  opt.applyGradients = (grads: tf.NamedTensorMap | NamedGrad[]) => {
    const list: NamedGrad[] = Array.isArray(grads) ? grads : Object.keys(grads).map((name) => ({ name, tensor: grads[name] }));
    const clipped = list.map(({ name, tensor }) => ({ name, tensor: tf.tidy(() => tf.mul(tensor, tf.minimum(1, tf.div(clipNorm, tf.add(tf.norm(tensor), 1e-12))))) }));
    try {
      apply(clipped);
    } finally {
      tf.dispose(clipped.map((g) => g.tensor));
    }
  };
}

/** A per-step classifier for the tagging tasks of notebook 09 (bidirectional, stacked). */
export interface TaggerConfig {
  /** Input symbols (10 for digits). */
  vocabSize: number;
  /** Output classes per step. */
  numClasses: number;
  seqLen: number;
  /** Recurrent cell (default 'gru'). */
  cell?: Seq2SeqCell;
  /** State size per layer and direction (default 64). */
  hiddenSize?: number;
  /** Stacked recurrent layers (default 1). */
  layers?: number;
  /** Wrap each recurrent layer in tf.layers.bidirectional (mergeMode 'concat'; default false). */
  bidirectional?: boolean;
  /** Width of the embeddings (default 16). */
  embeddingDim?: number;
  /**
   * Units of a ReLU layer between the recurrent layers and the softmax (default 0: none). A
   * bidirectional layer's two halves meet only in the layers above it: without a nonlinear layer the
   * softmax adds their contributions, which cannot express interactions such as (a + b) mod b.
   */
  headUnits?: number;
  /** Use the fused layers (default true). */
  fast?: boolean;
  /** Adam learning rate (default 0.005). */
  lr?: number;
  /** Seed (default 42). */
  seed?: number;
}

/** embedding → L recurrent layers (each optionally bidirectional), all returning sequences → softmax per step. */
export function buildTagger(config: TaggerConfig): tf.LayersModel {
  checkOptionNames('buildTagger', config, ['vocabSize', 'numClasses', 'seqLen', 'cell', 'hiddenSize', 'layers', 'bidirectional', 'embeddingDim', 'headUnits', 'fast', 'lr', 'seed']);
  const c = { cell: 'gru' as Seq2SeqCell, hiddenSize: 64, layers: 1, bidirectional: false, embeddingDim: 16, headUnits: 0, fast: true, lr: 0.005, seed: 42, ...config };
  const x = tf.input({ shape: [c.seqLen], dtype: 'int32', name: 'x' });
  let h = tf.layers.embedding({
    inputDim: c.vocabSize, outputDim: c.embeddingDim, name: 'embedding',
    embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: c.seed }),
  }).apply(x) as tf.SymbolicTensor;
  for (let l = 0; l < c.layers; l++) {
    const layer = recurrentLayer({
      cell: c.cell, hiddenSize: c.hiddenSize, fast: c.fast, bidirectional: c.bidirectional, returnSequences: true,
      seed: c.seed + 10 * (l + 1), name: `${c.bidirectional ? 'bidirectional' : 'recurrent'}_${l + 1}`,
    });
    h = layer.apply(h) as tf.SymbolicTensor; // [batch, T, h] or [batch, T, 2h]
  }
  if (c.headUnits > 0) {
    h = tf.layers.dense({
      units: c.headUnits, activation: 'relu', name: 'head',
      kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 98 }),
    }).apply(h) as tf.SymbolicTensor; // [batch, T, headUnits]
  }
  const y = tf.layers.dense({
    units: c.numClasses, activation: 'softmax', name: 'output',
    kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 99 }),
  }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: y, name: `tagger_${c.layers}x${c.bidirectional ? 'bi' : ''}${c.cell}` });
  model.compile({ optimizer: tf.train.adam(c.lr), loss: 'categoricalCrossentropy', metrics: ['acc'] });
  return model;
}
