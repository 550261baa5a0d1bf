/**
 * What the chart helpers accept as data, and how it is read.
 *
 * Three kinds of input, duck-typed so that `lib/src/plot` imports neither tfjs nor danfojs:
 * - plain arrays and typed arrays (`number[]`, `Float32Array`, `number[][]`);
 * - tf tensors, 1-D or 2-D (anything with `shape` and `dataSync()`): read once with
 *   `dataSync()`, which makes no new tensor, so nothing leaks and nothing is disposed;
 * - danfojs `Series` (`.values` 1-D, `.index`) and `DataFrame` (`.values` 2-D,
 *   `.columns`, `.index`).
 *
 * A matrix is always `[rows, columns]`: for a DataFrame, rows are its index and columns
 * its columns; for a tensor, `shape = [rows, columns]`.
 */

/** A tick or category label, or an x value (dates give plotly a date axis). */
export type Label = string | number | Date;

/** A tf tensor, seen only through what we read (`tf.Tensor` satisfies it). */
export interface TensorLike {
  readonly shape: number[];
  readonly dtype: string;
  dataSync(): ArrayLike<number | string>;
}

/**
 * A danfojs Series (`values` 1-D). Typed as loosely as danfojs types `values`
 * (`ArrayType1D | ArrayType2D` for both classes); the shape is checked when read.
 */
export interface SeriesLike {
  readonly values: ArrayLike<unknown>;
  readonly index?: ArrayLike<Label>;
  readonly columns?: ArrayLike<Label>;
}

/** A danfojs DataFrame (`values` 2-D `[rows, columns]`). */
export interface FrameLike {
  readonly values: ArrayLike<unknown>;
  readonly columns: ArrayLike<Label>;
  readonly index?: ArrayLike<Label>;
}

/** One series of numbers. */
export type Vector = ArrayLike<number> | TensorLike | SeriesLike;
/** A table of numbers `[rows, columns]`. */
export type Matrix = ArrayLike<ArrayLike<number>> | TensorLike | FrameLike;
/** Labels: an array, a tensor, a Series, or a string read as one label per character. */
export type Labels = ArrayLike<Label> | TensorLike | SeriesLike | string;

/** A vector read into plain numbers, with the labels the input carried. */
export interface ReadVector {
  values: number[];
  /** The Series index, if the input was a Series. */
  index?: Label[];
  /** The Series name, if it has one. */
  name?: string;
}

/** A matrix read into plain rows, with the labels the input carried. */
export interface ReadMatrix {
  rows: number[][];
  /** DataFrame columns. */
  columns?: Label[];
  /** DataFrame index. */
  index?: Label[];
}

export function isTensorLike(x: unknown): x is TensorLike {
  const t = x as TensorLike;
  return typeof x === 'object' && x !== null && typeof t.dataSync === 'function'
    && Array.isArray(t.shape) && typeof t.dtype === 'string';
}

/** A danfojs Series or DataFrame (has `.values` and `.columns` or `.index`, is not an array). */
export function isTableLike(x: unknown): x is SeriesLike | FrameLike {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  const t = x as SeriesLike;
  return t.values !== undefined && isArrayLike(t.values) && (t.columns !== undefined || t.index !== undefined);
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || ArrayBuffer.isView(x)
    || (typeof x === 'object' && x !== null && typeof (x as ArrayLike<unknown>).length === 'number');
}

/** Is this a 1-D thing (an array of numbers, a 1-D tensor, a Series)? */
export function isVectorLike(x: unknown): x is Vector {
  if (isTensorLike(x)) return x.shape.length <= 1;
  if (isTableLike(x)) return !isArrayLike((x.values as ArrayLike<unknown>)[0]);
  if (ArrayBuffer.isView(x)) return true;
  return Array.isArray(x) && !isArrayLike(x[0]);
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined || v === '') return NaN;
  return Number(v);
}

function labelsOf(x: ArrayLike<Label> | undefined): Label[] | undefined {
  return x === undefined ? undefined : Array.from(x);
}

