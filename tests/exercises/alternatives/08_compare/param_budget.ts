/** Correct alternatives to the reference param_budget: every one must pass the grader. */
/** Closed form, then check the integers around it (floating point can land just below an exact root). */
export function closedForm(cell: 'rnn' | 'lstm' | 'gru', inputSize: number, budget: number): number {
  const k = cell === 'rnn' ? 1 : cell === 'lstm' ? 4 : 3;
  const count = (h: number) => k * (h * (inputSize + h) + h);
  let h = Math.max(0, Math.floor((-(inputSize + 1) + Math.sqrt((inputSize + 1) ** 2 + (4 * budget) / k)) / 2));
  while (h > 0 && count(h) > budget) h--;
  while (count(h + 1) <= budget) h++;
  return h;
}
/** Binary search. */
export function binarySearch(cell: 'rnn' | 'lstm' | 'gru', inputSize: number, budget: number): number {
  const k = { rnn: 1, lstm: 4, gru: 3 }[cell];
  let lo = 0, hi = 1;
  while (k * (hi * (inputSize + hi) + hi) <= budget) hi *= 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (k * (mid * (inputSize + mid) + mid) <= budget) lo = mid; else hi = mid;
  }
  return lo;
}
