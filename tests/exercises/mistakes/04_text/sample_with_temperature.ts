/** Mistaken variants of sample_with_temperature, one per mistake listed in its grader. */
function probs(logits: number[], tau: number, o: { multiply?: boolean; unstable?: boolean }): number[] {
  const s = logits.map((v) => (o.multiply ? v * tau : v / tau));
  const m = o.unstable ? 0 : Math.max(...s);
  const e = s.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
function invCdf(p: number[], u: number): number {
  let cum = 0;
  for (let j = 0; j < p.length; j++) { cum += p[j]; if (u < cum) return j; }
  return p.length - 1;
}

export const multiplies_by_temperature = (l: number[], t: number, u: number) => invCdf(probs(l, t, { multiply: true }), u);
export const unstable_softmax = (l: number[], t: number, u: number) => invCdf(probs(l, t, { unstable: true }), u);
export function cdf_off_by_one(l: number[], t: number, u: number): number {
  const p = probs(l, t, {});
  let cum = 0;
  for (let j = 0; j < p.length; j++) { if (u <= cum) return j; cum += p[j]; }
  return p.length - 1;
}
export function ignores_random_number(l: number[], t: number): number {
  const p = probs(l, t, {});
  return p.indexOf(Math.max(...p));
}

// Mistakes added for issue 23: τ left out, the shift of the softmax, the boundary, input modified.
function shifted(l: number[], t: number, shift: (s: number[]) => number): number[] {
  const s = l.map((v) => v / t);
  const c = shift(s);
  const e = s.map((v) => Math.exp(v - c));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
export const ignores_temperature = (l: number[], t: number, u: number) => invCdf(probs(l, 1, {}), u);
export const subtracts_min = (l: number[], t: number, u: number) => invCdf(shifted(l, t, (s) => Math.min(...s)), u);
export const subtracts_mean = (l: number[], t: number, u: number) => invCdf(shifted(l, t, (s) => s.reduce((a, b) => a + b, 0) / s.length), u);
export const max_starts_at_zero = (l: number[], t: number, u: number) => invCdf(shifted(l, t, (s) => s.reduce((m, v) => (v > m ? v : m), 0)), u);
export function less_or_equal(l: number[], t: number, u: number): number {
  const p = probs(l, t, {});
  let cum = 0;
  for (let j = 0; j < p.length; j++) { cum += p[j]; if (u <= cum) return j; }
  return p.length - 1;
}
export function sorts_logits_in_place(l: number[], t: number, u: number): number {
  const max = l.sort((a, b) => b - a)[0] / t;
  const e = l.map((v) => Math.exp(v / t - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return invCdf(e.map((v) => v / sum), u);
}
export function no_last_index_fallback(l: number[], t: number, u: number): number {
  const p = probs(l, t, {});
  let cum = 0;
  for (let j = 0; j < p.length; j++) { cum += p[j]; if (u < cum) return j; }
  return -1;
}
