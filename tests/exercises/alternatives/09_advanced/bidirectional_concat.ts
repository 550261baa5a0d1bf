/** Correct alternatives to the reference bidirectional_concat: every one must pass the grader. */
/** Reverse a copy of the backward outputs, then concat row by row. */
export function reversedCopy(forward: number[][], backwardOnReversed: number[][]): number[][] {
  const backward = [...backwardOnReversed].reverse();
  return forward.map((f, t) => f.concat(backward[t]));
}
