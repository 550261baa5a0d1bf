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
