/** Correct alternatives to the reference perplexity: every one must pass the grader. */
export const functional = (losses: number[]) => Math.exp(losses.reduce((s, l) => s + l, 0) / losses.length);

/** Running mean (no large intermediate sum). */
export function runningMean(losses: number[]): number {
  let m = 0;
  losses.forEach((l, t) => { m += (l - m) / (t + 1); });
  return Math.exp(m);
}
