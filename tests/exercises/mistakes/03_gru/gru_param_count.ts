/** Mistaken variants of gru_param_count, one per mistake listed in its grader. */
export const four_gates = (n: number, h: number, ra: boolean) => 4 * (h * (n + h) + h) + (ra ? 4 * h : 0);
export const forgets_bias = (n: number, h: number, ra: boolean) => 3 * h * (n + h) + (ra ? 3 * h : 0);
export const ignores_reset_after = (n: number, h: number) => 3 * (h * (n + h) + h);
