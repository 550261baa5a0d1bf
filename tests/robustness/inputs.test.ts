// Sampling and decoding on bad logits and ids (issue 22, class 5), data preparation that must
// not guess (class 6) and errors that must say what is wrong (class 8). One row per case.
import * as tf from '@tensorflow/tfjs';
import * as s from 'seqmodels/internals';

const seq = (n: number, start = 0) => Array.from({ length: n }, (_, i) => start + i);
const days = (n: number, reversed = false) => {
  const d = seq(n).map((i) => new Date(Date.UTC(2020, 0, 1 + i)));
  return reversed ? d.reverse() : d;
};
const table = (n: number, dates?: Date[]) => ({ columns: ['a'], values: seq(n).map((i) => [i]), dates });

describe('class 5: sampling rejects logits it cannot sample from', () => {
  const rows: [string, ArrayLike<number>, RegExp][] = [
    ['empty logits', [], /the logits are empty/],
    ['empty Float32Array', new Float32Array(0), /the logits are empty/],
    ['a NaN logit', [0, NaN, 1], /logit 1 is NaN/],
    ['all NaN', [NaN, NaN], /logit 0 is NaN/],
    ['a +Infinity logit', [0, Infinity, 1], /logit 1 is Infinity/],
    ['all -Infinity', [-Infinity, -Infinity, -Infinity], /every one of the 3 logits is -Infinity/],
    ['a string among numbers', [0, '1' as unknown as number], /logit 1 is 1/],
  ];
  test.each(rows)('sampleNext: %s', (_name, logits, message) => {
    expect(() => s.sampleNext(logits)).toThrow(message);
    expect(() => s.sampleNext(logits, { topK: 1 })).toThrow(message);
  });

  test('-Infinity marks an impossible token (documented): never drawn', () => {
    const random = s.seededRng(3);
    for (let i = 0; i < 200; i++) expect(s.sampleNext([-Infinity, 0, -Infinity, 0], { random })).toBeGreaterThan(0);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['temperature NaN', { temperature: NaN }, /temperature.*NaN/],
    ['temperature Infinity', { temperature: Infinity }, /temperature.*Infinity/],
    ['temperature -1', { temperature: -1 }, /temperature.*-1/],
    ['topK 1.5', { topK: 1.5 }, /topK.*1\.5/],
    ['topK NaN', { topK: NaN }, /topK.*NaN/],
    ['a generator returning 1', { random: () => 1 }, /random.*got 1/],
    ['a generator returning NaN', { random: () => NaN }, /random.*got NaN/],
  ])('sampleNext: %s', (_name, opts, message) => {
    expect(() => s.sampleNext([0, 1, 2], opts)).toThrow(message);
  });
});

