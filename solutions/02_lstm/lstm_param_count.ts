// REFERENCE SOLUTION. Try the exercise in exercises/02_lstm/lstm_param_count.ts first.
/** lstm_param_count: 4(h(n + h) + h), plus 4h for PyTorch's second bias vector. */
export function lstmParamCount(inputSize: number, hiddenSize: number, twoBiases = false): number {
  const perGate = hiddenSize * (inputSize + hiddenSize) + hiddenSize * (twoBiases ? 2 : 1);
  return 4 * perGate;
}
