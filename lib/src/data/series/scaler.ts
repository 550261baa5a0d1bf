/**
 * Per-column scaling fitted on the training part only, then applied unchanged to
 * validation and test (statistics of later data never leak into training):
 *
 * - `standard`: (v - mean) / std, with the population std of the training rows;
 * - `minmax`:   (v - min) / (max - min), so training values land in [0, 1]
 *   (later values may fall outside).
 *
 * A constant training column gets scale 1 (no division by zero).
 */
import { checkOneOf } from '../../options';
import { columnPositions, SeriesTable } from './table';

export type ScalerKind = 'standard' | 'minmax';

export class Scaler {
  /**
   * @param columns the scaled columns
   * @param center subtracted, per column (mean or min)
   * @param scale divided by, per column (std or max - min)
   */
  constructor(readonly kind: ScalerKind, readonly columns: string[], readonly center: number[], readonly scale: number[]) {}

  /** Fit on `train` (default: every column). */
  static fit(train: SeriesTable, kind: ScalerKind = 'standard', columns: string[] = train.columns): Scaler {
    checkOneOf('Scaler.fit', 'kind', kind, ['standard', 'minmax'] as const);
    const pos = columnPositions(train, columns);
    const n = train.values.length;
    if (n === 0) throw new Error('Scaler.fit: the training table has no rows');
    const center: number[] = [];
    const scale: number[] = [];
    pos.forEach((j, k) => {
      const v = train.values.map((row) => row[j]);
      if (v.some((x) => !Number.isFinite(x))) throw new Error(`Scaler.fit: column "${columns[k]}" has missing or infinite values; fill them first`);
      if (kind === 'minmax') {
        let lo = Infinity;
        let hi = -Infinity;
        for (const x of v) {
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
        center.push(lo);
        scale.push(hi > lo ? hi - lo : 1);
      } else {
        const mean = v.reduce((a, b) => a + b, 0) / n;
        const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
        center.push(mean);
        scale.push(std > 0 ? std : 1);
      }
    });
    return new Scaler(kind, columns, center, scale);
  }

  /** A scaled copy of `table` (columns not fitted are copied unchanged). */
  transform(table: SeriesTable): SeriesTable {
    const pos = columnPositions(table, this.columns);
    const values = table.values.map((row) => {
      const out = row.slice();
      pos.forEach((j, k) => (out[j] = (row[j] - this.center[k]) / this.scale[k]));
      return out;
    });
    return { columns: table.columns, values, dates: table.dates };
  }

  /** Back to original units: values of the fitted column `column` (e.g. predictions). */
  inverse(values: readonly number[], column: string): number[] {
    const k = this.columns.indexOf(column);
    if (k < 0) throw new Error(`Scaler.inverse: column "${column}" was not fitted; fitted: ${this.columns.join(', ')}`);
    return values.map((v) => v * this.scale[k] + this.center[k]);
  }
}
