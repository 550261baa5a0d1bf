/** Shared by the time-series loaders: fill gaps by a named method, then build the DataFrame. */
import { FILL_METHODS, FillMethod, fillMissing } from '../fill';
import { checkOneOf } from '../../options';
import { DataFrame, dateLabels, toDataFrame } from '../frame';
import { FetchOptions } from '../io/fetch';

/** Options of every time-series loader. */
export interface SeriesOptions extends FetchOptions {
  /**
   * How missing values (NA cells) are filled; see fill.ts. Default `linear`
   * (time-weighted linear interpolation, nearest value at the ends).
   * Absent calendar days are not inserted: each loader documents its gaps.
   */
  fill?: FillMethod;
}

/**
 * A DataFrame with a `date` column first, the numeric columns (dtype float32),
 * the `other` columns, and a 0/1 column `filled` (int32) marking rows where at
 * least one value was filled. The row labels (index) are the dates written out in
 * UTC (`1981-01-01`, or `2010-01-01 13:00` for hourly data), so printing a frame
 * shows the calendar dates whatever the machine's time zone.
 */
export function seriesFrame(
  dates: Date[],
  numeric: Record<string, number[]>,
  method: FillMethod,
  other: Record<string, unknown[]> = {},
): DataFrame {
  checkOneOf('seriesFrame', 'fill', method, FILL_METHODS);
  const times = dates.map((d) => d.getTime());
  const filledRow = new Array<number>(dates.length).fill(0);
  const columns: Record<string, unknown[]> = { date: dates };
  const dtypes: Record<string, string> = { date: 'datetime', filled: 'int32' };
  for (const [name, values] of Object.entries(numeric)) {
    const f = fillMissing(values, method, times);
    f.filled.forEach((v, i) => (filledRow[i] |= v));
    columns[name] = f.values;
    dtypes[name] = 'float32'; // filled values may be fractional even in an integer column
  }
  Object.assign(columns, other);
  columns.filled = filledRow;
  return toDataFrame(columns, dtypes, dateLabels(dates));
}
