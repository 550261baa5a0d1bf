/**
 * Seeded shuffling for training: the order of examples in epoch `e` depends only on
 * (seed, e), so an interrupted run that resumes at epoch `e` sees the same batches as an
 * uninterrupted one.
 */
import { seededRng } from '../scratch/init';

/** The permutation of 0..n-1 used in `epoch` (Fisher-Yates with a per-epoch seed). */
export function epochPermutation(n: number, seed: number, epoch: number): Int32Array {
  if (!Number.isSafeInteger(seed)) throw new Error(`epochPermutation: seed must be an integer, got ${seed}`);
  if (!(Number.isInteger(n) && n >= 0) || !(Number.isInteger(epoch) && epoch >= 0)) {
    throw new Error(`epochPermutation: n and epoch must be integers >= 0, got n = ${n}, epoch = ${epoch}`);
  }
  const rand = seededRng((seed * 0x9e3779b1 + epoch * 0x85ebca77) >>> 0);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
