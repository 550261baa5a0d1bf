/** Correct alternatives to the reference dot_product_attention: every one must pass the grader. */
/** Scale the query once; log-sum-exp weights; context accumulated row by row. */
export function scaledQuery(query: number[], keys: number[][], values: number[][], scaled: boolean) {
  const q = scaled ? query.map((v) => v / Math.sqrt(query.length)) : query;
  const e = keys.map((k) => k.reduce((s, kj, j) => s + kj * q[j], 0));
  const m = Math.max(...e);
  const lse = m + Math.log(e.reduce((s, v) => s + Math.exp(v - m), 0));
  const weights = e.map((v) => Math.exp(v - lse));
  const context = new Array<number>(values[0].length).fill(0);
  values.forEach((v, t) => v.forEach((x, j) => { context[j] += weights[t] * x; }));
  return { weights, context };
}
