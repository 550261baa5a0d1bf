/**
 * Exercise 01 · perplexity — perplexity from per-symbol losses.
 * Theory: theory/01_rnn_fundamentals.md, Section 11 "Perplexity".
 *
 *   PPL = exp(ℓ̄),   ℓ̄ = (1/N) Σ_t ℓ_t,   ℓ_t = −log p(y_t | y_<t)
 *
 * `losses` are the per-symbol cross-entropy losses ℓ_t in nats (natural logarithm), as the
 * language model of notebook 01 reports them. Return the perplexity.
 *
 * `losses` has at least one entry. Do not modify it.
 *
 * Hints:
 * - A model that predicts the uniform distribution over V symbols has ℓ_t = log V and PPL = V.
 * - Average first, then exponentiate: exp of the mean, not the mean of exp, not exp of the sum.
 * - The losses are natural logarithms, so the base is e (Math.exp), not 2.
 *
 * Try it: perplexity([Math.log(4), Math.log(4)]) → 4
 * Grade:  npm run grade -- perplexity
 */
export function perplexity(losses: number[]): number {
  // TODO
  throw new Error('not implemented: perplexity');
}
