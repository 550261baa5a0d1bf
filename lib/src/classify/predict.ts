/**
 * From reviews to the model's input and back: encoding a batch of tokenised reviews into one
 * int32 tensor, predicting probabilities in batches, predicting a typed sentence, and reading
 * word vectors out of a trained embedding.
 */
import * as tf from '@tensorflow/tfjs';
import { tokenizeWords, TokenizeOptions } from '../data/text/tokenize';
import { Vocabulary } from '../data/text/vocabulary';

export interface EncodeOptions {
  /** Length of every row (time steps). */
  seqLen: number;
  /** Where padding goes: `pre` (default: the review ends at the last step) or `post`. */
  padding?: 'pre' | 'post';
  /** Which end of a long review is cut: `pre` (default: keep its end) or `post` (keep its start). */
  truncating?: 'pre' | 'post';
}

/**
 * Token ids of tokenised reviews, padded/truncated to `seqLen` as `padSequences` does, written
 * straight into one int32 tensor [n, seqLen] (no intermediate number[][] for 25,000 reviews).
 * The caller owns (disposes) the tensor.
 */
export function encodeReviews(docs: readonly (readonly string[])[], vocab: Vocabulary, options: EncodeOptions): tf.Tensor2D {
  const { seqLen } = options;
  if (!Number.isInteger(seqLen) || seqLen < 1) throw new Error(`encodeReviews: seqLen must be a positive integer, got ${seqLen}`);
  const ids = new Int32Array(docs.length * seqLen); // zeros = Vocabulary.padId
  docs.forEach((doc, r) => {
    const n = doc.length;
    const keep = Math.min(n, seqLen);
    const from = n > seqLen && (options.truncating ?? 'pre') === 'pre' ? n - seqLen : 0; // first kept token
    const at = (options.padding ?? 'pre') === 'pre' ? seqLen - keep : 0; // first column written
    const row = r * seqLen + at;
    for (let j = 0; j < keep; j++) ids[row + j] = vocab.id(doc[from + j]);
  });
  return tf.tensor2d(ids, [docs.length, seqLen], 'int32');
}

/**
 * The model's probability of class 1 for every row of `x`, in batches; no tensor is left behind.
 *
 * When the model's first layer is an embedding that masks padding (`maskZero`, as
 * `buildSentimentModel` builds it by default), padding changes no prediction: the pooling skips it
 * and the recurrent layers carry their state over it unchanged. The columns that are padding in
 * every row of a batch are then work for nothing, so such a model reads its rows shortest first,
 * each batch cut to the columns its rows use (on IMDB's test half at seqLen 200, about a fifth of
 * the time steps are skipped). The probabilities come back in the order of `x`, the same as
 * predicting the full rectangle (`tests/classify/models.test.ts`). Without a mask every column counts
 * and the rows are predicted as they are.
 */
export function predictProbabilities(model: tf.LayersModel, x: tf.Tensor, batchSize = 256): Float32Array {
  const n = x.shape[0];
  const out: Float32Array = new Float32Array(n);
  const cut = x.rank === 2 && masksPadding(model) ? paddingSpans(x as tf.Tensor2D) : null;
  if (cut === null) {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const p = tf.tidy(() => {
        const xb = tf.slice(x, [start, 0], [size, x.shape[1] ?? 1]);
        return (model.predict(xb) as tf.Tensor).reshape([size]);
      });
      out.set(p.dataSync() as Float32Array, start);
      p.dispose();
    }
    return out;
  }
  // rows by the number of columns they use, shortest first (a stable sort: ties keep their order)
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cut.width(a) - cut.width(b));
  const twin = anyWidth(model as tf.Sequential);
  try {
    for (let start = 0; start < n; start += batchSize) {
      const rows = order.slice(start, start + batchSize);
      const p = tf.tidy(() => {
        const first = Math.min(...rows.map((r) => cut.first[r]));
        const last = Math.max(...rows.map((r) => cut.last[r]));
        const xb = tf.gather(x, tf.tensor1d(rows, 'int32')); // [rows, seqLen]
        // at least one column: a batch of empty reviews reads one padding step (the initial state)
        const used = last >= first ? tf.slice(xb, [0, first], [rows.length, last - first + 1]) : tf.slice(xb, [0, 0], [rows.length, 1]);
        return (twin.predict(used) as tf.Tensor).reshape([rows.length]);
      });
      const values = p.dataSync();
      rows.forEach((r, k) => (out[r] = values[k]));
      p.dispose();
    }
  } finally {
    twin.dispose();
  }
  return out;
}

