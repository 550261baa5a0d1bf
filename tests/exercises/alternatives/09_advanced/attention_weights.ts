/** Correct alternatives to the reference attention_weights: every one must pass the grader. */
/** Log-sum-exp: α_t = exp(e_t − lse(e)). */
export function logSumExp(scores: number[]): number[] {
  const m = scores.reduce((a, b) => (b > a ? b : a), -Infinity);
  const lse = m + Math.log(scores.reduce((s, e) => s + Math.exp(e - m), 0));
  return scores.map((e) => Math.exp(e - lse));
}
/** Loops, the maximum started at the first score. */
export function loops(scores: number[]): number[] {
  let m = scores[0];
  for (const e of scores) if (e > m) m = e;
  const w = new Array<number>(scores.length);
  let sum = 0;
  for (let t = 0; t < scores.length; t++) { w[t] = Math.exp(scores[t] - m); sum += w[t]; }
  for (let t = 0; t < w.length; t++) w[t] /= sum;
  return w;
}
