/**
 * Exercise 07 · confusion_matrix — accuracy and the confusion matrix of a classifier.
 * Notebook 07: a sentiment classifier is judged by its accuracy and by where it errs.
 *
 * Given the true classes yTrue and the predicted classes yPred (integers 0 … numClasses − 1),
 * return
 *   matrix[i][j] = number of examples of true class i predicted as class j    [numClasses, numClasses]
 *   accuracy     = (number of examples with yPred = yTrue) / (number of examples)
 *
 * With no examples the matrix is all zeros and the accuracy is 0/0 = NaN. Do not modify the
 * inputs.
 *
 * Hints:
 * - Rows are the true classes, columns the predictions (as in scikit-learn).
 * - The matrix is numClasses × numClasses even if some class never occurs in the data.
 * - The accuracy divides by the number of examples: it is not the mean of per-class accuracies.
 *
 * Try it: confusionMatrix([0, 1], [1, 1], 2) → { matrix: [[0, 1], [0, 1]], accuracy: 0.5 }
 * Grade:  npm run grade -- confusion_matrix
 */
export function confusionMatrix(yTrue: number[], yPred: number[], numClasses: number): { matrix: number[][]; accuracy: number } {
  // TODO
  throw new Error('not implemented: confusion_matrix');
}
