/**
 * Filling missing values (NaN) of a series by a named method:
 *
 * - `linear`: straight line between the nearest valid neighbours, weighted by
 *   time when `times` is given (so a gap of 3 days counts as 3 steps); values
 *   before the first valid one take the first valid value, values after the last
 *   take the last (nearest-value extension at the ends).
 * - `forward`: carry the last valid value forward (leading gaps: first valid value).
 * - `zero`: replace with 0.
 * - `none`: leave NaN in place.
 *
 * Missing means NaN, +Infinity or -Infinity (none is a measurement). Any other method name is
 * an error, and so are `times` that are not finite and strictly increasing.
 */
import { checkOneOf } from '../options';

export type FillMethod = 'linear' | 'forward' | 'zero' | 'none';
export const FILL_METHODS: readonly FillMethod[] = ['linear', 'forward', 'zero', 'none'];

export interface Filled {
  values: number[];
  /** 1 where the value was missing and has been filled. */
  filled: Uint8Array;
}

export function fillMissing(values: readonly number[], method: FillMethod, times?: readonly number[]): Filled {
  checkOneOf('fillMissing', 'method', method, FILL_METHODS);
  if (values == null || typeof values.length !== 'number') throw new TypeError(`fillMissing: values must be a list of numbers, got ${values}`);
  const n = values.length;
  if (times !== undefined) {
    if (times.length !== n) throw new Error(`fillMissing: ${times.length} times for ${n} values`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(times[i]) || (i > 0 && !(times[i] > times[i - 1]))) {
        throw new Error(`fillMissing: times must be finite and strictly increasing, but times[${i}] = ${times[i]}${i > 0 ? ` follows ${times[i - 1]}` : ''}: sort the rows by date (and remove duplicates) first`);
      }
    }
  }
  const out = values.slice();
  const filled = new Uint8Array(n);
  const valid: number[] = [];
  for (let i = 0; i < n; i++) {
    if (typeof values[i] !== 'number') throw new TypeError(`fillMissing: values[${i}] is ${JSON.stringify(values[i])}, not a number`);
    if (!Number.isFinite(values[i])) {
      filled[i] = 1;
      out[i] = NaN; // ±Infinity is missing too; 'none' leaves NaN in its place
    } else valid.push(i);
  }
  if (method === 'none' || valid.length === n) return { values: out, filled: method === 'none' ? new Uint8Array(n) : filled };
  if (method === 'zero') {
    for (let i = 0; i < n; i++) if (filled[i]) out[i] = 0;
    return { values: out, filled };
  }
  if (valid.length === 0) throw new Error(`fillMissing(${method}): every value is missing, nothing to fill from`);
  const t = (i: number) => (times ? times[i] : i);
  let k = 0; // index into valid: valid[k] is the next valid position at or after i
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (!filled[i]) {
      prev = i;
      k++;
      continue;
    }
    const next = k < valid.length ? valid[k] : -1;
    if (prev < 0) out[i] = values[next];
    else if (next < 0 || method === 'forward') out[i] = values[prev];
    else {
      const w = (t(i) - t(prev)) / (t(next) - t(prev));
      out[i] = values[prev] + w * (values[next] - values[prev]);
    }
  }
  return { values: out, filled };
}
