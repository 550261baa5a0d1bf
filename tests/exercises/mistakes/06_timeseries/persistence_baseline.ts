/** Mistaken variants of persistence_baseline, one per mistake listed in its grader. */
function errors(s: number[], h: number, o: { signed?: boolean; noSqrt?: boolean; lag1?: boolean; byN?: boolean }) {
  const lag = o.lag1 ? 1 : h;
  let a = 0, q = 0, n = 0;
  for (let t = h; t < s.length; t++) { const e = s[t] - s[t - lag]; a += o.signed ? e : Math.abs(e); q += e * e; n++; }
  if (o.byN) n = s.length;
  return { mae: a / n, rmse: o.noSqrt ? q / n : Math.sqrt(q / n) };
}
export const no_abs = (s: number[], h: number) => errors(s, h, { signed: true });
export const forgets_sqrt = (s: number[], h: number) => errors(s, h, { noSqrt: true });
export const ignores_horizon = (s: number[], h: number) => errors(s, h, { lag1: true });
export const divides_by_n = (s: number[], h: number) => errors(s, h, { byN: true });
