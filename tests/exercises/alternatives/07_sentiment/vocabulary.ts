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
/** A Map of counts, sort on [word, count] entries, indexOf for the encoding. */
export function mapAndIndexOf(trainTexts: string[][], texts: string[][], maxSize: number) {
  const counts = new Map<string, number>();
  for (const text of trainTexts) for (const w of text) counts.set(w, 1 + (counts.get(w) ?? 0));
  const entries = [...counts].sort((p, q) => q[1] - p[1] || (p[0] > q[0] ? 1 : p[0] < q[0] ? -1 : 0));
  const vocab = ['<pad>', '<unk>'];
  for (const [w] of entries) if (vocab.length < maxSize) vocab.push(w);
  return { vocab, ids: texts.map((t) => t.map((w) => { const i = vocab.indexOf(w); return i < 0 ? 1 : i; })) };
}
