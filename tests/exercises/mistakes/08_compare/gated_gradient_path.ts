/** Mistaken variants of gated_gradient_path, one per mistake listed in its grader. */
export function forward_gate_order(gates: number[][], dT: number[]): number[][] {
  const out = [dT.slice()];
  let g = dT;
  for (let s = 1; s <= gates.length; s++) { g = g.map((v, j) => v * gates[s - 1][j]); out.push(g); }
  return out;
}
export function includes_gate_at_lag_zero(gates: number[][], dT: number[]): number[][] {
  const T = gates.length;
  let g = dT.map((v, j) => v * gates[T - 1][j]);
  const out = [g];
  for (let s = T - 1; s >= 1; s--) { g = g.map((v, j) => v * gates[s - 1][j]); out.push(g); }
  out.push(g.map(() => 0));
  return out;
}
export function sums_gates(gates: number[][], dT: number[]): number[][] {
  const out = [dT.slice()];
  let acc = dT.map(() => 0);
  for (let s = gates.length; s >= 1; s--) { acc = acc.map((v, j) => v + gates[s - 1][j]); out.push(dT.map((d, j) => d * acc[j])); }
  return out;
}

// Mistakes added for issue 23: element-wise products, the rows returned, rows shared, input modified.
export function sums_over_units(gates: number[][], dT: number[]): number[][] {
  const out = [dT.slice()];
  let g = dT;
  for (let s = gates.length; s >= 1; s--) {
    const total = g.reduce((a, v, j) => a + v * gates[s - 1][j], 0);
    g = g.map(() => total);
    out.push(g);
  }
  return out;
}
export function drops_c0_row(gates: number[][], dT: number[]): number[][] {
  const out = [dT.slice()];
  let g = dT;
  for (let s = gates.length; s >= 2; s--) { g = g.map((v, j) => v * gates[s - 1][j]); out.push(g); }
  return out;
}
export function gate_index_shift(gates: number[][], dT: number[]): number[][] {
  const out = [dT.slice()];
  let g = dT;
  for (let s = gates.length; s >= 1; s--) { g = g.map((v, j) => v * (gates[s - 2]?.[j] ?? 1)); out.push(g); }
  return out;
}
export function returns_dT_row(gates: number[][], dT: number[]): number[][] {
  const out = [dT];
  let g = dT;
  for (let s = gates.length; s >= 1; s--) { g = g.map((v, j) => v * gates[s - 1][j]); out.push(g); }
  return out;
}
export function pushes_same_row(gates: number[][], dT: number[]): number[][] {
  const g = dT.slice();
  const out = [dT.slice()];
  for (let s = gates.length; s >= 1; s--) { for (let j = 0; j < g.length; j++) g[j] *= gates[s - 1][j]; out.push(g); }
  return out;
}
export function scales_dT_in_place(gates: number[][], dT: number[]): number[][] {
  const out = [dT.slice()];
  for (let s = gates.length; s >= 1; s--) { for (let j = 0; j < dT.length; j++) dT[j] *= gates[s - 1][j]; out.push(dT.slice()); }
  return out;
}
