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
