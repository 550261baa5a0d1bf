/**
 * Language models on tf.layers, for notebook 04 (text generation) and 08 (comparison).
 *
 *   ids [batch, seqLen] -> embedding [batch, seqLen, embeddingDim]
 *     -> recurrent layer(s), all steps [batch, seqLen, hiddenSize]
 *     -> dense + softmax [batch, seqLen, vocabSize]: p(next token | tokens so far)
 *
 * Trained on every position at once (the target is the input shifted by one), with the
 * sparse categorical cross-entropy, in nats per token (tf.layers' loss, computed by the
 * library's fused version of it: train/loss.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { checkIds } from '../options';
import { recurrentLayer } from '../layers/recurrent';
import { checkOptionNames } from '../layers/vocabulary';
import { clipGlobalNorm } from '../train/optimizer';
import { useFusedLoss } from '../train/loss';
import type { CellKind } from '../scratch/types';


export interface LmConfig {
  /** Tokens in the vocabulary (characters or words). */
  vocabSize: number;
  /** Size of the token embedding. Default 64. */
  embeddingDim?: number;
  /** Units of each recurrent layer. Default 256. */
  hiddenSize?: number;
  /** Recurrent layers stacked. Default 1. */
  layers?: number;
  /** Which cell. Default 'lstm'. */
  cell?: CellKind;
  /** The library's fused recurrent layers (true, default) or tf.layers' own (false): same weights, same outputs. */
  fast?: boolean;
  /** Dropout between the recurrent layers and before the output. Default 0. */
  dropout?: number;
  /** Adam's learning rate. Default 3e-3. */
  lr?: number;
  /** Clip the gradient's global norm (per weight tensor in tfjs: `clipnorm`). Default 5. */
  clipNorm?: number;
  /** Seed of the initial weights. Default 1. */
  seed?: number;
  /**
   * For generation: a stateful model that reads one token per call with batch size 1 and
   * keeps its state between calls (copy the trained weights into it).
   */
  stateful?: boolean;
}

/** Build and compile a language model (see the top of the file). */
export function languageModel(config: LmConfig): tf.LayersModel {
  checkOptionNames('languageModel', config, ['vocabSize', 'embeddingDim', 'hiddenSize', 'layers', 'cell', 'fast', 'dropout', 'lr', 'clipNorm', 'seed', 'stateful']);
  const { vocabSize } = config;
  const embeddingDim = config.embeddingDim ?? 64;
  const hiddenSize = config.hiddenSize ?? 256;
  const layers = config.layers ?? 1;
  const dropout = config.dropout ?? 0;
  const seed = config.seed ?? 1;
  const cell = config.cell ?? 'lstm';
  if (!['lstm', 'gru', 'rnn'].includes(cell)) throw new Error(`languageModel: cell must be 'lstm', 'gru' or 'rnn', got ${JSON.stringify(cell)}`);
  for (const [name, v] of Object.entries({ vocabSize, embeddingDim, hiddenSize, layers })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`languageModel: ${name} must be a positive integer, got ${v}`);
  }
  if (!(dropout >= 0 && dropout < 1)) throw new Error(`languageModel: dropout must be in [0, 1), got ${dropout}`);
  const glorot = (s: number) => tf.initializers.glorotUniform({ seed: seed * 100 + s });
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: vocabSize,
      outputDim: embeddingDim,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
      ...(config.stateful ? { batchInputShape: [1, 1] } : { inputShape: [null as unknown as number] }),
    }),
  );
  for (let l = 0; l < layers; l++) {
    model.add(
      recurrentLayer({
        cell,
        hiddenSize,
        fast: config.fast ?? true,
        returnSequences: true,
        stateful: config.stateful ?? false,
        seed: seed * 100 + 2 * l + 1, // W: glorotUniform(seed), U: orthogonal(seed + 1)
        recurrentInitializer: 'orthogonal',
      }),
    );
    if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout, seed: seed * 100 + 50 + l }));
  }
  model.add(tf.layers.dense({ units: vocabSize, activation: 'softmax', kernelInitializer: glorot(99) }));
  const optimizer = tf.train.adam(config.lr ?? 3e-3);
  const clip = config.clipNorm ?? 5;
  if (clip > 0) clipGlobalNorm(optimizer, clip);
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  // The same loss computed in one pass instead of ~20 tfjs kernels (train/loss.ts); the saved
  // configuration still names tf.layers' loss.
  useFusedLoss(model);
  return model;
}

/**
 * Windows of a token sequence as training tensors: x [n, seqLen] (int32) and
 * y [n, seqLen, 1] (the next tokens), non-overlapping, starting at `offset`.
 */
export function lmWindows(ids: ArrayLike<number>, seqLen: number, offset = 0): { x: tf.Tensor2D; y: tf.Tensor3D } {
  if (!Number.isInteger(seqLen) || seqLen < 1) throw new Error(`lmWindows: seqLen must be a positive integer, got ${seqLen}`);
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`lmWindows: offset must be an integer >= 0, got ${offset}`);
  checkIds('lmWindows', 'ids', ids);
  const n = Math.floor((ids.length - 1 - offset) / seqLen);
  if (n < 1) throw new Error(`lmWindows: ${ids.length} tokens make no window of ${seqLen + 1} (input and next token)`);
  const xs = new Int32Array(n * seqLen);
  const ys = new Float32Array(n * seqLen);
  for (let w = 0; w < n; w++) {
    for (let t = 0; t < seqLen; t++) {
      xs[w * seqLen + t] = ids[offset + w * seqLen + t];
      ys[w * seqLen + t] = ids[offset + w * seqLen + t + 1];
    }
  }
  return { x: tf.tensor2d(xs, [n, seqLen], 'int32'), y: tf.tensor3d(ys, [n, seqLen, 1]) };
}
