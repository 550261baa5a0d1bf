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
