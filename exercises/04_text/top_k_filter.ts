/**
 * Exercise 04 · top_k_filter — top-k sampling distribution.
 * Theory: theory/01_rnn_fundamentals.md, Section 10 (top-k keeps only the k most probable
 * symbols and renormalises); used for generation in notebook 04.
 *
 * Given the logits o [vocabSize] and k ≥ 1, return probabilities p [vocabSize]:
 *
 *   S = the indices of the k largest logits,
 *   p_j = exp(o_j − m) / Σ_{i ∈ S} exp(o_i − m)  for j ∈ S (m = max o),   p_j = 0 otherwise.
 *
 * Exactly min(k, vocabSize) symbols keep a non-zero probability; if logits tie at the boundary,
 * the lower index wins.
 *
 * k may be larger than vocabSize. Do not modify the logits; return a new array.
 *
 * Hints:
 * - Renormalise over the kept symbols only: the kept probabilities sum to 1.
 * - Sort indices by logit, largest first (a stable sort keeps the lower index first on ties).
 * - Subtract the maximum before exp, as in any softmax.
 *
 * Try it: topKFilter([1, 3, 2, 0], 1) → [0, 1, 0, 0]
 * Grade:  npm run grade -- top_k_filter
 */
export function topKFilter(logits: number[], k: number): number[] {
  // TODO
  throw new Error('not implemented: top_k_filter');
}
