/**
 * A numeric time-series table: rows are time steps, columns are features,
 * `values` is `[time, features]`. The time-series helpers (split, scale, windows)
 * work on this plain type, so they are testable with tiny hand-written tables.
 */
import type { DataFrame } from 'danfojs-node';

export interface SeriesTable {
  columns: string[];
  /** `[time, features]`. */
  values: number[][];
  /** Optional time stamps, one per row. */
  dates?: Date[];
}

/** Column positions of `names` in `table`; the error lists the table's columns. */
export function columnPositions(table: SeriesTable, names: readonly string[]): number[] {
  return names.map((n) => {
    const j = table.columns.indexOf(n);
    if (j < 0) throw new Error(`no column "${n}"; the table has ${table.columns.join(', ')}`);
    return j;
  });
}

/**
 * A SeriesTable from numeric columns of a DataFrame (default: every column except
 * `date` and `filled` that holds numbers); the `date` column becomes `dates`.
 */
export function tableFromFrame(df: DataFrame, columns?: string[]): SeriesTable {
  const names = columns ?? df.columns.filter((c) => c !== 'date' && c !== 'filled' && ['float32', 'int32'].includes(df.column(c).dtype));
  const cols = names.map((c) => {
    if (!df.columns.includes(c)) throw new Error(`no column "${c}"; the DataFrame has ${df.columns.join(', ')}`);
    return df.column(c).values as number[];
  });
  const n = df.shape[0];
  const values: number[][] = [];
  for (let i = 0; i < n; i++) values.push(cols.map((col) => Number(col[i])));
  const dates = df.columns.includes('date') ? (df.column('date').values as unknown[]).map((d) => new Date(d as Date)) : undefined;
  return { columns: names, values, dates };
}

/**
 * A clear error unless the table's dates (if any) are valid and strictly increase, one per row:
 * splits by time and gap checks mean nothing on reversed or shuffled rows.
 */
export function checkTableDates(where: string, table: SeriesTable): void {
  if (table == null || typeof table !== 'object') throw new TypeError(`${where}: expected a SeriesTable { columns, values: [time, features] }, got ${table}`);
  const d = table.dates;
  if (!d) return;
  if (Array.isArray(table.values) && d.length !== table.values.length) throw new Error(`${where}: the table has ${table.values.length} rows but ${d.length} dates`);
  for (let i = 0; i < d.length; i++) {
    const t = d[i] instanceof Date ? d[i].getTime() : NaN;
    if (!Number.isFinite(t)) throw new Error(`${where}: dates[${i}] is not a valid Date (${String(d[i])})`);
    if (i > 0 && !(t > d[i - 1].getTime())) {
      throw new Error(
        `${where}: dates must strictly increase, but row ${i} (${d[i].toISOString()}) does not come after row ${i - 1} (${d[i - 1].toISOString()}): sort the rows by date and remove duplicates first`,
      );
    }
  }
}

/** Rows [start, end) of a table. */
export function sliceRows(table: SeriesTable, start: number, end: number): SeriesTable {
  return { columns: table.columns, values: table.values.slice(start, end), dates: table.dates?.slice(start, end) };
}
