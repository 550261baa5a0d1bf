/**
 * Early stopping of a seq2seq model on its held-out exact match: fitSeq2Seq's per-epoch score
 * (`val_exact_match`) watched by the earlyStopping callback, the set-up of notebooks 05 and 09.
 */
import {
  initBackend, additionTask, Seq2SeqCodec, encodePairs, disposeEncoded, buildSeq2Seq, fitSeq2Seq, seq2seqExactMatch, earlyStopping,
} from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

test('fitSeq2Seq + earlyStopping on val_exact_match: stops patience epochs after the best score and ends with the best epoch\'s weights', async () => {
  const t = additionTask({ trainSize: 64, testSize: 16, seed: 4 });
  const codec = Seq2SeqCodec.fromTask(t);
  const tr = encodePairs(codec, t.train);
  const te = encodePairs(codec, t.test);
  const s2s = buildSeq2Seq({ vocabSize: codec.vocabSize, srcLen: t.srcLen, tgtLen: t.tgtLen, hiddenSize: 8, embeddingDim: 4, seed: 3 });
  // The weights at each epoch's end, to check which ones the model ends with.
  const weightsAt: number[][] = [];
  const record = { onEpochEnd: () => void weightsAt.push(s2s.model.getWeights().flatMap((w) => Array.from(w.dataSync()))) };
  const stop = earlyStopping(s2s.model, { monitor: 'val_exact_match', mode: 'max', patience: 1 });
  const run = await fitSeq2Seq(s2s, tr, te, { epochs: 6, batchSize: 16, callbacks: [record, stop], stopOnInterrupt: false });
  const scores = run.history.val_exact_match;
  const best = scores.indexOf(Math.max(...scores)); // the first epoch with the highest score (a tie is no improvement)
  expect(stop.bestEpoch).toBe(best);
  expect(stop.bestValue).toBe(scores[best]);
  // patience 1: training ends at the first epoch after the best one that is not better, or at the cap
  const ran = scores.length;
  expect(ran === 6 || ran === best + 2).toBe(true);
  expect(run.stopped).toBe(ran < 6 ? 'stoppedByCallback' : 'completed');
  expect(s2s.model.getWeights().flatMap((w) => Array.from(w.dataSync()))).toEqual(weightsAt[best]);
  expect(seq2seqExactMatch(s2s, te)).toBe(scores[best]); // the restored model scores what its best epoch did
  s2s.model.dispose();
  disposeEncoded(tr);
  disposeEncoded(te);
});

test('fitSeq2Seq refuses the old patience option and names the callback', async () => {
  const t = additionTask({ trainSize: 8, testSize: 4, seed: 4 });
  const codec = Seq2SeqCodec.fromTask(t);
  const tr = encodePairs(codec, t.train);
  const te = encodePairs(codec, t.test);
  const s2s = buildSeq2Seq({ vocabSize: codec.vocabSize, srcLen: t.srcLen, tgtLen: t.tgtLen, hiddenSize: 4, embeddingDim: 2, seed: 3 });
  await expect(fitSeq2Seq(s2s, tr, te, { epochs: 2, batchSize: 4, patience: 2 } as never))
    .rejects.toThrow(/patience is not an option of trainModel.*earlyStopping\(model, \{ monitor: 'val_exact_match', mode: 'max'/);
  s2s.model.dispose();
  disposeEncoded(tr);
  disposeEncoded(te);
});
