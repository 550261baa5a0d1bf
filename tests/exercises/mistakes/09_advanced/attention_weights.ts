/** Mistaken variants of attention_weights, one per mistake listed in its grader. */
export function no_max_subtraction(e: number[]): number[] {
  const x = e.map(Math.exp);
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
}
export function normalises_scores(e: number[]): number[] {
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
export function forgets_normalisation(e: number[]): number[] {
  const m = Math.max(...e);
  return e.map((v) => Math.exp(v - m));
}

// Mistakes added for issue 23: sigmoid per score, the shift, input modified.
function shiftedSoftmax(e: number[], c: number): number[] {
  const x = e.map((v) => Math.exp(v - c));
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
}
export const sigmoid_each = (e: number[]) => e.map((v) => 1 / (1 + Math.exp(-v)));
export const max_starts_at_zero = (e: number[]) => shiftedSoftmax(e, e.reduce((m, v) => (v > m ? v : m), 0));
export const subtracts_min = (e: number[]) => shiftedSoftmax(e, Math.min(...e));
export const subtracts_mean = (e: number[]) => shiftedSoftmax(e, e.reduce((a, b) => a + b, 0) / e.length);
export function exponentiates_in_place(e: number[]): number[] {
  const m = Math.max(...e);
  let s = 0;
  for (let t = 0; t < e.length; t++) { e[t] = Math.exp(e[t] - m); s += e[t]; }
  for (let t = 0; t < e.length; t++) e[t] /= s;
  return e.slice();
}
