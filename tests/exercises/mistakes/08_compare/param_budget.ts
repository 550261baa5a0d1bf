/** Mistaken variants of param_budget, one per mistake listed in its grader. */
type Cell = 'rnn' | 'lstm' | 'gru';
function largest(cell: Cell, n: number, P: number, o: { gru4?: boolean; strict?: boolean; overshoot?: boolean; noBias?: boolean }) {
  const k = { rnn: 1, lstm: 4, gru: o.gru4 ? 4 : 3 }[cell];
  const count = (h: number) => k * (h * (n + h) + (o.noBias ? 0 : h));
  const fits = (h: number) => (o.strict ? count(h) < P : count(h) <= P);
  let h = 0;
  while (fits(h + 1)) h++;
  return o.overshoot ? h + 1 : h;
}
export const gru_four_gates = (c: Cell, n: number, P: number) => largest(c, n, P, { gru4: true });
export const strict_inequality = (c: Cell, n: number, P: number) => largest(c, n, P, { strict: true });
export const first_over_budget = (c: Cell, n: number, P: number) => largest(c, n, P, { overshoot: true });
export const forgets_bias = (c: Cell, n: number, P: number) => largest(c, n, P, { noBias: true });

// Mistakes added for issue 23: the closed form, the blocks per cell, n and h, h = 0.
export function rounds_closed_form(c: Cell, n: number, P: number): number {
  const k = { rnn: 1, lstm: 4, gru: 3 }[c];
  return Math.max(0, Math.round((-(n + 1) + Math.sqrt((n + 1) ** 2 + (4 * P) / k)) / 2));
}
function search(k: number, count: (h: number) => number, P: number, from = 0): number {
  let h = from;
  while (count(h + 1) <= P) h++;
  return h;
}
export function lstm_three_gates(c: Cell, n: number, P: number): number {
  const k = { rnn: 1, lstm: 3, gru: 3 }[c];
  return search(k, (h) => k * (h * (n + h) + h), P);
}
export function square_assumption(c: Cell, n: number, P: number): number {
  const k = { rnn: 1, lstm: 4, gru: 3 }[c];
  return search(k, (h) => k * (h * (h + h) + h), P);
}
export function gru_reset_after_count(c: Cell, n: number, P: number): number {
  const k = { rnn: 1, lstm: 4, gru: 3 }[c];
  return search(k, (h) => k * (h * (n + h) + h) + (c === 'gru' ? 3 * h : 0), P);
}
export function at_least_one(c: Cell, n: number, P: number): number {
  const k = { rnn: 1, lstm: 4, gru: 3 }[c];
  return search(k, (h) => k * (h * (n + h) + h), P, 1);
}
