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

// Mistakes added for issue 23: the MAE and RMSE formulas, the divisor, the lag, input modified.
function errs(s: number[], h: number, lag = h) {
  const e: number[] = [];
  for (let t = h; t < s.length; t++) e.push(s[t] - s[t - lag]);
  return e;
}
const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
export function abs_of_mean(s: number[], h: number) {
  const e = errs(s, h);
  return { mae: Math.abs(avg(e)), rmse: Math.sqrt(avg(e.map((v) => v * v))) };
}
export function rmse_is_mean_abs(s: number[], h: number) {
  const e = errs(s, h);
  return { mae: avg(e.map(Math.abs)), rmse: avg(e.map((v) => Math.sqrt(v * v))) };
}
export function subtracts_mean_error(s: number[], h: number) {
  const e = errs(s, h), m = avg(e);
  return { mae: avg(e.map(Math.abs)), rmse: Math.sqrt(avg(e.map((v) => (v - m) ** 2))) };
}
export function divides_by_one_less(s: number[], h: number) {
  const e = errs(s, h), n = e.length - 1;
  return { mae: e.reduce((a, v) => a + Math.abs(v), 0) / n, rmse: Math.sqrt(e.reduce((a, v) => a + v * v, 0) / n) };
}
export function lag_off_by_one(s: number[], h: number) {
  const e = errs(s, h, h - 1);
  return { mae: avg(e.map(Math.abs)), rmse: Math.sqrt(avg(e.map((v) => v * v))) };
}
export function splices_series(s: number[], h: number) {
  const past = s.slice(0, s.length - h);
  const future = s.splice(h); // removes the forecasts from the caller's array
  const e = future.map((v, i) => v - past[i]);
  return { mae: avg(e.map(Math.abs)), rmse: Math.sqrt(avg(e.map((v) => v * v))) };
}
