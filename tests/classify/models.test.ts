// Sentiment model builders, masked pooling, encoding and prediction: shapes, parameter counts,
// seeds, padding invariance with masking, fast layers equal to tf.layers, no tensor left behind.
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, buildSentimentModel, encodeReviews, predictProbabilities, predictSentiment, embeddingRows,
  maskedMeanPooling, padSequences, Vocabulary, SentimentModelKind, trainModel,
} from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ log: null });
});

const V = 12, E = 4, H = 3, L = 6;

function params(kind: SentimentModelKind): number {
  const lstm = 4 * (H * (E + H) + H);
  switch (kind) {
    case 'bag': return V * E + E + 1;
    case 'simpleRnn': return V * E + (H * (E + H) + H) + H + 1;
    case 'gru': return V * E + 3 * (H * (E + H) + H) + H + 1;
    case 'lstm': return V * E + lstm + H + 1;
    case 'bilstm': return V * E + 2 * lstm + 2 * H + 1;
  }
}

const kinds: SentimentModelKind[] = ['bag', 'simpleRnn', 'gru', 'lstm', 'bilstm'];

describe('buildSentimentModel', () => {
  test.each(kinds)('%s: [batch, seqLen] ids -> [batch, 1] probabilities, parameter count by formula', (kind) => {
    const m = buildSentimentModel({ kind, vocabSize: V, seqLen: L, embeddingDim: E, hiddenSize: H });
    expect(m.countParams()).toBe(params(kind));
    expect(m.getLayer('embedding')).toBeDefined();
    expect(m.getLayer('output')).toBeDefined();
    const x = tf.tensor2d([[0, 0, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6]], [2, L], 'int32');
    const y = m.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 1]);
    y.dataSync().forEach((p) => {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    });
    tf.dispose([x, y]);
    m.dispose();
  });

  test.each(kinds)('%s: the same seed builds the same weights, another seed different ones', (kind) => {
    const cfg = { kind, vocabSize: V, seqLen: L, embeddingDim: E, hiddenSize: H };
    const a = buildSentimentModel(cfg);
    const b = buildSentimentModel(cfg);
    const c = buildSentimentModel({ ...cfg, seed: 7 });
    const w = (m: tf.LayersModel) => m.getWeights().map((t) => Array.from(t.dataSync()));
    expect(w(a)).toEqual(w(b));
    expect(w(a)).not.toEqual(w(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  test.each(kinds)('%s with mask: more padding in front does not change the prediction; without mask it does', (kind) => {
    const review = [3, 7, 2, 9];
    const short = tf.tensor2d([[0, 0, ...review]], [1, L], 'int32');
    const longer = tf.tensor2d([[0, 0, 0, 0, 0, 0, ...review]], [1, L + 4], 'int32');
    for (const mask of [true, false]) {
      const a = buildSentimentModel({ kind, vocabSize: V, seqLen: L, embeddingDim: E, hiddenSize: H, mask });
      const b = buildSentimentModel({ kind, vocabSize: V, seqLen: L + 4, embeddingDim: E, hiddenSize: H, mask });
      const pa = predictProbabilities(a, short)[0];
      const pb = predictProbabilities(b, longer)[0];
      if (mask) expect(pb).toBeCloseTo(pa, 6);
      else expect(Math.abs(pb - pa)).toBeGreaterThan(1e-6);
      a.dispose();
      b.dispose();
    }
    tf.dispose([short, longer]);
  });

  test.each(['simpleRnn', 'gru', 'lstm', 'bilstm'] as SentimentModelKind[])(
    '%s: the fast layers and tf.layers give the same predictions from the same seed',
    (kind) => {
      const cfg = { kind, vocabSize: V, seqLen: L, embeddingDim: E, hiddenSize: H };
      const fast = buildSentimentModel({ ...cfg, fast: true });
      const slow = buildSentimentModel({ ...cfg, fast: false });
      const x = tf.tensor2d([[0, 0, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 11]], [3, L], 'int32');
      const pf = predictProbabilities(fast, x);
      const ps = predictProbabilities(slow, x);
      pf.forEach((p, i) => expect(p).toBeCloseTo(ps[i], 5));
      x.dispose();
      fast.dispose();
      slow.dispose();
    },
  );

  test('embeddingWeights starts the embedding from a given table', () => {
    const table = tf.tidy(() => tf.range(0, V * E).reshape([V, E]).div(100) as tf.Tensor2D);
    const m = buildSentimentModel({ kind: 'lstm', vocabSize: V, seqLen: L, embeddingDim: E, hiddenSize: H, embeddingWeights: table });
    expect(embeddingRows(m, [0, 11])).toEqual([
      Array.from(table.dataSync().subarray(0, E)),
      Array.from(table.dataSync().subarray(11 * E, 12 * E)),
    ]);
    m.dispose();
    table.dispose();
  });

  test.each([
    [{ kind: 'cnn' }, /kind must be one of bag, simpleRnn, gru, lstm, bilstm/],
    [{ seqLen: 0 }, /seqLen must be a positive integer/],
    [{ hiddenSize: 2.5 }, /hiddenSize must be a positive integer/],
    [{ vocabSize: 1 }, /at least 2/],
  ])('bad config %j', (patch, message) => {
    const cfg = { kind: 'lstm', vocabSize: V, seqLen: L, ...patch } as Parameters<typeof buildSentimentModel>[0];
    expect(() => buildSentimentModel(cfg)).toThrow(message);
  });

  test('training steps do not grow the number of tensors', async () => {
    const m = buildSentimentModel({ kind: 'bilstm', vocabSize: V, seqLen: L, embeddingDim: E, hiddenSize: H });
    const x = tf.tensor2d([[0, 0, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6]], [2, L], 'int32');
    const y = tf.tensor2d([[1], [0]]);
    await m.trainOnBatch(x, y);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await m.trainOnBatch(x, y);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    m.dispose();
  });
});

describe('maskedMeanPooling', () => {
  test('mean over the unmasked steps; plain mean without a mask', () => {
    const layer = maskedMeanPooling();
    const x = tf.tensor3d([[[1, 10], [3, 30], [5, 50]], [[2, 0], [4, 0], [6, 0]]]); // [2, 3, 2]
    const mask = tf.tensor2d([[0, 1, 1], [0, 0, 0]], [2, 3], 'bool');
    const masked = layer.apply(x, { mask }) as tf.Tensor;
    expect(masked.arraySync()).toEqual([[4, 40], [0, 0]]); // an all-padding row gives zeros
    const plain = layer.apply(x) as tf.Tensor;
    expect(plain.arraySync()).toEqual([[3, 30], [4, 0]]);
    tf.dispose([x, mask, masked, plain]);
  });
});

describe('encodeReviews', () => {
  const vocab = new Vocabulary(['<pad>', '<unk>', 'good', 'bad', 'film', 'not']);
  const docs = [['not', 'a', 'good', 'film'], ['bad'], [], ['good', 'good', 'bad', 'film', 'not', 'bad', 'film']];
  test.each([
    ['pre', 'pre'], ['pre', 'post'], ['post', 'pre'], ['post', 'post'],
  ] as const)('padding %s, truncating %s: the same rows as padSequences(vocab.encode)', (padding, truncating) => {
    const x = encodeReviews(docs, vocab, { seqLen: 5, padding, truncating });
    expect(x.dtype).toBe('int32');
    expect(x.arraySync()).toEqual(padSequences(docs.map((d) => vocab.encode(d)), { maxLen: 5, padding, truncating }));
    x.dispose();
  });
  test('defaults are pre and pre (Keras)', () => {
    const x = encodeReviews(docs, vocab, { seqLen: 3 });
    expect(x.arraySync()).toEqual([[1, 2, 4], [0, 0, 3], [0, 0, 0], [5, 3, 4]]);
    x.dispose();
  });
});

describe('predictProbabilities', () => {
  // reviews of many lengths, padding in front or behind, three empty ones; batches of 3
  const W = 12;
  const reviews = [[3, 7, 2, 9, 4, 5, 6, 8, 10, 11], [5], [], [2, 3], [9, 9, 9, 9, 9, 9, 9], [1, 4, 1],
    [6, 7, 8, 9, 10], [11, 2], [], [4, 4, 4, 4], [7, 1, 7, 1, 7, 1, 7, 1, 7], []];
  const pre = padSequences(reviews, { maxLen: W, padding: 'pre' });
  const post = padSequences(reviews.slice(0, 4), { maxLen: W, padding: 'post' });
  const rows = [...pre, ...post];
  // the widths of the id rectangles the models predict on
  const widthsSeen = () => {
    const spy = jest.spyOn(tf.Sequential.prototype, 'predict');
    // read them before restore, which forgets the calls
    return {
      widths: () => spy.mock.calls.map(([x]) => (Array.isArray(x) ? x[0] : x).shape[1]),
      restore: () => spy.mockRestore(),
    };
  };

  test.each(kinds)('%s: the same probabilities as model.predict, in the order of the rows, masked or not', (kind) => {
    const x = tf.tensor2d(rows, [rows.length, W], 'int32');
    for (const mask of [true, false]) {
      const m = buildSentimentModel({ kind, vocabSize: V, seqLen: W, embeddingDim: E, hiddenSize: H, mask });
      const expected = tf.tidy(() => Array.from((m.predict(x) as tf.Tensor).dataSync()));
      const before = tf.memory().numTensors;
      // batches of other sizes than model.predict's may round differently in the last bit
      const got = predictProbabilities(m, x, 3);
      got.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 6));
      expect(tf.memory().numTensors).toBe(before);
      // the model keeps its weights (the twin that read the narrower batches had a copy)
      expect(predictProbabilities(m, x, 3)).toEqual(got);
      m.dispose();
    }
    x.dispose();
  });

  test('a model that masks padding reads its rows shortest first, each batch cut to the columns it uses', () => {
    // padding in front (as encodeReviews does by default): a row uses as many columns as its review is long
    const x = tf.tensor2d(pre, [pre.length, W], 'int32');
    const lengths = reviews.map((r) => r.length).sort((a, b) => a - b); // 0 0 0 1 2 2 3 4 5 7 9 10
    // each batch of 3 is as wide as its longest review (a batch of empty reviews reads one column)
    const expected = [0, 3, 6, 9].map((s) => Math.max(1, ...lengths.slice(s, s + 3)));
    expect(expected).toEqual([1, 2, 5, 10]);
    const masked = buildSentimentModel({ kind: 'lstm', vocabSize: V, seqLen: W, embeddingDim: E, hiddenSize: H });
    const seen = widthsSeen();
    predictProbabilities(masked, x, 3);
    const widths = seen.widths();
    seen.restore();
    expect(widths).toEqual(expected);
    expect(Math.max(...expected)).toBeLessThan(W);
    const unmasked = buildSentimentModel({ kind: 'lstm', vocabSize: V, seqLen: W, embeddingDim: E, hiddenSize: H, mask: false });
    const all = widthsSeen();
    predictProbabilities(unmasked, x, 3);
    const allWidths = all.widths();
    all.restore();
    expect(new Set(allWidths)).toEqual(new Set([W])); // every column counts: the rectangle as it is
    [masked, unmasked].forEach((m) => m.dispose());
    x.dispose();
  });
});

