/**
 * Exercise 06 · persistence_baseline — the naive forecast every model must beat, and its errors.
 * Notebook 06: "tomorrow equals today" is a strong baseline for weather and prices.
 *
 * The persistence forecast for `horizon` steps ahead repeats the last known value:
 *   ŷ_t = y_{t − horizon},  for t = horizon, …, n − 1   (N = n − horizon forecasts).
 * Its errors e_t = y_t − ŷ_t give
 *   MAE  = (1/N) Σ |e_t|
 *   RMSE = sqrt( (1/N) Σ e_t² )
 *
 * 1 ≤ horizon < n (at least one forecast). Do not modify the series.
 *
 * Hints:
 * - Absolute values in the MAE: errors of opposite signs must not cancel.
 * - RMSE is the square root of the mean squared error, in the units of the series.
 * - There are n − horizon forecasts, not n.
 *
 * Try it: persistenceErrors([1, 2, 4, 7], 1) → { mae: 2, rmse: sqrt(14/3) }
 * Grade:  npm run grade -- persistence_baseline
 */
export function persistenceErrors(series: number[], horizon: number): { mae: number; rmse: number } {
  // TODO
  throw new Error('not implemented: persistence_baseline');
}
