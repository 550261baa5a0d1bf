/** Correct alternatives to the reference persistence_baseline: every one must pass the grader. */
/** Errors as a vector, then Math.hypot for the RMSE: ‖e‖₂ / sqrt(N). */
export function withHypot(series: number[], horizon: number) {
  const e = series.slice(horizon).map((y, i) => y - series[i]);
  return { mae: e.reduce((s, v) => s + Math.abs(v), 0) / e.length, rmse: Math.hypot(...e) / Math.sqrt(e.length) };
}
/** reduce over the forecasts. */
export function withReduce(series: number[], horizon: number) {
  const n = series.length - horizon;
  const { abs, sq } = series.slice(horizon).reduce((acc, y, i) => {
    const e = y - series[i];
    return { abs: acc.abs + Math.abs(e), sq: acc.sq + e * e };
  }, { abs: 0, sq: 0 });
  return { mae: abs / n, rmse: Math.sqrt(sq / n) };
}
