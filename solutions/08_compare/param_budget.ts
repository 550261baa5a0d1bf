// REFERENCE SOLUTION. Try the exercise in exercises/08_compare/param_budget.ts first.
/** param_budget: the largest hiddenSize whose parameter count k(h(n + h) + h) fits in the budget. */
export function hiddenSizeForBudget(cell: 'rnn' | 'lstm' | 'gru', inputSize: number, budget: number): number {
  const k = { rnn: 1, lstm: 4, gru: 3 }[cell];
  const count = (h: number) => k * (h * (inputSize + h) + h);
  let h = 0;
  while (count(h + 1) <= budget) h++;
  return h;
}
