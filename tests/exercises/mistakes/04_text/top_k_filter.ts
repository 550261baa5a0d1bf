/** Mistaken variants of top_k_filter, one per mistake listed in its grader. */
function softmaxOver(logits: number[], kept: number[], stable = true): number[] {
  const m = stable ? Math.max(...kept.map((j) => logits[j])) : 0;
  const p = new Array<number>(logits.length).fill(0);
  let s = 0;
  for (const j of kept) { p[j] = Math.exp(logits[j] - m); s += p[j]; }
  return p.map((v) => v / s);
}
const desc = (l: number[]) => l.map((_, j) => j).sort((a, b) => l[b] - l[a] || a - b);

export function no_renormalisation(l: number[], k: number): number[] {
  const all = softmaxOver(l, l.map((_, j) => j));
  const kept = new Set(desc(l).slice(0, k));
  return all.map((p, j) => (kept.has(j) ? p : 0));
}
export const keeps_smallest = (l: number[], k: number) => softmaxOver(l, desc(l).reverse().slice(0, k));
export const keeps_k_plus_one = (l: number[], k: number) => softmaxOver(l, desc(l).slice(0, k + 1));
export function keeps_ties_beyond_k(l: number[], k: number): number[] {
  const kth = l[desc(l)[k - 1]];
  return softmaxOver(l, l.map((_, j) => j).filter((j) => l[j] >= kth));
}
export const unstable_softmax = (l: number[], k: number) => softmaxOver(l, desc(l).slice(0, k), false);
