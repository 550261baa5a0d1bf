/**
 * Prices and returns. A model that forecasts prices directly mostly learns "tomorrow is
 * close to today"; forecasting the return and turning it back into a price makes the
 * comparison with the random walk honest.
 *
 *   log return r_t = ln(p_t / p_{t-1}),   p_t = p_{t-1} · exp(r_t)
 */
import type { Values } from './metrics';

/** Log returns of a price series: n - 1 values, `r[k] = ln(p[k+1] / p[k])`. */
export function logReturns(prices: Values): number[] {
  const out: number[] = [];
  for (let t = 1; t < prices.length; t++) {
    if (!(prices[t] > 0 && prices[t - 1] > 0)) throw new Error(`logReturns: prices must be positive, got ${prices[t - 1]} and ${prices[t]} at steps ${t - 1}, ${t}`);
    out.push(Math.log(prices[t] / prices[t - 1]));
  }
  return out;
}

/** Prices from the previous prices and forecast log returns: `prev[i] · exp(r[i])`. */
export function pricesFromLogReturns(previous: Values, returns: Values): number[] {
  if (previous.length !== returns.length) throw new Error(`pricesFromLogReturns: ${previous.length} previous prices but ${returns.length} returns`);
  return Array.from({ length: returns.length }, (_, i) => previous[i] * Math.exp(returns[i]));
}
