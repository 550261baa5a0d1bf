// REFERENCE SOLUTION. Try the exercise in exercises/03_gru/gru_param_count.ts first.
/** gru_param_count: 3(h(n + h) + h), plus 3h for the recurrent bias of the reset-after GRU. */
export function gruParamCount(inputSize: number, hiddenSize: number, resetAfter: boolean): number {
  return 3 * (hiddenSize * (inputSize + hiddenSize) + hiddenSize) + (resetAfter ? 3 * hiddenSize : 0);
}
