/**
 * Beam-search decoding for the encoder-decoders (theory 05, Section 3, *Decoding*).
 *
 * Greedy decoding (decode.ts) commits to the most probable symbol at every step; beam search keeps
 * the k most probable partial answers and extends each of them (textgen/beam.ts holds the search
 * itself). Like `greedyDecode` it runs the teacher-forced model: a hypothesis y_1..y_j becomes the
 * decoder input (▶, y_1, ..., y_j, then filler up to T'), and the model's output at step j is
 * p(y_{j+1} | y_1..y_j, source) because the decoder is one-directional. Every source row is searched
 * on its own; the live hypotheses of all rows go through the model together, one pass per step.
 */
import * as tf from '@tensorflow/tfjs';
import { beamScore, beamStep, Hypothesis } from '../textgen/beam';
import type { Seq2SeqPredictor } from './decode';

export interface BeamDecodeOptions {
  /** Output length T' (the task's `tgtLen`). */
  tgtLen: number;
  /** The start symbol's id (`codec.startId`). */
  startId: number;
  /** k, hypotheses kept per row (1 is greedy decoding). */
  beamWidth: number;
  /**
   * Symbol that ends an answer (default: none, every answer has T' symbols). A finished answer is
   * padded with it to T' symbols: with the tasks' space padding, pass the space's id.
   */
  endId?: number;
  /** Length normalisation exponent α (default 1: mean log-probability per symbol). */
  alpha?: number;
  /** Rows per forward pass (default 512). */
  batchSize?: number;
}

export interface BeamDecodeResult {
  /** The best answer per row, `[batch][T']` (padded with `endId` after an early end). */
  ids: number[][];
  /** Its log-probability log p(answer | source) in nats, padding after the end not counted. */
  logProb: number[];
  /** Its score log p / n^α. */
  score: number[];
  /** The final beam of each row, best first. */
  beams: Hypothesis[][];
}

/** Beam-search decoding of every row of `source` `[batch, srcLen]`. Creates no lasting tensors. */
export function beamDecode(predictor: Seq2SeqPredictor, source: tf.Tensor2D, opts: BeamDecodeOptions): BeamDecodeResult {
  const n = source.shape[0];
  const T = opts.tgtLen;
  const batchSize = opts.batchSize ?? 512;
  const stepOpts = { endId: opts.endId, alpha: opts.alpha };
  let beams: Hypothesis[][] = Array.from({ length: n }, () => [{ tokens: [], logProb: 0, finished: false }]);
  for (let j = 0; j < T; j++) {
    const live: { row: number; h: Hypothesis }[] = [];
    beams.forEach((bs, row) => bs.forEach((h) => { if (!h.finished) live.push({ row, h }); }));
    if (live.length === 0) break;
    const logProbs: Float64Array[] = [];
    for (let start = 0; start < live.length; start += batchSize) {
      const chunk = live.slice(start, start + batchSize);
      const rows = tf.tidy(() => {
        const src = tf.gather(source, tf.tensor1d(chunk.map((c) => c.row), 'int32')) as tf.Tensor2D; // [m, srcLen]
        const decIn = chunk.map(({ h }) => [opts.startId, ...h.tokens, ...new Array<number>(T - 1 - h.tokens.length).fill(opts.startId)]);
        const input = tf.tensor2d(decIn, [chunk.length, T], 'int32');
        const probs = (typeof predictor === 'function' ? predictor(src, input) : predictor.predict([src, input])) as tf.Tensor; // [m, T', V]
        if (probs.rank !== 3 || probs.shape[0] !== chunk.length || probs.shape[1] !== T) {
          throw new Error(`beamDecode: the model returned shape [${probs.shape}], expected [${chunk.length}, ${T}, vocabSize]`);
        }
        const V = probs.shape[2] as number;
        return tf.log(tf.reshape(tf.slice(probs, [0, j, 0], [chunk.length, 1, V]), [chunk.length, V])).arraySync() as number[][];
      });
      for (const r of rows) logProbs.push(Float64Array.from(r));
    }
    let k = 0;
    beams = beams.map((bs) => {
      const rows = bs.map((h) => (h.finished ? new Float64Array(0) : logProbs[k++]));
      return beamStep(bs, rows, opts.beamWidth, stepOpts);
    });
  }
  const best = beams.map((bs) => bs[0]);
  return {
    ids: best.map((h) => [...h.tokens, ...new Array<number>(T - h.tokens.length).fill(opts.endId ?? opts.startId)]),
    logProb: best.map((h) => h.logProb),
    score: best.map((h) => beamScore(h, opts.alpha ?? 1)),
    beams,
  };
}
