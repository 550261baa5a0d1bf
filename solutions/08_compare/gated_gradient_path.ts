// REFERENCE SOLUTION. Try the exercise in exercises/08_compare/gated_gradient_path.ts first.
/**
 * gated_gradient_path: along the direct path, ∂ℓ/∂c_{T−m} = ∂ℓ/∂c_T ⊙ f_T ⊙ f_{T−1} ⊙ … ⊙ f_{T−m+1}.
 * gates[s − 1] holds f_s for s = 1 … T.
 */
export function directPathGradients(gates: number[][], dT: number[]): number[][] {
  const out = [dT.slice()];
  let g = dT;
  for (let s = gates.length; s >= 1; s--) {
    g = g.map((v, j) => v * gates[s - 1][j]);
    out.push(g);
  }
  return out;
}
