/**
 * Shape and value checks that run at the edges of the library (sequence loops, layers,
 * converters), never inside the time loop. Every error names the expected and the actual
 * shape or value, e.g. `lstm kernel: expected shape [3, 8], got [3, 6]`.
 */
import type { FloatArray, Mat } from './mat';

export function shapeStr(dims: ArrayLike<number>): string {
  return `[${Array.from(dims).join(', ')}]`;
}

/** Throws unless `m` is a matrix of shape `[rows, cols]` whose data has rows*cols entries. */
export function checkShape(m: Mat | undefined | null, rows: number, cols: number, what: string): void {
  if (m == null || typeof m !== 'object' || !('rows' in m)) {
    throw new Error(`${what}: expected a matrix of shape [${rows}, ${cols}], got ${m === null ? 'null' : typeof m}`);
  }
  if (m.rows !== rows || m.cols !== cols) {
    throw new Error(`${what}: expected shape [${rows}, ${cols}], got [${m.rows}, ${m.cols}]`);
  }
  if (m.data.length !== rows * cols) {
    throw new Error(`${what}: shape [${rows}, ${cols}] needs ${rows * cols} values, got ${m.data.length}`);
  }
}

/** Throws unless the vector has `length` entries. */
export function checkLength(v: ArrayLike<number> | undefined | null, length: number, what: string): void {
  if (v == null) throw new Error(`${what}: expected a vector of shape [${length}], got ${v === null ? 'null' : 'undefined'}`);
  if (v.length !== length) throw new Error(`${what}: expected shape [${length}], got [${v.length}]`);
}

/** Throws on the first NaN or infinity, naming its position. */
export function checkFinite(a: FloatArray, what: string, cols = 0): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v)) {
      const where = cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`;
      throw new Error(`${what}: expected finite values, got ${v} at ${where}`);
    }
  }
}

/** Throws unless every index is an integer in [0, size). */
export function checkIndices(ix: Int32Array, batchSize: number, size: number, what: string): void {
  if (ix.length !== batchSize) throw new Error(`${what}: expected ${batchSize} indices (shape [${batchSize}]), got [${ix.length}]`);
  for (let i = 0; i < ix.length; i++) {
    if (ix[i] < 0 || ix[i] >= size) throw new Error(`${what}: expected indices in [0, ${size}), got ${ix[i]} at [${i}]`);
  }
}
