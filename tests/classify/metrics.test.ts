// Accuracy, confusion matrix, report and the most confidently wrong examples: table-driven.
import { binaryAccuracy, binaryReport, confidentlyWrong, confusionMatrix, thresholdProbabilities } from 'seqmodels';

describe('binaryAccuracy', () => {
  test.each([
    // labels, probs, threshold, expected
    [[1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2], 0.5, 1],
    [[1, 0, 1, 0], [0.1, 0.9, 0.2, 0.8], 0.5, 0],
    [[1, 1, 0, 0], [0.6, 0.4, 0.6, 0.4], 0.5, 0.5],
    [[1], [0.5], 0.5, 1], // p = threshold counts as positive
    [[0], [0.5], 0.5, 0],
    [[1, 0, 1], [0.7, 0.65, 0.55], 0.6, 1 / 3], // 0.65 and 0.55 are on the wrong side of 0.6
  ])('labels %j probs %j threshold %d -> %d', (labels, probs, threshold, expected) => {
    expect(binaryAccuracy(labels, probs, threshold)).toBeCloseTo(expected as number, 12);
  });

  test('lengths must match and not be empty', () => {
    expect(() => binaryAccuracy([1, 0], [0.2])).toThrow(/labels has 2 entries but probs has 1/);
    expect(() => binaryAccuracy([], [])).toThrow(/no examples/);
  });

  test('thresholdProbabilities', () => {
    expect(thresholdProbabilities([0.2, 0.5, 0.7])).toEqual([0, 1, 1]);
    expect(thresholdProbabilities(new Float32Array([0.2, 0.5, 0.7]), 0.6)).toEqual([0, 0, 1]);
  });
});

describe('confusionMatrix', () => {
  test.each([
    // labels, predicted, numClasses, expected [true][predicted]
    [[0, 0, 1, 1], [0, 0, 1, 1], 2, [[2, 0], [0, 2]]],
    [[0, 0, 1, 1], [1, 1, 0, 0], 2, [[0, 2], [2, 0]]],
    [[0, 1, 1, 1, 0], [0, 1, 0, 1, 1], 2, [[1, 1], [1, 2]]], // TN=1 FP=1 FN=1 TP=2
    [[0, 1, 2, 2], [0, 2, 2, 1], 3, [[1, 0, 0], [0, 0, 1], [0, 1, 1]]],
  ])('labels %j predicted %j', (labels, predicted, k, expected) => {
    expect(confusionMatrix(labels, predicted, k as number)).toEqual(expected);
  });

  test('entries sum to the number of examples; the diagonal over the sum is the accuracy', () => {
    const labels = [1, 0, 1, 1, 0, 0, 1];
    const probs = [0.9, 0.6, 0.3, 0.8, 0.1, 0.4, 0.7];
    const m = confusionMatrix(labels, thresholdProbabilities(probs));
    expect(m.flat().reduce((a, b) => a + b)).toBe(labels.length);
    expect((m[0][0] + m[1][1]) / labels.length).toBeCloseTo(binaryAccuracy(labels, probs), 12);
  });

  test('a class outside the range is named with its position', () => {
    expect(() => confusionMatrix([0, 2], [0, 1])).toThrow(/labels\[1\] = 2 is not a class in 0..1/);
    expect(() => confusionMatrix([0, 1], [0, 0.5])).toThrow(/predicted\[1\] = 0.5/);
  });
});

describe('binaryReport', () => {
  test.each([
    // [[TN, FP], [FN, TP]], accuracy, precision, recall, f1
    [[[1, 1], [1, 2]], 3 / 5, 2 / 3, 2 / 3, 2 / 3],
    [[[5, 0], [5, 5]], 10 / 15, 1, 0.5, 2 / 3],
    [[[0, 4], [0, 4]], 0.5, 0.5, 1, 2 / 3],
  ])('%j', (m, accuracy, precision, recall, f1) => {
    const r = binaryReport(m as number[][]);
    expect(r.accuracy).toBeCloseTo(accuracy as number, 12);
    expect(r.precision).toBeCloseTo(precision as number, 12);
    expect(r.recall).toBeCloseTo(recall as number, 12);
    expect(r.f1).toBeCloseTo(f1 as number, 12);
  });

  test('precision is NaN when nothing is called positive', () => {
    expect(binaryReport([[3, 0], [2, 0]]).precision).toBeNaN();
  });

  test('rejects a matrix that is not 2x2', () => {
    expect(() => binaryReport([[1, 2, 3]])).toThrow(/2x2/);
  });
});

describe('confidentlyWrong', () => {
  const labels = [1, 0, 1, 0, 1, 0];
  const probs = [0.9, 0.95, 0.05, 0.3, 0.45, 0.55];
  test('only wrong answers, most confident first, with the confidence in the wrong class', () => {
    expect(confidentlyWrong(labels, probs, 10)).toEqual([
      { index: 2, label: 1, probability: 0.05, confidence: 0.95 },
      { index: 1, label: 0, probability: 0.95, confidence: 0.95 },
      { index: 5, label: 0, probability: 0.55, confidence: 0.55 },
      { index: 4, label: 1, probability: 0.45, confidence: 0.55 },
    ].sort((a, b) => b.confidence - a.confidence || a.index - b.index));
  });
  test('k limits the list', () => {
    expect(confidentlyWrong(labels, probs, 1).map((w) => w.index)).toEqual([1]);
    expect(confidentlyWrong([1, 0], [0.9, 0.1], 3)).toEqual([]);
  });
});
