/** Task generators: determinism, disjoint splits, padding, encode/decode round trip, teacher forcing. */
import * as tf from '@tensorflow/tfjs';
import {
  additionTask, additionPair, dateTask, DATE_FORMATS, isoDate, weekday, disjointSplit, Seq2SeqCodec, encodePairs,
  disposeEncoded, shiftRight, taggingTask, tagSequence, initBackend,
} from 'seqmodels/internals';

beforeAll(async () => {
  await initBackend({ force: 'cpu', log: null });
});

describe('additionTask', () => {
  test('the same seed gives the same problems, another seed others', () => {
    const a = additionTask({ digits: 2, trainSize: 300, testSize: 50, seed: 7 });
    const b = additionTask({ digits: 2, trainSize: 300, testSize: 50, seed: 7 });
    const c = additionTask({ digits: 2, trainSize: 300, testSize: 50, seed: 8 });
    expect(b).toEqual(a);
    expect(c.train).not.toEqual(a.train);
  });

  test('train and test share no problem, not even with the operands swapped', () => {
    const t = additionTask({ digits: 2, trainSize: 4000, testSize: 1000, seed: 1 });
    const key = (s: string) => s.trim().split('+').map(Number).sort((x, y) => x - y).join('+');
    const trainKeys = new Set(t.train.map((p) => key(p.source)));
    expect(trainKeys.size).toBe(4000);
    for (const p of t.test) expect(trainKeys.has(key(p.source))).toBe(false);
    expect(new Set(t.test.map((p) => key(p.source))).size).toBe(1000);
  });

  test('sources and targets are right answers, padded to fixed lengths', () => {
    const t = additionTask({ digits: 3, trainSize: 200, testSize: 20, seed: 3 });
    expect(t.srcLen).toBe(7);
    expect(t.tgtLen).toBe(4);
    for (const p of [...t.train, ...t.test]) {
      expect(p.source).toHaveLength(7);
      expect(p.target).toHaveLength(4);
      const [a, b] = p.source.trim().split('+').map(Number);
      expect(Number(p.target.trim())).toBe(a + b);
    }
  });

  test.each([
    [12, 7, 2, '12+7 ', '19 '],
    [99, 99, 2, '99+99', '198'],
    [0, 0, 1, '0+0', '0 '],
  ])('additionPair(%i, %i, %i) = %j → %j (as exercise addition_pair)', (a, b, d, source, target) => {
    expect(additionPair(a, b, d)).toEqual({ source, target });
  });

  test('reverseSource reverses the source only', () => {
    const f = additionTask({ trainSize: 5, testSize: 0, seed: 2 });
    const r = additionTask({ trainSize: 5, testSize: 0, seed: 2, reverseSource: true });
    expect(r.train.map((p) => [...p.source].reverse().join(''))).toEqual(f.train.map((p) => p.source));
    expect(r.train.map((p) => p.target)).toEqual(f.train.map((p) => p.target));
  });

  test('asking for more problems than exist is an error that says so', () => {
    expect(() => additionTask({ digits: 1, trainSize: 50, testSize: 10 })).toThrow(/distinct problems .* ask for fewer/);
  });
});

