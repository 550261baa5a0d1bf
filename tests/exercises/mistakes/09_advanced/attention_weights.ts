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
