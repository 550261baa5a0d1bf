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
