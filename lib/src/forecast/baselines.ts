/**
 * Baselines a forecasting model has to beat before it is worth anything.
 *
 * - persistence with lag L: the forecast for step t is the value at t - L. Lag 24 on
 *   hourly weather is "the same hour yesterday"; lag 1 on daily prices is the random walk.
 * - random walk: tomorrow's price is today's price (persistence with lag 1). For returns
 *   it forecasts a return of 0.
 * - seasonal naive: the next `horizon` steps repeat the last `period` steps.
 *
 * All work on plain arrays; the linear baseline is in linear.ts.
 */
import type { Values } from './metrics';

function checkLag(where: string, lag: number, n: number) {
  if (!Number.isInteger(lag) || lag < 1) throw new Error(`${where}: lag must be a positive integer, got ${lag}`);
  if (lag >= n) throw new Error(`${where}: lag ${lag} needs more than ${lag} values, got ${n}`);
}

/**
 * Persistence forecasts for steps lag .. n-1 of `values`: `forecast[k] = values[k]` is the
 * forecast of `values[k + lag]`. Returns the forecasts and the truths they are compared with.
 */
export function persistence(values: Values, lag: number): { forecast: number[]; truth: number[] } {
  checkLag('persistence', lag, values.length);
  const forecast: number[] = [];
  const truth: number[] = [];
  for (let t = lag; t < values.length; t++) {
    forecast.push(values[t - lag]);
    truth.push(values[t]);
  }
  return { forecast, truth };
}

/** The random walk on prices: tomorrow equals today (persistence with lag 1). */
export function randomWalk(prices: Values): { forecast: number[]; truth: number[] } {
  return persistence(prices, 1);
}

/**
 * Seasonal naive forecast of the `horizon` steps after `history`: step k (0-based) repeats
 * the value one `period` earlier, `history[n - period + (k mod period)]`. With `period` 1 it is
 * persistence for every step ahead: the last value held flat.
 */
export function seasonalNaive(history: Values, horizon: number, period: number): number[] {
  if (!Number.isInteger(period) || period < 1) throw new Error(`seasonalNaive: period must be a positive integer, got ${period}`);
  if (history.length < period) throw new Error(`seasonalNaive: needs at least one period (${period}) of history, got ${history.length}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`seasonalNaive: horizon must be a positive integer, got ${horizon}`);
  const n = history.length;
  return Array.from({ length: horizon }, (_, k) => history[n - period + (k % period)]);
}
