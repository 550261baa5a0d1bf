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

// Mistakes added for issue 23: ties, negative logits, k above vocabSize, the shift, input modified.
export function ties_higher_index(l: number[], k: number): number[] {
  const asc = l.map((_, j) => j).sort((a, b) => l[a] - l[b]);
  return softmaxOver(l, asc.reverse().slice(0, k));
}
export function argmax_from_zero(l: number[], k: number): number[] {
  const taken = new Set<number>();
  for (let r = 0; r < Math.min(k, l.length); r++) {
    let best = 0, bestValue = 0;
    for (let j = 0; j < l.length; j++) if (!taken.has(j) && l[j] > bestValue) { best = j; bestValue = l[j]; }
    taken.add(best);
  }
  return softmaxOver(l, [...taken]);
}
export function k_above_vocab(l: number[], k: number): number[] {
  const order = desc(l);
  const kept: number[] = [];
  for (let r = 0; r < k; r++) kept.push(order[r]);
  const m = l[kept[0]];
  const p = new Array<number>(l.length).fill(0);
  let s = 0;
  for (const j of kept) { p[j] = Math.exp(l[j] - m); s += p[j]; }
  return p.map((v) => v / s);
}
export function subtracts_min(l: number[], k: number): number[] {
  const kept = desc(l).slice(0, k);
  const m = Math.min(...kept.map((j) => l[j]));
  const p = new Array<number>(l.length).fill(0);
  let s = 0;
  for (const j of kept) { p[j] = Math.exp(l[j] - m); s += p[j]; }
  return p.map((v) => v / s);
}
export function sorts_logits_in_place(l: number[], k: number): number[] {
  const original = l.slice();
  const kth = l.sort((a, b) => b - a)[Math.min(k, l.length) - 1];
  const kept: number[] = [];
  original.forEach((v, j) => { if (v >= kth && kept.length < k) kept.push(j); });
  return softmaxOver(original, kept);
}
