// REFERENCE SOLUTION. Try the exercise in exercises/01_rnn/clip_by_global_norm.ts first.
/**
 * clip_by_global_norm: g̃ = g · min(1, τ / ‖g‖₂), one norm over all tensors together.
 * Returns new arrays and the norm before clipping.
 */
export function clipByGlobalNorm(grads: number[][], maxNorm: number): { grads: number[][]; norm: number } {
  let sumSq = 0;
  for (const g of grads) for (const v of g) sumSq += v * v;
  const norm = Math.sqrt(sumSq);
  const scale = norm > maxNorm ? maxNorm / norm : 1;
  return { grads: grads.map((g) => g.map((v) => v * scale)), norm };
}
