// REFERENCE SOLUTION. Try the exercise in exercises/09_advanced/attention_weights.ts first.
/** attention_weights: α_t = exp(e_t − max e) / Σ exp(e_t' − max e), the numerically stable softmax. */
export function attentionWeights(scores: number[]): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
