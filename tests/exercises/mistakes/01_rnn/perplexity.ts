/** Mistaken variants of perplexity, one per mistake listed in its grader. */
export const exp_of_sum = (losses: number[]) => Math.exp(losses.reduce((s, l) => s + l, 0));
export const mean_of_exp = (losses: number[]) => losses.reduce((s, l) => s + Math.exp(l), 0) / losses.length;
export const base_two = (losses: number[]) => 2 ** (losses.reduce((s, l) => s + l, 0) / losses.length);

// Mistakes added for issue 23: sign, divisor, probabilities instead of losses, input modified.
const mean = (l: number[]) => l.reduce((s, v) => s + v, 0) / l.length;
export const negated_exponent = (losses: number[]) => Math.exp(-mean(losses));
export const divides_by_n_minus_one = (losses: number[]) => Math.exp(losses.reduce((s, v) => s + v, 0) / (losses.length - 1));
export const inverse_mean_probability = (losses: number[]) => 1 / mean(losses.map((l) => Math.exp(-l)));
export const product_of_probabilities = (losses: number[]) => losses.reduce((p, l) => p * Math.exp(-l), 1) ** (-1 / losses.length);
export function prefix_sums_in_place(losses: number[]): number {
  for (let t = 1; t < losses.length; t++) losses[t] += losses[t - 1];
  return Math.exp(losses[losses.length - 1] / losses.length);
}