/** Read a 1-D input. `what` names the argument in error messages. */
export function readVector(x: Vector, what = 'data'): ReadVector {
  if (isTensorLike(x)) {
    if (x.shape.length > 1 && x.shape.filter((d) => d !== 1).length > 1) {
      throw new Error(`${what}: expected a 1-D tensor, got shape [${x.shape.join(', ')}]`);
    }
    return { values: Array.from(x.dataSync(), toNumber) };
  }
  if (isTableLike(x)) {
    const vals = Array.from(x.values as ArrayLike<unknown>);
    if (vals.length > 0 && isArrayLike(vals[0]) && typeof vals[0] !== 'string') {
      throw new Error(`${what}: expected a Series, got a DataFrame with columns ${JSON.stringify(labelsOf(x.columns))}`);
    }
    const cols = labelsOf(x.columns);
    const name = cols && cols.length === 1 && String(cols[0]) !== '0' ? String(cols[0]) : undefined;
    return { values: vals.map(toNumber), index: labelsOf(x.index), name };
  }
  if (isArrayLike(x)) {
    const vals = Array.from(x as ArrayLike<unknown>);
    if (vals.length > 0 && isArrayLike(vals[0]) && typeof vals[0] !== 'string') {
      throw new Error(`${what}: expected a 1-D array, got a nested array`);
    }
    return { values: vals.map(toNumber) };
  }
  throw new Error(`${what}: expected an array, a 1-D tensor or a danfojs Series, got ${typeof x}`);
}

/** Read a 2-D input `[rows, columns]`. A 1-D input is read as one row. */
export function readMatrix(x: Matrix | Vector, what = 'data'): ReadMatrix {
  if (isTensorLike(x)) {
    const shape = x.shape;
    if (shape.length > 2) {
      throw new Error(`${what}: expected a 1-D or 2-D tensor, got shape [${shape.join(', ')}]`);
    }
    const flat = Array.from(x.dataSync(), toNumber);
    const [r, c] = shape.length === 2 ? shape : [1, flat.length];
    const rows: number[][] = [];
    for (let i = 0; i < r; i++) rows.push(flat.slice(i * c, (i + 1) * c));
    return { rows };
  }
  if (isTableLike(x)) {
    const vals = Array.from(x.values as ArrayLike<unknown>);
    const is2d = vals.length > 0 && isArrayLike(vals[0]);
    const rows = is2d
      ? vals.map((row) => Array.from(row as ArrayLike<unknown>, toNumber))
      : [vals.map(toNumber)];
    return { rows, columns: is2d ? labelsOf(x.columns) : labelsOf(x.index), index: is2d ? labelsOf(x.index) : undefined };
  }
  if (isArrayLike(x)) {
    const vals = Array.from(x as ArrayLike<unknown>);
    if (vals.length === 0) return { rows: [] };
    if (!isArrayLike(vals[0])) return { rows: [vals.map(toNumber)] };
    const rows = vals.map((row) => Array.from(row as ArrayLike<unknown>, toNumber));
    const width = rows[0].length;
    const bad = rows.findIndex((row) => row.length !== width);
    if (bad >= 0) {
      throw new Error(`${what}: rows must have equal length; row 0 has ${width}, row ${bad} has ${rows[bad].length}`);
    }
    return { rows };
  }
  throw new Error(`${what}: expected a 2-D array, a 2-D tensor or a danfojs DataFrame, got ${typeof x}`);
}

/** Read labels. A string gives one label per character (for character-level models). */
export function readLabels(x: Labels, what = 'labels'): Label[] {
  if (typeof x === 'string') return Array.from(x);
  if (isTensorLike(x)) return Array.from(x.dataSync());
  if (isTableLike(x)) return Array.from(x.values as ArrayLike<Label>);
  if (isArrayLike(x)) return Array.from(x);
  throw new Error(`${what}: expected an array, a string, a tensor or a Series, got ${typeof x}`);
}

/** Swap rows and columns. */
export function transpose(rows: number[][]): number[][] {
  if (rows.length === 0) return [];
  return rows[0].map((_, j) => rows.map((row) => row[j]));
}

/**
 * A date as plotly reads it (UTC, no zone suffix), as short as it is exact: `2013-03-01` at
 * midnight, `2013-03-01 06:00` on the minute, else `2013-03-01 06:00:07.250`. Long daily
 * series are a large part of a saved chart, so the short forms matter.
 */
function plotDate(d: Date): string {
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  if (iso.endsWith(':00.000Z')) return iso.slice(0, 16).replace('T', ' ');
  return iso.replace('T', ' ').replace('Z', '');
}

/** x values for plotly: dates written as plotly date strings, the rest as they are. */
export function plotValues(xs: Label[]): Array<string | number> {
  return xs.map((x) => (x instanceof Date ? plotDate(x) : x));
}

/** A label as shown on an axis: whitespace characters made visible (`' '` is `␣`), dates short. */
export function showLabel(l: Label): string {
  if (l instanceof Date) {
    const iso = l.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  const s = String(l);
  if (s === ' ') return '␣';
  if (s === '\n') return '⏎';
  if (s === '\t') return '⇥';
  if (s === '') return '∅';
  return s;
}
