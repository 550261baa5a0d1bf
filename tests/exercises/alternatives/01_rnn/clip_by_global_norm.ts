/** Correct alternatives to the reference clip_by_global_norm: every one must pass the grader. */

/** Math.hypot over all the entries, factor min(1, τ/‖g‖) (Infinity when ‖g‖ = 0, so the factor is 1). */
export function withHypot(grads: number[][], maxNorm: number) {
  const norm = Math.hypot(...grads.flat());
  const factor = Math.min(1, maxNorm / norm);
  return { grads: grads.map((g) => g.map((v) => v * factor)), norm };
}

/** Copies first, scales the copies in place only when needed. */
export function copyThenScale(grads: number[][], maxNorm: number) {
  const out = grads.map((g) => [...g]);
  let sumSq = 0;
  for (const g of out) for (const v of g) sumSq += v ** 2;
  const norm = Math.sqrt(sumSq);
  if (norm > maxNorm) for (const g of out) for (let i = 0; i < g.length; i++) g[i] = (g[i] * maxNorm) / norm;
  return { grads: out, norm };
}
