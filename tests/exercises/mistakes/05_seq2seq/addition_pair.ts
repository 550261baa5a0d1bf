/** Mistaken variants of addition_pair, one per mistake listed in its grader. */
export const target_too_short = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padEnd(2 * d + 1), target: String(a + b).padEnd(d) });
export const pads_left = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padStart(2 * d + 1), target: String(a + b).padStart(d + 1) });
export const source_off_by_one = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padEnd(2 * d), target: String(a + b).padEnd(d + 1) });

// Mistakes added for issue 23: lengths, the pad character, the plus sign, digits, the zero sum.
export const source_too_long = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padEnd(2 * d + 2), target: String(a + b).padEnd(d + 1) });
export const pads_with_zeros = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padEnd(2 * d + 1, '0'), target: String(a + b).padEnd(d + 1, '0') });
export const spaces_around_plus = (a: number, b: number, d: number) => ({ source: `${a} + ${b}`.padEnd(2 * d + 1), target: String(a + b).padEnd(d + 1) });
export function digits_from_operand(a: number, b: number): { source: string; target: string } {
  const d = String(a).length;
  return { source: `${a}+${b}`.padEnd(2 * d + 1), target: String(a + b).padEnd(d + 1) };
}
export const zero_sum_empty = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padEnd(2 * d + 1), target: String(a + b || '').padEnd(d + 1) });
