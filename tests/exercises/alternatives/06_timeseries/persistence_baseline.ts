/** Correct alternatives to the reference persistence_baseline: every one must pass the grader. */
/** Errors as a vector, then Math.hypot for the RMSE: ‖e‖₂ / sqrt(N). */
export function withHypot(series: number[], horizon: number) {
  const e = series.slice(horizon).map((y, i) => y - series[i]);
  return { mae: e.reduce((s, v) => s + Math.abs(v), 0) / e.length, rmse: Math.hypot(...e) / Math.sqrt(e.length) };
}
