/** Mistaken variants of gradient_norm_through_time, one per mistake listed in its grader. */
const l2 = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const l1 = (v: number[]) => v.reduce((s, x) => s + Math.abs(x), 0);
const back = (U: number[][], g: number[]) => U.map((row) => row.reduce((s, u, j) => s + u * g[j], 0)); // g Uᵀ
const backT = (U: number[][], g: number[]) => U.map((_, k) => U.reduce((s, row, j) => s + g[j] * row[k], 0)); // g U

function norms(U: number[][], g: number[], steps: number, o: { step?: typeof back; norm?: typeof l2; skip0?: boolean }) {
  const out = [(o.norm ?? l2)(g)];
  for (let m = 1; m <= steps; m++) { g = (o.step ?? back)(U, g); out.push((o.norm ?? l2)(g)); }
  return o.skip0 ? out.slice(1) : out;
}
export const transposed_jacobian = (U: number[][], g: number[], n: number) => norms(U, g, n, { step: backT });
export const missing_lag_zero = (U: number[][], g: number[], n: number) => norms(U, g, n, { skip0: true });
export const l1_norm = (U: number[][], g: number[], n: number) => norms(U, g, n, { norm: l1 });
export function uses_norm_bound(U: number[][], g: number[], n: number): number[] {
  const fro = Math.sqrt(U.flat().reduce((s, x) => s + x * x, 0));
  return Array.from({ length: n + 1 }, (_, m) => l2(g) * fro ** m);
}

// Mistakes added for issue 23: the norm, the number of lags, in-place updates, input modified.
export const squared_norm = (U: number[][], g: number[], n: number) => norms(U, g, n, { norm: (v) => v.reduce((s, x) => s + x * x, 0) });
export const max_abs_norm = (U: number[][], g: number[], n: number) => norms(U, g, n, { norm: (v) => Math.max(...v.map(Math.abs)) });
export const extra_lag = (U: number[][], g: number[], n: number) => norms(U, g, n + 1, {});
export function in_place_update(U: number[][], gT: number[], steps: number): number[] {
  const g = gT.slice();
  const out = [l2(g)];
  for (let m = 1; m <= steps; m++) {
    for (let k = 0; k < g.length; k++) g[k] = U[k].reduce((s, u, j) => s + u * g[j], 0); // reads entries already updated
    out.push(l2(g));
  }
  return out;
}
export function overwrites_gT(U: number[][], gT: number[], steps: number): number[] {
  const out = [l2(gT)];
  for (let m = 1; m <= steps; m++) {
    const next = back(U, gT);
    next.forEach((v, k) => { gT[k] = v; });
    out.push(l2(gT));
  }
  return out;
}
