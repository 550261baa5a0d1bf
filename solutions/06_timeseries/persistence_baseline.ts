// REFERENCE SOLUTION. Try the exercise in exercises/06_timeseries/persistence_baseline.ts first.
/** persistence_baseline: ŷ_t = y_{t−horizon}; MAE and RMSE over t = horizon … n − 1. */
export function persistenceErrors(series: number[], horizon: number): { mae: number; rmse: number } {
  let abs = 0, sq = 0, count = 0;
  for (let t = horizon; t < series.length; t++) {
    const e = series[t] - series[t - horizon];
    abs += Math.abs(e);
    sq += e * e;
    count++;
  }
  return { mae: abs / count, rmse: Math.sqrt(sq / count) };
}
