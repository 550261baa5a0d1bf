/** Correct alternatives to the reference addition_pair: every one must pass the grader. */
/** Pads by repeating spaces. */
export function withRepeat(a: number, b: number, digits: number): { source: string; target: string } {
  const q = `${a}+${b}`, s = `${a + b}`;
  return { source: q + ' '.repeat(2 * digits + 1 - q.length), target: s + ' '.repeat(digits + 1 - s.length) };
}
/** Array of characters filled with spaces. */
export function charArrays(a: number, b: number, digits: number): { source: string; target: string } {
  const fit = (s: string, n: number) => Array.from({ length: n }, (_, i) => s[i] ?? ' ').join('');
  return { source: fit(a + '+' + b, 2 * digits + 1), target: fit(String(a + b), digits + 1) };
}
