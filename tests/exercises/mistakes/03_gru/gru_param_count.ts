/** Mistaken variants of gru_param_count, one per mistake listed in its grader. */
export const four_gates = (n: number, h: number, ra: boolean) => 4 * (h * (n + h) + h) + (ra ? 4 * h : 0);
export const forgets_bias = (n: number, h: number, ra: boolean) => 3 * h * (n + h) + (ra ? 3 * h : 0);
export const ignores_reset_after = (n: number, h: number) => 3 * (h * (n + h) + h);

// Mistakes added for issue 23: n and h mixed up, the bias per block, the resetAfter flag.
export const square_assumption = (n: number, h: number, ra: boolean) => 3 * (h * (h + h) + h) + (ra ? 3 * h : 0);
export const bias_once = (n: number, h: number, ra: boolean) => 3 * h * (n + h) + h + (ra ? 3 * h : 0);
export const reset_after_adds_h = (n: number, h: number, ra: boolean) => 3 * (h * (n + h) + h) + (ra ? h : 0);
export const reset_after_adds_three = (n: number, h: number, ra: boolean) => 3 * (h * (n + h) + h) + (ra ? 3 : 0);
export const inverted_reset_flag = (n: number, h: number, ra: boolean) => 3 * (h * (n + h) + h) + (ra ? 0 : 3 * h);
