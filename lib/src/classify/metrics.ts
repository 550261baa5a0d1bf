/**
 * Metrics of a binary classifier (sentiment: 0 = negative, 1 = positive).
 *
 * - `binaryAccuracy`: the share of examples whose thresholded probability equals the label;
 * - `confusionMatrix`: counts `[true class][predicted class]` (rows: the truth, as printed in
 *   most textbooks and in scikit-learn); for two classes
 *       [[TN, FP],
 *        [FN, TP]];
 * - `binaryReport`: accuracy, precision, recall and F1 of the positive class, from that matrix.
 * Plain numbers in, plain numbers out: no tensors, so nothing to dispose.
 */

/** Class predicted from a probability: 1 when `p >= threshold`. */
export function thresholdProbabilities(probs: ArrayLike<number>, threshold = 0.5): number[] {
  return Array.from(probs, (p) => (p >= threshold ? 1 : 0));
}

function checkSameLength(where: string, a: ArrayLike<number>, b: ArrayLike<number>, aName: string, bName: string): void {
  if (a.length !== b.length) {
    throw new Error(`${where}: ${aName} has ${a.length} entries but ${bName} has ${b.length}; they must match one to one`);
  }
  if (a.length === 0) throw new Error(`${where}: no examples (${aName} is empty)`);
}

/** Share of examples with `(probs[i] >= threshold) === labels[i]`, in [0, 1]. */
export function binaryAccuracy(labels: ArrayLike<number>, probs: ArrayLike<number>, threshold = 0.5): number {
  checkSameLength('binaryAccuracy', labels, probs, 'labels', 'probs');
  let right = 0;
  for (let i = 0; i < labels.length; i++) if ((probs[i] >= threshold ? 1 : 0) === labels[i]) right++;
  return right / labels.length;
}

/**
 * Counts `m[t][p]` of examples with true class t predicted as p, classes 0..numClasses-1.
 * Throws on a class outside that range (naming the position).
 */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, numClasses = 2): number[][] {
  checkSameLength('confusionMatrix', labels, predicted, 'labels', 'predicted');
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = predicted[i];
    for (const [name, v] of [['labels', t], ['predicted', p]] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
        throw new Error(`confusionMatrix: ${name}[${i}] = ${v} is not a class in 0..${numClasses - 1}`);
      }
    }
    m[t][p]++;
  }
  return m;
}

export interface BinaryReport {
  /** (TP + TN) / all. */
  accuracy: number;
  /** TP / (TP + FP): of the reviews called positive, the share that are. NaN if none was called positive. */
  precision: number;
  /** TP / (TP + FN): of the positive reviews, the share found. NaN if there are none. */
  recall: number;
  /** Harmonic mean of precision and recall. */
  f1: number;
}

/** Accuracy, precision, recall and F1 of class 1 from a 2×2 confusion matrix `[[TN, FP], [FN, TP]]`. */
export function binaryReport(matrix: number[][]): BinaryReport {
  if (matrix.length !== 2 || matrix.some((r) => r.length !== 2)) {
    throw new Error(`binaryReport: expected a 2x2 confusion matrix [[TN, FP], [FN, TP]], got ${JSON.stringify(matrix)}`);
  }
  const [[tn, fp], [fn, tp]] = matrix;
  const total = tn + fp + fn + tp;
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return {
    accuracy: (tp + tn) / total,
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall),
  };
}

/** One misclassified example and how sure the model was. */
export interface WrongPrediction {
  /** Position in the evaluated set. */
  index: number;
  /** The true class (0 or 1). */
  label: number;
  /** The model's probability of class 1. */
  probability: number;
  /** The probability the model gave to the wrong class: max(p, 1 - p) for a wrong answer. */
  confidence: number;
}

/**
 * The `k` misclassified examples the model was most sure of, most confident first
 * (ties: lower index first). The reviews a model gets confidently wrong are where to look
 * for its blind spots (irony, negation, mislabelled data).
 */
export function confidentlyWrong(labels: ArrayLike<number>, probs: ArrayLike<number>, k = 5, threshold = 0.5): WrongPrediction[] {
  checkSameLength('confidentlyWrong', labels, probs, 'labels', 'probs');
  const wrong: WrongPrediction[] = [];
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i];
    const predicted = p >= threshold ? 1 : 0;
    if (predicted !== labels[i]) wrong.push({ index: i, label: labels[i], probability: p, confidence: predicted === 1 ? p : 1 - p });
  }
  wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return wrong.slice(0, k);
}
