// REFERENCE SOLUTION. Try the exercise in exercises/09_advanced/dot_product_attention.ts first.
/**
 * dot_product_attention: e_t = q·k_t (/ sqrt(d) when scaled), α = softmax(e) (stable),
 * context = Σ_t α_t v_t.
 */
export function dotProductAttention(
  query: number[], keys: number[][], values: number[][], scaled: boolean,
): { weights: number[]; context: number[] } {
  const scale = scaled ? Math.sqrt(query.length) : 1;
  const scores = keys.map((k) => k.reduce((s, kj, j) => s + kj * query[j], 0) / scale);
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  const weights = e.map((v) => v / sum);
  const context = values[0].map((_, j) => values.reduce((s, v, t) => s + weights[t] * v[j], 0));
  return { weights, context };
}
