/**
 * Greedy decoding and exact-match accuracy (theory 05, Section 3).
 *
 * Greedy decoding feeds the decoder its own previous output instead of the true one: start with
 * the start symbol, take the most probable symbol at step 0, feed it as the input of step 1, and so
 * on. Because the decoder is one-directional (its output at step j depends on decoder inputs 0..j
 * only), the teacher-forced model itself can decode: run it on the inputs decoded so far and read
 * step j. That is T' forward passes over the whole batch, and it works unchanged for any model
 * with attention. A model built by `buildSeq2Seq` is decoded step by step instead (incremental.ts):
 * the encoder once and one decoder step per symbol, the same symbols for a fraction of the work.
 */
import * as tf from '@tensorflow/tfjs';
import { decodesStepwise, stepDecoder } from './incremental';

/** A teacher-forced model: [source ids, decoder input ids] → probabilities [batch, T', vocabSize]. */
export type Seq2SeqPredictor = tf.LayersModel | ((source: tf.Tensor2D, decoderInput: tf.Tensor2D) => tf.Tensor);

export interface GreedyResult {
  /** Decoded ids `[batch][T']`. */
  ids: number[][];
  /** Probability the model gave to each decoded symbol `[batch][T']`. */
  confidence: number[][];
  /** The decoder inputs that produced them (start id, then the decoded ids shifted right). */
  decoderInput: number[][];
}

function run(predictor: Seq2SeqPredictor, source: tf.Tensor2D, decIn: tf.Tensor2D, batchSize: number): tf.Tensor {
  if (typeof predictor === 'function') return predictor(source, decIn);
  return predictor.predict([source, decIn], { batchSize }) as tf.Tensor;
}

/** Greedy decoding of `tgtLen` symbols for every row of `source` `[batch, srcLen]`. Creates no lasting tensors. */
export function greedyDecode(
  predictor: Seq2SeqPredictor,
  source: tf.Tensor2D,
  opts: { tgtLen: number; startId: number; batchSize?: number },
): GreedyResult {
  const n = source.shape[0];
  const T = opts.tgtLen;
  const batchSize = opts.batchSize ?? 512;
  for (const [k, v, min] of [['tgtLen', T, 1], ['startId', opts.startId, 0], ['batchSize', batchSize, 1]] as const) {
    if (!(Number.isInteger(v) && v >= min)) throw new Error(`greedyDecode: ${k} must be an integer >= ${min}, got ${v}`);
  }
  const decIn = Array.from({ length: n }, () => new Array<number>(T).fill(opts.startId));
  const ids = Array.from({ length: n }, () => new Array<number>(T).fill(0));
  const confidence = Array.from({ length: n }, () => new Array<number>(T).fill(0));
  // rows first..first+rows-1 at step j: the most probable symbol of step [rows, V] becomes the next input
  const take = (step: tf.Tensor2D, j: number, first: number) => {
    const [best, prob] = tf.tidy(() => [tf.argMax(step, 1).dataSync(), tf.max(step, 1).dataSync()]);
    for (let r = 0; r < best.length; r++) {
      const b = first + r;
      // argMax of NaN probabilities is an arbitrary id: broken weights, said as such.
      if (!Number.isFinite(prob[r])) {
        throw new Error(`greedyDecode: the model's probabilities for row ${b}, step ${j + 1} are not finite (${prob[r]}): are its weights NaN or infinite? check the training run`);
      }
      ids[b][j] = best[r];
      confidence[b][j] = prob[r];
      if (j + 1 < T) decIn[b][j + 1] = best[r];
    }
  };
  if (decodesStepwise(predictor)) {
    // the lengths the model was built for, as its teacher-forced pass would require them
    const [srcLen, tgtLen] = predictor.inputs.map((input) => input.shape[1]);
    if (source.rank !== 2 || source.shape[1] !== srcLen || T !== tgtLen) {
      throw new Error(`greedyDecode: the model was built for sources [batch, ${srcLen}] and ${tgtLen} output symbols, got sources [${source.shape}] and tgtLen ${T}: pad the sources to ${srcLen} and pass tgtLen ${tgtLen} (or build the model with these lengths)`);
    }
    // the encoder once per slice of rows, then one decoder step per symbol
    for (let first = 0; first < n; first += batchSize) {
      const rows = Math.min(batchSize, n - first);
      const part = tf.slice(source, [first, 0], [rows, source.shape[1]]); // [rows, srcLen]
      const decoder = stepDecoder(predictor, part);
      try {
        for (let j = 0; j < T; j++) {
          const step = decoder!.step(decIn.slice(first, first + rows).map((row) => row[j])); // [rows, V]
          try {
            take(step, j, first);
          } finally {
            step.dispose();
          }
        }
      } finally {
        decoder?.dispose();
        part.dispose();
      }
    }
    return { ids, confidence, decoderInput: decIn };
  }
  for (let j = 0; j < T; j++) {
    tf.tidy(() => {
      const probs = run(predictor, source, tf.tensor2d(decIn, [n, T], 'int32'), batchSize); // [n, T', V]
      if (probs.rank !== 3 || probs.shape[0] !== n || probs.shape[1] !== T) {
        throw new Error(`greedyDecode: the model returned shape [${probs.shape}], expected [${n}, ${T}, vocabSize]`);
      }
      take(tf.squeeze(tf.slice(probs, [0, j, 0], [n, 1, probs.shape[2] as number]), [1]), j, 0); // [n, V]
    });
  }
  return { ids, confidence, decoderInput: decIn };
}

/** Fraction of rows whose every symbol equals the target's (padding included: it is part of the answer). */
export function exactMatchAccuracy(predictions: ArrayLike<number>[], targets: ArrayLike<number>[]): number {
  if (predictions.length !== targets.length) {
    throw new Error(`exactMatchAccuracy: ${predictions.length} predictions for ${targets.length} targets`);
  }
  if (targets.length === 0) return NaN;
  let ok = 0;
  for (let b = 0; b < targets.length; b++) {
    const p = predictions[b];
    const t = targets[b];
    if (p.length !== t.length) throw new Error(`exactMatchAccuracy: row ${b} has ${p.length} predicted symbols for ${t.length} target symbols`);
    let same = true;
    for (let j = 0; j < t.length && same; j++) same = p[j] === t[j];
    if (same) ok++;
  }
  return ok / targets.length;
}

/** Fraction of symbols equal to the target's (the per-character accuracy, for comparison). */
export function symbolAccuracy(predictions: ArrayLike<number>[], targets: ArrayLike<number>[]): number {
  let ok = 0;
  let all = 0;
  for (let b = 0; b < targets.length; b++) {
    for (let j = 0; j < targets[b].length; j++) {
      ok += predictions[b][j] === targets[b][j] ? 1 : 0;
      all++;
    }
  }
  return all === 0 ? NaN : ok / all;
}
