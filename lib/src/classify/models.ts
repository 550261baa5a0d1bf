/**
 * Sentiment classifiers for notebook 07: token ids in, the probability of "positive" out.
 *
 *   ids [batch, seqLen] -> embedding [batch, seqLen, embeddingDim] -> body -> dense + σ [batch, 1]
 *
 * Bodies (`kind`):
 * - `bag`: the mean of the word vectors over the review (bag of embeddings; word order is lost);
 * - `simpleRnn`, `gru`, `lstm`: the last hidden state h_T [batch, hiddenSize];
 * - `bilstm`: an LSTM reading left to right and one reading right to left, their last states
 *   concatenated [batch, 2*hiddenSize].
 * With `mask: true` (the default) the embedding marks id 0 (padding) as absent: the mean skips it
 * and the recurrent layers carry their state unchanged over it, so padding cannot change a prediction.
 *
 * Layer names: `embedding`, `pool` or `recurrent`, `output`. Every initializer takes a seed
 * derived from `seed`, so the same config builds the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { recurrentLayer } from '../layers/recurrent';
import { checkOptionNames } from '../layers/vocabulary';
import { maskedMeanPooling } from './pooling';

export type SentimentModelKind = 'bag' | 'simpleRnn' | 'gru' | 'lstm' | 'bilstm';

export interface SentimentModelConfig {
  /** Which body; see the top of the file. */
  kind: SentimentModelKind;
  /** Rows of the embedding table: the vocabulary's vocabSize (ids 0..vocabSize-1). */
  vocabSize: number;
  /** Time steps per review after padding and truncation. */
  seqLen: number;
  /** Size of a word vector. Default 32. */
  embeddingDim?: number;
  /** Units of the recurrent layer (per direction for `bilstm`). Default 32. */
  hiddenSize?: number;
  /** Skip padding (id 0) in pooling and recurrence. Default true. */
  mask?: boolean;
  /** The library's fused recurrent layers (true, default: same weights and results, much faster on wasm) or tf.layers.lstm etc. (false). */
  fast?: boolean;
  /** Learning rate of Adam. Default 1e-3 (3e-3 for `bag`, whose only weights are the embeddings). */
  lr?: number;
  /** Seed of the initializers. Default 42. */
  seed?: number;
  /** Start the embedding from this table [vocabSize, embeddingDim] (e.g. a trained model's) instead of random. Default: random. */
  embeddingWeights?: tf.Tensor2D;
}

const CELL_OF: Record<Exclude<SentimentModelKind, 'bag'>, 'rnn' | 'gru' | 'lstm'> = { simpleRnn: 'rnn', gru: 'gru', lstm: 'lstm', bilstm: 'lstm' };

const KINDS: SentimentModelKind[] = ['bag', 'simpleRnn', 'gru', 'lstm', 'bilstm'];

/** The config with every default filled in. */
export function sentimentDefaults(config: SentimentModelConfig): Required<Omit<SentimentModelConfig, 'embeddingWeights'>> {
  return {
    kind: config.kind,
    vocabSize: config.vocabSize,
    seqLen: config.seqLen,
    embeddingDim: config.embeddingDim ?? 32,
    hiddenSize: config.hiddenSize ?? 32,
    mask: config.mask ?? true,
    fast: config.fast ?? true,
    lr: config.lr ?? (config.kind === 'bag' ? 3e-3 : 1e-3),
    seed: config.seed ?? 42,
  };
}

/** A compiled classifier (Adam, binary cross-entropy, accuracy); see the top of the file. */
export function buildSentimentModel(config: SentimentModelConfig): tf.LayersModel {
  checkOptionNames('buildSentimentModel', config, ['kind', 'vocabSize', 'seqLen', 'embeddingDim', 'hiddenSize', 'mask', 'fast', 'lr', 'seed', 'embeddingWeights']);
  const c = sentimentDefaults(config);
  if (!KINDS.includes(c.kind)) throw new Error(`buildSentimentModel: kind must be one of ${KINDS.join(', ')}, got '${c.kind}'`);
  for (const key of ['vocabSize', 'seqLen', 'embeddingDim', 'hiddenSize'] as const) {
    if (!Number.isInteger(c[key]) || c[key] < 1) throw new Error(`buildSentimentModel: ${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.vocabSize < 2) throw new Error('buildSentimentModel: vocabSize must count the padding and OOV tokens (at least 2)');
  const w = config.embeddingWeights;
  if (w && (w.rank !== 2 || w.shape[0] !== c.vocabSize || w.shape[1] !== c.embeddingDim)) {
    throw new Error(`buildSentimentModel: embeddingWeights must be [vocabSize, embeddingDim] = [${c.vocabSize}, ${c.embeddingDim}], got [${w.shape}]`);
  }
  const model = tf.sequential({ name: `sentiment_${c.kind}` });
  model.add(tf.layers.embedding({
    inputDim: c.vocabSize,
    outputDim: c.embeddingDim,
    inputLength: c.seqLen,
    maskZero: c.mask,
    embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: c.seed + 1 }),
    name: 'embedding',
  }));
  if (c.kind === 'bag') model.add(maskedMeanPooling({ name: 'pool' }));
  else {
    model.add(recurrentLayer({
      cell: CELL_OF[c.kind], hiddenSize: c.hiddenSize, fast: c.fast, bidirectional: c.kind === 'bilstm',
      seed: c.seed + 2, // W: glorotUniform(seed + 2), U: glorotUniform(seed + 3)
      name: 'recurrent',
    }));
  }
  model.add(tf.layers.dense({
    units: 1,
    activation: 'sigmoid',
    kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 4 }),
    name: 'output',
  }));
  if (w) model.getLayer('embedding').setWeights([w]);
  model.compile({ optimizer: tf.train.adam(c.lr), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}
