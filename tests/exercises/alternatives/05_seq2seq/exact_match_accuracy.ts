/** Correct alternatives to the reference exact_match_accuracy: every one must pass the grader. */
/** Count the wrong sequences with loops and an early break. */
export function countWrong(predictions: number[][], targets: number[][], padToken: number): number {
  let wrong = 0;
  for (let b = 0; b < targets.length; b++) {
    for (let t = 0; t < targets[b].length; t++) {
      if (targets[b][t] !== padToken && predictions[b][t] !== targets[b][t]) { wrong++; break; }
    }
  }
  return (targets.length - wrong) / targets.length;
}
/** filter + every. */
export const filterEvery = (predictions: number[][], targets: number[][], padToken: number): number =>
  targets.filter((y, b) => y.every((tok, t) => tok === padToken || tok === predictions[b][t])).length / targets.length;
