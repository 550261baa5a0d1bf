/**
 * `recurrentLayer`: the one place where a model builder picks "a recurrent layer by cell type and
 * fast flag". Every builder of the library (textgen, classify, seq2seq, forecast) calls it.
 *
 *   recurrentLayer({ cell: 'lstm', hiddenSize: 64 })               // fastLstm: the fused layer
 *   recurrentLayer({ cell: 'lstm', hiddenSize: 64, fast: false })  // tf.layers.lstm, same weights
 *   recurrentLayer({ cell: 'gru', hiddenSize: 32, bidirectional: true })
 *
 * Both choices build the same weights from the same seed and compute the same outputs: the gate
 * activation is the logistic sigmoid in both (the course's convention; tf.layers' own default is
 * `hardSigmoid`, so the tf.layers path passes `recurrentActivation: 'sigmoid'`). The fast layers
 * run the whole sequence in one kernel per direction (lib/src/layers/README.md): several times
 * faster to train on wasm and cpu than tf.layers' step-by-step loop.
 */
import * as tf from '@tensorflow/tfjs';
import type { CellKind } from '../scratch/types';
import { fastGru } from './gru';
import { Orthogonal } from './orthogonal';
import { fastLstm } from './lstm';
import { fastSimpleRnn } from './simple_rnn';

export interface RecurrentLayerOptions {
  /** Which cell: 'rnn' (simple RNN), 'gru' or 'lstm'. */
  cell: CellKind;
  /** Units of the layer: the size of h (per direction when bidirectional). */
  hiddenSize: number;
  /** The library's fused layer (true, the default) or tf.layers' own (false). Same weights, same outputs. */
  fast?: boolean;
  /** Output h at every step [batch, time, hiddenSize] (true) or only the last [batch, hiddenSize] (false, the default). */
  returnSequences?: boolean;
  /** Also return the final state(s): [output, h] (GRU, RNN) or [output, h, c] (LSTM). Default false. */
  returnState?: boolean;
  /** Keep the state between calls (generation one token at a time). Default false. */
  stateful?: boolean;
  /**
   * Seed of the initial weights: the input kernel W is glorotUniform(seed), the recurrent kernel U
   * is `recurrentInitializer`(seed + 1). Default: tf.layers' unseeded initializers.
   */
  seed?: number;
  /** Initializer of the recurrent kernel U. Default 'glorotUniform'. */
  recurrentInitializer?: 'glorotUniform' | 'orthogonal';
  /** Input dropout rate (one mask per sequence, shared by every step; active only in training). Default 0. */
  dropout?: number;
  /** Recurrent dropout rate on h_{t-1} (one mask per sequence; Gal & Ghahramani 2016). Default 0. */
  recurrentDropout?: number;
  /** Wrap in `tf.layers.bidirectional` (mergeMode 'concat': [batch, ..., 2 * hiddenSize]). Default false. */
  bidirectional?: boolean;
  /** Layer name (of the wrapper when bidirectional; the wrapped layer is then `${name}_${cell}`). */
  name?: string;
  /** Shape of one example [time, features], when this is the model's first layer. */
  inputShape?: number[];
  /** Shape of the batch [batch, time, features], for a stateful first layer. */
  batchInputShape?: number[];
}

const CELLS: CellKind[] = ['rnn', 'gru', 'lstm'];

/** Build the recurrent layer described by `options` (see the top of the file). */
export function recurrentLayer(options: RecurrentLayerOptions): tf.layers.Layer {
  const { cell, hiddenSize } = options;
  if (!CELLS.includes(cell)) throw new Error(`recurrentLayer: cell must be one of ${CELLS.join(', ')}, got ${JSON.stringify(cell)}`);
  if (!Number.isInteger(hiddenSize) || hiddenSize < 1) throw new Error(`recurrentLayer: hiddenSize must be a positive integer, got ${hiddenSize}`);
  const fast = options.fast ?? true;
  const seed = options.seed;
  const recurrentInit = options.recurrentInitializer ?? 'glorotUniform';
  const args: Record<string, unknown> = {
    units: hiddenSize,
    returnSequences: options.returnSequences ?? false,
    returnState: options.returnState ?? false,
    stateful: options.stateful ?? false,
  };
  if (options.dropout) args.dropout = options.dropout;
  if (options.recurrentDropout) args.recurrentDropout = options.recurrentDropout;
  if (seed !== undefined) {
    args.kernelInitializer = tf.initializers.glorotUniform({ seed });
    args.recurrentInitializer = recurrentInit === 'orthogonal'
      ? new Orthogonal({ gain: 1, seed: seed + 1 }) // the library's fast one (orthogonal.ts)
      : tf.initializers.glorotUniform({ seed: seed + 1 });
  } else if (recurrentInit === 'glorotUniform') {
    args.recurrentInitializer = 'glorotUniform';
  }
  if (options.bidirectional) {
    if (options.name !== undefined) args.name = `${options.name}_${cell}`;
  } else {
    if (options.name !== undefined) args.name = options.name;
    if (options.inputShape) args.inputShape = options.inputShape;
    if (options.batchInputShape) args.batchInputShape = options.batchInputShape;
  }
  const layer = build(cell, fast, args);
  if (!options.bidirectional) return layer;
  return tf.layers.bidirectional({
    layer: layer as tf.RNN,
    mergeMode: 'concat',
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.inputShape ? { inputShape: options.inputShape } : {}),
    ...(options.batchInputShape ? { batchInputShape: options.batchInputShape } : {}),
  });
}

function build(cell: CellKind, fast: boolean, args: Record<string, unknown>): tf.layers.Layer {
  const gated = { ...args, recurrentActivation: 'sigmoid' }; // the course's gate activation (tf.layers: hardSigmoid)
  if (fast) {
    if (cell === 'lstm') return fastLstm(gated as Parameters<typeof fastLstm>[0]);
    if (cell === 'gru') return fastGru(gated as Parameters<typeof fastGru>[0]);
    return fastSimpleRnn(args as Parameters<typeof fastSimpleRnn>[0]);
  }
  if (cell === 'lstm') return tf.layers.lstm(gated as unknown as tf.LSTMLayerArgs);
  if (cell === 'gru') return tf.layers.gru(gated as unknown as tf.GRULayerArgs);
  return tf.layers.simpleRNN(args as unknown as tf.SimpleRNNLayerArgs);
}