describe('class 5: generation and decoding', () => {
  const config = { vocabSize: 6, embeddingDim: 4, hiddenSize: 5 };
  let trained: tf.LayersModel;
  let generator: tf.LayersModel;
  beforeAll(() => {
    trained = s.languageModel(config);
    generator = s.generatorFor(trained, config);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a fractional prime id', { prime: [1, 2.5] }, /prime\[1\] is 2\.5; token ids must be integers from 0 to 5/],
    ['a NaN prime id', { prime: [NaN] }, /prime\[0\] is NaN/],
    ['a negative prime id', { prime: [-1] }, /prime\[0\] is -1/],
    ['a prime id equal to the vocabulary size', { prime: [6] }, /prime\[0\] is 6/],
    ['an empty prime', { prime: [] }, /at least one token/],
    ['an unknown strategy', { strategy: 'beam' }, /strategy must be 'greedy' or 'sample', got "beam"/],
    ['a NaN seed', { seed: NaN }, /seed must be an integer, got NaN/],
    ['a NaN temperature', { temperature: NaN }, /temperature must be a finite number > 0, got NaN/],
    ['a fractional length', { length: 2.5 }, /length must be a non-negative integer, got 2\.5/],
  ])('generate: %s', (_name, change, message) => {
    expect(() => s.generate(generator, { prime: [1], length: 3, ...change } as never)).toThrow(message);
  });

  test.each(['greedy', 'sample'] as const)('generate (%s) with NaN weights: an error, not a repeated token', (strategy) => {
    const broken = s.generatorFor(trained, config);
    broken.setWeights(broken.getWeights().map((w) => tf.fill(w.shape, NaN)));
    expect(() => s.generate(broken, { prime: [1], length: 5, strategy })).toThrow(/generate \(step 1\): logit 0 is NaN.*weights/);
    broken.dispose();
  });

  test.each<[string, number[], RegExp]>([
    ['a NaN score', [0, NaN], /beamStep \(hypothesis 0\): logit 1 is NaN/],
    ['a +Infinity score', [Infinity, 0], /logit 0 is Infinity/],
    ['every score -Infinity', [-Infinity, -Infinity], /every one of the 2 logits is -Infinity/],
    ['no score at all', [], /the logits are empty/],
  ])('beamStep: %s', (_name, row, message) => {
    expect(() => s.beamStep([{ tokens: [], logProb: 0, finished: false }], [row], 2)).toThrow(message);
  });

  test('beamGenerate with NaN weights: an error, not an arbitrary beam', () => {
    const broken = s.languageModel(config);
    broken.setWeights(broken.getWeights().map((w) => tf.fill(w.shape, NaN)));
    expect(() => s.beamGenerate(broken, { prime: [1], length: 3, beamWidth: 2 } as never)).toThrow(/logit \d+ is NaN/);
    broken.dispose();
  });

  test('greedyDecode with NaN probabilities, and bad options', () => {
    const nanModel = (src: tf.Tensor2D, dec: tf.Tensor2D) => tf.fill([src.shape[0], dec.shape[1], 4], NaN);
    const src = tf.zeros([2, 3], 'int32') as tf.Tensor2D;
    expect(() => s.greedyDecode(nanModel, src, { tgtLen: 2, startId: 1 })).toThrow(/row 0, step 1 are not finite \(NaN\)/);
    const ok = (src: tf.Tensor2D, dec: tf.Tensor2D) => tf.ones([src.shape[0], dec.shape[1], 4]);
    expect(() => s.greedyDecode(ok, src, { tgtLen: 0, startId: 1 })).toThrow(/tgtLen must be an integer >= 1, got 0/);
    expect(() => s.greedyDecode(ok, src, { tgtLen: 2, startId: 1.5 })).toThrow(/startId must be an integer >= 0, got 1\.5/);
    expect(() => s.greedyDecode(ok, src, { tgtLen: 2, startId: 1, batchSize: NaN })).toThrow(/batchSize must be an integer >= 1, got NaN/);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['lmWindows: a fractional id', () => s.lmWindows([0, 1, 2.5, 3], 2), /ids\[2\] is 2\.5/],
    ['lmWindows: a NaN id', () => s.lmWindows([0, NaN, 2, 3], 2), /ids\[1\] is NaN/],
    ['lmWindows: a negative offset', () => s.lmWindows([0, 1, 2, 3], 2, -1), /offset must be an integer >= 0, got -1/],
    ['randomWindows: a NaN id', () => s.randomWindows([0, 1, NaN, 3, 4], { batchSize: 1, seqLen: 2 }), /ids\[2\] is NaN/],
    ['randomWindows: a NaN seed', () => s.randomWindows([0, 1, 2, 3, 4], { batchSize: 1, seqLen: 2, seed: NaN }), /seed must be an integer, got NaN/],
    ['randomWindows: a fractional batch size', () => s.randomWindows([0, 1, 2, 3, 4], { batchSize: 1.5, seqLen: 2 }), /batchSize must be a positive integer, got 1\.5/],
    ['contiguousStreams: an id of 1.5', () => s.contiguousStreams([0, 1.5, 2, 3, 4], { batchSize: 1, seqLen: 2 }).next(), /ids\[1\] is 1\.5/],
    ['padSequences: a NaN id', () => s.padSequences([[1, NaN]]), /sequences\[0\]\[1\] is NaN/],
    ['padSequences: a fractional padding value', () => s.padSequences([[1]], { value: 0.5 }), /value must be an integer .*0\.5/],
    ['padSequences: padding "middle"', () => s.padSequences([[1]], { padding: 'middle' as never }), /padding must be 'pre' or 'post', got "middle"/],
    ['CharVocab.decode: a fractional id', () => s.CharVocab.fromText('abc').decode([1.5]), /id 1\.5 at position 0/],
    ['Vocabulary.decode: a NaN id', () => s.Vocabulary.build([['a', 'b']]).decode([NaN]), /id NaN at position 0/],
    ['seededRng: a NaN seed', () => s.seededRng(NaN), /seed must be an integer, got NaN/],
    ['seededRng: a fractional seed', () => s.seededRng(1.5), /seed must be an integer, got 1\.5/],
    ['epochPermutation: a NaN seed', () => s.epochPermutation(5, NaN, 0), /seed must be an integer, got NaN/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(message);
  });
});

describe('class 6: filling missing values', () => {
  test.each(['cubic', '', 'LINEAR', 'ffill', undefined, null, 0])('unknown method %p is an error listing the methods', (method) => {
    expect(() => s.fillMissing([1, NaN, 3], method as never)).toThrow(/method must be one of 'linear', 'forward', 'zero', 'none'/);
  });
  test.each<[string, number[], string, number[]]>([
    ['Infinity is missing (linear)', [0, Infinity, 2], 'linear', [0, 1, 2]],
    ['-Infinity is missing (forward)', [5, -Infinity, 7], 'forward', [5, 5, 7]],
    ['Infinity is missing (zero)', [5, Infinity, 7], 'zero', [5, 0, 7]],
    ['Infinity becomes NaN (none)', [5, Infinity, 7], 'none', [5, NaN, 7]],
    ['NaN and Infinity together', [NaN, Infinity, 4, -Infinity, 8], 'linear', [4, 4, 4, 6, 8]],
  ])('%s', (_name, values, method, expected) => {
    const f = s.fillMissing(values, method as never);
    expect(f.values).toEqual(expected);
  });
  test.each<[string, number[], RegExp]>([
    ['reversed times', [3, 2, 1], /times\[1\] = 2 follows 3/],
    ['repeated times', [1, 1, 2], /times\[1\] = 1 follows 1/],
    ['a NaN time', [1, NaN, 3], /times\[1\] = NaN/],
    ['times of another length', [1, 2], /2 times for 3 values/],
  ])('%s are an error', (_name, times, message) => {
    expect(() => s.fillMissing([1, NaN, 3], 'linear', times)).toThrow(message);
  });
});

describe('class 6: splits and windows', () => {
  test.each<[string, number, number, number, RegExp]>([
    ['no training row', 3, 0.2, 0.4, /leave the training part with 0 rows/],
    ['no training nor validation row', 3, 0.2, 0.2, /leave the training and validation part with 0 rows/],
    ['no validation row', 10, 0.85, 0.05, /leave the validation part with 0 rows/],
    ['an empty table', 0, 0.7, 0.15, /leave the training and validation and test part with 0 rows/],
    ['NaN training fraction', 10, NaN, 0.1, /need train > 0.*NaN/],
    ['Infinity validation fraction', 10, 0.5, Infinity, /need train > 0/],
  ])('splitByTime: %s', (_name, n, train, validation, message) => {
    expect(() => s.splitByTime(table(n), { train, validation })).toThrow(message);
  });
  test('splitByTime: a validation fraction of 0 is allowed (no validation part asked for)', () => {
    const r = s.splitByTime(table(10), { train: 0.8, validation: 0 });
    expect([r.train.values.length, r.validation.values.length, r.test.values.length]).toEqual([8, 0, 2]);
  });
  test.each<[string, () => unknown, RegExp]>([
    ['splitByTime: reversed dates', () => s.splitByTime(table(10, days(10, true)), { train: 0.5, validation: 0.2 }), /dates must strictly increase, but row 1/],
    ['splitByTime: a repeated date', () => s.splitByTime(table(3, [...days(2), days(2)[1]]), { train: 0.5, validation: 0.2 }), /row 2 .* does not come after row 1/],
    ['splitByTime: an invalid Date', () => s.splitByTime(table(2, [new Date('x'), new Date(0)]), { train: 0.5, validation: 0 }), /dates\[0\] is not a valid Date/],
    ['splitByTime: fewer dates than rows', () => s.splitByTime(table(3, days(2)), { train: 0.5, validation: 0 }), /3 rows but 2 dates/],
    ['slidingWindows: reversed dates', () => s.slidingWindows(table(10, days(10, true)), { lookBack: 2, maxStepMs: 86_400_000 }), /dates must strictly increase/],
    ['slidingWindows: maxStepMs NaN', () => s.slidingWindows(table(10, days(10)), { lookBack: 2, maxStepMs: NaN }), /maxStepMs must be a finite number > 0/],
    ['slidingWindows: maxStepMs 0', () => s.slidingWindows(table(10, days(10)), { lookBack: 2, maxStepMs: 0 }), /maxStepMs .* got 0/],
    ['Scaler.fit: an unknown kind', () => s.Scaler.fit(table(5), 'robust' as never), /kind must be one of 'standard', 'minmax', got "robust"/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(message);
  });
  test.each<[string, Record<string, number>, RegExp]>([
    ['NaN year', { fromYear: NaN }, /fromYear must be an integer year, got NaN/],
    ['reversed range', { fromYear: 2000, toYear: 1990 }, /fromYear 2000 comes after toYear 1990/],
    ['a range with no address', { fromYear: 1700, toYear: 1780 }, /no address between 1700 and 1780/],
  ])('loadStateOfTheUnion: %s', async (_name, range, message) => {
    await expect(s.loadStateOfTheUnion(range)).rejects.toThrow(message);
  });
});

describe('class 6: vocabularies', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['CharVocab of an empty text', () => s.CharVocab.fromText(''), /the vocabulary is empty/],
    ['CharVocab of no characters', () => new s.CharVocab([]), /the vocabulary is empty/],
    ['CharVocab with a two-character entry', () => new s.CharVocab(['ab']), /every entry must be one character/],
    ['Vocabulary of no documents', () => s.Vocabulary.build([]), /no token kept \(0 distinct tokens/],
    ['Vocabulary of empty documents', () => s.Vocabulary.build([[], []]), /no token kept/],
    ['Vocabulary where minCount removes everything', () => s.Vocabulary.build([['a', 'b']], { minCount: 2 }), /no token kept \(2 distinct tokens in the documents, minCount 2\)/],
    ['Vocabulary with maxSize NaN', () => s.Vocabulary.build([['a']], { maxSize: NaN }), /maxSize must be an integer, got NaN/],
    ['Vocabulary with minCount 0.5', () => s.Vocabulary.build([['a']], { minCount: 0.5 }), /minCount must be a positive integer, got 0\.5/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(message);
  });
});

describe('class 6: CSV (papaparse underneath)', () => {
  const errors: [string, string, RegExp][] = [
    ['text after a closing quote', 'a,b\n"x"y,1\n', /line 2: a quoted field is followed by other characters/],
    ['a quote closing mid-field', 'a,b\n1,"x"y"\n', /line 2: a quoted field/],
    ['an unclosed quote', 'a,b\n1,2\n"3,4\n', /line 3: a quoted field is never closed/],
    ['a duplicate header', 'a,b,a\n1,2,3\n', /line 1: the column name "a" appears twice \(columns 1 and 3\)/],
    ['a duplicate header after trimming', 'a, a\n1,2\n', /the column name "a" appears twice/],
    ['an empty header name', 'a,,c\n1,2,3\n', /line 1: column 2 of the header has no name/],
    ['too few fields', 'a,b\n1,2\n3\n', /line 3: expected 2 fields \(a, b\) but found 1/],
    ['too many fields', 'a,b\n1,2,3\n', /line 2: expected 2 fields/],
    ['only a header', 'a,b\n', /only a header/],
    ['an empty file', '', /the file is empty/],
    ['blank lines only', '\n\n\r\n', /the file is empty/],
  ];
  test.each(errors)('%s is an error with its line', (_name, text, message) => {
    expect(() => s.parseCsv(text, 'f.csv')).toThrow(message);
  });

  test.each<[string, string, string[][], number[]]>([
    ['quoted comma', 'a,b\n"1,5",2\n', [['1,5', '2']], [2]],
    ['doubled quotes inside quotes', 'a,b\n"say ""hi""",2\n', [['say "hi"', '2']], [2]],
    ['a line break inside quotes: the next row keeps its own line', 'a,b\n"x\ny",1\n2,3\n', [['x\ny', '1'], ['2', '3']], [2, 4]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n3,4\r\n', [['1', '2'], ['3', '4']], [2, 3]],
    ['blank lines are skipped and lines still counted', 'a,b\n\n1,2\n\n3,4\n', [['1', '2'], ['3', '4']], [3, 5]],
    ['a byte-order mark', '\ufeffa,b\n1,2\n', [['1', '2']], [2]],
    ['an empty quoted field', 'a,b\n"",2\n', [['', '2']], [2]],
  ])('%s', (_name, text, rows, lines) => {
    const t = s.parseCsv(text, 'f.csv');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual(rows);
    expect(t.lines).toEqual(lines);
  });

  test.each(['0x10', '0X1f', '0b1', '0o7', '1_000', 'Infinity', '-Infinity', 'NaN', '1e', '--1', '1.2.3', '12abc', '١٢'])('the number cell %j is an error, not a guess', (cell) => {
    const t = s.parseCsv(`a\n${JSON.stringify(cell)}\n`, 'f.csv');
    expect(() => s.numberColumn(t, 'a')).toThrow(/f\.csv, line 2: column "a": .* is not a number/);
  });
  test.each<[string, number]>([
    ['12', 12], ['-0.5', -0.5], ['.5', 0.5], ['3.', 3], ['1e3', 1000], ['+2', 2], [' 7 ', 7], ['1E-2', 0.01],
  ])('the number cell %j reads as %p', (cell, value) => {
    expect(s.numberColumn(s.parseCsv(`a\n"${cell}"\n`), 'a')).toEqual([value]);
  });
  test('missing cells (NA, empty) read as NaN', () => {
    expect(s.numberColumn(s.parseCsv('a,b\nNA,1\n,2\n'), 'a')).toEqual([NaN, NaN]);
  });
});

describe('class 8: errors that say what is wrong', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['fastLstm: a batch of 0', () => (s.fastLstm({ units: 3 }) as any).apply(tf.zeros([0, 4, 2])), /input \[batch, time, features\] = \[0,4,2\] is empty/],
    ['fastGru: 0 time steps', () => (s.fastGru({ units: 3 }) as any).apply(tf.zeros([2, 0, 2])), /= \[2,0,2\] is empty/],
    ['fastSimpleRnn: a disposed input', () => {
      const x = tf.ones([2, 4, 2]);
      x.dispose();
      return (s.fastSimpleRnn({ units: 3 }) as any).apply(x);
    }, /the input tensor \(shape \[2,4,2\]\) has been disposed/],
    ['predict: a batch of 0 through a fast layer', () => {
      const m = tf.sequential({ layers: [s.fastLstm({ units: 3, inputShape: [4, 2] }) as any] });
      return m.predict(tf.zeros([0, 4, 2]));
    }, /predict: x has 0 examples \(shape \[0,4,2\]\)/],
    ['predict: a disposed input', () => {
      const m = tf.sequential({ layers: [s.fastGru({ units: 3, inputShape: [4, 2] }) as any] });
      const x = tf.ones([2, 4, 2]);
      x.dispose();
      return m.predict(x);
    }, /predict: x \(shape \[2,4,2\]\) has been disposed: pass a live tensor/],
    ['evaluate: a disposed target', () => {
      const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
      m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
      const y = tf.ones([3, 1]);
      y.dispose();
      return m.evaluate(tf.ones([3, 2]), y);
    }, /evaluate: y \(shape \[3,1\]\) has been disposed/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(message);
  });
});
