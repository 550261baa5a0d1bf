/**
 * Train / validation / test split by time: three consecutive blocks, never
 * shuffled, so every validation row comes after every training row and every test
 * row after every validation row. Sizes: train = floor(n * train),
 * validation = floor(n * validation), test = the rest.
 */
import { checkTableDates, SeriesTable, sliceRows } from './table';

export interface SplitFractions {
  /** Fraction of rows for training, e.g. 0.7. */
  train: number;
  /** Fraction of rows for validation, e.g. 0.15 (the test part is what remains). */
  validation: number;
}

export interface TimeSplit {
  train: SeriesTable;
  validation: SeriesTable;
  test: SeriesTable;
}

export function splitByTime(table: SeriesTable, fractions: SplitFractions): TimeSplit {
  const { train, validation } = fractions;
  if (!(Number.isFinite(train) && Number.isFinite(validation) && train > 0 && validation >= 0 && train + validation <= 1)) {
    throw new Error(`splitByTime: need train > 0, validation >= 0 and train + validation <= 1, got ${train} and ${validation}`);
  }
  checkTableDates('splitByTime', table);
  const n = table.values.length;
  const nTrain = Math.floor(n * train);
  const nVal = Math.floor(n * validation);
  const nTest = n - nTrain - nVal;
  // A part asked for (fraction > 0) must get rows: an empty part would fail later, far from here.
  const empty = [
    ['training', train, nTrain],
    ['validation', validation, nVal],
    ['test', 1 - train - validation, nTest],
  ].filter(([, f, rows]) => (f as number) > 1e-12 && rows === 0);
  if (empty.length > 0) {
    throw new Error(
      `splitByTime: ${n} rows split ${train} / ${validation} / rest leave the ${empty.map(([name]) => name).join(' and ')} part with 0 rows: ` +
        'use more rows or larger fractions',
    );
  }
  return {
    train: sliceRows(table, 0, nTrain),
    validation: sliceRows(table, nTrain, nTrain + nVal),
    test: sliceRows(table, nTrain + nVal, n),
  };
}
