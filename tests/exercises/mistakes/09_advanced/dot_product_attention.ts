/** Mistaken variants of dot_product_attention, one per mistake listed in its grader. */
function attend(q: number[], K: number[][], V: number[][], scaled: boolean, o: { fromKeys?: boolean; noScale?: boolean; byD?: boolean; unstable?: boolean }) {
  const d = q.length;
  const scale = !scaled || o.noScale ? 1 : o.byD ? d : Math.sqrt(d);
  const e = K.map((k) => k.reduce((s, x, j) => s + x * q[j], 0) / scale);
  const m = o.unstable ? 0 : Math.max(...e);
  const x = e.map((v) => Math.exp(v - m));
  const sum = x.reduce((a, b) => a + b, 0);
  const weights = x.map((v) => v / sum);
  const src = o.fromKeys ? K : V;
  return { weights, context: src[0].map((_, j) => src.reduce((s, v, t) => s + weights[t] * v[j], 0)) };
}
export const context_from_keys = (q: number[], K: number[][], V: number[][], s: boolean) => attend(q, K, V, s, { fromKeys: true });
export const forgets_scaling = (q: number[], K: number[][], V: number[][], s: boolean) => attend(q, K, V, s, { noScale: true });
export const scales_by_d = (q: number[], K: number[][], V: number[][], s: boolean) => attend(q, K, V, s, { byD: true });
export const unstable_softmax = (q: number[], K: number[][], V: number[][], s: boolean) => attend(q, K, V, s, { unstable: true });
