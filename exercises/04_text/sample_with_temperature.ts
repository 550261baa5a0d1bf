/**
 * Exercise 04 · sample_with_temperature — draw the next symbol at temperature τ.
 * Theory: theory/01_rnn_fundamentals.md, Section 10 "Teacher forcing and sampling".
 *
 *   ŷ^(τ) = softmax(o / τ),   softmax(s)_j = exp(s_j − max s) / Σ_k exp(s_k − max s)
 *
 * then sample from ŷ^(τ) with the uniform random number u ∈ [0, 1) that is passed in (so the
 * result is deterministic and testable): return the smallest index j with
 *
 *   u < ŷ_0 + ŷ_1 + … + ŷ_j
 *
 * (if rounding leaves no such j, return the last index).
 *
 * Do not modify the logits.
 *
 * Hints:
 * - Divide the logits by τ: τ < 1 sharpens the distribution, τ > 1 flattens it.
 * - Subtract the maximum before exp: logits of a few hundred divided by a small τ overflow
 *   Math.exp to Infinity, and Infinity / Infinity is NaN.
 * - Add ŷ_j to the running sum first, then compare u with it. The draw u decides: this is not argmax.
 *
 * Try it: sampleWithTemperature([0, Math.log(3)], 1, 0.2) → 0 (ŷ = [0.25, 0.75]);
 *         with u = 0.3 → 1.
 * Grade:  npm run grade -- sample_with_temperature
 */
export function sampleWithTemperature(logits: number[], temperature: number, u: number): number {
  // TODO
  throw new Error('not implemented: sample_with_temperature');
}
