/**
 * Exercise 09 · attention_weights — alignment weights from attention scores.
 * Theory: theory/05_advanced_architectures.md, Section 4 "Attention".
 *
 *   α_t = exp(e_t) / Σ_{t'} exp(e_{t'})  =  exp(e_t − m) / Σ_{t'} exp(e_{t'} − m),   m = max_t e_t
 *
 * Return the weights α [T] for the scores e [T] (one decoder step). The weights are ≥ 0 and sum to 1.
 *
 * There is at least one score. Do not modify the scores; return a new array.
 *
 * Hints:
 * - Both forms are equal in exact arithmetic, but only the second survives large scores:
 *   Math.exp(1000) is Infinity and Math.exp(−1000) is 0, and both give NaN after the division.
 * - Normalise the exponentials, not the scores themselves (scores can be negative).
 *
 * Try it: attentionWeights([0, Math.log(3)]) → [0.25, 0.75]
 * Grade:  npm run grade -- attention_weights
 */
export function attentionWeights(scores: number[]): number[] {
  // TODO
  throw new Error('not implemented: attention_weights');
}
