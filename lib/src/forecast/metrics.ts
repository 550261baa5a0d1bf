/**
 * Forecast metrics on plain arrays (`truth[i]` and `forecast[i]` are the same time step):
 *
 * - MAE  = mean |y - ŷ|                       (units of y)
 * - RMSE = sqrt(mean (y - ŷ)²)                (units of y; punishes large misses more)
 * - MAPE = 100 · mean |y - ŷ| / |y|           (percent; undefined where y = 0, so those
 *                                              steps are skipped; meaningful for prices,
 *                                              not for returns or temperatures near 0)
 * - directional accuracy: the share of steps where the forecast moves in the same
 *   direction as the truth. With `reference` (the last observed value, e.g. yesterday's
 *   price) the directions are the changes y - ref and ŷ - ref; without it the values
 *   themselves are signed changes (e.g. returns). Steps where the truth does not move are
 *   skipped; a forecast of "no change" never counts as right (a random walk has no
 *   direction to be right about).
 *
 * Notebook 06 (time-series forecasting) uses them; tests/forecast/metrics.test.ts checks them by hand.
 */

export type Values = ArrayLike<number>;

function checkPair(where: string, truth: Values, forecast: Values): number {
  if (truth.length !== forecast.length) {
    throw new Error(`${where}: truth has ${truth.length} values but the forecast has ${forecast.length}; they must be aligned step by step`);
  }
  if (truth.length === 0) throw new Error(`${where}: no values to compare`);
  return truth.length;
}

/** Mean absolute error. */
export function mae(truth: Values, forecast: Values): number {
  const n = checkPair('mae', truth, forecast);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(truth[i] - forecast[i]);
  return s / n;
}

/** Root mean squared error. */
export function rmse(truth: Values, forecast: Values): number {
  const n = checkPair('rmse', truth, forecast);
  let s = 0;
  for (let i = 0; i < n; i++) s += (truth[i] - forecast[i]) ** 2;
  return Math.sqrt(s / n);
}

/** Mean absolute percentage error, in percent; steps with truth 0 are skipped (NaN if all are 0). */
export function mape(truth: Values, forecast: Values): number {
  const n = checkPair('mape', truth, forecast);
  let s = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (truth[i] === 0) continue;
    s += Math.abs((truth[i] - forecast[i]) / truth[i]);
    k++;
  }
  return k === 0 ? NaN : (100 * s) / k;
}

/**
 * Share (0..1) of steps where forecast and truth move the same way; see the file comment.
 * `reference[i]` is the last value known when forecasting step i.
 */
export function directionalAccuracy(truth: Values, forecast: Values, reference?: Values): number {
  const n = checkPair('directionalAccuracy', truth, forecast);
  if (reference && reference.length !== n) {
    throw new Error(`directionalAccuracy: reference has ${reference.length} values, expected ${n} like truth`);
  }
  let right = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    const r = reference ? reference[i] : 0;
    const dTrue = Math.sign(truth[i] - r);
    const dHat = Math.sign(forecast[i] - r);
    if (dTrue === 0) continue;
    counted++;
    if (dHat === dTrue) right++;
  }
  return counted === 0 ? NaN : right / counted;
}

export interface ForecastMetrics {
  mae: number;
  rmse: number;
  /** Only when asked for (`{ mape: true }`): percent. */
  mape?: number;
  /** Only when asked for (`{ direction: true }` or a reference): 0..1. */
  directionalAccuracy?: number;
}

export interface MetricOptions {
  /** Also compute MAPE. */
  mape?: boolean;
  /** Also compute directional accuracy (of the values themselves, or of changes from `reference`). */
  direction?: boolean;
  /** Last observed value per step, for directional accuracy of prices. */
  reference?: Values;
}

/** MAE and RMSE, and MAPE / directional accuracy when asked for. */
export function forecastMetrics(truth: Values, forecast: Values, options: MetricOptions = {}): ForecastMetrics {
  const m: ForecastMetrics = { mae: mae(truth, forecast), rmse: rmse(truth, forecast) };
  if (options.mape) m.mape = mape(truth, forecast);
  if (options.direction || options.reference) m.directionalAccuracy = directionalAccuracy(truth, forecast, options.reference);
  return m;
}

/**
 * How much lower the model's error is than the baseline's, in percent of the baseline:
 * 100 · (baseline - model) / baseline. Positive: the model is better; negative: worse.
 */
export function improvementPercent(baselineError: number, modelError: number): number {
  if (!(baselineError > 0)) throw new Error(`improvementPercent: the baseline error must be positive, got ${baselineError}`);
  return (100 * (baselineError - modelError)) / baselineError;
}

/**
 * Mean absolute error at each step ahead: `truth` and `forecast` are `[examples][horizon]`;
 * the result has one value per step ahead (how the error grows with the horizon).
 */
export function maeByStep(truth: readonly Values[], forecast: readonly Values[]): number[] {
  if (truth.length !== forecast.length) throw new Error(`maeByStep: ${truth.length} truth rows but ${forecast.length} forecast rows`);
  if (truth.length === 0) throw new Error('maeByStep: no rows');
  const h = truth[0].length;
  const sums = new Array<number>(h).fill(0);
  truth.forEach((row, i) => {
    if (row.length !== h || forecast[i].length !== h) {
      throw new Error(`maeByStep: row ${i} has ${row.length} truth and ${forecast[i].length} forecast values, expected ${h}`);
    }
    for (let k = 0; k < h; k++) sums[k] += Math.abs(row[k] - forecast[i][k]);
  });
  return sums.map((s) => s / truth.length);
}

/** Root mean squared error at each step ahead (`[examples][horizon]` in, one value per step out). */
export function rmseByStep(truth: readonly Values[], forecast: readonly Values[]): number[] {
  // The mean absolute "error" of the squared errors against 0 is the mean squared error per step.
  if (truth.length !== forecast.length) throw new Error(`rmseByStep: ${truth.length} truth rows but ${forecast.length} forecast rows`);
  const squared = truth.map((row, i) => {
    if (forecast[i].length !== row.length) throw new Error(`rmseByStep: row ${i} has ${row.length} truth and ${forecast[i].length} forecast values`);
    return Array.from(row, (v, k) => (v - forecast[i][k]) ** 2);
  });
  return maeByStep(squared, squared.map((r) => r.map(() => 0))).map(Math.sqrt);
}

/** Share (0..1) of truths inside [lower, upper] (both inclusive): how often an error band holds. */
export function intervalCoverage(truth: Values, lower: Values, upper: Values): number {
  const n = checkPair('intervalCoverage', truth, lower);
  checkPair('intervalCoverage', truth, upper);
  let inside = 0;
  for (let i = 0; i < n; i++) if (truth[i] >= lower[i] && truth[i] <= upper[i]) inside++;
  return inside / n;
}
