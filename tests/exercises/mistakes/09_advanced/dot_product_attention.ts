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

// Mistakes added for issue 23: the scale, the context's size, the shift, inputs modified or returned.
function attend2(q: number[], K: number[][], V: number[][], scaled: boolean, o: { byT?: boolean; weightsScaled?: boolean; ctxFromQ?: boolean; shift?: (e: number[]) => number }) {
  const scale = scaled ? Math.sqrt(o.byT ? K.length : q.length) : 1;
  const e = K.map((k) => k.reduce((s, x, j) => s + x * q[j], 0) / (o.weightsScaled ? 1 : scale));
  const m = o.shift ? o.shift(e) : Math.max(...e);
  const x = e.map((v) => Math.exp(v - m));
  const sum = x.reduce((a, b) => a + b, 0);
  const weights = x.map((v) => v / sum / (o.weightsScaled ? scale : 1));
  const size = o.ctxFromQ ? q.length : V[0].length;
  return { weights, context: Array.from({ length: size }, (_, j) => V.reduce((s, v, t) => s + weights[t] * v[j], 0)) };
}
export const scales_by_key_count = (q: number[], K: number[][], V: number[][], s: boolean) => attend2(q, K, V, s, { byT: true });
export const scales_weights = (q: number[], K: number[][], V: number[][], s: boolean) => attend2(q, K, V, s, { weightsScaled: true });
export const context_size_from_query = (q: number[], K: number[][], V: number[][], s: boolean) => attend2(q, K, V, s, { ctxFromQ: true });
export const subtracts_mean = (q: number[], K: number[][], V: number[][], s: boolean) => attend2(q, K, V, s, { shift: (e) => e.reduce((a, b) => a + b, 0) / e.length });
export const max_starts_at_zero = (q: number[], K: number[][], V: number[][], s: boolean) => attend2(q, K, V, s, { shift: (e) => e.reduce((m, v) => (v > m ? v : m), 0) });
export function weights_values_in_place(q: number[], K: number[][], V: number[][], s: boolean) {
  const { weights } = attend(q, K, V, s, {});
  V.forEach((v, t) => v.forEach((x, j) => { v[j] = x * weights[t]; }));
  return { weights, context: V[0].map((_, j) => V.reduce((acc, v) => acc + v[j], 0)) };
}
export function single_key_shortcut(q: number[], K: number[][], V: number[][], s: boolean) {
  return K.length === 1 ? { weights: [1], context: V[0] } : attend(q, K, V, s, {});
}
