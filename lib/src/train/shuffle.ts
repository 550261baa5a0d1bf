/**
 * Seeded shuffling for training: the order of examples in epoch `e` depends only on
 * (seed, e), so an interrupted run that resumes at epoch `e` sees the same batches as an
 * uninterrupted one.
 */

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The permutation of 0..n-1 used in `epoch` (Fisher-Yates with a per-epoch seed). */
export function epochPermutation(n: number, seed: number, epoch: number): Int32Array {
  const rand = mulberry32((seed * 0x9e3779b1 + epoch * 0x85ebca77) >>> 0);
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
