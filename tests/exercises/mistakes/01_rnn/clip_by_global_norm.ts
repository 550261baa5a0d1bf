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

// Mistakes added for issue 23: the reported norm, the factor, inputs modified or returned, edge cases.
const globalNorm = (grads: number[][]) => Math.sqrt(grads.reduce((s, g) => s + sumSq(g), 0));

export function norm_after_clipping(grads: number[][], maxNorm: number) {
  const n = globalNorm(grads);
  const f = n > maxNorm ? maxNorm / n : 1;
  const out = grads.map((g) => g.map((v) => v * f));
  return { grads: out, norm: globalNorm(out) };
}

export function inverted_factor(grads: number[][], maxNorm: number) {
  const norm = globalNorm(grads);
  const f = norm > maxNorm ? norm / maxNorm : 1;
  return { grads: grads.map((g) => g.map((v) => v * f)), norm };
}

export function returns_input_when_unchanged(grads: number[][], maxNorm: number) {
  const norm = globalNorm(grads);
  if (norm <= maxNorm) return { grads, norm };
  return { grads: grads.map((g) => g.map((v) => (v * maxNorm) / norm)), norm };
}

export function scales_in_place(grads: number[][], maxNorm: number) {
  const norm = globalNorm(grads);
  const f = Math.min(1, maxNorm / norm);
  for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= f;
  return { grads: grads.map((g) => g.slice()), norm };
}

export function divides_by_zero_norm(grads: number[][], maxNorm: number) {
  const norm = globalNorm(grads);
  return { grads: grads.map((g) => g.map((v) => (v / norm) * Math.min(norm, maxNorm))), norm };
}

export function reduce_without_initial(grads: number[][], maxNorm: number) {
  const norm = Math.sqrt(grads.flat().map((v) => v * v).reduce((a, b) => a + b));
  const f = Math.min(1, maxNorm / norm);
  return { grads: grads.map((g) => g.map((v) => v * f)), norm };
}
