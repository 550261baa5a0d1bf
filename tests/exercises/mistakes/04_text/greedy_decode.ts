/** Mistaken variants of greedy_decode, one per mistake listed in its grader. */
type StepFn = (token: number, h: number[]) => { logits: number[]; h: number[] };
interface Opt { feedStart?: boolean; forgetState?: boolean; includeEnd?: boolean; ignoreEnd?: boolean }

function decode(step: StepFn, h0: number[], start: number, end: number, maxLen: number, o: Opt): number[] {
  const out: number[] = [];
  let token = start, h = h0;
  while (out.length < maxLen) {
    const r = step(o.feedStart ? start : token, o.forgetState ? h0 : h);
    h = r.h;
    const next = r.logits.indexOf(Math.max(...r.logits));
    if (next === end && !o.ignoreEnd) { if (o.includeEnd) out.push(next); break; }
    out.push(next);
    token = next;
  }
  return out;
}

export const feeds_start_token = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode(s, h0, a, e, n, { feedStart: true });
export const forgets_state = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode(s, h0, a, e, n, { forgetState: true });
export const includes_end_token = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode(s, h0, a, e, n, { includeEnd: true });
export const ignores_end_token = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode(s, h0, a, e, n, { ignoreEnd: true });

// Mistakes added for issue 23: token 0, negative logits, ties, maxLen 0, h0 modified.
function decode2(step: StepFn, h0: number[], start: number, end: number, maxLen: number, o: { falsy?: boolean; fromZero?: boolean; geq?: boolean; doWhile?: boolean; intoH0?: boolean }): number[] {
  const out: number[] = [];
  let token = start, h = h0;
  const argmax = (l: number[]) => {
    let best = 0, bv = o.fromZero ? 0 : l[0];
    for (let j = o.fromZero ? 0 : 1; j < l.length; j++) if (o.geq ? l[j] >= bv : l[j] > bv) { best = j; bv = l[j]; }
    return best;
  };
  do {
    const r = step(token, h);
    if (o.intoH0) { h0.splice(0, h0.length, ...r.h); h = h0; } else h = r.h;
    const next = argmax(r.logits);
    if (next === end || (o.falsy && !next)) break;
    out.push(next);
    token = next;
  } while (o.doWhile ? out.length < maxLen : out.length < maxLen);
  return o.doWhile ? out : out.slice(0, Math.max(0, maxLen));
}
export const stops_at_token_zero = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode2(s, h0, a, e, n, { falsy: true });
export const argmax_from_zero = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode2(s, h0, a, e, n, { fromZero: true });
export const last_index_on_ties = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode2(s, h0, a, e, n, { geq: true });
export const appends_before_length_check = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode2(s, h0, a, e, n, { doWhile: true });
export const overwrites_h0 = (s: StepFn, h0: number[], a: number, e: number, n: number) => decode2(s, h0, a, e, n, { intoH0: true });
