/** Mistaken variants of perplexity, one per mistake listed in its grader. */
export const exp_of_sum = (losses: number[]) => Math.exp(losses.reduce((s, l) => s + l, 0));
export const mean_of_exp = (losses: number[]) => losses.reduce((s, l) => s + Math.exp(l), 0) / losses.length;
export const base_two = (losses: number[]) => 2 ** (losses.reduce((s, l) => s + l, 0) / losses.length);
