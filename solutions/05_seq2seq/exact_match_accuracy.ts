// REFERENCE SOLUTION. Try the exercise in exercises/05_seq2seq/exact_match_accuracy.ts first.
/** exact_match_accuracy: fraction of sequences right at every non-padding target position. */
export function exactMatchAccuracy(predictions: number[][], targets: number[][], padToken: number): number {
  let correct = 0;
  targets.forEach((target, b) => {
    if (target.every((tok, t) => tok === padToken || predictions[b][t] === tok)) correct++;
  });
  return correct / targets.length;
}
