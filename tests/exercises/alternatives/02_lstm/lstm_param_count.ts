/** Correct alternatives to the reference lstm_param_count: every one must pass the grader. */
/** Term by term: W, U and the biases of the four gates. */
export function termByTerm(inputSize: number, hiddenSize: number, twoBiases?: boolean): number {
  const W = 4 * inputSize * hiddenSize, U = 4 * hiddenSize * hiddenSize, b = 4 * hiddenSize;
  return W + U + (twoBiases ? 2 * b : b);
}
/** The factored form 4h(n + h + 1), plus 4h for the second bias. */
export const factored = (inputSize: number, hiddenSize: number, twoBiases = false): number =>
  4 * hiddenSize * (inputSize + hiddenSize + 1) + (twoBiases ? 4 * hiddenSize : 0);
