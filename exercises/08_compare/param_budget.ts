/**
 * Exercise 08 · param_budget — compare cells at the same parameter budget.
 * Theory: theory/04_comparing_rnn_lstm_gru.md, Section 2 "Parameters".
 *
 *   P_RNN = h(n + h) + h,   P_LSTM = 4(h(n + h) + h),   P_GRU = 3(h(n + h) + h)   (reset-before GRU)
 *
 * A fair comparison at a fixed budget P gives each cell the largest hidden size that fits:
 * return the largest integer h ≥ 0 with P_cell(n, h) ≤ budget (0 if even h = 1 does not fit),
 * for cell ∈ {'rnn', 'lstm', 'gru'} and n = inputSize.
 *
 * Hints:
 * - k = 1, 4, 3 weight blocks for the RNN, the LSTM and the GRU.
 * - A count exactly equal to the budget fits (≤, not <).
 * - Return the last h that fits, not the first that does not. Either count up, or start from the
 *   closed form h = (−(n + 1) + sqrt((n + 1)² + 4P/k)) / 2 and check the integers around it.
 *
 * Try it: hiddenSizeForBudget('lstm', 65, 329728) → 256
 * Grade:  npm run grade -- param_budget
 */
export function hiddenSizeForBudget(cell: 'rnn' | 'lstm' | 'gru', inputSize: number, budget: number): number {
  // TODO
  throw new Error('not implemented: param_budget');
}
