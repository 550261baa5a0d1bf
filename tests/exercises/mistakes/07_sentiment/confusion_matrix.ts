/** Mistaken variants of confusion_matrix, one per mistake listed in its grader. */
function cm(yTrue: number[], yPred: number[], k: number, o: { transposed?: boolean; infer?: boolean; balanced?: boolean }) {
  const n = o.infer ? Math.max(...yTrue, ...yPred) + 1 : k;
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  yTrue.forEach((t, i) => { if (o.transposed) m[yPred[i]][t]++; else m[t][yPred[i]]++; });
  let accuracy = yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length;
  if (o.balanced) {
    const recalls = m.map((row, i) => row[i] / row.reduce((a, b) => a + b, 0)).filter((r) => Number.isFinite(r));
    accuracy = recalls.reduce((a, b) => a + b, 0) / recalls.length;
  }
  return { matrix: m, accuracy };
}
export const transposed = (t: number[], p: number[], k: number) => cm(t, p, k, { transposed: true });
export const infers_num_classes = (t: number[], p: number[], k: number) => cm(t, p, k, { infer: true });
export const mean_per_class_accuracy = (t: number[], p: number[], k: number) => cm(t, p, k, { balanced: true });

// Mistakes added for issue 23: indexing, rows shared, counting, the accuracy's divisor, no examples,
// inputs modified.
export function one_based_labels(yTrue: number[], yPred: number[], k: number) {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  yTrue.forEach((t, i) => { m[t - 1][yPred[i] - 1]++; });
  return { matrix: m, accuracy: yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length };
}
export function shared_rows(yTrue: number[], yPred: number[], k: number) {
  const m = new Array<number[]>(k).fill(new Array<number>(k).fill(0));
  yTrue.forEach((t, i) => { m[t][yPred[i]]++; });
  return { matrix: m, accuracy: yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length };
}
export function sets_instead_of_counts(yTrue: number[], yPred: number[], k: number) {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  yTrue.forEach((t, i) => { m[t][yPred[i]] = 1; });
  return { matrix: m, accuracy: yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length };
}
export function accuracy_over_classes(yTrue: number[], yPred: number[], k: number) {
  return { ...cm(yTrue, yPred, k, {}), accuracy: yTrue.filter((t, i) => t === yPred[i]).length / k };
}
export function accuracy_zero_when_empty(yTrue: number[], yPred: number[], k: number) {
  const r = cm(yTrue, yPred, k, {});
  return { matrix: r.matrix, accuracy: yTrue.length === 0 ? 0 : r.accuracy };
}
export function sorts_labels_in_place(yTrue: number[], yPred: number[], k: number) {
  const correct = yTrue.filter((t, i) => t === yPred[i]).length;
  yTrue.sort((a, b) => a - b);
  yPred.sort((a, b) => a - b);
  return { matrix: cm(yTrue, yPred, k, {}).matrix, accuracy: correct / yTrue.length };
}
