/**
 * Forecast-specific views of the windows made by `slidingWindows` (lib/src/data/series/windows.ts):
 *
 * - `everyNthStep`: keep every n-th input step, counted back from the last one (the last
 *   observed step is always kept). Three days of hourly data seen every 3 hours is 24 steps
 *   instead of 72: a recurrent layer runs 3 times faster and still sees the daily cycle.
 * - `targetSteps`: keep some steps ahead of the target (e.g. only the 24th hour ahead).
 * - `inputColumn`: one input feature at some steps, e.g. the last observed temperature
 *   (the persistence forecast) or the same hours one day earlier.
 */
import type { Windows } from '../data/series/windows';

/** Keep input steps lookBack-1, lookBack-1-n, lookBack-1-2n, ... (in time order). */
export function everyNthStep(w: Windows, n: number): Windows {
  if (!Number.isInteger(n) || n < 1) throw new Error(`everyNthStep: n must be a positive integer, got ${n}`);
  const [b, t, f] = w.xShape;
  const keep: number[] = [];
  for (let s = t - 1; s >= 0; s -= n) keep.unshift(s);
  const x = new Float32Array(b * keep.length * f);
  let k = 0;
  for (let i = 0; i < b; i++) for (const s of keep) for (let j = 0; j < f; j++) x[k++] = w.x[(i * t + s) * f + j];
  return { ...w, x, xShape: [b, keep.length, f] };
}

/** Keep only the given target steps (0-based steps ahead: 23 is the 24th step ahead). */
export function targetSteps(w: Windows, steps: readonly number[]): Windows {
  const [b, h, f] = w.yShape;
  for (const s of steps) if (!Number.isInteger(s) || s < 0 || s >= h) throw new Error(`targetSteps: step ${s} is outside 0..${h - 1}`);
  const y = new Float32Array(b * steps.length * f);
  let k = 0;
  for (let i = 0; i < b; i++) for (const s of steps) for (let j = 0; j < f; j++) y[k++] = w.y[(i * h + s) * f + j];
  return { ...w, y, yShape: [b, steps.length, f] };
}

/**
 * Input feature `feature` (its position among the input columns) at input steps `steps`
 * (negative counts from the end: -1 is the last observed step), as rows `[window][step]`.
 */
export function inputColumn(w: Windows, feature: number, steps: readonly number[]): number[][] {
  const [b, t, f] = w.xShape;
  if (!Number.isInteger(feature) || feature < 0 || feature >= f) throw new Error(`inputColumn: feature ${feature} is outside 0..${f - 1}`);
  const abs = steps.map((s) => {
    const a = s < 0 ? t + s : s;
    if (!Number.isInteger(a) || a < 0 || a >= t) throw new Error(`inputColumn: step ${s} is outside the window of ${t} steps`);
    return a;
  });
  const out: number[][] = [];
  for (let i = 0; i < b; i++) out.push(abs.map((s) => w.x[(i * t + s) * f + feature]));
  return out;
}

/** Target feature `feature` at every target step, as rows `[window][step]`. */
export function targetRows(w: Windows, feature = 0): number[][] {
  const [b, h, f] = w.yShape;
  const out: number[][] = [];
  for (let i = 0; i < b; i++) out.push(Array.from({ length: h }, (_, s) => w.y[(i * h + s) * f + feature]));
  return out;
}

/** Windows of several series (e.g. one per stock) pooled into one set, in the order given. */
export function concatWindows(parts: readonly Windows[]): Windows {
  if (parts.length === 0) throw new Error('concatWindows: no windows to pool');
  const [, t, f] = parts[0].xShape;
  const [, h, g] = parts[0].yShape;
  parts.forEach((p, i) => {
    if (p.xShape[1] !== t || p.xShape[2] !== f || p.yShape[1] !== h || p.yShape[2] !== g) {
      throw new Error(`concatWindows: part ${i} has x [${p.xShape}] and y [${p.yShape}], expected [*,${t},${f}] and [*,${h},${g}] like part 0`);
    }
  });
  const b = parts.reduce((s, p) => s + p.xShape[0], 0);
  const x = new Float32Array(b * t * f);
  const y = new Float32Array(b * h * g);
  let xo = 0;
  let yo = 0;
  for (const p of parts) {
    x.set(p.x, xo);
    y.set(p.y, yo);
    xo += p.x.length;
    yo += p.y.length;
  }
  return { x, xShape: [b, t, f], y, yShape: [b, h, g], starts: parts.flatMap((p) => p.starts) };
}
