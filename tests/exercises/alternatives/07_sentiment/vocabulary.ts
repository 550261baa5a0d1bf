/** Correct alternatives to the reference vocabulary: every one must pass the grader. */
/** Counts in a plain object, entries sorted as [word, count] pairs, an index object. */
export function withObjects(trainTexts: string[][], texts: string[][], maxSize: number) {
  const counts: Record<string, number> = Object.create(null);
  trainTexts.flat().forEach((w) => { counts[w] = (counts[w] ?? 0) + 1; });
  const words = Object.entries(counts)
    .sort(([a, ca], [b, cb]) => (ca !== cb ? cb - ca : a < b ? -1 : 1))
    .map(([w]) => w);
  const vocab = ['<pad>', '<unk>', ...words.slice(0, Math.max(0, maxSize - 2))];
  const id: Record<string, number> = Object.create(null);
  vocab.forEach((w, i) => { id[w] = i; });
  return { vocab, ids: texts.map((t) => t.map((w) => (w in id ? id[w] : 1))) };
}