describe('predictSentiment', () => {
  test('tokenises like the training data, reports unknown words, leaves no tensor behind', () => {
    const vocab = new Vocabulary(['<pad>', '<unk>', 'good', 'bad', 'film', 'not']);
    const m = buildSentimentModel({ kind: 'lstm', vocabSize: vocab.vocabSize, seqLen: 4, embeddingDim: E, hiddenSize: H });
    const before = tf.memory().numTensors;
    const r = predictSentiment(m, vocab, 'Not a GOOD film, sadly!', { seqLen: 4 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.tokens).toEqual(['a', 'good', 'film', 'sadly']); // truncating 'pre' keeps the end
    expect(r.unknown).toEqual(['a', 'sadly']);
    expect(r.label).toBe(r.probability >= 0.5 ? 'positive' : 'negative');
    const x = encodeReviews([['a', 'good', 'film', 'sadly']], vocab, { seqLen: 4 });
    expect(r.probability).toBeCloseTo(predictProbabilities(m, x)[0], 6);
    x.dispose();
    m.dispose();
  });
});

describe('trainModel on a classifier (budget and tensor accounting)', () => {
  const x = () => tf.tensor2d([[0, 0, 2, 3, 4, 5], [0, 0, 0, 6, 7, 8], [1, 2, 3, 4, 5, 6], [0, 9, 10, 11, 6, 7]], [4, L], 'int32');
  const y = () => tf.tensor2d([[1], [0], [1], [0]]);

  test('records the tensors after each epoch (constant) and the time', async () => {
    const [xs, ys] = [x(), y()];
    const m = buildSentimentModel({ kind: 'lstm', vocabSize: V, seqLen: L, embeddingDim: E, hiddenSize: H });
    const run = await trainModel(m, xs, ys, { epochs: 3, batchSize: 2, validationData: [xs, ys] });
    expect(run.stopped).toBe('completed');
    expect(run.epochsDone).toBe(3);
    expect(run.history.val_acc).toHaveLength(3);
    expect(run.tensorsAtEpochEnd).toHaveLength(3);
    expect(new Set(run.tensorsAtEpochEnd).size).toBe(1);
    expect(run.seconds).toBeGreaterThan(0);
    expect(run.trainingSeconds).toHaveLength(3);
    expect(run.trainingSeconds[2]).toBeGreaterThanOrEqual(run.trainingSeconds[0]);
    expect(run.trainingSeconds[2]).toBeLessThanOrEqual(run.seconds);
    tf.dispose([xs, ys]);
    m.dispose();
  });

  test('a time budget stops between batches, keeping the model and the completed epochs', async () => {
    const [xs, ys] = [x(), y()];
    const m = buildSentimentModel({ kind: 'bag', vocabSize: V, seqLen: L, embeddingDim: E });
    const run2 = await trainModel(m, xs, ys, { epochs: 500, batchSize: 1, minutes: 0.0005 }); // 30 ms
    expect(run2.stopped).toBe('outOfTime');
    expect(run2.message).toMatch(/time budget of 0.0005 minutes/);
    expect(run2.epochsDone).toBeLessThan(50);
    tf.dispose([xs, ys]);
    m.dispose();
  });
});
