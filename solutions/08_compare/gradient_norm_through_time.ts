// REFERENCE SOLUTION. Try the exercise in exercises/08_compare/gradient_norm_through_time.ts first.
/**
 * gradient_norm_through_time: for the linear RNN h_t = h_{t-1} U + x_t W the Jacobian is the same
 * at every step, and a row gradient moves back as g_{t-1} = g_t Uᵀ. Returns ‖g_T (Uᵀ)^m‖₂, m = 0 … steps.
 */
export function gradientNormsThroughTime(recurrentKernel: number[][], gT: number[], steps: number): number[] {
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const norms = [norm(gT)];
  let g = gT;
  for (let m = 1; m <= steps; m++) {
    // (g Uᵀ)[k] = Σ_j g[j] · U[k][j]
    g = recurrentKernel.map((uRow) => uRow.reduce((s, u, j) => s + u * g[j], 0));
    norms.push(norm(g));
  }
  return norms;
}
