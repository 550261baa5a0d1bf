/**
 * What every notebook's first cell does, and the small check helpers the notebooks share.
 *
 *   import * as tf from "@tensorflow/tfjs";
 *   import { setupNotebook, maxDiff, fmt } from "seqmodels";
 *   await setupNotebook({ fastMode: "a small slice of the text, seconds of training" });
 *
 * `setupNotebook` loads the chart library (so charts work offline and after a re-run from the
 * top), starts the fastest tfjs backend (its line names the backend and why) and prints the mode
 * line: full, or fast when `COURSE_FAST` is set, with what fast mode means for this notebook.
 * It returns nothing, so as a cell's last line it prints only those lines; `initBackend()` then
 * returns the backend chosen (and why), `isFast()` the mode.
 */
import { InitBackendOptions, initBackend } from './backend/select';
import { isFast } from './env';
import { loadPlotly } from './plot/show';
import { FloatArray, Mat, mat } from './scratch/mat';
import type { Rng } from './scratch/init';

export { rowsOf } from './scratch/mat';

export interface NotebookSetupOptions {
  /** What fast mode shrinks in this notebook, for the mode line. Default: "small data, few epochs". */
  fastMode?: string;
  /** Load the chart library now (default true; every notebook draws charts). */
  charts?: boolean;
  /** Passed to `initBackend` (e.g. `{ force: "cpu" }`). Default: the fastest backend available. */
  backend?: InitBackendOptions;
}

/** The first cell of every notebook: charts, backend, mode line. Safe to run again. */
export async function setupNotebook(options: NotebookSetupOptions = {}): Promise<void> {
  if (options.charts !== false) loadPlotly();
  await initBackend(options.backend);
  console.log(isFast() ? `mode: fast (COURSE_FAST is set: ${options.fastMode ?? 'small data, few epochs'})` : 'mode: full');
}

/** The largest absolute difference between two arrays (or matrices) of equal length. */
export function maxDiff(a: ArrayLike<number> | Mat, b: ArrayLike<number> | Mat): number {
  const p = valuesOf(a), q = valuesOf(b);
  if (p.length !== q.length) throw new Error(`maxDiff: expected arrays of equal length, got ${p.length} and ${q.length}`);
  let m = 0;
  for (let i = 0; i < p.length; i++) m = Math.max(m, Math.abs(p[i] - q[i]));
  return m;
}

function valuesOf(v: ArrayLike<number> | Mat): ArrayLike<number> {
  return 'data' in v && 'rows' in v ? v.data : (v as ArrayLike<number>);
}

/** A Float64 matrix [rows, cols] uniform in [−scale, scale): inputs of a gradient check. */
export function randomMat(rows: number, cols: number, random: Rng, scale = 1): Mat<Float64Array> {
  const m = mat(rows, cols, Float64Array) as Mat<Float64Array>;
  for (let i = 0; i < m.data.length; i++) m.data[i] = (2 * random() - 1) * scale;
  return m;
}

/** A Float32 matrix [rows, cols] uniform in [−1, 1): inputs shared with tfjs (which computes in float32). */
export function randomF32(rows: number, cols: number, random: Rng): Mat<Float32Array> {
  const m = mat(rows, cols, Float32Array) as Mat<Float32Array>;
  for (let i = 0; i < m.data.length; i++) m.data[i] = 2 * random() - 1;
  return m;
}

/** One row as a Float64 matrix [1, row.length]: a single example for a hand-checked step. */
export function toMat(row: ArrayLike<number>): Mat<Float64Array> {
  const m = mat(1, row.length, Float64Array) as Mat<Float64Array>;
  m.data.set(Array.from(row));
  return m;
}

/** Numbers in aligned columns: `fmt([0.5, -1])` is "[ 0.5000, -1.0000]". */
export function fmt(v: ArrayLike<number> | FloatArray, digits = 4): string {
  return '[' + Array.from(v as ArrayLike<number>).map((n) => n.toFixed(digits).padStart(digits + 3)).join(', ') + ']';
}
