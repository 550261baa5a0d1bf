// REFERENCE SOLUTION. Try the exercise in exercises/04_text/top_k_filter.ts first.
/**
 * top_k_filter: keep the k largest logits (ties: lower index first), softmax over them (stably),
 * probability 0 for every other symbol.
 */
export function topKFilter(logits: number[], k: number): number[] {
  const order = logits.map((_, j) => j).sort((a, b) => logits[b] - logits[a] || a - b);
  const kept = order.slice(0, Math.min(k, logits.length));
  const max = logits[kept[0]];
  const probs = new Array<number>(logits.length).fill(0);
  let sum = 0;
  for (const j of kept) { probs[j] = Math.exp(logits[j] - max); sum += probs[j]; }
  return probs.map((p) => p / sum);
}
