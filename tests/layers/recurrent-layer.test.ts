// recurrentLayer: the one helper every builder uses to pick a recurrent layer by cell and fast flag.
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, recurrentLayer, RecurrentLayerOptions, languageModel, buildSeq2Seq, buildTagger, buildSentimentModel, buildForecaster,
} from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

const T = 5, F = 3;
function modelOf(opts: RecurrentLayerOptions): tf.LayersModel {
  const m = tf.sequential();
  m.add(recurrentLayer({ ...opts, inputShape: [T, F] }));
  return m;
}
const x = () => tf.randomNormal([4, T, F], 0, 1, 'float32', 7);
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

test.each([
  ['rnn', 'FastSimpleRNN', 'SimpleRNN', false, false],
  ['gru', 'FastGRU', 'GRU', false, false],
  ['lstm', 'FastLSTM', 'LSTM', false, false],
  ['gru', 'FastGRU', 'GRU', true, false],
  ['lstm', 'FastLSTM', 'LSTM', true, true],
] as const)('%s: fast (%s) and tf.layers (%s) build the same weights from a seed and give the same outputs (returnSequences %s, bidirectional %s)',
  (cell, fastClass, tfClass, returnSequences, bidirectional) => {
    const opts: RecurrentLayerOptions = { cell, hiddenSize: 6, returnSequences, bidirectional, seed: 11, name: 'rec' };
    const fast = modelOf(opts);
    const slow = modelOf({ ...opts, fast: false });
    const inner = (m: tf.LayersModel) => {
      const l = m.layers[0] as tf.layers.Layer & { layer?: tf.layers.Layer; forwardLayer?: tf.layers.Layer };
      return (l.forwardLayer ?? l).getClassName();
    };
    expect([inner(fast), inner(slow)]).toEqual([fastClass, tfClass]);
    expect(fast.layers[0].name).toBe('rec');
    const [wf, ws] = [fast.getWeights(), slow.getWeights()];
    expect(wf.map((w) => w.shape)).toEqual(ws.map((w) => w.shape));
    wf.forEach((w, i) => expect(maxDiff(w, ws[i])).toBe(0)); // same initializers, same seeds
    const input = x();
    const [yf, ys] = [fast.predict(input) as tf.Tensor, slow.predict(input) as tf.Tensor];
    const width = bidirectional ? 12 : 6;
    expect(yf.shape).toEqual(returnSequences ? [4, T, width] : [4, width]);
    expect(maxDiff(yf, ys)).toBeLessThan(1e-5);
    tf.dispose([input, yf, ys]);
    fast.dispose();
    slow.dispose();
  });

test('the same seed builds the same weights; another seed others', () => {
  const a = modelOf({ cell: 'gru', hiddenSize: 4, seed: 3 });
  const b = modelOf({ cell: 'gru', hiddenSize: 4, seed: 3 });
  const c = modelOf({ cell: 'gru', hiddenSize: 4, seed: 4 });
  expect(maxDiff(a.getWeights()[1], b.getWeights()[1])).toBe(0);
  expect(maxDiff(a.getWeights()[1], c.getWeights()[1])).toBeGreaterThan(0);
  [a, b, c].forEach((m) => m.dispose());
});

test('returnState gives the final state(s) after the output', () => {
  const input = tf.input({ shape: [T, F] });
  const outs = recurrentLayer({ cell: 'lstm', hiddenSize: 4, returnState: true }).apply(input) as tf.SymbolicTensor[];
  expect(outs.map((o) => o.shape)).toEqual([[null, 4], [null, 4], [null, 4]]);
});

test.each([
  [{ cell: 'transformer', hiddenSize: 4 }, /recurrentLayer: cell must be one of rnn, gru, lstm, got "transformer"/],
  [{ cell: 'gru', hiddenSize: 0 }, /recurrentLayer: hiddenSize must be a positive integer, got 0/],
  [{ cell: 'gru', hiddenSize: 2.5 }, /recurrentLayer: hiddenSize must be a positive integer, got 2.5/],
])('a wrong option is named: %j', (opts, message) => {
  expect(() => recurrentLayer(opts as unknown as RecurrentLayerOptions)).toThrow(message);
});

describe('one option vocabulary: the builders refuse names they do not know', () => {
  test.each([
    ['languageModel', () => languageModel({ vocabSize: 4, embedDim: 8 } as never), /languageModel: unknown option 'embedDim' \('embedDim' is called embeddingDim\)/],
    ['buildSeq2Seq', () => buildSeq2Seq({ vocabSize: 5, srcLen: 3, tgtLen: 2, embedSize: 4 } as never), /buildSeq2Seq: unknown option 'embedSize' \('embedSize' is called embeddingDim\)/],
    ['buildTagger', () => buildTagger({ vocabSize: 5, numClasses: 5, seqLen: 3, embedSize: 4 } as never), /buildTagger: unknown option 'embedSize'/],
    ['buildSentimentModel', () => buildSentimentModel({ kind: 'lstm', vocabSize: 9, seqLen: 4, implementation: 'fast' } as never), /'implementation' is called fast/],
    ['buildForecaster', () => buildForecaster({ seqLen: 4, inputSize: 2, units: 8 } as never), /'units' is called hiddenSize/],
    ['buildForecaster', () => buildForecaster({ seqLen: 4, inputSize: 2, colour: 'red' } as never), /'colour' is not an option\)\. Options: seqLen, inputSize/],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
