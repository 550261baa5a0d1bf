/** Mistaken variants of clip_by_global_norm, one per mistake listed in its grader. */
const sumSq = (g: number[]) => g.reduce((s, v) => s + v * v, 0);

export function per_tensor_norm(grads: number[][], maxNorm: number) {
  const norm = Math.sqrt(grads.reduce((s, g) => s + sumSq(g), 0));
  return {
    grads: grads.map((g) => { const n = Math.sqrt(sumSq(g)); const f = n > maxNorm ? maxNorm / n : 1; return g.map((v) => v * f); }),
    norm,
  };
}

export function always_rescales(grads: number[][], maxNorm: number) {
  const norm = Math.sqrt(grads.reduce((s, g) => s + sumSq(g), 0));
  return { grads: grads.map((g) => g.map((v) => (v * maxNorm) / norm)), norm };
}

export function clips_by_value(grads: number[][], maxNorm: number) {
  const norm = Math.sqrt(grads.reduce((s, g) => s + sumSq(g), 0));
  return { grads: grads.map((g) => g.map((v) => Math.max(-maxNorm, Math.min(maxNorm, v)))), norm };
}

export function forgets_sqrt(grads: number[][], maxNorm: number) {
  const norm = grads.reduce((s, g) => s + sumSq(g), 0);
  const f = norm > maxNorm ? maxNorm / norm : 1;
  return { grads: grads.map((g) => g.map((v) => v * f)), norm };
}
