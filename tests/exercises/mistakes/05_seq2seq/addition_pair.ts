/** Mistaken variants of addition_pair, one per mistake listed in its grader. */
export const target_too_short = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padEnd(2 * d + 1), target: String(a + b).padEnd(d) });
export const pads_left = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padStart(2 * d + 1), target: String(a + b).padStart(d + 1) });
export const source_off_by_one = (a: number, b: number, d: number) => ({ source: `${a}+${b}`.padEnd(2 * d), target: String(a + b).padEnd(d + 1) });
