/**
 * Training an encoder-decoder: `trainModel` (train/fit.ts) configured for seq2seq data.
 *
 * `fitSeq2Seq` passes the two inputs (source ids, decoder input ids) and the one-hot targets to
 * the library's training loop, with the held-out exact match of greedy decoding as the per-epoch
 * score (`val_exact_match` in the logs and in `history`). Everything else (epochs, batch size,
 * seed, `lrSchedule`, `target`, `minutes`, callbacks such as a `plot.progress(...)` display) is
 * `trainModel`'s, and so is the result: per-epoch history, training seconds, tensors per epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { TrainConfig, TrainResult, trainModel } from '../train/fit';
import { EncodedPairs } from './codec';
import { exactMatchAccuracy, greedyDecode } from './decode';
import { Seq2SeqModel } from './model';

/** Exact-match accuracy of greedy decoding on an encoded split. */
export function seq2seqExactMatch(s2s: Seq2SeqModel, data: EncodedPairs, startId = 0): number {
  const { ids } = greedyDecode(s2s.model, data.source, { tgtLen: s2s.config.tgtLen, startId });
  return exactMatchAccuracy(ids, data.targetIds);
}

/** Options of `fitSeq2Seq`: those of `trainModel` but the score, plus the size of the per-epoch evaluation. */
export type FitSeq2SeqConfig = Omit<TrainConfig, 'evaluate' | 'scoreName' | 'validationData'> & {
  /**
   * Score each epoch on the first `evalSize` held-out problems only (default: all). Greedy decoding
   * costs an encoder pass and T' decoder steps per problem, so for large held-out sets a subset keeps
   * the per-epoch curve cheap; score the whole held-out set once at the end with `seq2seqExactMatch`.
   */
  evalSize?: number;
};

/** Train a seq2seq model with teacher forcing; the score is the held-out exact match (`val_exact_match`). */
export async function fitSeq2Seq(s2s: Seq2SeqModel, train: EncodedPairs, test: EncodedPairs, config: FitSeq2SeqConfig): Promise<TrainResult> {
  const n = test.targetIds.length;
  const k = Math.min(n, config.evalSize ?? n);
  const subset: EncodedPairs = k === n ? test : {
    pairs: test.pairs.slice(0, k),
    source: tf.slice(test.source, [0, 0], [k, -1]),
    decoderInput: tf.slice(test.decoderInput, [0, 0], [k, -1]),
    target: tf.slice(test.target, [0, 0, 0], [k, -1, -1]),
    targetIds: test.targetIds.slice(0, k),
  };
  const { evalSize: _evalSize, ...rest } = config;
  try {
    return await trainModel(s2s.model, [train.source, train.decoderInput], train.target, {
      ...rest,
      scoreName: 'val_exact_match',
      evaluate: () => seq2seqExactMatch(s2s, subset),
    });
  } finally {
    if (subset !== test) tf.dispose([subset.source, subset.decoderInput, subset.target]);
  }
}
