/** Mistaken variants of lstm_param_count, one per mistake listed in its grader. */
export const forgets_bias = (n: number, h: number, two = false) => 4 * h * (n + h) + (two ? 4 * h : 0);
export const three_gates = (n: number, h: number, two = false) => 3 * (h * (n + h) + h * (two ? 2 : 1));
export const forgets_recurrent_kernel = (n: number, h: number, two = false) => 4 * (h * n + h * (two ? 2 : 1));
export const ignores_two_biases = (n: number, h: number) => 4 * (h * (n + h) + h);

// Mistakes added for issue 23: n and h mixed up, the bias per gate, the twoBiases flag.
export const square_assumption = (n: number, h: number, two = false) => 4 * (h * (h + h) + h * (two ? 2 : 1));
export const bias_once = (n: number, h: number, two = false) => 4 * h * (n + h) + h * (two ? 2 : 1);
export const two_biases_add_h = (n: number, h: number, two = false) => 4 * (h * (n + h) + h) + (two ? h : 0);
export const two_biases_double_all = (n: number, h: number, two = false) => 4 * (h * (n + h) + h) * (two ? 2 : 1);
export const default_two_biases = (n: number, h: number, two = true) => 4 * (h * (n + h) + h * (two ? 2 : 1));
