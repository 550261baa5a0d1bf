// Barrel of lib/src/forecast: metrics, baselines and helpers of time-series forecasting
// (notebook 06). Names are explicit so `export *` in lib/src/index.ts cannot clash.
export {
  mae, rmse, mape, directionalAccuracy, forecastMetrics, improvementPercent, maeByStep, rmseByStep, intervalCoverage,
} from './metrics';
export type { Values as ForecastValues, ForecastMetrics, MetricOptions } from './metrics';
export { persistence, randomWalk, seasonalNaive } from './baselines';
export { autoregressiveForecast } from './autoregressive';
export type { AutoregressiveOptions, StepPredictor } from './autoregressive';
export { fitLinear } from './linear';
export type { LinearModel, LinearOptions } from './linear';
export { everyNthStep, targetSteps, inputColumn, targetRows, concatWindows } from './windows';
export { missingRuns } from './gaps';
export type { MissingRun } from './gaps';
export { calendarFeatures, withColumns } from './features';
export { logReturns, pricesFromLogReturns } from './returns';
export { buildForecaster, predictFlat } from './model';
export type { ForecasterConfig } from './model';
export { compareErrors, verdictSentence } from './verdict';
export type { Comparison } from './verdict';
