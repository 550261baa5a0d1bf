/** Correct alternatives to the reference gru_param_count: every one must pass the grader. */
export const termByTerm = (inputSize: number, hiddenSize: number, resetAfter: boolean): number =>
  3 * inputSize * hiddenSize + 3 * hiddenSize * hiddenSize + 3 * hiddenSize * (resetAfter ? 2 : 1);
