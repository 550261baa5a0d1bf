/** Mistaken variants of vocabulary, one per mistake listed in its grader. */
interface Opt { noReserved?: boolean; oov?: number; sizeWordsOnly?: boolean; firstAppearance?: boolean }
function build(train: string[][], texts: string[][], maxSize: number, o: Opt) {
  const counts = new Map<string, number>();
  for (const t of train) for (const w of t) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (o.firstAppearance ? 0 : a < b ? -1 : a > b ? 1 : 0));
  const reserved = o.noReserved ? [] : ['<pad>', '<unk>'];
  const vocab = o.sizeWordsOnly ? [...reserved, ...words.slice(0, maxSize)] : [...reserved, ...words].slice(0, maxSize);
  const index = new Map(vocab.map((w, i) => [w, i]));
  return { vocab, ids: texts.map((t) => t.map((w) => index.get(w) ?? (o.oov ?? 1))) };
}
export const no_reserved_tokens = (a: string[][], b: string[][], n: number) => build(a, b, n, { noReserved: true, oov: -1 });
export const oov_as_minus_one = (a: string[][], b: string[][], n: number) => build(a, b, n, { oov: -1 });
export const max_size_excludes_reserved = (a: string[][], b: string[][], n: number) => build(a, b, n, { sizeWordsOnly: true });
export const ties_by_first_appearance = (a: string[][], b: string[][], n: number) => build(a, b, n, { firstAppearance: true });

// Mistakes added for issue 23: indices, order, what is counted and from where, input modified.
function build2(train: string[][], texts: string[][], maxSize: number, o: { reserved?: string[]; increasing?: boolean; allTexts?: boolean; perText?: boolean; locale?: boolean }) {
  const counts = new Map<string, number>();
  for (const t of o.allTexts ? [...train, ...texts] : train) for (const w of o.perText ? new Set(t) : t) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byWord = (a: string, b: string) => (o.locale ? a.localeCompare(b) : a < b ? -1 : a > b ? 1 : 0);
  const words = [...counts.keys()].sort((a, b) => (o.increasing ? -1 : 1) * (counts.get(b)! - counts.get(a)!) || byWord(a, b));
  const vocab = [...(o.reserved ?? ['<pad>', '<unk>']), ...words].slice(0, maxSize);
  const index = new Map(vocab.map((w, i) => [w, i]));
  return { vocab, ids: texts.map((t) => t.map((w) => index.get(w) ?? 1)) };
}
export const index_from_one = (a: string[][], b: string[][], n: number) => build2(a, b, n, { reserved: ['<pad>'] });
export const increasing_count = (a: string[][], b: string[][], n: number) => build2(a, b, n, { increasing: true });
export const vocab_from_all_texts = (a: string[][], b: string[][], n: number) => build2(a, b, n, { allTexts: true });
export const counts_texts_not_occurrences = (a: string[][], b: string[][], n: number) => build2(a, b, n, { perText: true });
export const locale_compare_ties = (a: string[][], b: string[][], n: number) => build2(a, b, n, { locale: true });
export function encodes_in_place(a: string[][], b: string[][], n: number) {
  const { vocab, ids } = build2(a, b, n, {});
  b.forEach((t, i) => t.forEach((_, j) => { (t as unknown as number[])[j] = ids[i][j]; }));
  return { vocab, ids };
}
export function plain_object_counts(a: string[][], b: string[][], n: number) {
  const counts: Record<string, number> = {};
  for (const t of a) for (const w of t) counts[w] = (counts[w] || 0) + 1;
  const words = Object.keys(counts).sort((x, y) => counts[y] - counts[x] || (x < y ? -1 : x > y ? 1 : 0));
  const vocab = ['<pad>', '<unk>', ...words].slice(0, n);
  const index: Record<string, number> = {};
  vocab.forEach((w, i) => { index[w] = i; });
  return { vocab, ids: b.map((t) => t.map((w) => index[w] ?? 1)) };
}
