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