describe('dateTask', () => {
  test('deterministic, disjoint by calendar date, targets are ISO dates of the sources', () => {
    const a = dateTask({ trainSize: 500, testSize: 100, seed: 5 });
    expect(dateTask({ trainSize: 500, testSize: 100, seed: 5 })).toEqual(a);
    const trainDates = new Set(a.train.map((p) => p.target));
    expect(trainDates.size).toBe(500);
    for (const p of a.test) expect(trainDates.has(p.target)).toBe(false);
    for (const p of [...a.train, ...a.test]) {
      expect(p.source).toHaveLength(a.srcLen);
      expect(p.target).toMatch(/^(19[5-9]\d|20[0-4]\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
    }
  });

  test('each format writes the same date', () => {
    const d = { year: 2015, month: 4, day: 23 };
    expect(isoDate(d)).toBe('2015-04-23');
    expect(weekday(d)).toBe(4); // a Thursday
    expect(DATE_FORMATS['D Month YYYY'](d)).toBe('23 April 2015');
    expect(DATE_FORMATS['Month D, YYYY'](d)).toBe('April 23, 2015');
    expect(DATE_FORMATS['DD.MM.YYYY'](d)).toBe('23.04.2015');
    expect(DATE_FORMATS['M/D/YYYY'](d)).toBe('4/23/2015');
    expect(DATE_FORMATS['Weekday, Month D, YYYY'](d)).toBe('Thursday, April 23, 2015');
  });

  test('srcLen is the longest form', () => {
    const t = dateTask({ trainSize: 10, testSize: 0 });
    expect(t.srcLen).toBe('Wednesday, September 30, 2015'.length);
  });
});

describe('Seq2SeqCodec and teacher forcing', () => {
  test('encode/decode round trip on every problem; id 0 is the start symbol', () => {
    const t = dateTask({ trainSize: 200, testSize: 50 });
    const codec = Seq2SeqCodec.fromTask(t);
    expect(codec.startId).toBe(0);
    for (const p of [...t.train, ...t.test]) {
      expect(codec.decode(codec.encode(p.source))).toBe(p.source);
      expect(codec.decode(codec.encode(p.target))).toBe(p.target);
    }
    expect(() => codec.encode('é')).toThrow(/"é" at position 0/);
  });

  test('shiftRight: the start id in front, the last target dropped', () => {
    expect(shiftRight([[5, 6, 7], [1, 2, 3]], 0)).toEqual([[0, 5, 6], [0, 1, 2]]);
  });

  test('encodePairs: shapes, one-hot targets and decoder inputs agree', () => {
    const t = additionTask({ trainSize: 30, testSize: 0 });
    const codec = Seq2SeqCodec.fromTask(t);
    const before = tf.memory().numTensors;
    const e = encodePairs(codec, t.train);
    expect(e.source.shape).toEqual([30, 5]);
    expect(e.decoderInput.shape).toEqual([30, 3]);
    expect(e.target.shape).toEqual([30, 3, codec.vocabSize]);
    const ids = tf.tidy(() => e.target.argMax(-1).arraySync()) as number[][];
    expect(ids).toEqual(e.targetIds);
    expect(e.decoderInput.arraySync()).toEqual(shiftRight(e.targetIds, 0));
    expect(codec.decode((e.source.arraySync() as number[][])[3])).toBe(t.train[3].source);
    disposeEncoded(e);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('disjointSplit and tagging tasks', () => {
  test('disjointSplit puts every key on one side only', () => {
    const { train, test } = disjointSplit((r) => { const k = Math.floor(r() * 40); return { key: String(k), item: k }; }, 30, 10, 1);
    expect(new Set([...train, ...test]).size).toBe(40);
  });

  test.each([
    ['neighbourSum', [1, 2, 3, 9], [2, 4, 1, 3]],
    ['windowSum', [1, 2, 3, 9], [1, 3, 6, 4]],
  ] as const)('%s of %j is %j', (rule, x, y) => {
    expect(tagSequence(rule, [...x])).toEqual(y);
  });

  test('base b: digits 0..b-1 and sums mod b', () => {
    expect(tagSequence('neighbourSum', [1, 2, 3, 4], 5)).toEqual([2, 4, 1, 3]);
    const t = taggingTask({ rule: 'windowSum', base: 3, seqLen: 6, trainSize: 50, testSize: 10 });
    expect(t.numClasses).toBe(3);
    for (const x of [...t.train.x, ...t.test.x]) for (const v of x) expect(v).toBeLessThan(3);
    t.train.x.forEach((x, i) => expect(t.train.y[i]).toEqual(tagSequence('windowSum', x, 3)));
    expect(() => taggingTask({ rule: 'windowSum', base: 11 })).toThrow(/base must be 2..10, got 11/);
  });

  test('taggingTask: deterministic, distinct train and test sequences', () => {
    const a = taggingTask({ rule: 'neighbourSum', seqLen: 4, trainSize: 2000, testSize: 500, seed: 3 });
    expect(taggingTask({ rule: 'neighbourSum', seqLen: 4, trainSize: 2000, testSize: 500, seed: 3 })).toEqual(a);
    const train = new Set(a.train.x.map((x) => x.join('')));
    for (const x of a.test.x) expect(train.has(x.join(''))).toBe(false);
  });
});
