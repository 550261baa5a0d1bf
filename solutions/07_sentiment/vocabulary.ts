// REFERENCE SOLUTION. Try the exercise in exercises/07_sentiment/vocabulary.ts first.
/**
 * vocabulary: '<pad>' = 0, '<unk>' = 1, then training words by decreasing count (ties: alphabetical),
 * at most maxSize entries in all; unknown words encode as 1.
 */
export function encodeWithVocab(trainTexts: string[][], texts: string[][], maxSize: number): { vocab: string[]; ids: number[][] } {
  const counts = new Map<string, number>();
  for (const text of trainTexts) for (const w of text) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const vocab = ['<pad>', '<unk>', ...words].slice(0, maxSize);
  const index = new Map(vocab.map((w, i) => [w, i]));
  return { vocab, ids: texts.map((text) => text.map((w) => index.get(w) ?? 1)) };
}
