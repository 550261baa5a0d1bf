/**
 * Exercise 09 · dot_product_attention — the context vector of (scaled) dot-product attention.
 * Theory: theory/05_advanced_architectures.md, Section 4 "Attention", scoring functions.
 *
 * One query q [d] (the decoder state), T keys k_t [d] and T values v_t [dv] (encoder states):
 *
 *   e_t = q · k_t            (scaled = false, Luong's dot score)
 *   e_t = q · k_t / sqrt(d)  (scaled = true, d = query.length)
 *   α = softmax(e)           (subtract the maximum before exp)
 *   c = Σ_t α_t v_t          [dv]
 *
 * Return { weights: α [T], context: c [dv] }.
 *
 * Do not modify the inputs; return new arrays (the context too, even for a single key).
 *
 * Hints:
 * - Keys decide the weights, values are what gets averaged: the context has the size of a value.
 * - Scale by the square root of d, not by d.
 * - Use a stable softmax: scores of a few hundred are common with unscaled dot products.
 *
 * Grade: npm run grade -- dot_product_attention
 */
export function dotProductAttention(
  query: number[], keys: number[][], values: number[][], scaled: boolean,
): { weights: number[]; context: number[] } {
  // TODO
  throw new Error('not implemented: dot_product_attention');
}
