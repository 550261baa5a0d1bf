// REFERENCE SOLUTION. Try the exercise in exercises/01_rnn/perplexity.ts first.
/** perplexity: PPL = exp(ℓ̄), the exponential of the mean per-symbol loss (natural log). */
export function perplexity(losses: number[]): number {
  let sum = 0;
  for (const l of losses) sum += l;
  return Math.exp(sum / losses.length);
}
