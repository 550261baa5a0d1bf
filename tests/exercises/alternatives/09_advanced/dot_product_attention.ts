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
/** Loops; the maximum started at the first score. */
export function loops(query: number[], keys: number[][], values: number[][], scaled: boolean) {
  const T = keys.length, d = query.length;
  const e: number[] = [];
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += query[j] * keys[t][j];
    e.push(scaled ? s / Math.sqrt(d) : s);
  }
  let m = e[0];
  for (const v of e) if (v > m) m = v;
  let sum = 0;
  const weights = e.map((v) => { const w = Math.exp(v - m); sum += w; return w; }).map((w) => w / sum);
  const context: number[] = [];
  for (let j = 0; j < values[0].length; j++) {
    let c = 0;
    for (let t = 0; t < T; t++) c += weights[t] * values[t][j];
    context.push(c);
  }
  return { weights, context };
}
