// REFERENCE SOLUTION. Try the exercise in exercises/07_sentiment/confusion_matrix.ts first.
/** confusion_matrix: matrix[true][predicted] counts; accuracy = trace / number of examples. */
export function confusionMatrix(yTrue: number[], yPred: number[], numClasses: number): { matrix: number[][]; accuracy: number } {
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let correct = 0;
  yTrue.forEach((t, n) => {
    matrix[t][yPred[n]]++;
    if (t === yPred[n]) correct++;
  });
  return { matrix, accuracy: correct / yTrue.length };
}
