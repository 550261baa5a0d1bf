/** Correct alternatives to the reference gru_param_count: every one must pass the grader. */
export const termByTerm = (inputSize: number, hiddenSize: number, resetAfter: boolean): number =>
  3 * inputSize * hiddenSize + 3 * hiddenSize * hiddenSize + 3 * hiddenSize * (resetAfter ? 2 : 1);
/** Per block, then three blocks, then the recurrent bias. */
export function perBlock(inputSize: number, hiddenSize: number, resetAfter: boolean): number {
  const block = inputSize * hiddenSize + hiddenSize * hiddenSize + hiddenSize;
  return 3 * block + (resetAfter ? 3 * hiddenSize : 0);
}
