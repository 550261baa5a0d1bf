/** Correct alternatives to the reference bidirectional_concat: every one must pass the grader. */
/** Reverse a copy of the backward outputs, then concat row by row. */
export function reversedCopy(forward: number[][], backwardOnReversed: number[][]): number[][] {
  const backward = [...backwardOnReversed].reverse();
  return forward.map((f, t) => f.concat(backward[t]));
}
/** Index arithmetic per column. */
export function byColumn(forward: number[][], backwardOnReversed: number[][]): number[][] {
  const T = forward.length;
  return forward.map((f, t) => {
    const b = backwardOnReversed[T - 1 - t];
    return Array.from({ length: f.length + b.length }, (_, j) => (j < f.length ? f[j] : b[j - f.length]));
  });
}
