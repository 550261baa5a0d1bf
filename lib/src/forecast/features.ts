/**
 * Extra input columns for forecasting: the time of day and of year as points on a circle
 * (sin, cos), so 23:00 is next to 00:00 and 31 December next to 1 January.
 * `withColumns` appends columns to a SeriesTable.
 */
import type { SeriesTable } from '../data/series/table';

const DAY_MS = 86_400_000;

/** hourSin, hourCos (period one day) and yearSin, yearCos (period 365.2425 days) of UTC dates. */
export function calendarFeatures(dates: readonly Date[]): Record<'hourSin' | 'hourCos' | 'yearSin' | 'yearCos', number[]> {
  const day = dates.map((d) => ((d.getTime() % DAY_MS) + DAY_MS) % DAY_MS / DAY_MS); // fraction of the day
  const year = dates.map((d) => (d.getTime() / DAY_MS / 365.2425) % 1); // fraction of the year (phase is arbitrary)
  const tau = 2 * Math.PI;
  return {
    hourSin: day.map((p) => Math.sin(tau * p)),
    hourCos: day.map((p) => Math.cos(tau * p)),
    yearSin: year.map((p) => Math.sin(tau * p)),
    yearCos: year.map((p) => Math.cos(tau * p)),
  };
}

/** A copy of `table` with the given columns appended (each as long as the table). */
export function withColumns(table: SeriesTable, columns: Record<string, readonly number[]>): SeriesTable {
  const names = Object.keys(columns);
  for (const name of names) {
    if (table.columns.includes(name)) throw new Error(`withColumns: the table already has a column "${name}"`);
    if (columns[name].length !== table.values.length) {
      throw new Error(`withColumns: column "${name}" has ${columns[name].length} values, the table has ${table.values.length} rows`);
    }
  }
  return {
    columns: [...table.columns, ...names],
    values: table.values.map((row, i) => [...row, ...names.map((name) => columns[name][i])]),
    dates: table.dates,
  };
}
