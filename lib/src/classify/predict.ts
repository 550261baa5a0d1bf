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

/** The model's probability of class 1 for every row of `x`, in batches; no tensor is left behind. */
export function predictProbabilities(model: tf.LayersModel, x: tf.Tensor, batchSize = 256): Float32Array {
  const out: Float32Array = new Float32Array(x.shape[0]);
  for (let start = 0; start < x.shape[0]; start += batchSize) {
    const size = Math.min(batchSize, x.shape[0] - start);
    const p = tf.tidy(() => {
      const xb = tf.slice(x, [start, 0], [size, x.shape[1] ?? 1]);
      return (model.predict(xb) as tf.Tensor).reshape([size]);
    });
    out.set(p.dataSync() as Float32Array, start);
    p.dispose();
  }
  return out;
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
