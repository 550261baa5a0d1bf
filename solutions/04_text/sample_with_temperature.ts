// REFERENCE SOLUTION. Try the exercise in exercises/04_text/sample_with_temperature.ts first.
/**
 * sample_with_temperature: p = softmax(o / τ) computed stably, then the inverse CDF at u:
 * the smallest j with u < p_0 + … + p_j (the last index if rounding leaves none).
 */
export function sampleWithTemperature(logits: number[], temperature: number, u: number): number {
  const scaled = logits.map((o) => o / temperature);
  const max = Math.max(...scaled);
  const e = scaled.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  let cum = 0;
  for (let j = 0; j < e.length; j++) {
    cum += e[j] / sum;
    if (u < cum) return j;
  }
  return e.length - 1;
}