/** True for a layer stack whose first layer is an embedding that marks id 0 as padding. */
function masksPadding(model: tf.LayersModel): boolean {
  if (!(model instanceof tf.Sequential) || model.layers.length === 0) return false;
  const first = model.layers[0];
  return first.getClassName() === 'Embedding' && first.getConfig().maskZero === true;
}

/** Per row of ids: the first and the last column that is not padding (id 0); first > last for an empty row. */
function paddingSpans(x: tf.Tensor2D): { first: Int32Array; last: Int32Array; width: (row: number) => number } {
  const [n, seqLen] = x.shape;
  const ids = x.dataSync();
  const first = new Int32Array(n).fill(seqLen);
  const last = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    for (let t = 0; t < seqLen; t++) if (ids[r * seqLen + t] !== 0) { first[r] = t; break; }
    for (let t = seqLen - 1; t >= first[r]; t--) if (ids[r * seqLen + t] !== 0) { last[r] = t; break; }
  }
  return { first, last, width: (row) => Math.max(0, last[row] - first[row] + 1) };
}

/**
 * The same layers with a copy of the weights, built for inputs of any width (the embedding's
 * `inputLength` left open; no weight depends on it). The caller disposes it (its copies only:
 * `model` keeps its own weights).
 */
function anyWidth(model: tf.Sequential): tf.Sequential {
  const config = model.getConfig() as unknown as { layers: { className: string; config: Record<string, unknown> }[] };
  const layers = config.layers.map((l, i) => (i === 0 ? { ...l, config: { ...l.config, inputLength: null, batchInputShape: [null, null] } } : l));
  const twin = tf.Sequential.fromConfig(tf.Sequential, { ...config, layers } as unknown as tf.serialization.ConfigDict) as tf.Sequential;
  twin.setWeights(model.getWeights());
  return twin;
}

export interface SentencePrediction {
  /** The text as given. */
  text: string;
  /** Probability that the review is positive. */
  probability: number;
  /** `positive` when probability >= 0.5. */
  label: 'positive' | 'negative';
  /** The tokens the model saw (after truncation), unknown ones included. */
  tokens: string[];
  /** Tokens not in the vocabulary: the model saw them as the OOV token. */
  unknown: string[];
}

/** Tokenise, encode, pad and predict one text, the same way as the training data. */
export function predictSentiment(
  model: tf.LayersModel,
  vocab: Vocabulary,
  text: string,
  options: EncodeOptions & { tokenize?: TokenizeOptions },
): SentencePrediction {
  const all = tokenizeWords(text, options.tokenize);
  const tokens = all.length > options.seqLen
    ? ((options.truncating ?? 'pre') === 'pre' ? all.slice(all.length - options.seqLen) : all.slice(0, options.seqLen))
    : all;
  const x = encodeReviews([tokens], vocab, options);
  const probability = predictProbabilities(model, x)[0];
  x.dispose();
  return {
    text,
    probability,
    label: probability >= 0.5 ? 'positive' : 'negative',
    tokens,
    unknown: tokens.filter((t) => vocab.id(t) === Vocabulary.oovId),
  };
}

/**
 * Rows `ids` of a model's embedding table (the layer named `layerName`), as plain arrays
 * [ids.length, embeddingDim]. Reads the weights; creates no tensor.
 */
export function embeddingRows(model: tf.LayersModel, ids: readonly number[], layerName = 'embedding'): number[][] {
  const table = model.getLayer(layerName).getWeights()[0];
  if (!table || table.rank !== 2) throw new Error(`embeddingRows: layer '${layerName}' has no 2-D embedding table`);
  const [rows, dim] = table.shape;
  const data = table.dataSync();
  return ids.map((id) => {
    if (!Number.isInteger(id) || id < 0 || id >= rows) throw new Error(`embeddingRows: id ${id} is outside 0..${rows - 1}`);
    return Array.from(data.subarray(id * dim, (id + 1) * dim));
  });
}
