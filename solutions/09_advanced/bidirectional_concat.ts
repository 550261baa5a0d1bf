// REFERENCE SOLUTION. Try the exercise in exercises/09_advanced/bidirectional_concat.ts first.
/**
 * bidirectional_concat: the backward layer ran on the reversed sequence, so its output s belongs
 * to time T − 1 − s; h_t = [forward_t, backward_{T−1−t}].
 */
export function bidirectionalConcat(forward: number[][], backwardOnReversed: number[][]): number[][] {
  const T = forward.length;
  return forward.map((f, t) => [...f, ...backwardOnReversed[T - 1 - t]]);
}
