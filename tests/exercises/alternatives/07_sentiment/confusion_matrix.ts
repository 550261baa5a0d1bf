/** Correct alternatives to the reference confusion_matrix: every one must pass the grader. */
/** Accuracy from the trace of the matrix. */
export function fromTrace(yTrue: number[], yPred: number[], numClasses: number) {
  const matrix: number[][] = [];
  for (let i = 0; i < numClasses; i++) matrix.push(new Array<number>(numClasses).fill(0));
  for (let n = 0; n < yTrue.length; n++) matrix[yTrue[n]][yPred[n]] += 1;
  const trace = matrix.reduce((s, row, i) => s + row[i], 0);
  return { matrix, accuracy: trace / yTrue.length };
}
/** Each cell counted with filter. */
export const byFilter = (yTrue: number[], yPred: number[], numClasses: number) => ({
  matrix: Array.from({ length: numClasses }, (_, i) =>
    Array.from({ length: numClasses }, (_, j) => yTrue.filter((t, n) => t === i && yPred[n] === j).length)),
  accuracy: yTrue.filter((t, n) => t === yPred[n]).length / yTrue.length,
});
