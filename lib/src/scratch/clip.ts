/**
 * Gradient clipping, in place, over any list of arrays (e.g. `paramArrays(grads)`).
 *   clipByGlobalNorm: g ← g · min(1, maxNorm / ‖g‖₂) with ‖g‖₂ over all arrays together
 *   clipByValue:      g ← min(max(g, −v), v) elementwise (min-char-rnn clips at 5)
 */
import type { FloatArray } from './mat';

export function globalNorm(arrays: FloatArray[]): number {
  let s = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** Scales all arrays together so their joint L2 norm is at most `maxNorm`; returns the norm before clipping. */
export function clipByGlobalNorm(arrays: FloatArray[], maxNorm: number): number {
  if (!(maxNorm > 0)) throw new Error(`clipByGlobalNorm: expected maxNorm > 0, got ${maxNorm}`);
  const norm = globalNorm(arrays);
  if (!Number.isFinite(norm)) throw new Error(`clipByGlobalNorm: expected a finite gradient norm, got ${norm}`);
  if (norm > maxNorm) {
    const scale = maxNorm / norm;
    for (const a of arrays) for (let i = 0; i < a.length; i++) a[i] *= scale;
  }
  return norm;
}

/** Clamps every entry to [−maxValue, maxValue]; returns how many entries were clipped. */
export function clipByValue(arrays: FloatArray[], maxValue: number): number {
  if (!(maxValue > 0)) throw new Error(`clipByValue: expected maxValue > 0, got ${maxValue}`);
  let n = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] > maxValue) { a[i] = maxValue; n++; } else if (a[i] < -maxValue) { a[i] = -maxValue; n++; }
    }
  }
  return n;
}
