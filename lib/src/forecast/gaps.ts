/**
 * Where values are missing: runs of consecutive NaN, so a notebook can say how many gaps a
 * series has and how long the longest is before choosing a fill method (lib/src/data/fill.ts).
 */
import type { Values } from './metrics';

export interface MissingRun {
  /** Index of the first missing value. */
  start: number;
  /** Number of consecutive missing values. */
  length: number;
}

/** The runs of consecutive NaN in `values`, in order. */
export function missingRuns(values: Values): MissingRun[] {
  const runs: MissingRun[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) continue;
    const start = i;
    while (i + 1 < values.length && Number.isNaN(values[i + 1])) i++;
    runs.push({ start, length: i - start + 1 });
  }
  return runs;
}
