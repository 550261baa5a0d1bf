/**
 * Building danfojs DataFrames. danfojs-node is loaded on first use only (it
 * takes about a second), so text-only code never pays for it.
 */
import type { DataFrame } from 'danfojs-node';

export type { DataFrame };

/**
 * A DataFrame from named columns of equal length. `dtypes` (danfojs names:
 * `float32`, `int32`, `string`, `boolean`, `datetime`) fixes a column's type;
 * the others are inferred (Date columns become `datetime`).
 */
export function toDataFrame(columns: Record<string, unknown[]>, dtypes: Record<string, string> = {}, index?: string[]): DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const dfd = require('danfojs-node') as typeof import('danfojs-node');
  const names = Object.keys(columns);
  if (Object.keys(dtypes).length === 0) return new dfd.DataFrame(columns, index ? { index } : {});
  return new dfd.DataFrame(columns, { dtypes: names.map((n) => dtypes[n] ?? inferDtype(columns[n])), ...(index ? { index } : {}) });
}

/** danfojs dtype of a column from its values (as danfojs would infer it). */
function inferDtype(values: unknown[]): string {
  if (values.every((v) => v instanceof Date)) return 'datetime';
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number')) return values.every((v) => Number.isInteger(v)) ? 'int32' : 'float32';
  return 'string';
}

/**
 * Row labels for dates, independent of the machine's time zone: `YYYY-MM-DD` when
 * every date is at UTC midnight, else `YYYY-MM-DD HH:MM` (UTC).
 */
export function dateLabels(dates: readonly Date[]): string[] {
  const daily = dates.every((d) => d.getTime() % 86400e3 === 0);
  return dates.map((d) => (daily ? d.toISOString().slice(0, 10) : d.toISOString().slice(0, 16).replace('T', ' ')));
}
