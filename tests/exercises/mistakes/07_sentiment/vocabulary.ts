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
