/**
 * Exercise 05 · addition_pair — one training pair of the addition task of notebook 05.
 *
 * The encoder reads the question as characters, the decoder writes the answer. All questions and
 * answers have fixed lengths so that they can be batched: with numbers of at most `digits` digits,
 *
 *   source = "a+b" padded on the right with spaces to 2·digits + 1 characters,
 *   target = String(a + b) padded on the right with spaces to digits + 1 characters
 *
 * (the sum of two numbers of `digits` digits can have digits + 1 digits: 99 + 99 = 198).
 *
 * a and b are non-negative integers of at most `digits` digits.
 *
 * Hints:
 * - String.prototype.padEnd pads on the right.
 * - Count the lengths on the longest case: "99+99" is 2·2 + 1 = 5 characters, "198" is 2 + 1 = 3.
 *
 * Try it: additionPair(12, 7, 2) → { source: "12+7 ", target: "19 " }
 * Grade:  npm run grade -- addition_pair
 */
export function additionPair(a: number, b: number, digits: number): { source: string; target: string } {
  // TODO
  throw new Error('not implemented: addition_pair');
}
