// REFERENCE SOLUTION. Try the exercise in exercises/05_seq2seq/addition_pair.ts first.
/** addition_pair: "a+b" padded right to 2·digits + 1 characters, "a+b's sum" padded to digits + 1. */
export function additionPair(a: number, b: number, digits: number): { source: string; target: string } {
  return { source: `${a}+${b}`.padEnd(2 * digits + 1, ' '), target: String(a + b).padEnd(digits + 1, ' ') };
}
