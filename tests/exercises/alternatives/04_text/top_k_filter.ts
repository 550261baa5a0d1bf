/** Correct alternatives to the reference top_k_filter: every one must pass the grader. */
/** Selection by repeated argmax from −Infinity (no sort), lowest index first on ties. */
export function repeatedArgmax(logits: number[], k: number): number[] {
  const kept = new Set<number>();
  for (let r = 0; r < Math.min(k, logits.length); r++) {
    let best = -1;
    for (let j = 0; j < logits.length; j++) if (!kept.has(j) && (best < 0 || logits[j] > logits[best])) best = j;
    kept.add(best);
  }
  const m = Math.max(...[...kept].map((j) => logits[j]));
  const w = logits.map((o, j) => (kept.has(j) ? Math.exp(o - m) : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / sum);
}
/** Sort (value, index) pairs on a copy; log-sum-exp over the kept logits. */
export function pairsAndLogSumExp(logits: number[], k: number): number[] {
  const kept = logits.map((o, j) => ({ o, j })).sort((a, b) => b.o - a.o || a.j - b.j).slice(0, k);
  const m = kept[0].o;
  const lse = m + Math.log(kept.reduce((s, e) => s + Math.exp(e.o - m), 0));
  const p = new Array<number>(logits.length).fill(0);
  for (const e of kept) p[e.j] = Math.exp(e.o - lse);
  return p;
}
