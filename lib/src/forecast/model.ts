/**
 * A recurrent forecaster as a config: one GRU or LSTM layer reading the input window,
 * a dense layer mapping its last state to the steps ahead.
 *
 *   x [batch, seqLen, inputSize] -> GRU/LSTM -> h [batch, hiddenSize]
 *     -> dense -> [batch, outputSize] -> reshape -> ŷ [batch, outputSize, 1]
 *
 * With `fast` (the default) the recurrent layer is the library's `fastGru` / `fastLstm`
 * (lib/src/layers: same weights and results as tf.layers, several times faster to train on
 * wasm), else tf.layers.gru / lstm (both from `recurrentLayer`); `dropout` is the recurrent
 * layer's input dropout (one mask per sequence, tf.layers' semantics) in both cases.
 *
 * The output has the shape of the targets made by `slidingWindows` with one target
 * column, `[batch, horizon, 1]`, so no reshaping is needed for training. Weights are
 * initialised from `seed`: the same config gives the same model on the same backend.
 */
import * as tf from '@tensorflow/tfjs';
import { recurrentLayer } from '../layers/recurrent';
import { checkOptionNames } from '../layers/vocabulary';

export interface ForecasterConfig {
  /** Input steps per window. */
  seqLen: number;
  /** Input features per step. */
  inputSize: number;
  /** Steps forecast at once (1: one value; 24: the next 24 hours). Default 1. */
  outputSize?: number;
  /** 'gru' (default) or 'lstm'. */
  cell?: 'gru' | 'lstm';
  /** Units of the recurrent layer. Default 32. */
  hiddenSize?: number;
  /** Dropout on the recurrent layer's inputs (0..1). Default 0. */
  dropout?: number;
  /** Use the library's fast recurrent layers (true, default) or tf.layers.gru / lstm (false). */
  fast?: boolean;
  /** Adam learning rate. Default 1e-3. */
  lr?: number;
  /** Loss: 'meanAbsoluteError' (robust, matches MAE) or 'meanSquaredError'. Default 'meanAbsoluteError'. */
  loss?: 'meanAbsoluteError' | 'meanSquaredError';
  /** Seed of the weight initialisers. Default 42. */
  seed?: number;
}

/** Build and compile the forecaster described by `config`. */
export function buildForecaster(config: ForecasterConfig): tf.LayersModel {
  checkOptionNames('buildForecaster', config, ['seqLen', 'inputSize', 'outputSize', 'cell', 'hiddenSize', 'dropout', 'fast', 'lr', 'loss', 'seed']);
  const { seqLen, inputSize } = config;
  const outputSize = config.outputSize ?? 1;
  const hiddenSize = config.hiddenSize ?? 32;
  const seed = config.seed ?? 42;
  for (const [k, v] of Object.entries({ seqLen, inputSize, outputSize, hiddenSize })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`buildForecaster: ${k} must be a positive integer, got ${v}`);
  }
  const cell = config.cell ?? 'gru';
  const dropout = config.dropout ?? 0;
  const fast = config.fast ?? true;
  const model = tf.sequential();
  model.add(recurrentLayer({
    cell, hiddenSize, fast, dropout,
    seed, recurrentInitializer: 'orthogonal', // W: glorotUniform(seed), U: orthogonal(seed + 1)
    name: `${cell}_x_to_h`,
    inputShape: [seqLen, inputSize],
  }));
  model.add(tf.layers.dense({ units: outputSize, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }), name: 'h_to_y' }));
  model.add(tf.layers.reshape({ targetShape: [outputSize, 1] }));
  model.compile({ optimizer: tf.train.adam(config.lr ?? 1e-3), loss: config.loss ?? 'meanAbsoluteError' });
  return model;
}

/** The model's predictions for `x` as a flat Float32Array (row-major), in batches; no tensor is left behind. */
export async function predictFlat(model: tf.LayersModel, x: tf.Tensor, batchSize = 512): Promise<Float32Array> {
  const out = model.predict(x, { batchSize }) as tf.Tensor;
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
