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
export function toDataFrame(columns: Record<string, unknown[]>, dtypes: Record<string, string> = {}): DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const dfd = require('danfojs-node') as typeof import('danfojs-node');
  const names = Object.keys(columns);
  if (Object.keys(dtypes).length === 0) return new dfd.DataFrame(columns);
  const inferred = new dfd.DataFrame(columns).dtypes;
  return new dfd.DataFrame(columns, { dtypes: names.map((n, i) => dtypes[n] ?? inferred[i]) });
}
