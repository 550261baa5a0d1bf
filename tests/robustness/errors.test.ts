// Bad input at the library's public entries: each must fail with a message that says what was
// expected, what was given, and where (the function's name). One row per case (issue 12).
import * as tf from '@tensorflow/tfjs';
import * as s from 'seqmodels/internals';

const rnnCfg = { cell: 'rnn' as const, inputSize: 3, hiddenSize: 4 };
const lstmCfg = { cell: 'lstm' as const, inputSize: 3, hiddenSize: 4 };
const gruCfg = { cell: 'gru' as const, inputSize: 3, hiddenSize: 4 };
const compiled = () => {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return m;
};
const table = () => ({ columns: ['a', 'b'], rows: 5, data: new Float32Array(10) } as any);

type Row = [string, () => unknown, RegExp];
const rows: Row[] = [
  // backend
  ['initBackend: unknown backend name', () => s.initBackend({ force: 'gpu', log: null }), /"gpu" is not a tfjs backend.*tensorflow, wasm, cpu/],
  // from-scratch cells
  ['paramCount: zero hidden units', () => s.paramCount({ ...rnnCfg, hiddenSize: 0 }), /hiddenSize.*0/],
  ['paramCount: negative input size', () => s.paramCount({ ...lstmCfg, inputSize: -2 }), /inputSize.*-2/],
  ['paramCount: unknown cell kind', () => s.paramCount({ ...rnnCfg, cell: 'transformer' as any }), /transformer/],
  ['forwardSequence: unknown cell kind', () => s.forwardSequence({ ...rnnCfg, cell: 'cnn' as any }, s.initCellParams(rnnCfg), [s.matFrom([[1, 2, 3]])]), /cell: expected 'rnn', 'lstm' or 'gru', got "cnn"/],
  ['forwardSequence: input of the wrong width', () => s.forwardSequence(rnnCfg, s.initCellParams(rnnCfg), [s.matFrom([[1, 2]])]), /\[1, ?2\]|3/],
  ['forwardSequence: initial state of the wrong size', () => s.forwardSequence(rnnCfg, s.initCellParams(rnnCfg), [s.matFrom([[1, 2, 3]])], { h: s.zerosMat(1, 5) }), /5/],
  ['forwardSequence: steps with different batch sizes', () => s.forwardSequence(lstmCfg, s.initCellParams(lstmCfg), [s.matFrom([[1, 2, 3]]), s.matFrom([[1, 2, 3], [4, 5, 6]])]), /2|batch/],
  ['forwardSequence: NaN in the input', () => s.forwardSequence(lstmCfg, s.initCellParams(lstmCfg), [s.matFrom([[1, NaN, 3]])]), /NaN/],
  ['forwardSequence: weights of another size', () => s.forwardSequence(gruCfg, s.initCellParams({ ...gruCfg, hiddenSize: 5 }), [s.matFrom([[1, 2, 3]])]), /kernel/],
  ['forwardSequence: empty sequence', () => s.forwardSequence(rnnCfg, s.initCellParams(rnnCfg), []), /empty|no steps|length 0|at least one/i],
  ['initCellParams: zero hidden units', () => s.initCellParams({ ...rnnCfg, hiddenSize: 0 }), /hiddenSize: expected a positive integer, got 0/],
  ['clipByGlobalNorm: negative maximum', () => s.clipByGlobalNorm([new Float32Array([1, 2])], -1), /-1/],
  ['clipByValue: NaN maximum', () => s.clipByValue([new Float32Array([1, 2])], NaN), /NaN/],
  ['adam: negative learning rate', () => s.adam({ lr: -0.1 }), /lr.*-0\.1|-0\.1/],
  ['sgd: zero learning rate', () => s.sgd({ lr: 0 }), /lr.*0/],
  ['sampleNext: temperature 0', () => s.sampleNext([0, 1], { temperature: 0 }), /temperature.*0/],
  ['sampleNext: top-k of 0', () => s.sampleNext([0, 1], { topK: 0 }), /topK.*0/],
  ['perplexity: negative loss', () => s.perplexity(-1), /-1/],
  ['glorotUniform: zero rows', () => s.glorotUniform(0, 3), /0/],
  // layers
  ['fastLstm: zero units', () => s.fastLstm({ units: 0 }), /units.*0/],
  ['fastLstm: reset after (a GRU option)', () => s.fastLstm({ units: 3, resetAfter: true } as any), /fastLstm: resetAfter is an option of the GRU only/],
  ['fastSimpleRnn: dropout of 1.5', () => s.fastSimpleRnn({ units: 3, dropout: 1.5 }), /fastSimpleRnn: dropout .* in \[0, 1\), got 1\.5/],
  ['fastGru: NaN recurrent dropout', () => s.fastGru({ units: 3, recurrentDropout: NaN }), /fastGru: recurrentDropout .* in \[0, 1\), got NaN/],
  // training
  ['trainModel: zero epochs', () => s.trainModel(compiled(), tf.zeros([4, 2]), tf.zeros([4, 1]), { epochs: 0, batchSize: 2 }), /trainModel: epochs must be a positive integer, got 0/],
  ['trainModel: fractional batch size', () => s.trainModel(compiled(), tf.zeros([4, 2]), tf.zeros([4, 1]), { epochs: 1, batchSize: 1.5 }), /batchSize must be a positive integer, got 1\.5/],
  ['trainModel: no examples', () => s.trainModel(compiled(), tf.zeros([0, 2]), tf.zeros([0, 1]), { epochs: 1, batchSize: 2 }), /x is empty/],
  ['trainModel: x and y disagree', () => s.trainModel(compiled(), tf.zeros([4, 2]), tf.zeros([3, 1]), { epochs: 1, batchSize: 2 }), /y\[0\] has 3 examples, expected 4/],
  ['trainModel: model not compiled', () => s.trainModel(tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] }), tf.zeros([4, 2]), tf.zeros([4, 1]), { epochs: 1, batchSize: 2 }), /not compiled.*model\.compile/],
  ['loadModel: nothing saved there', () => s.loadModel('/nonexistent/model-folder'), /model\.json: not found/],
  ['resumeTraining: no checkpoint', () => s.resumeTraining(tf.zeros([4, 2]), tf.zeros([4, 1]), { epochs: 1, batchSize: 2, checkpoint: { dir: '/nonexistent/ckpt' } }), /no checkpoint in .*model\.json missing/],
  // language models
  ['languageModel: zero vocabulary', () => s.languageModel({ vocabSize: 0 }), /vocabSize must be a positive integer, got 0/],
  ['languageModel: dropout of 1', () => s.languageModel({ vocabSize: 5, dropout: 1 }), /dropout must be in \[0, 1\), got 1/],
  ['lmWindows: text shorter than a window', () => s.lmWindows([1, 2], 5), /2 tokens make no window of 6/],
  ['perplexity: NaN loss', () => s.perplexity(NaN), /got NaN/],
  ['unigramCrossEntropy: id outside the vocabulary', () => s.unigramCrossEntropy([0, 7], [0], 3), /train\[1\] = 7 is outside 0..2/],
  // data
  ['fetchDataset: unknown dataset name', () => s.fetchDataset('no-such-dataset', { mirror: null } as any), /no-such-dataset/],
  ['CharVocab.encode: unknown character', () => s.CharVocab.fromText('abc').encode('abz'), /"z" at position 2 is not in the vocabulary/],
  ['CharVocab.decode: id out of range', () => s.CharVocab.fromText('abc').decode([0, 9]), /id 9 at position 1 is outside 0..2/],
  ['Vocabulary.build: maxSize below 3', () => s.Vocabulary.build([['a']], { maxSize: 1 }), /maxSize 1 leaves no room/],
  ['padSequences: negative maxLen', () => s.padSequences([[1, 2]], { maxLen: -1 }), /maxLen.*-1/],
  ['slidingWindows: zero look-back', () => s.slidingWindows(table(), { lookBack: 0 }), /lookBack.*0/],
  ['slidingWindows: unknown target column', () => s.slidingWindows(table(), { lookBack: 2, targetColumns: ['zzz'] }), /zzz/],
  ['randomWindows: sequence too short', () => s.randomWindows([1, 2, 3], { batchSize: 2, seqLen: 10 })(), /10|short/],
  // forecasting metrics
  ['mae: lengths differ', () => s.mae([1, 2, 3], [1, 2]), /3.*2|2.*3/],
  ['rmse: empty input', () => s.rmse([], []), /empty|no values|0/],
  ['mape: lengths differ', () => s.mape([1, 2], [1]), /2.*1|1.*2/],
  // plotting
  ['lineChartHtml: a series longer than x', () => s.lineChartHtml({ x: [1, 2], series: { a: [1, 2, 3] } }), /lineChart: series "a" has 3 points but x has only 2/],
  ['heatmapHtml: ragged matrix', () => s.heatmapHtml({ z: [[1, 2], [3]] as any }), /row|ragged|length/i],
];

describe.each(rows)('%s', (_name, call, message) => {
  test('fails with a clear message', async () => {
    let error: unknown = null;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
  });
});

test('the table holds at least 40 cases', () => {
  expect(rows.length).toBeGreaterThanOrEqual(40);
});
